import type { Table, TableRow } from '../api/types.js';
import { escapeTerminal, isTerminalSafe } from '../util/escape.js';
import { MIN_WIDTH, PADDING, spaces, visible, width } from './align.js';

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
