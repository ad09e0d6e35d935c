/**
 * The pipeline runs the `:runs` view shows, read from the state directory (core's `listRuns`, the
 * backend's `runs`) when the view opens and every `RUNS_REFRESH_MS` while it (or one run's view) is on
 * top; nothing is read otherwise. A read that changed nothing dispatches nothing (no frame is drawn for
 * it); one that failed keeps the last list and says why.
 */
import type { RunRecord } from '@kubectl-mc/core/fleet';
import { escapeTerminal, sleep } from '@kubectl-mc/core/util';
import { runView, sortRuns } from './runs.js';
import { top, type Action, type State } from './state.js';

export interface RunsBackend {
  /** Every run record of the state directory, as core's `listRuns` reads them. */
  runs?(): Promise<RunRecord[]>;
}

/** k9s's refresh: the runs are read again every 2 s while shown. */
export const RUNS_REFRESH_MS = 2000;

export class RunsPoller {
  private ac: AbortController | undefined;
  private stopped = false;
  /** What was last dispatched, to skip reads that changed nothing. */
  private last = '';

  constructor(
    private readonly backend: RunsBackend,
    private readonly emit: (a: Action) => void,
    private readonly track: (p: Promise<unknown>) => void,
    private readonly opts: { refreshMs?: number; now?: () => number } = {},
  ) {}

  sync(state: State): void {
    if (this.stopped) return;
    const kind = top(state).kind;
    const shown = kind === 'runs' || kind === 'run';
    if (shown === (this.ac !== undefined)) return;
    if (!shown) {
      this.ac?.abort();
      this.ac = undefined;
      return;
    }
    const ac = new AbortController();
    this.ac = ac;
    // A view opened again shows what is read now, even if it is what was shown before.
    this.last = '';
    this.track(this.loop(ac.signal));
  }

  stop(): void {
    this.stopped = true;
    this.ac?.abort();
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.read(signal);
      await sleep(this.opts.refreshMs ?? RUNS_REFRESH_MS, signal);
    }
  }

  private async read(signal: AbortSignal): Promise<void> {
    const at = (this.opts.now ?? Date.now)();
    let action: Action;
    try {
      if (!this.backend.runs) throw new Error('pipeline runs are not available');
      const records = await this.backend.runs();
      action = { type: 'runsLoaded', at, runs: sortRuns(records.map(runView)) };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      action = { type: 'runsLoaded', at, error: escapeTerminal(`cannot read the runs: ${why}`) };
    }
    if (signal.aborted) return;
    const key = JSON.stringify({ ...action, at: 0 });
    if (key === this.last) return;
    this.last = key;
    this.emit(action);
  }
}
