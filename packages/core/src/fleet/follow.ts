/**
 * List-then-watch of one resource on every cluster of a fleet, as one stream of per-cluster events: each
 * cluster lists, then watches from the list's resourceVersion; a cluster that fails says so (a typed
 * error, its own) and starts over after a wait, while the others go on. The watch's own reconnects
 * (backoff after a broken stream, relist after 410) are the API's (`ClusterApi.watch`).
 */
import { Reconnect, type ReconnectOptions } from '../api/reconnect.js';
import type { WatchOptions } from '../api/watch.js';
import type { ListOptions, ResolvedResource, Table } from '../api/types.js';
import type { ClusterError } from '../errors.js';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, toClusterError } from '../fanout/fanout.js';
import type { FleetSource } from './types.js';

/** One cluster's news in a followed resource. */
export type FollowEvent =
  /** The resource as this cluster resolved it (first, once). */
  | { context: string; type: 'RESOLVED'; resource: ResolvedResource }
  /** Every object of this cluster: its rows replace what it had (first list, list after a failure, relist). */
  | { context: string; type: 'LIST'; table: Table }
  /** Rows added, changed or deleted (the columns are the cluster's). */
  | { context: string; type: 'ADDED' | 'MODIFIED' | 'DELETED'; table: Table }
  /** This cluster cannot list, or its watch broke: it is retried; the rows it had may be stale. */
  | { context: string; type: 'ERROR'; error: ClusterError }
  /** This cluster's watch is back after an `ERROR`. */
  | { context: string; type: 'RECOVERED' };

/** Bounds how many requests run at once, across every stream that shares it. */
export class Limiter {
  private free: number;
  private readonly waiters: Array<() => void> = [];

  constructor(size = DEFAULT_CONCURRENCY) {
    this.free = Math.max(1, Math.floor(size));
  }

  /** Run `fn` once a slot is free; an abort while waiting rejects with the signal's reason. */
  async run<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    while (this.free === 0) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      signal.throwIfAborted();
    }
    this.free--;
    try {
      return await fn();
    } finally {
      this.free++;
      // Wake every waiter: each re-checks for a slot (an aborted one may have left already).
      for (const wake of this.waiters.splice(0)) wake();
    }
  }
}

export interface FollowOptions extends Pick<
  ListOptions,
  'namespace' | 'allNamespaces' | 'labelSelector' | 'fieldSelector' | 'includeObject' | 'maxRows'
> {
  /** Stops every cluster's list and watch; the stream then ends. */
  signal?: AbortSignal;
  /** Deadline of one resolve or list request (ms, default 10 000; 0 = none). Watches have none. */
  timeoutMs?: number;
  /**
   * After a failed list or watch, the first wait before starting over (then doubled, with jitter, up to
   * 30 s; reset once a watch stayed up). Also the polling interval of a cluster that cannot watch.
   * Default 5000 ms.
   */
  retryMs?: number;
  /** Bounds the lists in flight; share one between streams (default: this stream's own, of 16). */
  limiter?: Limiter;
  /** A cluster starts once this resolves (e.g. after its first health check), so a hung one delays only itself. */
  ready?: (context: string) => Promise<void>;
  /**
   * The reconnect policy of each cluster's list-then-watch rounds and of its watch (`Reconnect`; the
   * base delay defaults to `retryMs`): tests pass a fake clock.
   */
  reconnect?: ReconnectOptions;
}

/** The events of every cluster, in arrival order, until the signal aborts or the consumer stops. */
export interface FollowStream extends AsyncIterable<FollowEvent> {
  readonly contexts: readonly string[];
  /** Every cluster lists again at once (a wait or a watch is cut short). */
  refresh(): void;
}

const MAX_RETRY_MS = 30_000;

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Follow `resource` (a name as kubectl accepts it) on every context: see `FollowEvent`. Each cluster is
 * independent; one that fails never stops the others, and its error is an event, never a rejection.
 */
export function follow(
  source: FleetSource,
  contexts: readonly string[],
  resource: string,
  opts: FollowOptions = {},
): FollowStream {
  const unique = [...new Set(contexts)];
  const kicks = new Set<() => void>();
  return {
    contexts: unique,
    refresh: () => {
      for (const kick of [...kicks]) kick();
    },
    [Symbol.asyncIterator]: () => run(source, unique, resource, opts, kicks)[Symbol.asyncIterator](),
  };
}

async function* run(
  source: FleetSource,
  contexts: readonly string[],
  resource: string,
  opts: FollowOptions,
  kicks: Set<() => void>,
): AsyncGenerator<FollowEvent> {
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const limiter = opts.limiter ?? new Limiter();
  const queue: FollowEvent[] = [];
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const push = (e: FollowEvent) => {
    if (signal.aborted) return;
    queue.push(e);
    notify();
  };
  signal.addEventListener('abort', notify, { once: true });
  const loops = contexts.map((ctx) =>
    followCluster(source, ctx, resource, opts, limiter, signal, kicks, push).catch(() => undefined),
  );
  try {
    while (!signal.aborted) {
      const e = queue.shift();
      if (e) yield e;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    // The consumer stopped or the signal aborted: nothing may keep running.
    stop.abort();
    signal.removeEventListener('abort', notify);
    await Promise.allSettled(loops);
  }
}

async function followCluster(
  source: FleetSource,
  ctx: string,
  name: string,
  opts: FollowOptions,
  limiter: Limiter,
  signal: AbortSignal,
  kicks: Set<() => void>,
  push: (e: FollowEvent) => void,
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retryMs = opts.retryMs ?? 5000;
  const listOpts: ListOptions = {
    ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
    ...(opts.allNamespaces !== undefined ? { allNamespaces: opts.allNamespaces } : {}),
    ...(opts.labelSelector !== undefined ? { labelSelector: opts.labelSelector } : {}),
    ...(opts.fieldSelector !== undefined ? { fieldSelector: opts.fieldSelector } : {}),
    ...(opts.includeObject !== undefined ? { includeObject: opts.includeObject } : {}),
    ...(opts.maxRows !== undefined ? { maxRows: opts.maxRows } : {}),
  };
  /** One request under the per-request deadline. */
  const deadline = <T>(s: AbortSignal, fn: (s: AbortSignal) => Promise<T>): Promise<T> =>
    fn(timeoutMs > 0 ? AbortSignal.any([s, AbortSignal.timeout(timeoutMs)]) : s);

  // A gate that fails still opens: the cluster's own list then says what is wrong with it.
  if (opts.ready) await Promise.race([opts.ready(ctx).catch(() => undefined), aborted(signal)]);
  let res: ResolvedResource | undefined;
  // One policy for the rounds (list, then watch): a round that ends before the watch was healthy —
  // a list that fails, a watch that ends or breaks at once — waits longer each time.
  const backoff = new Reconnect({ baseMs: retryMs, maxMs: MAX_RETRY_MS, ...opts.reconnect });
  while (!signal.aborted) {
    // `refresh()` cuts this round's wait or watch short.
    const round = new AbortController();
    const kick = () => round.abort();
    kicks.add(kick);
    const roundSignal = AbortSignal.any([signal, round.signal]);
    let delay: number;
    try {
      if (!res) {
        res = await deadline(roundSignal, (s) => source.resolve(ctx, name, s));
        push({ context: ctx, type: 'RESOLVED', resource: res });
      }
      const resolved = res;
      const table = await limiter.run(roundSignal, () =>
        deadline(roundSignal, (s) => source.table(ctx, resolved, { ...listOpts, signal: s })),
      );
      push({ context: ctx, type: 'LIST', table });
      backoff.up();
      if (source.watchTable && table.resourceVersion) {
        await watchCluster(
          source,
          ctx,
          resolved,
          {
            ...listOpts,
            resourceVersion: table.resourceVersion,
            ...(opts.reconnect && { reconnect: opts.reconnect }),
          },
          roundSignal,
          push,
        );
      }
      if (round.signal.aborted) {
        delay = 0; // refresh(): list again now (not a failure)
      } else if (source.watchTable && table.resourceVersion) {
        // The watch ended: list again after the policy's wait, short only if the watch had stayed up.
        delay = backoff.down();
      } else {
        // No watch: poll every `retryMs` while the lists succeed.
        backoff.failures = 0;
        delay = retryMs;
      }
    } catch (e) {
      if (signal.aborted) break;
      if (round.signal.aborted)
        delay = 0; // refresh() cut it short: list again now
      else {
        delay = backoff.down();
        push({ context: ctx, type: 'ERROR', error: toClusterError(e, ctx) });
      }
    }
    if (delay > 0) await backoff.wait(delay, roundSignal);
    kicks.delete(kick);
  }
}

async function watchCluster(
  source: FleetSource,
  ctx: string,
  res: ResolvedResource,
  opts: WatchOptions,
  signal: AbortSignal,
  push: (e: FollowEvent) => void,
): Promise<void> {
  let broken = false;
  for await (const ev of source.watchTable!(ctx, res, { ...opts, signal })) {
    if (signal.aborted) return;
    if (broken && ev.type !== 'RECONNECTING') {
      broken = false;
      push({ context: ctx, type: 'RECOVERED' });
    }
    switch (ev.type) {
      case 'ADDED':
      case 'MODIFIED':
      case 'DELETED':
        push({ context: ctx, type: ev.type, table: ev.object });
        break;
      case 'RELIST': {
        const t = ev.items[0];
        if (t) push({ context: ctx, type: 'LIST', table: t });
        break;
      }
      case 'RECONNECTING':
        broken = true;
        push({ context: ctx, type: 'ERROR', error: toClusterError(ev.error, ctx) });
        break;
      case 'BOOKMARK':
        break;
    }
  }
}
