// CONTRACT STUB (helper A replaces every body; the signatures are the contract).
import type { RunEvent, PipelineRunOptions, RunRecord, StartPipelineRunOptions } from './types.js';
export * from './types.js';

/** `~/.kube/kubectl-mc/runs`, or $KUBECTL_MC_STATE_DIR. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  void env;
  throw new Error('not built');
}

/** Start a run: writes its record, then yields events until it ends; returns the final record. */
// eslint-disable-next-line require-yield, @typescript-eslint/require-await
export async function* startRun(opts: StartPipelineRunOptions): AsyncGenerator<RunEvent, RunRecord> {
  void opts;
  throw new Error('not built');
}

/** Continue run `id` from the stage it stopped in (that stage starts over). */
// eslint-disable-next-line require-yield, @typescript-eslint/require-await
export async function* resumeRun(id: string, opts: PipelineRunOptions): AsyncGenerator<RunEvent, RunRecord> {
  void id;
  void opts;
  throw new Error('not built');
}

/** Every run record in `stateDir`, newest first (unreadable files skipped). */
export function listRuns(stateDir?: string): Promise<RunRecord[]> {
  void stateDir;
  throw new Error('not built');
}

/** One run record; throws UsageError naming the id when there is none. */
export function readRun(id: string, stateDir?: string): Promise<RunRecord> {
  void id;
  void stateDir;
  throw new Error('not built');
}

/** Whether `arg` has the shape of a run id (`run-…`). */
export const isRunId = (arg: string): boolean => /^run-\d{8}-\d{6}-[0-9a-f]{4}$/.test(arg);
