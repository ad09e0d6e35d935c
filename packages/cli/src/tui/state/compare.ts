/** How cells sort: as kubectl users read them (ages as durations, numbers numerically, empty last). */

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, y: 31536000 };

/** Seconds in a kubectl age (`5m`, `2d3h`), or undefined. */
export function ageSeconds(text: string): number | undefined {
  if (!/^(\d+[smhdy])+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+)([smhdy])/g)) total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return total;
}

/**
 * A cell as a cheap sort key (sorting 50,000 rows with a collator is too slow for a keystroke): ages as
 * seconds, cells starting with a number (`3`, `1/1`, `2 (5m ago)`) by that number, the rest lower-cased.
 */
export function sortKey(text: string): number | string | undefined {
  if (text === '' || text === '<none>') return undefined;
  const age = ageSeconds(text);
  if (age !== undefined) return age;
  const m = /^-?\d+(\.\d+)?/.exec(text);
  if (m && (m[0].length === text.length || !/[\d.]/.test(text[m[0].length]!))) return Number(m[0]);
  return text.toLowerCase();
}

/** Numbers before text; empty cells last. */
export function compareKeys(a: number | string | undefined, b: number | string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : 1;
}

/** Ages as durations, numbers numerically (`10` after `9`), empty cells last, the rest by text. */
export function compareCells(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const da = ageSeconds(a);
  const db = ageSeconds(b);
  if (da !== undefined && db !== undefined) return da - db;
  return collator.compare(a, b);
}
