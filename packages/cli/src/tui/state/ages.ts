/**
 * Ages that tick: a cell showing an age (`AGE`, `LAST SEEN`, `RESTARTS`' `3 (5m ago)`) keeps the moment
 * it counts from (a stamp, epoch ms), and is redrawn from it at the state's clock, so rows age without
 * any event from the cluster, and sorting by age orders by the stamp (never by a stale text).
 */
import { humanDuration } from '@kubectl-mc/core/util';
import { ageSeconds } from './compare.js';
import type { Row } from './types.js';

const AGO = /^(\d+) \((\S+) ago\)$/;

/**
 * Stamps for a row's cells, as the data layer sees them arrive at `now`: `created` (the object's
 * creationTimestamp, epoch ms) for the AGE column, else the cell's own age counted back from `now`.
 * Undefined when no cell shows an age.
 */
export function cellStamps(
  columns: string[],
  cells: string[],
  now: number,
  created?: number,
): (number | undefined)[] | undefined {
  let any = false;
  const out = cells.map((text, i) => {
    if (columns[i] === 'AGE' && created !== undefined && ageSeconds(text) !== undefined) {
      any = true;
      return created;
    }
    const secs = ageSeconds(text) ?? agoSeconds(text);
    if (secs === undefined) return undefined;
    any = true;
    return now - secs * 1000;
  });
  return any ? out : undefined;
}

function agoSeconds(text: string): number | undefined {
  const m = AGO.exec(text);
  return m ? ageSeconds(m[2]!) : undefined;
}

/** A cell as shown at `now`: an age redrawn from its stamp, anything else as it came. */
export function liveCell(text: string, stamp: number | undefined, now: number | undefined): string {
  if (stamp === undefined || now === undefined) return text;
  const m = AGO.exec(text);
  if (m) return `${m[1]} (${humanDuration(now - stamp)} ago)`;
  return ageSeconds(text) !== undefined ? humanDuration(now - stamp) : text;
}

/** A row's cells at `now`. */
export function liveCells(row: Row, now: number | undefined): string[] {
  const stamps = row.stamps;
  if (!stamps || now === undefined) return row.cells;
  return row.cells.map((c, i) => liveCell(c, stamps[i], now));
}

/** Under this age, kubectl's ages show seconds (`9m59s`): they change every second. */
const SECONDS_SHOWN_MS = 10 * 60_000;

/**
 * How often the shown ages change: every second while one of `rows` shows seconds, else every 10 s
 * (minutes and hours; a redraw a second would cost CPU for nothing).
 */
export function tickInterval(rows: readonly Row[], now: number | undefined): number {
  if (now === undefined) return 1000;
  for (const r of rows) {
    for (const s of r.stamps ?? []) if (s !== undefined && now - s < SECONDS_SHOWN_MS) return 1000;
  }
  return 10_000;
}

/**
 * The sort key of an age cell: older first when ascending is youngest first, so the key is minus the
 * stamp (independent of the clock: a sorted list stays sorted as time passes). Undefined for other cells.
 */
export function ageSortKey(text: string, stamp: number | undefined): number | undefined {
  if (stamp === undefined || ageSeconds(text) === undefined) return undefined;
  return -stamp;
}
