import { UsageError } from '../errors.js';

/** One step of a simple JSONPath: a field name or an array index. */
export type PathStep = string | number;

/**
 * Parse kubectl's `--sort-by` expression: `{.metadata.name}`, `.status.phase`,
 * `{.status.containerStatuses[0].restartCount}`, `{.metadata.labels.app\.kubernetes\.io/name}` or
 * `{.metadata.annotations['a.b/c']}`. Filters, wildcards and unions are refused (a `UsageError`).
 */
export function parseSortBy(expr: string): PathStep[] {
  let s = expr.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  if (s.startsWith('$')) s = s.slice(1);
  if (!s.startsWith('.') && !s.startsWith('[')) s = `.${s}`;
  const steps: PathStep[] = [];
  let i = 0;
  const bad = (why: string) => new UsageError(`invalid --sort-by ${JSON.stringify(expr)}: ${why}`);
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      i++;
      let name = '';
      while (i < s.length && s[i] !== '.' && s[i] !== '[') {
        if (s[i] === '\\' && i + 1 < s.length) {
          name += s[i + 1];
          i += 2;
        } else {
          name += s[i];
          i++;
        }
      }
      if (name === '') {
        if (steps.length === 0 && i >= s.length) break; // "." alone: the object itself
        throw bad('empty field name');
      }
      if (name === '*' || name.includes('..')) throw bad('wildcards are not supported');
      steps.push(name);
    } else if (c === '[') {
      const end = s.indexOf(']', i);
      if (end < 0) throw bad('unclosed [');
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      if (/^\d+$/.test(inner)) steps.push(Number(inner));
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push(inner.slice(1, -1));
      else throw bad(`unsupported subscript [${inner}]`);
    } else {
      throw bad(`unexpected ${JSON.stringify(c)}`);
    }
  }
  return steps;
}

export function valueAt(obj: unknown, path: readonly PathStep[]): unknown {
  let cur: unknown = obj;
  for (const step of path) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[step];
    } else {
      if (typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[step];
    }
  }
  return cur;
}

const QUANTITY = /^([+-]?\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;
const FACTORS: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * Compare two sort keys as kubectl does: missing values first, numbers numerically, resource
 * quantities (`100m`, `2Gi`) by amount, timestamps and other strings lexically, booleans false first.
 */
export function compareSortValues(a: unknown, b: unknown): number {
  const am = a === undefined || a === null;
  const bm = b === undefined || b === null;
  if (am || bm) return am === bm ? 0 : am ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = QUANTITY.exec(a);
    const qb = QUANTITY.exec(b);
    if (qa && qb) {
      const va = Number(qa[1]) * (FACTORS[qa[2] ?? ''] ?? 1);
      const vb = Number(qb[1]) * (FACTORS[qb[2] ?? ''] ?? 1);
      if (va !== vb) return va - vb;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** A stable sort of `items` by the value at `path` in `objectOf(item)`. */
export function sortByPath<T>(
  items: readonly T[],
  path: readonly PathStep[],
  objectOf: (item: T) => unknown,
): T[] {
  const keyed = items.map((item, i) => ({ item, i, key: valueAt(objectOf(item), path) }));
  keyed.sort((x, y) => compareSortValues(x.key, y.key) || x.i - y.i);
  return keyed.map((k) => k.item);
}
