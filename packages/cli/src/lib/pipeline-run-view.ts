// `kubectl mc rollout run` on a terminal: the run drawn as a block of lines redrawn in place with plain
// ANSI (cursor up, erase line): the run, every stage with its status and traffic, every cluster of the
// stages that started with its status, its latest gate readings against their thresholds (or its
// message), and the time left in the gate window. Redraws are throttled (at most 5 a second) and the
// time left ticks once a second. Cluster and file text is terminal-escaped.
import type { RunEvent } from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { colorizer, type Style } from './output.js';
import { readingsText, timeLeftText } from './pipeline-run-lines.js';
import { emptyRunState, reduceRun, type RunViewState, type ViewStage } from './pipeline-run-state.js';

type Paint = (style: Style, text: string) => string;
const plain: Paint = (_s, t) => t;

const STYLE: Record<string, Style | undefined> = {
  running: 'cyan',
  gating: 'cyan',
  canary: 'cyan',
  applying: 'cyan',
  'waiting-approval': 'yellow',
  paused: 'yellow',
  interrupted: 'yellow',
  'rolled-back': 'yellow',
  passed: 'green',
  succeeded: 'green',
  failed: 'red',
  pending: 'dim',
};

const status = (paint: Paint, s: string, width = 0): string => {
  const style = STYLE[s];
  const text = s.padEnd(width);
  return style ? paint(style, text) : text;
};

function timeLeft(s: ViewStage, now: number): string {
  if (!s.remaining) return '';
  return `${timeLeftText(s.remaining.ms - (now - s.remaining.at))} left`;
}

/** The view's lines (no trailing newline), for the state at `now` (epoch ms). */
export function runViewLines(state: RunViewState, now: number, paint: Paint = plain): string[] {
  const n = state.stages.length;
  const head = `run ${escapeTerminal(state.id ?? '…')}  pipeline ${escapeTerminal(state.file ?? '…')}  ${status(paint, state.status)}`;
  const lines = [paint('bold', head)];
  const nameWidth = Math.max(
    0,
    ...state.stages.map((s, i) => `${i + 1}/${n} ${s.name}`.length),
    ...state.stages.flatMap((s) => s.clusters.map((c) => c.context.length + 4)),
  );
  state.stages.forEach((s, i) => {
    const label = `${i + 1}/${n} ${escapeTerminal(s.name)}`;
    const how = `${s.traffic}%${s.parallel && s.clusters.length > 1 ? ' parallel' : ''}`;
    const left = timeLeft(s, now);
    lines.push(
      `${label.padEnd(nameWidth)}  ${how.padEnd(12)}  ${status(paint, s.status, 16)}${left ? `  ${left}` : ''}`.trimEnd(),
    );
    if (s.status === 'pending' && i > state.stage) return;
    for (const c of s.clusters) {
      const detail = c.readings.length ? readingsText(c.readings) : escapeTerminal(c.message ?? '');
      lines.push(
        `    ${escapeTerminal(c.context).padEnd(nameWidth - 4)}  ${''.padEnd(12)}  ${status(paint, c.status, 16)}  ${detail}`.trimEnd(),
      );
    }
  });
  if (state.message && state.status !== 'running') lines.push(escapeTerminal(state.message));
  return lines;
}

type Stream = { isTTY?: boolean; columns?: number; write(s: string): boolean };

/** Cut a line to `width` visible columns, keeping its colour codes balanced enough (resets at the end). */
export function fitLine(line: string, width: number): string {
  let visible = 0;
  let out = '';
  for (let i = 0; i < line.length; i++) {
    // eslint-disable-next-line no-control-regex -- colour codes are what is skipped
    const m = /^\x1b\[[0-9;]*m/.exec(line.slice(i));
    if (m) {
      out += m[0];
      i += m[0].length - 1;
      continue;
    }
    if (visible >= width - 1 && i < line.length - 1) return `${out}…\x1b[0m`;
    out += line[i];
    visible++;
  }
  return out;
}

/** The live view on a terminal stream. */
export class RunView {
  state: RunViewState = emptyRunState();
  readonly #paint: Paint;
  #drawn = 0;
  #lastDraw = 0;
  #pending: NodeJS.Timeout | undefined;
  #ticker: NodeJS.Timeout | undefined;
  #suspended = false;

  constructor(
    private readonly out: Stream = process.stderr,
    env: NodeJS.ProcessEnv = process.env,
    private readonly now: () => number = Date.now,
    /** Shortest time between two redraws (5 a second). */
    private readonly minIntervalMs = 200,
  ) {
    this.#paint = colorizer(out, env);
  }

  update(ev: RunEvent): void {
    this.state = reduceRun(this.state, ev, this.now());
    if (!this.#ticker) {
      this.#ticker = setInterval(() => this.schedule(), 1000);
      this.#ticker.unref();
    }
    this.schedule();
  }

  /** Draw now if the last draw is old enough, else once when it is. */
  schedule(): void {
    if (this.#suspended || this.#pending) return;
    const wait = this.#lastDraw + this.minIntervalMs - this.now();
    if (wait <= 0) return this.draw();
    this.#pending = setTimeout(() => {
      this.#pending = undefined;
      this.draw();
    }, wait);
  }

  /** Redraw over the previous drawing. */
  draw(): void {
    if (this.#suspended) return;
    if (this.#pending) {
      clearTimeout(this.#pending);
      this.#pending = undefined;
    }
    this.#lastDraw = this.now();
    const width = Math.max(20, (this.out.columns || 120) - 1);
    const lines = runViewLines(this.state, this.now(), this.#paint).map((l) => fitLine(l, width));
    let text = this.#drawn ? `\x1b[${this.#drawn}A` : '';
    for (const l of lines) text += `\r\x1b[2K${l}\n`;
    // a shorter drawing than the last: erase the lines left below it
    for (let i = lines.length; i < this.#drawn; i++) text += '\r\x1b[2K\n';
    if (this.#drawn > lines.length) text += `\x1b[${this.#drawn - lines.length}A`;
    this.out.write(text);
    this.#drawn = lines.length;
  }

  /** Draw, then stop redrawing in place (a question follows below); `resume()` draws anew under it. */
  suspend(): void {
    if (this.state.id !== undefined) this.draw();
    this.#suspended = true;
    this.#drawn = 0;
  }

  resume(): void {
    this.#suspended = false;
    this.schedule();
  }

  /** The last drawing, then no more timers. */
  finish(): void {
    this.#suspended = false;
    this.draw();
    this.#suspended = true;
    if (this.#ticker) clearInterval(this.#ticker);
    this.#ticker = undefined;
  }
}
