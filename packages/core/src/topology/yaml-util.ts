/** Small helpers over the `yaml` AST, so rules stay short. All are total: bad shapes give `undefined`. */
import { isAlias, isMap, isPair, isScalar, isSeq, isNode, visit } from 'yaml';
import type { Document, LineCounter, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Range } from './types.js';

/** Maps a `<<:` merge key brings into a map, in precedence order (registered by `resolveMergeKeys`). */
const merged = new WeakMap<YAMLMap, YAMLMap[]>();

/** `<<` as a merge key: with merge keys on, the library's value is a symbol; its source stays `<<`. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.value === '<<' || key.source === '<<');
}

/**
 * Record the maps each `<<: *anchor` (or `<<: [*a, *b]`) merges into its map, so that `pairOf` finds
 * inherited keys as Prometheus and Kubernetes (YAML 1.1 merge) see them. Call once per parsed document.
 */
export function resolveMergeKeys(doc: Document.Parsed): void {
  visit(doc, {
    Map(_, map) {
      const sources: YAMLMap[] = [];
      for (const p of map.items) {
        if (!isMergeKey(p.key)) continue;
        const values = isSeq(p.value) ? p.value.items : [p.value];
        for (const v of values) {
          const target = isAlias(v) ? v.resolve(doc) : v;
          if (isMap(target) && target !== map) sources.push(target);
        }
      }
      if (sources.length > 0) merged.set(map, sources);
    },
  });
}

/** The pair of `key` in a map, or in a map it merges (`<<:`), its own keys first. */
export function pairOf(map: unknown, key: string, depth = 0): Pair | undefined {
  if (!isMap(map)) return undefined;
  for (const p of map.items) {
    if (isScalar(p.key) && String(p.key.value) === key) return p;
  }
  if (depth > 8) return undefined; // merge chains are short; a cycle is not followed
  for (const m of merged.get(map) ?? []) {
    const p = pairOf(m, key, depth + 1);
    if (p) return p;
  }
  return undefined;
}

/** The value node of `key` in a map. */
export function getNode(map: unknown, key: string): Node | undefined {
  const v = pairOf(map, key)?.value;
  return isNode(v) ? v : undefined;
}

export function getMap(map: unknown, key: string): YAMLMap | undefined {
  const v = getNode(map, key);
  return isMap(v) ? v : undefined;
}

export function getSeq(map: unknown, key: string): YAMLSeq | undefined {
  const v = getNode(map, key);
  return isSeq(v) ? v : undefined;
}

export function getScalar(map: unknown, key: string): Scalar | undefined {
  const v = getNode(map, key);
  return isScalar(v) ? v : undefined;
}

/** A scalar's value as a string (numbers and booleans stringified); undefined for non-scalars and null. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const v = node.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

export function getString(map: unknown, key: string): string | undefined {
  return scalarString(getNode(map, key));
}

/** Map items of a sequence (non-maps skipped). */
export function mapItems(seq: unknown): YAMLMap[] {
  if (!isSeq(seq)) return [];
  return seq.items.filter((i): i is YAMLMap => isMap(i));
}

/** Scalar items of a sequence (non-scalars skipped). */
export function scalarItems(seq: unknown): Scalar[] {
  if (!isSeq(seq)) return [];
  return seq.items.filter((i): i is Scalar => isScalar(i));
}

/** Resolve a path of map keys / sequence indexes below a node; stops at the last existing step. */
export function resolvePath(
  start: Node | Pair | null | undefined,
  path: readonly (string | number)[],
): { node: Node | Pair | null | undefined; complete: boolean; lastPair?: Pair } {
  let cur: Node | Pair | null | undefined = start;
  let lastPair: Pair | undefined;
  for (const step of path) {
    const base = isPair(cur) ? cur.value : cur;
    if (isMap(base)) {
      const p = pairOf(base, String(step));
      if (!p) return { node: cur, complete: false, ...(lastPair ? { lastPair } : {}) };
      lastPair = p;
      cur = p;
    } else if (isSeq(base) && typeof step === 'number') {
      const item = base.items[step];
      if (!isNode(item)) return { node: cur, complete: false, ...(lastPair ? { lastPair } : {}) };
      cur = item;
      lastPair = undefined;
    } else if (isSeq(base) && /^\d+$/.test(String(step))) {
      const item = base.items[Number(step)];
      if (!isNode(item)) return { node: cur, complete: false, ...(lastPair ? { lastPair } : {}) };
      cur = item;
      lastPair = undefined;
    } else {
      return { node: cur, complete: false, ...(lastPair ? { lastPair } : {}) };
    }
  }
  return { node: cur, complete: true, ...(lastPair ? { lastPair } : {}) };
}

/** Offsets → 1-based range. */
export function offsetsToRange(lc: LineCounter, start: number, end: number): Range {
  const s = lc.linePos(Math.max(0, start));
  const e = lc.linePos(Math.max(start, end));
  return { start: { line: s.line, column: s.col }, end: { line: e.line, column: e.col } };
}

/** Offsets of a node (value part, without trailing comments). */
export function nodeOffsets(
  node: Node | Pair | null | undefined,
  at: 'key' | 'value' = 'value',
): [number, number] | undefined {
  if (!node) return undefined;
  if (isPair(node)) {
    const target = at === 'key' ? node.key : node.value;
    const r = nodeOffsets(target as Node | null, 'value');
    if (r && r[1] > r[0]) return r;
    // `key:` with a null value: fall back to the key.
    return nodeOffsets(node.key as Node | null, 'value');
  }
  const range = node.range;
  if (!range) return undefined;
  const [start, end] = range;
  return [start, Math.max(start, end)];
}
