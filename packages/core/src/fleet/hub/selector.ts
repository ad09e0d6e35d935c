/**
 * `--cluster-selector`: a Kubernetes label selector over a hub's clusters. A key without a prefix is a
 * label of the ClusterProfile; `property:<name>` is one of its `status.properties` (KEP-4322's region,
 * environment, clusterset…). Syntax as kubectl's `-l`: `k=v`, `k==v`, `k!=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k`, `!k`, joined by commas.
 */
import { UsageError } from '../../errors.js';
import { q } from '../../util/text.js';

export const PROPERTY_PREFIX = 'property:';

export type Requirement =
  { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'exists' | '!exists' };

export interface Selectable {
  labels: Readonly<Record<string, string>>;
  properties: Readonly<Record<string, string>>;
  /** Keys with several values (a topology cluster's `workload`: one per entry of its `workloads`). */
  sets?: Readonly<Record<string, readonly string[]>>;
}

/** Split on commas outside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim());
}

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./:]*[A-Za-z0-9])?$/;

function checkKey(key: string, sel: string): string {
  if (!KEY.test(key)) throw new UsageError(`--cluster-selector ${q(sel)}: invalid key ${q(key)}`);
  if (key.startsWith(PROPERTY_PREFIX) && key.length === PROPERTY_PREFIX.length) {
    throw new UsageError(`--cluster-selector ${q(sel)}: ${q(PROPERTY_PREFIX)} needs a property name`);
  }
  return key;
}

/** Parse a selector; an empty one selects everything. Throws `UsageError` for bad syntax. */
export function parseClusterSelector(sel: string): Requirement[] {
  if (sel.trim() === '') return [];
  return splitTerms(sel).map((t) => {
    if (t === '') throw new UsageError(`--cluster-selector ${q(sel)}: empty requirement`);
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(t);
    if (set) {
      const values = set[3]!
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      return { key: checkKey(set[1]!, sel), op: set[2] as 'in' | 'notin', values };
    }
    const eq = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(t);
    if (eq) {
      const op = eq[2] === '!=' ? 'notin' : 'in';
      return { key: checkKey(eq[1]!, sel), op, values: [eq[3]!] };
    }
    if (t.startsWith('!')) return { key: checkKey(t.slice(1).trim(), sel), op: '!exists' };
    if (!/\s/.test(t)) return { key: checkKey(t, sel), op: 'exists' };
    throw new UsageError(`--cluster-selector ${q(sel)}: cannot parse ${q(t)}`);
  });
}

/** A key's values: a label's one value, a multi-valued key's (`sets`) values, or undefined when absent. */
function valuesOf(c: Selectable, key: string): readonly string[] | undefined {
  if (key.startsWith(PROPERTY_PREFIX)) {
    const name = key.slice(PROPERTY_PREFIX.length);
    return Object.hasOwn(c.properties, name) ? [c.properties[name]!] : undefined;
  }
  if (Object.hasOwn(c.labels, key)) return [c.labels[key]!];
  const set = c.sets && Object.hasOwn(c.sets, key) ? c.sets[key] : undefined;
  return set !== undefined && set.length > 0 ? set : undefined;
}

/**
 * Whether a cluster matches every requirement (kubectl's semantics: `!=` and `notin` match absence). A
 * multi-valued key (a topology cluster's `workloads`) is in a set when any of its values is, and not in
 * it when none is.
 */
export function matchesSelector(c: Selectable, reqs: readonly Requirement[]): boolean {
  return reqs.every((r) => {
    const v = valuesOf(c, r.key);
    switch (r.op) {
      case 'exists':
        return v !== undefined;
      case '!exists':
        return v === undefined;
      case 'in':
        return v !== undefined && v.some((x) => r.values.includes(x));
      case 'notin':
        return v === undefined || !v.some((x) => r.values.includes(x));
    }
  });
}
