// What every `kubectl mc rollout` verb shares: TYPE/NAME arguments, the namespace per context, and the
// plan → question → change → result flow of the verbs that change a workload (restart, pause, resume,
// undo), with the plan and result tables CLUSTER first.
import { Args, Flags } from '@oclif/core';
import { UsageError, type ClusterError } from '@kubectl-mc/core/errors';
import { collect } from '@kubectl-mc/core/fanout';
import {
  Fleet,
  planRollout,
  runRollout,
  type RolloutAction,
  type RolloutPlanItem,
} from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { alignRows } from './apply-output.js';
import { EXIT_FAILURE, EXIT_OK } from './base.js';
import { confirm } from './confirm.js';
import { confirmFlags, confirmOptionsFromFlags } from './mutate-flags.js';
import {
  clusterFlags,
  kubeconfigFlags,
  selectionFromFlags,
  selectionWarnings,
  type Selection,
} from './flags.js';
import { clusterErrorText, EXIT_INTERRUPTED, interruptOnSigint } from './fleet.js';
import { startRequestLog, verboseFlags } from './verbose.js';
import { rolloutPlanTable as planTable, rolloutQuestion } from '@kubectl-mc/core/fleet';
import { invokedName } from './invoked.js';

export const rolloutArgs = {
  resource: Args.string({ description: 'TYPE/NAME (e.g. deployment/payment), or TYPE.', required: false }),
  name: Args.string({ description: 'NAME, when TYPE is given alone.', required: false }),
};

export const rolloutFlags = {
  namespace: Flags.string({
    char: 'n',
    description: "Namespace (default: the context's namespace, else default).",
  }),
  ...kubeconfigFlags,
  ...clusterFlags,
  ...verboseFlags,
};

/** `deploy/payment` or `deploy payment` → type and name (one object). */
export function parseTarget(
  verb: string,
  resource: string | undefined,
  name: string | undefined,
): { type: string; name: string } {
  const hint = `e.g. "${invokedName()} rollout ${verb} deployment/payment"`;
  if (!resource) throw new UsageError(`required resource not specified: ${hint}`);
  const slash = resource.indexOf('/');
  if (slash >= 0) {
    if (name !== undefined)
      throw new UsageError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form`,
      );
    const type = resource.slice(0, slash);
    const n = resource.slice(slash + 1);
    if (!type || !n || n.includes('/')) throw new UsageError(`invalid resource "${resource}": ${hint}`);
    return { type, name: n };
  }
  if (!name) throw new UsageError(`resource name may not be empty: ${hint}`);
  return { type: resource, name };
}

/** The namespace on each context: -n, else the context's own, else default. */
export function namespaceOf(sel: Selection, flag: string | undefined): (context: string) => string {
  const ns = new Map(sel.infos.map((c) => [c.name, flag ?? c.namespace ?? 'default']));
  return (context) => ns.get(context) ?? 'default';
}

export interface RolloutSetup {
  sel: Selection;
  fleet: Fleet;
}

export async function openFleet(
  flags: Parameters<typeof selectionFromFlags>[0] & { v?: number | undefined },
): Promise<RolloutSetup> {
  startRequestLog(flags.v ?? 0);
  const sel = await selectionFromFlags(flags);
  for (const w of selectionWarnings(sel)) process.stderr.write(`warning: ${escapeTerminal(w)}\n`);
  const fleet = new Fleet(sel.loaded, sel.contexts, {
    timeoutMs: sel.timeoutMs,
    concurrency: sel.concurrency,
  });
  return { sel, fleet };
}

/** A cluster's failure in one line; a refusal (as kubectl refuses) without the error kind in front. */
export function rolloutErrorText(e: ClusterError): string {
  return e.reason === 'Refused'
    ? `context "${escapeTerminal(e.context)}": ${escapeTerminal(e.message)}`
    : clusterErrorText(e);
}

const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The plan table and question are core's, shared with the editor. */
export { rolloutPlanTable as planTable, rolloutQuestion } from '@kubectl-mc/core/fleet';

export interface ChangeFlags {
  yes: boolean;
  'include-protected': boolean;
  topology?: string[] | undefined;
  'dry-run': string;
}

export const changeFlags = {
  ...confirmFlags,
  'dry-run': Flags.string({
    description: 'server: the server checks the change and stores nothing; client: stop after the plan.',
    options: ['none', 'server', 'client'],
    default: 'none',
  }),
};

/**
 * Plan on every cluster, print the plan, ask once, change the clusters that need it, print the result
 * table. Returns the exit code: 1 when any cluster failed (named on stderr), 130 after Ctrl-C.
 */
export async function planAndChange(
  action: RolloutAction,
  target: { type: string; name: string; toRevision?: number },
  flags: ChangeFlags & { namespace?: string | undefined },
  setup: RolloutSetup,
): Promise<number> {
  const { sel, fleet } = setup;
  const sigint = interruptOnSigint();
  try {
    const planned = await collect(
      planRollout(
        fleet,
        { action, ...target, namespaceOf: namespaceOf(sel, flags.namespace) },
        { signal: sigint.signal },
      ),
    );
    let failed = false;
    const items: RolloutPlanItem[] = [];
    for (const ctx of sel.contexts) {
      const r = planned.find((p) => p.context === ctx);
      if (r?.ok) items.push(r.value);
    }
    if (items.length) process.stdout.write(planTable(items));
    for (const r of planned) {
      if (r.ok) continue;
      failed = true;
      err(`error: ${rolloutErrorText(r.error)}`);
    }
    if (sigint.interrupted()) return EXIT_INTERRUPTED;
    const changing = items.filter((i) => i.patch);
    if (!changing.length) {
      err('No changes: nothing to do.');
      return failed ? EXIT_FAILURE : EXIT_OK;
    }
    const question = rolloutQuestion(
      action,
      changing[0]!.ref,
      changing.map((i) => i.context),
    );
    if (flags['dry-run'] === 'client') {
      err(`Dry run: ${question.replace(/\?$/, '')} would be asked; nothing was sent.`);
      return failed ? EXIT_FAILURE : EXIT_OK;
    }
    const dryRun = flags['dry-run'] === 'server';
    if (!dryRun) {
      const contexts = changing.map((i) => i.context);
      const ok = await confirm({ question, contexts, ...confirmOptionsFromFlags(flags) });
      if (!ok || sigint.interrupted()) {
        err('Nothing was changed.');
        return EXIT_FAILURE;
      }
    }
    const results = await collect(
      runRollout(fleet, changing, {
        dryRun,
        signal: sigint.signal,
        timeoutMs: sel.timeoutMs,
        concurrency: sel.concurrency,
      }),
    );
    const rows = [['CLUSTER', 'OBJECT', 'NAMESPACE', 'RESULT']];
    for (const i of changing) {
      const r = results.find((x) => x.context === i.context);
      const suffix = dryRun ? ' (server dry run)' : '';
      if (r?.ok) {
        err(`${escapeTerminal(i.context)}: ${escapeTerminal(i.ref)} ${i.verb ?? ''}${suffix}`);
        rows.push([
          escapeTerminal(i.context),
          escapeTerminal(i.ref),
          escapeTerminal(i.namespace ?? ''),
          `${i.verb ?? ''}${suffix}`,
        ]);
      } else if (r) {
        failed = true;
        err(`error: ${rolloutErrorText(r.error)}`);
        rows.push([
          escapeTerminal(i.context),
          escapeTerminal(i.ref),
          escapeTerminal(i.namespace ?? ''),
          `error: ${escapeTerminal(r.error.reason ?? r.error.kind)}`,
        ]);
      }
    }
    process.stdout.write('\n' + alignRows(rows));
    return failed ? EXIT_FAILURE : EXIT_OK;
  } finally {
    sigint.dispose();
    fleet.close();
  }
}
