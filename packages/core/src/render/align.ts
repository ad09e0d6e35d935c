/** What kubectl's tabwriter alignment needs (min width 6, padding 3): display widths and paddings. */
import type { TableColumn } from '../api/types.js';

export const MIN_WIDTH = 6;
export const PADDING = 3;

/** Any UTF-16 surrogate: a text without one has as many code points as its length. */
export const SURROGATE = /[\ud800-\udfff]/;

/** Display width of a cell: code points, as Go's tabwriter counts (the length, without surrogates). */
export function width(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const SPACES: string[] = [];
/** `n` spaces, from a cache (tables ask for the same few paddings over and over). */
export function spaces(n: number): string {
  if (n <= 0) return '';
  if (n > 256) return ' '.repeat(n);
  return (SPACES[n] ??= ' '.repeat(n));
}

/** A column a table shows: every column with `-o wide`, else those of priority 0. */
export function visible(col: TableColumn, wide: boolean): boolean {
  return wide || (col.priority ?? 0) === 0;
}
