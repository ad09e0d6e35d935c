/**
 * The dashboard's changes to a cluster: delete, kill (delete with grace period 0), scale and restart of one object on one cluster, each
 * through core's own plan and change (`planDelete`/`runDelete`, `planScale`/`runScale`,
 * `planRollout`/`runRollout`), the same functions `kubectl mc delete`, `scale` and `rollout restart` use.
 * A failure is thrown as the cluster's `ClusterError`; the result is kubectl's word for what was done.
 */
import { ClusterError, type LoadedKubeconfig } from '@kubectl-mc/core';
import { collect, type ClusterResult } from '@kubectl-mc/core/fanout';
import {
  actionsOf,
  Fleet,
  planDelete,
  planRollout,
  planScale,
  runDelete,
  runRollout,
  runScale,
  type Changed,
  type PlanRow,
} from '@kubectl-mc/core/fleet';

/** One object on one cluster, by its real (unescaped) name. */
export interface ActionTarget {
  cluster: string;
  /** The resource as the dashboard names it (`pods`, `deployments`, a CRD's plural). */
  resource: string;
  name: string;
  namespace?: string;
}

export interface ActionBackend {
  /** `deleted`, `already gone`. */
  delete(t: ActionTarget, signal: AbortSignal): Promise<string>;
  /** k9s's kill: delete at once, grace period 0 (kubectl's `--force --grace-period=0`): `force deleted`. */
  kill(t: ActionTarget, signal: AbortSignal): Promise<string>;
  /** `scaled`, or why nothing was sent (`already 3 replicas`). */
  scale(t: ActionTarget, replicas: number, signal: AbortSignal): Promise<string>;
  /** `restarted`, or why nothing was sent. */
  restart(t: ActionTarget, signal: AbortSignal): Promise<string>;
}

interface FleetOptions {
  timeoutMs?: number;
  concurrency?: number;
}

/** The first (only) row's outcome on the one cluster, or its error thrown. */
function only<T>(results: ClusterResult<T>[]): T {
  const r = results[0];
  if (!r) throw new Error('no result');
  if (!r.ok) throw r.error;
  return r.value;
}

/** The plan's one row to change; a row that cannot change is thrown (error) or returned as its note. */
function planned<P>(t: ActionTarget, rows: PlanRow<P>[]): PlanRow<P>[] | string {
  const failed = rows.find((r) => r.error);
  if (failed?.error) throw failed.error;
  const todo = actionsOf(rows);
  if (todo.length) return todo;
  const note = rows[0]?.note ?? 'not found';
  if (note === 'not found')
    throw new ClusterError('NotFound', t.cluster, `${t.resource} "${t.name}" not found`);
  return note;
}

function changed(rows: Changed[]): string {
  const c = rows[0];
  if (c?.error) throw c.error;
  return c?.result ?? 'done';
}

/** Core's mutating verbs over `loaded`, one cluster at a time (its connection is the dashboard's). */
export function fleetActions(loaded: LoadedKubeconfig, opts: FleetOptions = {}): ActionBackend {
  // A fleet of the one context: connections are the process-wide ones, so it is not closed here.
  const one = (t: ActionTarget) => new Fleet(loaded, [t.cluster], opts);
  const spec = (t: ActionTarget) => ({ args: [`${t.resource}/${t.name}`] });
  const ns = (t: ActionTarget) => (t.namespace !== undefined ? { namespace: t.namespace } : {});
  // A terminating object is still planned (`already terminating` is a note, its action stays `delete`):
  // kill (grace 0) is what ends one stuck terminating.
  async function remove(t: ActionTarget, signal: AbortSignal, gracePeriodSeconds?: number): Promise<string> {
    const fleet = one(t);
    const rows = planned(t, only(await collect(planDelete(fleet, spec(t), { ...ns(t), signal }))));
    if (typeof rows === 'string') return rows;
    const opts = { signal, ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}) };
    return changed(only(await collect(runDelete(fleet, new Map([[t.cluster, rows]]), opts))));
  }
  return {
    delete: (t, signal) => remove(t, signal),
    async kill(t, signal) {
      const result = await remove(t, signal, 0);
      return result === 'deleted' ? 'force deleted' : result;
    },
    async scale(t, replicas, signal) {
      const fleet = one(t);
      const plan = planScale(fleet, spec(t), { replicas }, { ...ns(t), signal });
      const rows = planned(t, only(await collect(plan)));
      if (typeof rows === 'string') return rows;
      return changed(
        only(await collect(runScale(fleet, new Map([[t.cluster, rows]]), { replicas }, { signal }))),
      );
    },
    async restart(t, signal) {
      const fleet = one(t);
      const req = {
        action: 'restart' as const,
        type: t.resource,
        name: t.name,
        namespaceOf: () => t.namespace ?? 'default',
      };
      const item = only(await collect(planRollout(fleet, req, { signal })));
      if (!item.patch) return item.note ?? 'nothing to do';
      only(await collect(runRollout(fleet, [item], { signal })));
      return item.verb ?? 'restarted';
    },
  };
}
