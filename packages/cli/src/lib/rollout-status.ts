// How `kubectl mc rollout status` shows progress: on a terminal one live row per cluster, redrawn in
// place (CLUSTER, UPDATED, READY, AVAILABLE, STATE, MESSAGE); elsewhere kubectl's own lines, each new
// one once, prefixed by its cluster as foreach prefixes them. Everything a cluster sent is escaped.
import type { RolloutStatus } from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { alignRows } from './apply-output.js';
import { linePrinter } from './foreach-output.js';

export type RowState = 'waiting' | 'reconnecting' | 'done' | 'failed' | 'timeout' | 'error' | 'stopped';

export interface ClusterRow {
  state: RowState;
  status?: RolloutStatus;
  /** The error's or the stop's text. */
  note?: string;
}

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

const frac = (a: number, b: number): string => `${a}/${b}`;

export function statusRows(contexts: readonly string[], rows: Map<string, ClusterRow>): string {
  const out = [['CLUSTER', 'UPDATED', 'READY', 'AVAILABLE', 'STATE', 'MESSAGE']];
  for (const ctx of contexts) {
    const r = rows.get(ctx) ?? { state: 'waiting' };
    const s = r.status;
    const message = r.note ?? (s ? s.condition || s.message : '');
    out.push([
      escapeTerminal(ctx),
      s ? frac(s.updated, s.desired) : '-',
      s ? frac(s.ready, s.desired) : '-',
      s ? frac(s.available, s.desired) : '-',
      r.state,
      escapeTerminal(message),
    ]);
  }
  return alignRows(out);
}

/** The live view: a table redrawn in place on a terminal, or prefixed kubectl lines elsewhere. */
export class StatusView {
  readonly rows = new Map<string, ClusterRow>();
  readonly #tty: boolean;
  #drawn = 0;
  readonly #last = new Map<string, string>();
  readonly #lines;

  constructor(
    readonly contexts: readonly string[],
    private readonly out: Stream = process.stdout,
  ) {
    this.#tty = out.isTTY === true;
    this.#lines = linePrinter(contexts, out);
  }

  get live(): boolean {
    return this.#tty;
  }

  update(context: string, row: ClusterRow): void {
    this.rows.set(context, row);
    if (this.#tty) return this.draw();
    const text =
      row.state === 'reconnecting'
        ? `watch broken, reconnecting: ${row.note ?? ''}`
        : row.status && row.state !== 'error'
          ? row.status.message
          : '';
    if (text && this.#last.get(context) !== text) {
      this.#last.set(context, text);
      this.out.write(this.#lines.format(context, text));
    }
  }

  /** Redraw the table over the previous one (terminal only). */
  draw(): void {
    if (!this.#tty) return;
    const width = Math.max(20, (this.out.columns || 120) - 1);
    const lines = statusRows(this.contexts, this.rows)
      .trimEnd()
      .split('\n')
      .map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
    let text = this.#drawn ? `\x1b[${this.#drawn}A` : '';
    for (const l of lines) text += `\r\x1b[2K${l}\n`;
    this.out.write(text);
    this.#drawn = lines.length;
  }
}
