/**
 * `delete` across the fleet: the plan (what exists where), then DELETE of each object with kubectl's
 * DeleteOptions (cascade as propagation policy, grace period, server dry run), the object's uid as a
 * precondition so a namesake created since the plan is left alone, and with `wait` until it is gone.
 */
import type { ClusterApi } from '../../api/client.js';
import { deleteObject, type PropagationPolicy } from '../../api/mutate.js';
import { ClusterError } from '../../errors.js';
import type { FanOut } from '../../fanout/fanout.js';
import type { Fleet } from '../fleet.js';
import {
  planTargets,
  runChanges,
  type Changed,
  type MutatePlanOptions,
  type PlanRow,
  type RunChangesOptions,
} from './plan.js';
import type { TargetSpec } from './targets.js';

export type Cascade = 'background' | 'foreground' | 'orphan';

const POLICY: Record<Cascade, PropagationPolicy> = {
  background: 'Background',
  foreground: 'Foreground',
  orphan: 'Orphan',
};

/** How often `wait` asks whether a deleted object is gone. */
const WAIT_POLL_MS = 250;

/** What exists where: `delete` for each object found, `not found` for a name a cluster lacks. */
export function planDelete(fleet: Fleet, spec: TargetSpec, opts: MutatePlanOptions = {}): FanOut<PlanRow[]> {
  return planTargets(
    fleet,
    spec,
    (_api, t) => {
      if (!t.live) return Promise.resolve({ note: 'not found' });
      const terminating = !!(t.live.metadata as { deletionTimestamp?: string } | undefined)
        ?.deletionTimestamp;
      return Promise.resolve({ action: 'delete', ...(terminating ? { note: 'already terminating' } : {}) });
    },
    opts,
  );
}

export interface DeleteOptions extends RunChangesOptions<unknown> {
  cascade?: Cascade;
  /** Seconds given to terminate (kubectl's --grace-period; negative: the object's default). */
  gracePeriodSeconds?: number;
  /** `dryRun=All`: the server answers, nothing is deleted. */
  dryRun?: boolean;
  /** Wait until each object is gone (kubectl's --wait). */
  wait?: boolean;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Until the object with this uid is gone (a namesake created since does not count). */
async function waitGone(api: ClusterApi, row: PlanRow, signal: AbortSignal): Promise<void> {
  const { resource, name, namespace, live } = row.target;
  for (;;) {
    try {
      const now = await api.get(resource, name, { ...(namespace ? { namespace } : {}), signal });
      if (now.metadata?.uid !== live?.metadata?.uid) return;
    } catch (e) {
      if (e instanceof ClusterError && e.kind === 'NotFound') return;
      throw e;
    }
    await sleep(WAIT_POLL_MS, signal);
  }
}

/** Delete every planned object; `deleted` (or `deleted (server dry run)`) per object. */
export function runDelete(
  fleet: Fleet,
  plans: Map<string, PlanRow[]>,
  opts: DeleteOptions = {},
): FanOut<Changed[]> {
  return runChanges(
    fleet,
    plans,
    async (api, row, signal) => {
      const { resource, name, namespace, live } = row.target;
      const uid = live?.metadata?.uid;
      try {
        await deleteObject(api.conn, resource, name, {
          ...(namespace ? { namespace } : {}),
          ...(opts.cascade ? { propagationPolicy: POLICY[opts.cascade] } : {}),
          ...(opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds >= 0
            ? { gracePeriodSeconds: opts.gracePeriodSeconds }
            : {}),
          ...(opts.dryRun ? { dryRun: true } : {}),
          ...(uid ? { uid } : {}),
          signal,
        });
      } catch (e) {
        // gone since the plan: what was asked for is done, as kubectl --ignore-not-found would say
        if (e instanceof ClusterError && e.kind === 'NotFound') return 'already gone';
        throw e;
      }
      if (opts.dryRun) return 'deleted (server dry run)';
      if (opts.wait) await waitGone(api, row, signal);
      return 'deleted';
    },
    opts,
  );
}
