import type { ClustersFrame, ResourceFrame } from '../state.js';

/** A list view's title line: what it lists, how many rows, and the filter and sort in force. */
export function listTitle(
  text: string,
  f: ClustersFrame | ResourceFrame,
  count: number,
  columns: string[],
): string {
  const parts = [text, `${count} rows`];
  if (f.filter) parts.push(`filter /${f.filter}`);
  if (f.sort >= 0) parts.push(`sort ${columns[f.sort] ?? ''}${f.desc ? '↓' : '↑'}`);
  return parts.join('  ·  ');
}
