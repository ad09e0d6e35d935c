/**
 * `kubectl events --watch` across a fleet: every cluster's new and changed events as they come, merged
 * into one stream in arrival order. Each cluster watches from where its list ended (or lists first);
 * a broken stream is resumed by the API's watch, a 410 relists (only events not seen yet are passed
 * on), and a cluster that fails says so, waits and starts over, while the others go on.
 */
import type { ClusterApi } from '../api/client.js';
import type { ClusterError } from '../errors.js';
import { toClusterError } from '../fanout/fanout.js';
import { Reconnect, type ReconnectOptions } from '../api/reconnect.js';
import {
  eventListOptions,
  eventsResource,
  matchesTypes,
  type EventsOptions,
  type KubeEvent,
} from './events.js';

export type EventWatchItem =
  /** A new or changed event (deleted ones are not shown, as kubectl events does not). */
  | { context: string; type: 'EVENT'; event: KubeEvent }
  /** This cluster's watch failed; it is retried. */
  | { context: string; type: 'ERROR'; error: ClusterError }
  /** This cluster's watch is back after an `ERROR`. */
  | { context: string; type: 'RECOVERED' };

export interface WatchEventsOptions extends EventsOptions {
  signal: AbortSignal;
  /** Per context: watch from this resourceVersion (its list was already shown); absent: list first and pass every event on. */
  resourceVersions?: ReadonlyMap<string, string>;
  /** Per context: the events already shown (their uid → resourceVersion), so a relist repeats none. */
  seen?: ReadonlyMap<string, readonly KubeEvent[]>;
  /**
   * First wait before a failed cluster starts over (default 5000 ms), then doubled with jitter up to
   * 30 s, reset once its watch stayed up (the reconnect policy, `Reconnect`).
   */
  retryMs?: number;
  /** The reconnect policy's other settings (tests pass a fake clock); also given to each watch. */
  reconnect?: ReconnectOptions;
  /** How long a watch attempt may wait for the server's answer (ms, default 30 000). */
  responseTimeoutMs?: number;
}

const MAX_RETRY_MS = 30_000;

/** The events of every context until `opts.signal` aborts or the consumer stops. */
export async function* watchEvents(
  api: (context: string) => Promise<ClusterApi>,
  contexts: readonly string[],
  opts: WatchEventsOptions,
): AsyncGenerator<EventWatchItem> {
  const stop = new AbortController();
  const signal = AbortSignal.any([opts.signal, stop.signal]);
  const queue: EventWatchItem[] = [];
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const push = (item: EventWatchItem) => {
    if (signal.aborted) return;
    queue.push(item);
    notify();
  };
  signal.addEventListener('abort', notify, { once: true });
  const loops = [...new Set(contexts)].map((ctx) =>
    watchCluster(api, ctx, opts, signal, push).catch(() => undefined),
  );
  try {
    while (!signal.aborted) {
      const item = queue.shift();
      if (item) yield item;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stop.abort();
    signal.removeEventListener('abort', notify);
    await Promise.allSettled(loops);
  }
}

async function watchCluster(
  getApi: (context: string) => Promise<ClusterApi>,
  ctx: string,
  opts: WatchEventsOptions,
  signal: AbortSignal,
  push: (item: EventWatchItem) => void,
): Promise<void> {
  const retryMs = opts.retryMs ?? 5000;
  const seen = new Map<string, string>();
  for (const e of opts.seen?.get(ctx) ?? []) seen.set(key(e), e.metadata?.resourceVersion ?? '');
  let rv = opts.resourceVersions?.get(ctx);
  const backoff = new Reconnect({ baseMs: retryMs, maxMs: MAX_RETRY_MS, ...opts.reconnect });
  let failing = false;
  /** Pass an event on unless it was shown as it is now. */
  const offer = (e: KubeEvent) => {
    if (!matchesTypes(e, opts.types)) return;
    const k = key(e);
    const version = e.metadata?.resourceVersion ?? '';
    if (seen.has(k) && seen.get(k) === version) return;
    seen.set(k, version);
    push({ context: ctx, type: 'EVENT', event: e });
  };
  const recovered = () => {
    if (!failing) return;
    failing = false;
    push({ context: ctx, type: 'RECOVERED' });
  };
  while (!signal.aborted) {
    try {
      const api = await getApi(ctx);
      const res = await eventsResource(api, signal);
      const listOpts = await eventListOptions(api, ctx, opts, signal);
      const stream = api.watch<KubeEvent>(res, {
        ...listOpts,
        signal,
        ...(rv ? { resourceVersion: rv } : {}),
        responseTimeoutMs: opts.responseTimeoutMs ?? 30_000,
        ...(opts.reconnect && { reconnect: opts.reconnect }),
      });
      backoff.up();
      for await (const ev of stream) {
        if (signal.aborted) return;
        switch (ev.type) {
          case 'RELIST':
            recovered();
            for (const e of ev.items) offer(e);
            break;
          case 'ADDED':
          case 'MODIFIED':
            recovered();
            if (ev.object.metadata?.resourceVersion) rv = ev.object.metadata.resourceVersion;
            offer(ev.object);
            break;
          case 'BOOKMARK':
            recovered();
            if (ev.object.metadata?.resourceVersion) rv = ev.object.metadata.resourceVersion;
            break;
          case 'DELETED':
            if (ev.object.metadata?.resourceVersion) rv = ev.object.metadata.resourceVersion;
            break;
          case 'RECONNECTING':
            failing = true;
            push({ context: ctx, type: 'ERROR', error: ev.error });
            break;
        }
      }
    } catch (e) {
      if (signal.aborted) return;
      failing = true;
      push({ context: ctx, type: 'ERROR', error: toClusterError(e, ctx) });
      // Start over with a list: what it holds that was not shown yet is passed on.
      rv = undefined;
      await backoff.wait(backoff.down(), signal);
    }
  }
}

function key(e: KubeEvent): string {
  const m = e.metadata ?? {};
  return m.uid ?? `${m.namespace ?? ''}/${m.name ?? ''}`;
}
