/**
 * Plain tables reduced to their text as each cluster's pages arrive (`prepareTable`, `appendPrepared`),
 * then printed aligned like kubectl's tabwriter in chunks (`preparedTableChunks`): what
 * `formatTable(mergeTables(…))` prints, without holding the rows' objects nor the whole output at once.
 */
import type { Table } from '../api/types.js';
import { escapeTerminal } from '../util/escape.js';
import { MIN_WIDTH, PADDING, SURROGATE, spaces, visible, width } from './align.js';
import { cellText, formatLabels } from './table.js';

/**
 * One cluster's table reduced to terminal-safe text: what `preparedTableChunks` needs, without the rows'
 * objects. Lets a front end do the per-row work as each cluster answers, while it waits for the slower
 * ones, and drop the parsed response at once.
 */
export interface PreparedTable {
  context: string;
  /** Every column name of the table, first occurrence, in server order. */
  names: string[];
  /** The names this table shows (`-o wide` or priority 0), in the order `mergeTables` unites them. */
  shown: string[];
  /**
   * The rows' text, one string per page: a line per row (each ending in `\n`), its fields separated by
   * tabs: the NAMESPACE text (with `namespaces`), the `cellText` of the first column of each of `names`,
   * the LABELS text (with `labels`). Escaped text holds no tab and no newline, so the separators are
   * unambiguous; a page is one flat string instead of an array and several strings per row.
   */
  pages: string[];
  /** How many rows `pages` hold. */
  rowCount: number;
  /** Each row starts with its NAMESPACE text (prepared with `namespaces`). */
  namespaces: boolean;
  /** Each row ends with its LABELS text (prepared with `showLabels`). */
  labels: boolean;
  /** Display width of the widest text of each of `names`. */
  widths: number[];
  namespaceWidth: number;
  labelsWidth: number;
}

export interface PrepareOptions {
  /** `-o wide`: show columns of every priority. */
  wide?: boolean;
  /** Keep each row's LABELS text. */
  showLabels?: boolean;
  /** Keep each row's NAMESPACE text. */
  namespaces?: boolean;
}

/** `text`'s display width if that is more than `max` (no code point count when its length is not). */
function wider(text: string, max: number): number {
  if (text.length <= max) return max;
  const w = width(text);
  return w > max ? w : max;
}

/** The text of one cluster's table, cell by cell, as `mergeTables` would print it. */
export function prepareTable(context: string, table: Table, opts: PrepareOptions = {}): PreparedTable {
  const wide = opts.wide ?? false;
  const withNs = opts.namespaces ?? false;
  const withLabels = opts.showLabels ?? false;
  const names: string[] = [];
  const cols: number[] = [];
  const shown: string[] = [];
  const seenShown = new Set<string>();
  table.columns.forEach((c, i) => {
    if (!names.includes(c.name)) {
      names.push(c.name);
      cols.push(i);
    }
    if (visible(c, wide) && !seenShown.has(c.name)) {
      seenShown.add(c.name);
      shown.push(c.name);
    }
  });
  const fields = (withNs ? 1 : 0) + cols.length + (withLabels ? 1 : 0);
  const widths = names.map(() => 0);
  let namespaceWidth = 0;
  let labelsWidth = 0;
  // every field and separator of the page, joined once into one flat string
  const parts: string[] = [];
  for (const row of table.rows) {
    const meta = row.object?.metadata;
    let left = fields;
    const sep = () => (--left === 0 ? '\n' : '\t');
    if (fields === 0) parts.push('\n');
    if (withNs) {
      const ns = cellText(meta?.namespace ?? '');
      namespaceWidth = wider(ns, namespaceWidth);
      parts.push(ns, sep());
    }
    const cells = row.cells;
    for (let j = 0; j < cols.length; j++) {
      const text = cellText(cells[cols[j] as number]);
      widths[j] = wider(text, widths[j] as number);
      parts.push(text, sep());
    }
    if (withLabels) {
      const l = escapeTerminal(formatLabels(meta?.labels));
      labelsWidth = wider(l, labelsWidth);
      parts.push(l, sep());
    }
  }
  const n = table.rows.length;
  return {
    context,
    names,
    shown,
    pages: n > 0 ? [parts.join('')] : [],
    rowCount: n,
    namespaces: withNs,
    labels: withLabels,
    widths,
    namespaceWidth,
    labelsWidth,
  };
}

/**
 * Two prepared pages of one cluster's list (prepared from the same columns) as one: pages appended,
 * widths the larger. `acc` is extended in place and returned (undefined: `next` itself).
 */
export function appendPrepared(acc: PreparedTable | undefined, next: PreparedTable): PreparedTable {
  if (!acc) return next;
  for (const p of next.pages) acc.pages.push(p);
  acc.rowCount += next.rowCount;
  acc.widths = acc.widths.map((w, i) => Math.max(w, next.widths[i] ?? 0));
  acc.namespaceWidth = Math.max(acc.namespaceWidth, next.namespaceWidth);
  acc.labelsWidth = Math.max(acc.labelsWidth, next.labelsWidth);
  return acc;
}

export interface PreparedFormatOptions {
  /** A NAMESPACE column after CLUSTER (the tables must be prepared with `namespaces`). */
  namespaceColumn?: boolean;
  /** A trailing LABELS column (the tables must be prepared with `showLabels`). */
  showLabels?: boolean;
  /** Name of the leading column (default `CLUSTER`); `null` for no cluster column. */
  clusterColumn?: string | null;
  noHeaders?: boolean;
}

/** How much text `preparedTableChunks` gathers before each chunk (it cuts after a whole line). */
const CHUNK = 64 * 1024;
/** A column's source in a table's rows: the cluster's name, nothing, or the index of a field. */
const CONTEXT = -2;
const EMPTY = -1;

/**
 * `formatTable(mergeTables(…), { noHeaders })` over prepared tables, the same text, in chunks of whole
 * lines (each made only when the one before it is taken): columns united by name in cluster order, rows in cluster then server order,
 * aligned like kubectl's tabwriter over the whole output.
 */
export function* preparedTableChunks(
  tables: PreparedTable[],
  opts: PreparedFormatOptions,
): Generator<string> {
  const clusterHeader = opts.clusterColumn === undefined ? 'CLUSTER' : opts.clusterColumn;
  const withNs = opts.namespaceColumn ?? false;
  const withLabels = opts.showLabels ?? false;
  const union: string[] = [];
  const seen = new Set<string>();
  for (const t of tables) {
    for (const n of t.shown) {
      if (seen.has(n)) continue;
      seen.add(n);
      union.push(n);
    }
  }
  const headers: string[] = [];
  if (clusterHeader !== null) headers.push(clusterHeader);
  if (withNs) headers.push('NAMESPACE');
  for (const n of union) headers.push(escapeTerminal(n.toUpperCase()));
  if (withLabels) headers.push('LABELS');
  const lead = (clusterHeader !== null ? 1 : 0) + (withNs ? 1 : 0);
  const last = headers.length - 1;

  // Per table, where each merged column's text is in its rows (-1: the table has no such column).
  const sources = tables.map((t) => union.map((n) => t.names.indexOf(n)));
  const maxw = headers.map((h) => (opts.noHeaders ? 0 : width(h)));
  const contexts = tables.map((t) => escapeTerminal(t.context));
  tables.forEach((t, k) => {
    if (t.rowCount === 0) return;
    if (clusterHeader !== null) maxw[0] = Math.max(maxw[0] as number, width(contexts[k] as string));
    if (withNs) maxw[lead - 1] = Math.max(maxw[lead - 1] as number, t.namespaceWidth);
    (sources[k] as number[]).forEach((own, j) => {
      if (own >= 0) maxw[lead + j] = Math.max(maxw[lead + j] as number, t.widths[own] as number);
    });
    if (withLabels) maxw[last] = Math.max(maxw[last] as number, t.labelsWidth);
  });
  const widths = maxw.map((w) => Math.max(MIN_WIDTH, w + PADDING));

  let out = '';
  if (!opts.noHeaders) {
    for (let i = 0; i < last; i++)
      out += (headers[i] as string) + spaces((widths[i] as number) - width(headers[i] as string));
    out += `${headers[last] ?? ''}\n`;
  }
  for (let k = 0; k < tables.length; k++) {
    const t = tables[k] as PreparedTable;
    const context = contexts[k] as string;
    const contextWidth = width(context);
    // Which field of the table's rows each printed column takes its text from.
    const nsField = t.namespaces ? 0 : EMPTY;
    const fields = (t.namespaces ? 1 : 0) + t.names.length + (t.labels ? 1 : 0);
    const plan: number[] = [];
    if (clusterHeader !== null) plan.push(CONTEXT);
    if (withNs) plan.push(nsField);
    for (const own of sources[k] as number[]) plan.push(own >= 0 ? own + (t.namespaces ? 1 : 0) : EMPTY);
    if (withLabels) plan.push(t.labels ? fields - 1 : EMPTY);
    const starts = new Array<number>(fields).fill(0);
    const ends = new Array<number>(fields).fill(0);
    for (const page of t.pages) {
      const plain = !SURROGATE.test(page);
      for (let at = 0; at < page.length;) {
        // the fields of the row starting at `at`
        if (fields === 0) at = page.indexOf('\n', at) + 1;
        for (let f = 0; f < fields; f++) {
          const end = page.indexOf(f < fields - 1 ? '\t' : '\n', at);
          starts[f] = at;
          ends[f] = end;
          at = end + 1;
        }
        for (let i = 0; i <= last; i++) {
          const src = plan[i] as number;
          let text = '';
          let w = 0;
          if (src === CONTEXT) {
            text = context;
            w = contextWidth;
          } else if (src >= 0) {
            text = page.slice(starts[src], ends[src]);
            w = plain ? text.length : width(text);
          }
          out += i < last ? text + spaces((widths[i] as number) - w) : `${text}\n`;
        }
        if (last < 0) out += '\n';
        if (out.length >= CHUNK) {
          yield out;
          out = '';
        }
      }
    }
  }
  if (out !== '') yield out;
}

/** `preparedTableChunks` into one string. */
export function formatPreparedTables(tables: PreparedTable[], opts: PreparedFormatOptions = {}): string {
  return [...preparedTableChunks(tables, opts)].join('');
}
