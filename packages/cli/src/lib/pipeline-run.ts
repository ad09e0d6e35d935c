// What `rollout run` and `rollout resume ID` share once the run is started: follow its events (the live
// view on a terminal, one line per event elsewhere), ask for approval on a terminal, and end with the
// run's id and status, how to continue a paused or interrupted run, and the exit code of RUN_EXIT.
import {
  RUN_EXIT,
  type PipelineRunOptions,
  type PipelineStage,
  type RunEvent,
  type RunRecord,
} from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { confirm } from './confirm.js';
import { invokedName } from './invoked.js';
import { eventLine, type RunLineContext } from './pipeline-run-lines.js';
import { RunView } from './pipeline-run-view.js';
import { requestLogActive } from './verbose.js';

type Stream = { isTTY?: boolean; columns?: number; write(s: string): boolean };

/** The last lines of a run: its id and status (with the message), and how to go on when it can. */
export function runEndText(
  record: Pick<RunRecord, 'id' | 'status' | 'message'>,
  name: string = invokedName(),
  statusLine = true,
): string {
  const id = escapeTerminal(record.id);
  const message = record.message ? `: ${escapeTerminal(record.message)}` : '';
  let text = statusLine ? `run ${id} ${record.status}${message}\n` : '';
  if (record.status === 'paused' || record.status === 'interrupted')
    text += `run ${id} ${record.status}; continue with: ${name} rollout resume ${id}\n`;
  return text;
}

/** The exit code of a run that ended `status` (a run still `running` when the events stop: failure). */
export function runExitCode(status: RunRecord['status']): number {
  return status === 'running' ? RUN_EXIT.failed : RUN_EXIT[status];
}

export interface FollowOptions {
  /** Where the view or the lines go (stdout). */
  out?: Stream;
  /** Where the approval question is asked (stdin). */
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
}

/**
 * The `approve` callback of a run: on a terminal `Stage NAME needs approval. Go on? [y/N]`, with `before`
 * and `after` around the question (the live view stops redrawing meanwhile); undefined without one, so
 * the run pauses at a manual stage.
 */
export function approver(
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  around?: { before(): void; after(): void },
): PipelineRunOptions['approve'] {
  if (input.isTTY !== true) return undefined;
  return async (stage: PipelineStage) => {
    around?.before();
    try {
      return await confirm({
        question: `Stage ${escapeTerminal(stage.name)} needs approval. Go on?`,
        yes: false,
        input,
      });
    } finally {
      around?.after();
    }
  };
}

/**
 * Start the run `start(approve)` returns and follow its events to the end; returns the exit code after
 * printing the end lines.
 */
export async function followRun(
  start: (approve: PipelineRunOptions['approve']) => AsyncGenerator<RunEvent, RunRecord>,
  opts: FollowOptions = {},
): Promise<number> {
  const out = opts.out ?? process.stdout;
  const input = opts.input ?? process.stdin;
  // -v writes request lines to stderr: a drawing redrawn in place would garble them
  const live = out.isTTY === true && !requestLogActive();
  const view = live ? new RunView(out, opts.env ?? process.env) : undefined;
  const ctx: RunLineContext = {};
  const gen = start(
    approver(input, view ? { before: () => view.suspend(), after: () => view.resume() } : undefined),
  );
  let record: RunRecord | undefined;
  let finished: Extract<RunEvent, { type: 'run-finished' }> | undefined;
  try {
    for (;;) {
      const r = await gen.next();
      if (r.done) {
        record = r.value;
        break;
      }
      const ev = r.value;
      if (ev.type === 'run-started') ctx.id = ev.run.id;
      if (ev.type === 'run-finished') finished = ev;
      if (view) view.update(ev);
      else out.write(eventLine(ev, ctx));
    }
  } finally {
    view?.finish();
  }
  const end = record ?? {
    id: ctx.id ?? '?',
    status: finished?.status ?? 'failed',
    message: finished?.message,
  };
  const shown = { id: end.id, status: end.status, ...(end.message ? { message: end.message } : {}) };
  // without a terminal the run-finished line already said it
  out.write(runEndText(shown, invokedName(), view !== undefined || !finished));
  return runExitCode(end.status);
}
