import type { Table, TableColumn, TableRow } from '../api/types.js';
import { escapeTerminal, isTerminalSafe } from '../util/escape.js';

/** One cluster's table, as a fan-out produced it. */
export interface ClusterTable {
  context: string;
  table: Table;
}

export interface MergeOptions {
  /** `-o wide`: include columns of every priority (else priority 0 only). */
  wide?: boolean;
  /** `--show-labels`: a trailing LABELS column from each row's object metadata. */
  showLabels?: boolean;
  /** `-A` on a namespaced resource: a NAMESPACE column (after CLUSTER) from each row's metadata. */
  namespaceColumn?: boolean;
  /** Several types requested: name cells become `<kind>/<name>` as kubectl prints them (e.g. `deployment.apps`). */
  kindPrefix?: string;
  /** Name of the leading column (default `CLUSTER`); `null` for no cluster column. */
  clusterColumn?: string | null;
  /** `-L key,…`: a column per label key (header: the key's last path segment, upper-cased), before LABELS. */
  labelColumns?: readonly string[];
}

/** kubectl's header of a `-L` column: `app.kubernetes.io/name` → `NAME`. */
export function labelColumnHeader(key: string): string {
  return escapeTerminal(key.slice(key.lastIndexOf('/') + 1).toUpperCase());
}

/** Headers and rows of plain (already escaped) text. */
export interface MergedTable {
  headers: string[];
  rows: string[][];
}

/**
 * One cell as kubectl's table printer shows it: strings cut at the first `\n`, `\r` or `\f` (with `...`),
 * null/undefined empty, other values with their plain spelling; then escaped for the terminal.
 */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    // Almost every cell holds no control character at all (and so no line break): one test, no copy.
    if (isTerminalSafe(cell)) return cell;
    const cut = cell.search(/[\f\n\r]/);
    return cut >= 0 ? `${escapeTerminal(cell.slice(0, cut))}...` : escapeTerminal(cell);
  }
  if (typeof cell === 'number' || typeof cell === 'boolean' || typeof cell === 'bigint') return String(cell);
  return escapeTerminal(JSON.stringify(cell) ?? '');
}

/** `labels.FormatLabels`: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

function visible(col: TableColumn, wide: boolean): boolean {
  return wide || (col.priority ?? 0) === 0;
}

/**
 * Merge per-cluster server-side tables into one: `CLUSTER` first, then (with `namespaceColumn`)
 * `NAMESPACE`, then exactly the server's columns (priority 0 unless wide; union by name when clusters
 * disagree), then (with `showLabels`) `LABELS`. Rows keep the given cluster order, then server order.
 * Every cell is terminal-escaped.
 */
export function mergeTables(results: ClusterTable[], opts: MergeOptions = {}): MergedTable {
  const wide = opts.wide ?? false;
  const clusterHeader = opts.clusterColumn === undefined ? 'CLUSTER' : opts.clusterColumn;
  const names: string[] = [];
  const seen = new Set<string>();
  for (const { table } of results) {
    for (const col of table.columns) {
      if (!visible(col, wide) || seen.has(col.name)) continue;
      seen.add(col.name);
      names.push(col.name);
    }
  }
  const headers: string[] = [];
  if (clusterHeader !== null) headers.push(clusterHeader);
  if (opts.namespaceColumn) headers.push('NAMESPACE');
  headers.push(...names.map((n) => escapeTerminal(n.toUpperCase())));
  for (const key of opts.labelColumns ?? []) headers.push(labelColumnHeader(key));
  if (opts.showLabels) headers.push('LABELS');

  const rows: string[][] = [];
  for (const { context, table } of results) {
    const index = new Map<string, number>();
    table.columns.forEach((c, i) => {
      if (!index.has(c.name)) index.set(c.name, i);
    });
    const nameIdx = table.columns.findIndex((c) => c.format === 'name');
    for (const row of table.rows)
      rows.push(mergeRow(context, row, names, index, nameIdx, opts, clusterHeader));
  }
  return { headers, rows };
}

function mergeRow(
  context: string,
  row: TableRow,
  names: string[],
  index: Map<string, number>,
  nameIdx: number,
  opts: MergeOptions,
  clusterHeader: string | null,
): string[] {
  const out: string[] = [];
  if (clusterHeader !== null) out.push(escapeTerminal(context));
  const meta = row.object?.metadata;
  if (opts.namespaceColumn) out.push(cellText(meta?.namespace ?? ''));
  for (const name of names) {
    const i = index.get(name);
    let text = i === undefined ? '' : cellText(row.cells[i]);
    if (opts.kindPrefix && i !== undefined && i === nameIdx) text = `${opts.kindPrefix}/${text}`;
    out.push(text);
  }
  for (const key of opts.labelColumns ?? []) out.push(cellText(meta?.labels?.[key] ?? ''));
  if (opts.showLabels) out.push(escapeTerminal(formatLabels(meta?.labels)));
  return out;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Display width of a cell: code points, as Go's tabwriter counts (the length, without surrogates). */
function width(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const SPACES: string[] = [];
/** `n` spaces, from a cache (tables ask for the same few paddings over and over). */
function spaces(n: number): string {
  if (n <= 0) return '';
  if (n > 256) return ' '.repeat(n);
  return (SPACES[n] ??= ' '.repeat(n));
}

const MIN_WIDTH = 6;
const PADDING = 3;

/**
 * Aligns rows like kubectl's tabwriter (min width 6, padding 3, spaces; the last column unpadded).
 * Column widths are remembered across calls, so a watch stream stays aligned with what came before.
 */
export class TableWriter {
  private widths: number[] = [];

  /** Widen the remembered columns to fit `rows` (without printing). */
  fit(rows: string[][]): void {
    for (const row of rows) {
      for (let i = 0; i < row.length - 1; i++) {
        const w = Math.max(MIN_WIDTH, width(row[i] ?? '') + PADDING);
        if (w > (this.widths[i] ?? 0)) this.widths[i] = w;
      }
    }
  }

  /** The rows as aligned lines (each ending in `\n`). */
  format(rows: string[][]): string {
    this.fit(rows);
    const widths = this.widths;
    let out = '';
    for (const row of rows) {
      const last = row.length - 1;
      for (let i = 0; i < last; i++) {
        const cell = row[i] ?? '';
        out += cell + spaces((widths[i] ?? 0) - width(cell));
      }
      out += last >= 0 ? `${row[last] ?? ''}\n` : '\n';
    }
    return out;
  }
}

/** One aligned table, like kubectl prints it (headers unless `noHeaders`). */
export function formatTable(table: MergedTable, opts: { noHeaders?: boolean } = {}): string {
  const rows = opts.noHeaders ? table.rows : [table.headers, ...table.rows];
  return new TableWriter().format(rows);
}

/**
 * One cluster's table reduced to terminal-safe text (see `prepareTable`): what `formatPreparedTables`
 * needs, without the rows' objects. Lets a front end do the per-row work as each cluster answers,
 * while it waits for the slower ones, and drop the parsed response at once.
 */
export interface PreparedTable {
  context: string;
  /** Every column name of the table, first occurrence, in server order. */
  names: string[];
  /** The names this table shows (`-o wide` or priority 0), in the order `mergeTables` unites them. */
  shown: string[];
  /** Per row, the text of each of `names` (`cellText` of the first column of that name). */
  rows: string[][];
  /** Per row, the NAMESPACE text (prepared with `namespaces`). */
  namespaces?: string[];
  /** Per row, the LABELS text (prepared with `showLabels`). */
  labels?: string[];
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

/** The text of one cluster's table, cell by cell, as `mergeTables` would print it. */
export function prepareTable(context: string, table: Table, opts: PrepareOptions = {}): PreparedTable {
  const wide = opts.wide ?? false;
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
  const n = table.rows.length;
  const widths = names.map(() => 0);
  const rows = new Array<string[]>(n);
  const namespaces = opts.namespaces ? new Array<string>(n) : undefined;
  const labels = opts.showLabels ? new Array<string>(n) : undefined;
  let namespaceWidth = 0;
  let labelsWidth = 0;
  for (let r = 0; r < n; r++) {
    const row = table.rows[r] as TableRow;
    const cells = row.cells;
    const out = new Array<string>(cols.length);
    for (let j = 0; j < cols.length; j++) {
      const text = cellText(cells[cols[j] as number]);
      out[j] = text;
      const w = width(text);
      if (w > (widths[j] as number)) widths[j] = w;
    }
    rows[r] = out;
    const meta = row.object?.metadata;
    if (namespaces) {
      const ns = cellText(meta?.namespace ?? '');
      namespaces[r] = ns;
      namespaceWidth = Math.max(namespaceWidth, width(ns));
    }
    if (labels) {
      const l = escapeTerminal(formatLabels(meta?.labels));
      labels[r] = l;
      labelsWidth = Math.max(labelsWidth, width(l));
    }
  }
  return {
    context,
    names,
    shown,
    rows,
    ...(namespaces && { namespaces }),
    ...(labels && { labels }),
    widths,
    namespaceWidth,
    labelsWidth,
  };
}

/**
 * Two prepared pages of one cluster's list (prepared from the same columns) as one: rows appended,
 * widths the larger. `acc` is extended in place and returned (undefined: `next` itself).
 */
export function appendPrepared(acc: PreparedTable | undefined, next: PreparedTable): PreparedTable {
  if (!acc) return next;
  for (const r of next.rows) acc.rows.push(r);
  if (acc.namespaces && next.namespaces) for (const n of next.namespaces) acc.namespaces.push(n);
  if (acc.labels && next.labels) for (const l of next.labels) acc.labels.push(l);
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

/**
 * `formatTable(mergeTables(…), { noHeaders })` over prepared tables, the same text: columns united by
 * name in cluster order, rows in cluster then server order, aligned like kubectl's tabwriter.
 */
export function formatPreparedTables(tables: PreparedTable[], opts: PreparedFormatOptions = {}): string {
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
    if (t.rows.length === 0) return;
    if (clusterHeader !== null) maxw[0] = Math.max(maxw[0] as number, width(contexts[k] as string));
    if (withNs) maxw[lead - 1] = Math.max(maxw[lead - 1] as number, t.namespaceWidth);
    (sources[k] as number[]).forEach((own, j) => {
      if (own >= 0) maxw[lead + j] = Math.max(maxw[lead + j] as number, t.widths[own] as number);
    });
    if (withLabels) maxw[last] = Math.max(maxw[last] as number, t.labelsWidth);
  });
  const widths = maxw.map((w) => Math.max(MIN_WIDTH, w + PADDING));

  let out = '';
  const emit = (cells: string[]) => {
    for (let i = 0; i < last; i++) {
      const cell = cells[i] as string;
      out += cell + spaces((widths[i] as number) - width(cell));
    }
    out += `${cells[last] ?? ''}\n`;
  };
  if (!opts.noHeaders) emit(headers);
  const line = new Array<string>(headers.length).fill('');
  tables.forEach((t, k) => {
    const src = sources[k] as number[];
    const context = contexts[k] as string;
    for (let r = 0; r < t.rows.length; r++) {
      const row = t.rows[r] as string[];
      if (clusterHeader !== null) line[0] = context;
      if (withNs) line[lead - 1] = t.namespaces?.[r] ?? '';
      for (let j = 0; j < src.length; j++) {
        const own = src[j] as number;
        line[lead + j] = own >= 0 ? (row[own] as string) : '';
      }
      if (withLabels) line[last] = t.labels?.[r] ?? '';
      emit(line);
    }
  });
  return out;
}
