/**
 * Logs across a fleet: every source (container) of every selected cluster, read at once (at most
 * `maxLogRequests` per cluster), as one stream of events. Each cluster finds its sources under its own
 * deadline; a cluster that cannot (down, forbidden, no such pod) is one `cluster-error` and the others go
 * on. Without `follow` each source comes as one block of lines; with it, lines come as they are written
 * and a dropped stream resumes where it stopped. The stream is bounded: a slow reader holds the sources
 * back (each waits for room), it never buffers without limit.
 */
import { setMaxListeners } from 'node:events';
import type { ClusterApi } from '../../api/client.js';
import { ClusterError } from '../../errors.js';
import { fanOut } from '../../fanout/fanout.js';
import { Limiter } from '../follow.js';
import { readSource } from './read.js';
import { findSources } from './sources.js';
import type { LogEvent, LogOptions, LogSource, LogTarget } from './types.js';

export type { LogEvent, LogLine, LogOptions, LogSource, LogTarget } from './types.js';
export { containersOf, selectorText } from './sources.js';
export { Resumer, resumeSince, stampKey } from './read.js';

/** What logs need of a fleet (`Fleet` has it). */
export interface LogFleet {
  readonly contexts: readonly string[];
  api(context: string): Promise<ClusterApi>;
}

export const DEFAULT_MAX_LOG_REQUESTS = 5;

/** A bounded queue of events: `push` waits while it is full; iteration ends once closed and drained. */
class Channel<T> {
  private readonly items: T[] = [];
  private readonly room: Array<() => void> = [];
  private wake: (() => void) | undefined;
  private closed = false;

  constructor(private readonly capacity: number) {}

  async push(item: T): Promise<void> {
    while (this.items.length >= this.capacity && !this.closed) {
      await new Promise<void>((resolve) => this.room.push(resolve));
    }
    if (this.closed) return;
    this.items.push(item);
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
    for (const r of this.room.splice(0)) r();
  }

  async *drain(): AsyncGenerator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) {
        this.room.shift()?.();
        yield item;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}

/**
 * The logs of `target` on every context of `fleet`, as events (see `LogEvent`). Ends when every source
 * has ended, or when `opts.signal` aborts (following: only then).
 */
export function fleetLogs(
  fleet: LogFleet,
  target: LogTarget,
  opts: LogOptions = {},
): AsyncIterable<LogEvent> {
  const outer = opts.signal;
  const max = Math.max(1, opts.maxLogRequests ?? DEFAULT_MAX_LOG_REQUESTS);
  const ns = opts.namespace ?? (() => 'default');
  const contexts = fleet.contexts;
  return {
    async *[Symbol.asyncIterator]() {
      const ac = new AbortController();
      const onAbort = (): void => ac.abort(outer?.reason);
      if (outer?.aborted) onAbort();
      outer?.addEventListener('abort', onAbort, { once: true });
      const signal = ac.signal;
      // every source and every waiting request listens to it
      setMaxListeners(0, signal);
      const ch = new Channel<LogEvent>(256);
      const emit = (ev: LogEvent): Promise<void> => ch.push(ev);

      const readCluster = async (context: string, sources: LogSource[]): Promise<void> => {
        if (opts.follow && sources.length > max) {
          await emit({
            type: 'cluster-error',
            context,
            error: new ClusterError(
              'Cancelled',
              context,
              `you are attempting to follow ${sources.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`,
            ),
          });
          return;
        }
        const conn = (await fleet.api(context)).conn;
        const limiter = new Limiter(max);
        await Promise.allSettled(
          sources.map((s) => limiter.run(signal, () => readSource(conn, s, opts, emit, signal))),
        );
      };

      const run = async (): Promise<void> => {
        const found = fanOut(
          contexts,
          async (context, sig) => {
            const api = await fleet.api(context);
            return findSources(api, target, ns(context), opts, sig);
          },
          {
            signal,
            ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
            ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
          },
        );
        const readers: Promise<void>[] = [];
        for await (const r of found) {
          if (!r.ok) {
            if (!signal.aborted) await emit({ type: 'cluster-error', context: r.context, error: r.error });
            continue;
          }
          await emit({ type: 'sources', context: r.context, sources: r.value });
          readers.push(
            readCluster(r.context, r.value).catch(async (e: unknown) => {
              if (signal.aborted) return;
              const error =
                e instanceof ClusterError
                  ? e
                  : new ClusterError(
                      'InvalidResponse',
                      r.context,
                      e instanceof Error ? e.message : String(e),
                    );
              await emit({ type: 'cluster-error', context: r.context, error });
            }),
          );
        }
        await Promise.allSettled(readers);
      };

      const done = run().finally(() => ch.close());
      try {
        yield* ch.drain();
        await done;
      } finally {
        // the consumer stopped early (or everything ended): stop every stream
        ac.abort();
        ch.close();
        outer?.removeEventListener('abort', onAbort);
        await done.catch(() => undefined);
      }
    },
  };
}
