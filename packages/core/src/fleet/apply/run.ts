/**
 * The apply after the plan: on every cluster with changes, concurrently, each changed object applied
 * for real (server-side, field manager `kubectl-mc`), in manifest order. A failure on one cluster does
 * not stop the others unless `failFast`; every outcome is reported as it happens.
 */
import { apiVersionOf } from '../../api/paths.js';
import type { KubeObject } from '../../api/types.js';
import type { ClusterError } from '../../errors.js';
import { fanOut, toClusterError, type FanOut } from '../../fanout/fanout.js';
import type { Fleet, FleetFanOutOptions } from '../fleet.js';
import { isUnchanged } from './changes.js';
import { changesOf, FIELD_MANAGER, isClusterFailure, type ChangeResult, type PlanItem } from './plan.js';

export interface Applied {
  item: PlanItem;
  result?: ChangeResult;
  error?: ClusterError;
  object?: KubeObject;
}

export interface RunOptions extends FleetFanOutOptions {
  fieldManager?: string;
  force?: boolean;
  /** Stop every cluster at the first failure. */
  failFast?: boolean;
  /** Called once per object as it is applied (or fails), with its cluster. */
  onApplied?: (context: string, applied: Applied) => void;
}

/** Apply the plan's changes: `plans` maps each cluster to its plan items (clusters without changes are skipped). */
export function runApply(
  fleet: Fleet,
  plans: Map<string, PlanItem[]>,
  opts: RunOptions = {},
): FanOut<Applied[]> {
  const contexts = [...plans].filter(([, items]) => changesOf(items).length > 0).map(([c]) => c);
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const failed = (context: string, a: Applied): void => {
    opts.onApplied?.(context, a);
    if (opts.failFast) stop.abort(new Error('another cluster failed (--fail-fast)'));
  };
  return fanOut(
    contexts,
    async (context, sig) => {
      const api = await fleet.api(context);
      const out: Applied[] = [];
      for (const item of changesOf(plans.get(context) ?? [])) {
        if (sig.aborted) throw toClusterError(sig.reason, context);
        try {
          const { object, created } = await api.apply(
            item.resource!,
            { ...item.manifest.object, apiVersion: apiVersionOf(item.resource!) },
            {
              fieldManager: opts.fieldManager ?? FIELD_MANAGER,
              force: !!opts.force,
              ...(item.namespace ? { namespace: item.namespace } : {}),
              signal: sig,
            },
          );
          const result: ChangeResult = created
            ? 'created'
            : item.live && isUnchanged(item.live, object)
              ? 'unchanged'
              : 'configured';
          const a = { item, result, object };
          out.push(a);
          opts.onApplied?.(context, a);
        } catch (e) {
          const error = toClusterError(e, context);
          const a = { item, error };
          out.push(a);
          failed(context, a);
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
