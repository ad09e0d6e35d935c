// The shape every mutating verb but apply shares (delete, scale, label, annotate): the plan table, the
// one question (protected clusters included), the change on every cluster at once with each change
// logged to stderr with its cluster, and the result table. Exit 0 all done, 1 any cluster or object
// failed (or nothing found anywhere), 130 after Ctrl-C.
import type { ClusterError } from '@kubectl-mc/core/errors';
import { collect, type FanOut } from '@kubectl-mc/core/fanout';
import { actionsOf, Fleet, type Changed, type PlanRow } from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { itemErrorText } from './apply-output.js';
import { EXIT_FAILURE, EXIT_OK } from './base.js';
import { confirm } from './confirm.js';
import { clusterErrorText, EXIT_INTERRUPTED, interruptOnSigint } from './fleet.js';
import type { Selection } from './flags.js';
import {
  mutationPlanTable as planTable,
  mutationQuestion,
  mutationResultTable as resultTable,
} from '@kubectl-mc/core/fleet';

export interface Mutation<P> {
  /** `Delete`, `Scale`, `Label`, `Annotate`: the question's verb. */
  verb: string;
  /** `deleted`, …: in `Nothing was deleted.` */
  past: string;
  /** `--dry-run`: client stops after the plan; server also sends the change with dryRun=All. */
  dryRun: 'none' | 'client' | 'server';
  confirm: { yes: boolean; includeProtected: boolean; topology?: string[] };
  failFast: boolean;
  /** A name no cluster has is not a failure (kubectl's --ignore-not-found). */
  ignoreNotFound?: boolean;
  plan: (fleet: Fleet, signal: AbortSignal) => FanOut<PlanRow<P>[]>;
  change: (
    fleet: Fleet,
    plans: Map<string, PlanRow<P>[]>,
    opts: {
      dryRun: boolean;
      failFast: boolean;
      signal: AbortSignal;
      onChanged: (ctx: string, c: Changed<P>) => void;
    },
  ) => FanOut<Changed<P>[]>;
}

function where(row: PlanRow): string {
  return row.target.namespace ? ` -n ${escapeTerminal(row.target.namespace)}` : '';
}

/** The error with the object named in front of its message. */
function objectError(e: ClusterError, ctx: string, row: PlanRow): string {
  return `error: context "${escapeTerminal(ctx)}": ${escapeTerminal(row.target.ref)}${where(row)}: ${itemErrorText(e)}`;
}

/** The tables and question are core's, shared with the editor. */
export {
  mutationPlanTable as planTable,
  mutationQuestion,
  mutationResultTable as resultTable,
} from '@kubectl-mc/core/fleet';

/** Plan, ask, change, report; the exit code. */
export async function runMutation<P>(
  sel: Selection,
  m: Mutation<P>,
  err: (line: string) => void,
): Promise<number> {
  const out = (s: string) => process.stdout.write(s);
  const fleet = new Fleet(sel.loaded, sel.contexts, {
    timeoutMs: sel.timeoutMs,
    concurrency: sel.concurrency,
  });
  const sigint = interruptOnSigint();
  try {
    const planned = await collect(m.plan(fleet, sigint.signal));
    let failed = false;
    const plans = new Map<string, PlanRow<P>[]>();
    for (const ctx of sel.contexts) {
      const r = planned.find((p) => p.context === ctx);
      if (r?.ok) plans.set(ctx, r.value);
      else if (r) {
        failed = true;
        err(`error: ${clusterErrorText(r.error)}`);
      }
    }
    if ([...plans.values()].some((rows) => rows.length > 0)) out(planTable([...plans]));
    for (const [ctx, rows] of plans) {
      for (const r of rows) {
        if (!r.error) continue;
        failed = true;
        err(objectError(r.error, ctx, r));
      }
    }
    if (sigint.interrupted()) return EXIT_INTERRUPTED;
    const changing = [...plans].filter(([, rows]) => actionsOf(rows).length > 0);
    const contexts = changing.map(([c]) => c);
    const count = changing.reduce((n, [, rows]) => n + actionsOf(rows).length, 0);
    if (!count) {
      const anyRows = [...plans.values()].some((rows) => rows.length > 0);
      err(anyRows ? `No changes: nothing to ${m.verb.toLowerCase()}.` : 'No resources found.');
      const notFound = [...plans.values()].some((rows) => rows.some((r) => r.note === 'not found'));
      return failed || (notFound && !m.ignoreNotFound) ? EXIT_FAILURE : EXIT_OK;
    }
    const question = mutationQuestion(m.verb, count, contexts);
    if (m.dryRun === 'client') {
      err(`Dry run: ${question.replace(/^\S+/, (v) => `would ${v.toLowerCase()}`).replace(/\?$/, '.')}`);
      return failed ? EXIT_FAILURE : EXIT_OK;
    }
    if (m.dryRun === 'none') {
      const ok = await confirm({ question, contexts, ...m.confirm });
      if (!ok || sigint.interrupted()) {
        err(`Nothing was ${m.past}.`);
        return EXIT_FAILURE;
      }
    }
    const results = await collect(
      m.change(fleet, new Map(changing), {
        dryRun: m.dryRun === 'server',
        failFast: m.failFast,
        signal: sigint.signal,
        onChanged: (ctx, c) =>
          err(
            c.error
              ? objectError(c.error, ctx, c.row)
              : `${escapeTerminal(ctx)}: ${escapeTerminal(c.row.target.ref)}${where(c.row)} ${escapeTerminal(c.result ?? '')}`,
          ),
      }),
    );
    const done: [string, Changed<P>[]][] = [];
    for (const ctx of contexts) {
      const r = results.find((x) => x.context === ctx);
      if (r?.ok) {
        done.push([ctx, r.value]);
        if (r.value.some((c) => c.error)) failed = true;
      } else if (r) {
        failed = true;
        err(`error: ${clusterErrorText(r.error)}`);
      }
    }
    out('\n' + resultTable(done));
    if (sigint.interrupted()) return EXIT_INTERRUPTED;
    return failed ? EXIT_FAILURE : EXIT_OK;
  } finally {
    sigint.dispose();
    fleet.close();
  }
}
