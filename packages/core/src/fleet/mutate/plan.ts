/**
 * The plan and the change of a mutating verb (delete, scale, label, annotate), shared: per cluster, the
 * targets found and what would happen to each (`action`, or a `note` why nothing will); then, after the
 * question, the change on every cluster with something to do, concurrently, each object's outcome
 * reported as it happens. One cluster's failure does not stop the others unless `failFast`.
 */
import type { ClusterApi } from '../../api/client.js';
import type { ClusterError } from '../../errors.js';
import { fanOut, toClusterError, type FanOut } from '../../fanout/fanout.js';
import { isClusterFailure } from '../apply/plan.js';
import type { Fleet, FleetFanOutOptions } from '../fleet.js';
import { findTargets, type Target, type TargetSpec } from './targets.js';

/** One object on one cluster in a plan. */
export interface PlanRow<P = unknown> {
  target: Target;
  /** What would happen (`delete`, `scale 3 -> 5`, `label tier=web`); undefined: nothing. */
  action?: string;
  /** Why nothing happens (`not found`, `unchanged`, …). */
  note?: string;
  /** Why it cannot happen here (forbidden, a precondition, …). */
  error?: ClusterError;
  /** What the change sends (the verb's own). */
  payload?: P;
}

/** One object's outcome. */
export interface Changed<P = unknown> {
  row: PlanRow<P>;
  /** `deleted`, `scaled`, `labeled`, … */
  result?: string;
  error?: ClusterError;
}

export interface MutatePlanOptions extends FleetFanOutOptions {
  /** `-n`: where namespaced objects are (default: the context's namespace, else `default`). */
  namespace?: string;
}

/** The rows that change something. */
export function actionsOf<P>(rows: readonly PlanRow<P>[]): PlanRow<P>[] {
  return rows.filter((r) => r.action !== undefined && !r.error);
}

/** The namespace namespaced objects are in on `context`. */
export function namespaceOn(fleet: Fleet, context: string, namespace?: string): string {
  return namespace || fleet.infos.find((i) => i.name === context)?.namespace || 'default';
}

/**
 * The plan on every selected cluster: the targets found there, each decided by `decide` (which may
 * ask the cluster, e.g. a server dry run). A failure of one object is its row's error; a failure of the
 * cluster (unreachable, forbidden to list, an unknown type) is the cluster's.
 */
export function planTargets<P>(
  fleet: Fleet,
  spec: TargetSpec,
  decide: (api: ClusterApi, target: Target, signal: AbortSignal) => Promise<Omit<PlanRow<P>, 'target'>>,
  opts: MutatePlanOptions = {},
): FanOut<PlanRow<P>[]> {
  return fleet.fanOut(async (api, signal) => {
    const targets = await findTargets(api, spec, namespaceOn(fleet, api.context, opts.namespace), signal);
    const rows: PlanRow<P>[] = [];
    for (const target of targets) {
      try {
        rows.push({ target, ...(await decide(api, target, signal)) });
      } catch (e) {
        const error = toClusterError(e, api.context);
        if (isClusterFailure(error)) throw error;
        rows.push({ target, error });
      }
    }
    return rows;
  }, opts);
}

export interface RunChangesOptions<P> extends FleetFanOutOptions {
  /** Stop every cluster at the first failure. */
  failFast?: boolean;
  /** Called once per object as it is changed (or fails), with its cluster. */
  onChanged?: (context: string, changed: Changed<P>) => void;
}

/** Change every planned action, cluster by cluster concurrently, objects in plan order. */
export function runChanges<P>(
  fleet: Fleet,
  plans: Map<string, PlanRow<P>[]>,
  act: (api: ClusterApi, row: PlanRow<P>, signal: AbortSignal) => Promise<string>,
  opts: RunChangesOptions<P> = {},
): FanOut<Changed<P>[]> {
  const contexts = [...plans].filter(([, rows]) => actionsOf(rows).length > 0).map(([c]) => c);
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  return fanOut(
    contexts,
    async (context, sig) => {
      const api = await fleet.api(context);
      const out: Changed<P>[] = [];
      for (const row of actionsOf(plans.get(context) ?? [])) {
        if (sig.aborted) throw toClusterError(sig.reason, context);
        try {
          const c = { row, result: await act(api, row, sig) };
          out.push(c);
          opts.onChanged?.(context, c);
        } catch (e) {
          const error = toClusterError(e, context);
          const c = { row, error };
          out.push(c);
          opts.onChanged?.(context, c);
          if (opts.failFast) stop.abort(new Error('another cluster failed (--fail-fast)'));
          if (isClusterFailure(error)) throw error;
        }
      }
      return out;
    },
    {
      ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      signal,
    },
  );
}
