/**
 * The editor's changes to the fleet, in the fleet bundle: Restart rollout, Undo rollout, Scale and Delete
 * of tree objects and Workloads rows, each as core's plan first (nothing sent), then core's change on the
 * clusters that need it; and Rollout status through core's `waitForRollout`. The texts are core's, the
 * same tables and question the CLI prints. Everything a cluster sent is escaped.
 */
import { collect } from '@kubectl-mc/core/fanout';
import type { ClusterError } from '@kubectl-mc/core/errors';
import {
  actionsOf,
  Fleet,
  itemErrorText,
  loadProtection,
  mutationPlanTable,
  mutationQuestion,
  mutationResultTable,
  planDelete,
  planRollout,
  planScale,
  protectedContexts,
  rolloutPlanTable,
  rolloutQuestion,
  runDelete,
  runRollout,
  runScale,
  waitForRollout,
  alignRows,
  type Changed,
  type PlanRow,
  type ProtectedContext,
  type RolloutOutcome,
  type RolloutPlanItem,
} from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core';
import type { ObjectTarget } from './actions.js';
import { errorText } from './actions.js';

export type ChangeKind = 'restart' | 'undo' | 'scale' | 'delete';

/** The plan of a change, as the CLI prints it before it asks. */
export interface ChangePlan {
  kind: ChangeKind;
  /** The plan table (CLUSTER first). */
  table: string;
  /** A cluster or an object that cannot be changed, one line each. */
  errors: string[];
  /** How many objects would change, and on which clusters. */
  count: number;
  contexts: string[];
  /** `Delete 2 objects on 2 clusters (a, b)?`, `Restart deployment.apps/web on 2 clusters (a, b)?` */
  question: string;
  /** scale: the count asked for. */
  replicas?: number;
  readonly rollouts: { target: ObjectTarget; items: RolloutPlanItem[] }[];
  readonly rows: Map<string, PlanRow[]>;
}

export interface ChangeOutcome {
  /** The result table (CLUSTER, OBJECT, NAMESPACE, RESULT). */
  table: string;
  errors: string[];
  /** Per cluster that was to change: changed without an error or not. */
  clusters: { context: string; ok: boolean }[];
}

/** One workload's rollout on one cluster, as `kubectl rollout status` ended. */
export interface StatusRow {
  context: string;
  ref: string;
  outcome: RolloutOutcome | 'error';
  /** kubectl's last line, the failing condition's message, or the cluster's error (escaped). */
  message: string;
}

const esc = (s: string) => escapeTerminal(s);

const WORD: Record<ChangeKind, string> = {
  restart: 'Restart',
  undo: 'Roll back',
  scale: 'Scale',
  delete: 'Delete',
};

/** A refusal as kubectl words it (`can't restart paused deployment`), without the error kind in front. */
function changeErrorText(e: ClusterError): string {
  return e.reason === 'Refused' ? `context "${esc(e.context)}": ${esc(e.message)}` : errorText(e);
}

export class FleetChanges {
  constructor(private readonly fleet: () => Fleet) {}

  private on(contexts: readonly string[]): Fleet {
    return new Fleet(this.fleet().kubeconfig, contexts);
  }

  /** The protected contexts among `contexts` (`.kubectl-mc.yaml` found from `cwd`, its topology files). */
  async protectedOf(contexts: readonly string[], cwd: string | undefined): Promise<ProtectedContext[]> {
    const protection = await loadProtection(cwd !== undefined ? { cwd } : {});
    return protectedContexts(contexts, protection);
  }

  /** The plan of `kind` on every target (each on its clusters); nothing is sent. */
  async plan(
    kind: ChangeKind,
    targets: readonly ObjectTarget[],
    opts: { replicas?: number },
    signal: AbortSignal,
  ): Promise<ChangePlan> {
    const errors: string[] = [];
    if (kind === 'restart' || kind === 'undo') {
      const rollouts: ChangePlan['rollouts'] = [];
      for (const target of targets) {
        const planned = await collect(
          planRollout(
            this.on(target.contexts),
            {
              action: kind,
              type: target.resource,
              name: target.name,
              namespaceOf: () => target.namespace ?? 'default',
            },
            { signal },
          ),
        );
        const items: RolloutPlanItem[] = [];
        for (const ctx of target.contexts) {
          const r = planned.find((p) => p.context === ctx);
          if (r?.ok) items.push(r.value);
          else if (r) errors.push(`error: ${changeErrorText(r.error)}`);
        }
        rollouts.push({ target, items });
      }
      const all = rollouts.flatMap((r) => r.items);
      const changing = all.filter((i) => i.patch);
      const contexts = [...new Set(changing.map((i) => i.context))];
      const refs = new Set(changing.map((i) => i.ref));
      return {
        kind,
        table: rolloutPlanTable(all),
        errors,
        count: changing.length,
        contexts,
        question:
          refs.size === 1
            ? rolloutQuestion(kind, [...refs][0]!, contexts)
            : mutationQuestion(WORD[kind], changing.length, contexts),
        rollouts,
        rows: new Map(),
      };
    }
    const rows = new Map<string, PlanRow[]>();
    for (const target of targets) {
      const spec = { args: [`${target.resource}/${target.name}`] };
      const fleet = this.on(target.contexts);
      const ns = target.namespace !== undefined ? { namespace: target.namespace } : {};
      const planned = await collect(
        kind === 'delete'
          ? planDelete(fleet, spec, { ...ns, signal })
          : planScale(fleet, spec, { replicas: opts.replicas ?? 0 }, { ...ns, signal }),
      );
      for (const ctx of target.contexts) {
        const r = planned.find((p) => p.context === ctx);
        if (r?.ok) rows.set(ctx, [...(rows.get(ctx) ?? []), ...r.value]);
        else if (r) errors.push(`error: ${errorText(r.error)}`);
      }
    }
    for (const [ctx, list] of rows)
      for (const r of list)
        if (r.error) errors.push(`error: ${esc(ctx)}: ${esc(r.target.ref)}: ${itemErrorText(r.error)}`);
    const changing = [...rows].filter(([, list]) => actionsOf(list).length > 0);
    const count = changing.reduce((n, [, list]) => n + actionsOf(list).length, 0);
    const contexts = changing.map(([c]) => c);
    return {
      kind,
      table: mutationPlanTable([...rows]),
      errors,
      count,
      contexts,
      question: mutationQuestion(WORD[kind], count, contexts),
      ...(kind === 'scale' ? { replicas: opts.replicas ?? 0 } : {}),
      rollouts: [],
      rows,
    };
  }

  /** Send the plan's changes; `progress` hears each object as it is changed (or fails). */
  async run(
    plan: ChangePlan,
    progress: (context: string, line: string) => void,
    signal: AbortSignal,
  ): Promise<ChangeOutcome> {
    const errors: string[] = [];
    const clusters: ChangeOutcome['clusters'] = [];
    if (plan.kind === 'restart' || plan.kind === 'undo') {
      const rows = [['CLUSTER', 'OBJECT', 'NAMESPACE', 'RESULT']];
      for (const { items } of plan.rollouts) {
        const changing = items.filter((i) => i.patch);
        if (changing.length === 0) continue;
        const results = await collect(
          runRollout(this.on(changing.map((i) => i.context)), changing, { signal }),
        );
        for (const i of changing) {
          const r = results.find((x) => x.context === i.context);
          const cells = [esc(i.context), esc(i.ref), esc(i.namespace ?? '')];
          if (r?.ok) {
            rows.push([...cells, i.verb ?? '']);
            progress(i.context, `${esc(i.ref)} ${i.verb ?? ''}`);
            clusters.push({ context: i.context, ok: true });
          } else if (r) {
            rows.push([...cells, `error: ${esc(r.error.reason ?? r.error.kind)}`]);
            errors.push(`error: ${changeErrorText(r.error)}`);
            progress(i.context, `${esc(i.ref)}: ${esc(r.error.message)}`);
            clusters.push({ context: i.context, ok: false });
          }
        }
      }
      return { table: alignRows(rows), errors, clusters: merged(clusters) };
    }
    const changing = new Map([...plan.rows].filter(([, list]) => actionsOf(list).length > 0));
    const fleet = this.on([...changing.keys()]);
    const onChanged = (ctx: string, c: Changed) =>
      progress(
        ctx,
        c.error
          ? `${esc(c.row.target.ref)}: ${itemErrorText(c.error)}`
          : `${esc(c.row.target.ref)} ${c.result ?? ''}`,
      );
    const results = await collect(
      plan.kind === 'delete'
        ? runDelete(fleet, changing, { signal, onChanged })
        : runScale(fleet, changing, { replicas: plan.replicas ?? 0 }, { signal, onChanged }),
    );
    const done: [string, Changed[]][] = [];
    for (const ctx of changing.keys()) {
      const r = results.find((x) => x.context === ctx);
      if (r?.ok) {
        done.push([ctx, r.value]);
        for (const c of r.value)
          if (c.error) errors.push(`error: ${esc(ctx)}: ${esc(c.row.target.ref)}: ${itemErrorText(c.error)}`);
        clusters.push({ context: ctx, ok: r.value.every((c) => !c.error) });
      } else {
        if (r) errors.push(`error: ${errorText(r.error)}`);
        clusters.push({ context: ctx, ok: false });
      }
    }
    return { table: mutationResultTable(done), errors, clusters };
  }

  /**
   * Wait for each workload's rollout on each of its clusters (core's `waitForRollout`, as
   * `kubectl rollout status`): `onProgress` hears each new state; resolves when every one is done, failed,
   * timed out or stopped, one row each. A cluster that cannot be asked is its row's error.
   */
  async status(
    targets: readonly ObjectTarget[],
    onProgress: (context: string, ref: string, line: string) => void,
    signal: AbortSignal,
    timeoutMs = 0,
  ): Promise<StatusRow[]> {
    const out: StatusRow[] = [];
    for (const t of targets) {
      const ref = `${t.resource}/${t.name}`;
      const results = await collect(
        this.on(t.contexts).fanOut(
          async (api, sig) => {
            const res = await api.resolve(t.resource, sig);
            return waitForRollout(api, res, t.name, {
              ...(t.namespace !== undefined ? { namespace: t.namespace } : {}),
              signal: sig,
              timeoutMs,
              onProgress: (s) => onProgress(api.context, ref, esc(s.message)),
              onReconnecting: (e) => onProgress(api.context, ref, `reconnecting (${esc(e.message)})`),
            });
          },
          // the wait is as long as the rollout: no per-cluster deadline beyond the caller's
          { signal, timeoutMs: 0 },
        ),
      );
      for (const ctx of t.contexts) {
        const r = results.find((x) => x.context === ctx);
        if (!r) continue;
        if (!r.ok) {
          out.push({ context: ctx, ref: esc(ref), outcome: 'error', message: changeErrorText(r.error) });
          continue;
        }
        const s = r.value.status;
        const message =
          r.value.outcome === 'failed'
            ? [s.failed, s.condition].filter(Boolean).join(': ')
            : r.value.outcome === 'done'
              ? s.message
              : `${r.value.outcome}: ${s.message}`;
        out.push({ context: ctx, ref: esc(ref), outcome: r.value.outcome, message: esc(message) });
      }
    }
    return out;
  }
}

/** One entry per cluster: ok only when every change there was. */
function merged(clusters: { context: string; ok: boolean }[]): { context: string; ok: boolean }[] {
  const by = new Map<string, boolean>();
  for (const c of clusters) by.set(c.context, (by.get(c.context) ?? true) && c.ok);
  return [...by].map(([context, ok]) => ({ context, ok }));
}

/** The status rows as a table: CLUSTER, OBJECT, STATE, MESSAGE. */
export function statusTable(rows: readonly StatusRow[]): string {
  return alignRows([
    ['CLUSTER', 'OBJECT', 'STATE', 'MESSAGE'],
    ...rows.map((r) => [esc(r.context), r.ref, r.outcome, r.message]),
  ]);
}
