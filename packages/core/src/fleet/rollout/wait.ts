/**
 * Wait for one cluster's rollout to finish, as `kubectl rollout status` does: read the object, then watch
 * it (field selector on its name) and judge every version with kubectl's status viewer until it is done,
 * fails (ProgressDeadlineExceeded), the timeout passes or the signal aborts. Each new state is reported
 * through `onProgress`. Reusable by anything that runs rollouts (the CLI, a pipeline).
 */
import type { ClusterApi } from '../../api/client.js';
import type { KubeObject, ResolvedResource } from '../../api/types.js';
import { ClusterError } from '../../errors.js';
import { rolloutStatus, type RolloutStatus } from './viewer.js';

export interface WaitOptions {
  namespace?: string;
  /** Stop waiting (the result is `cancelled`). */
  signal?: AbortSignal;
  /** Give up after this long (ms; 0 or absent: no limit); the result is `timeout`. */
  timeoutMs?: number;
  /** Deadline of each request that must answer (the first read, each watch's response head; default 30 s). */
  requestTimeoutMs?: number;
  /** Each new state of the object (first read included), in order. */
  onProgress?: (status: RolloutStatus, object: KubeObject) => void;
  /**
   * The watch broke and is being retried (the watch's own backoff, until the cluster answers again, the
   * timeout or the signal): as kubectl, a cluster lost mid-watch is waited for, and said so here.
   */
  onReconnecting?: (error: ClusterError, attempt: number) => void;
  /** Return after the first read instead of watching (`kubectl rollout status --watch=false`). */
  once?: boolean;
}

export type RolloutOutcome = 'done' | 'failed' | 'timeout' | 'cancelled' | 'pending';

export interface RolloutResult {
  outcome: RolloutOutcome;
  /** The last status seen. */
  status: RolloutStatus;
}

/**
 * Wait for the rollout of `name` on one cluster. Resolves with how it ended; rejects with a ClusterError
 * when the cluster cannot be asked (unreachable, forbidden, the object not found or deleted).
 */
export async function waitForRollout(
  api: ClusterApi,
  res: ResolvedResource,
  name: string,
  opts: WaitOptions = {},
): Promise<RolloutResult> {
  const requestTimeoutMs = opts.requestTimeoutMs ?? 30_000;
  const ns = res.namespaced ? { namespace: opts.namespace ?? 'default' } : {};
  const stop = new AbortController();
  let timedOut = false;
  const timer =
    opts.timeoutMs && opts.timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          stop.abort(new Error('timed out'));
        }, opts.timeoutMs)
      : undefined;
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  let last: RolloutStatus | undefined;
  let lastMessage = '';
  const judge = (o: KubeObject): RolloutResult | undefined => {
    const s = rolloutStatus(o);
    last = s;
    const key = JSON.stringify([s.message, s.updated, s.ready, s.available, s.condition]);
    if (key !== lastMessage) {
      lastMessage = key;
      opts.onProgress?.(s, o);
    }
    if (s.failed) return { outcome: 'failed', status: s };
    if (s.done) return { outcome: 'done', status: s };
    return undefined;
  };
  const ended = (): RolloutResult => ({
    outcome: timedOut ? 'timeout' : 'cancelled',
    status: last ?? rolloutStatus({ kind: res.kind, metadata: { name } }),
  });
  try {
    let first: KubeObject;
    try {
      const reqSignal =
        requestTimeoutMs > 0 ? AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)]) : signal;
      first = await api.get(res, name, { ...ns, signal: reqSignal });
    } catch (e) {
      if (signal.aborted) return ended();
      throw e;
    }
    const r = judge(first);
    if (r) return r;
    if (opts.once) return { outcome: 'pending', status: last! };
    const events = api.watch(res, {
      ...ns,
      fieldSelector: `metadata.name=${name}`,
      resourceVersion: first.metadata?.resourceVersion ?? '',
      responseTimeoutMs: requestTimeoutMs,
      signal,
    });
    for await (const ev of events) {
      if (ev.type === 'RECONNECTING') {
        opts.onReconnecting?.(ev.error, ev.attempt);
        continue;
      }
      if (ev.type === 'DELETED')
        throw new ClusterError('NotFound', api.context, `${res.resource} "${name}" was deleted`, {
          status: 404,
        });
      const objects =
        ev.type === 'ADDED' || ev.type === 'MODIFIED'
          ? [ev.object]
          : ev.type === 'RELIST'
            ? ev.items.filter((i) => i.metadata?.name === name)
            : [];
      for (const o of objects) {
        const out = judge(o);
        if (out) return out;
      }
    }
    return ended();
  } finally {
    if (timer) clearTimeout(timer);
  }
}
