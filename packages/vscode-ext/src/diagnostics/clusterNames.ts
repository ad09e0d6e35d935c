/**
 * Where a cluster name is expected in topology YAML, and which word is under the cursor: the pure half of
 * cluster-name completion and hover.
 */

const SINGLE_KEYS =
  /^\s*(?:-\s+)?(?:cluster|clusterName|cluster_name|source|destination)\s*:\s*["']?([\w.-]*)$/;
const FLOW_LIST = /^\s*(?:-\s+)?clusters\s*:\s*\[[^\]]*?["']?([\w.-]*)$/;
const ITEM = /^(\s*)-\s+["']?([\w.-]*)$/;

/**
 * Is the cursor (after `before`, the line's text up to it) where a cluster name goes? `previous` returns
 * earlier lines (nearest first) to find the key a list item belongs to.
 */
export function clusterNameAt(
  before: string,
  previous: (n: number) => string | undefined,
): { prefix: string } | undefined {
  const single = SINGLE_KEYS.exec(before) ?? FLOW_LIST.exec(before);
  if (single) return { prefix: single[1] ?? '' };
  const item = ITEM.exec(before);
  if (!item) return undefined;
  const indent = item[1]!.length;
  for (let i = 1; i <= 200; i++) {
    const line = previous(i);
    if (line === undefined) return undefined;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const lead = /^\s*/.exec(line)![0].length;
    if (lead < indent || (lead === indent && !/^\s*-/.test(line))) {
      // The parent key of this sequence (same or less indentation, not an item).
      return /^\s*(?:-\s+)?clusters\s*:\s*$/.test(line) ? { prefix: item[2] ?? '' } : undefined;
    }
  }
  return undefined;
}

/** The cluster-name-like word at `character` of `line` ([A-Za-z0-9_.-]), with its span. */
export function wordAt(
  line: string,
  character: number,
): { word: string; start: number; end: number } | undefined {
  const isWord = (c: string | undefined) => c !== undefined && /[\w.-]/.test(c);
  let start = character;
  while (start > 0 && isWord(line[start - 1])) start--;
  let end = character;
  while (end < line.length && isWord(line[end])) end++;
  if (end <= start) return undefined;
  return { word: line.slice(start, end), start, end };
}
