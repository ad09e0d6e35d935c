/** Resilient watches: one reconnect policy for every front end (`get --watch`, the dashboard, the editor). */
import { ClusterError } from '../errors.js';
import type { ClusterConnection } from '../transport/types.js';
import { formatDuration } from '../util/duration.js';
import { oneLine, redact } from '../util/text.js';
import { Reconnect, type ReconnectOptions } from './reconnect.js';
import { listObjects, listTable } from './list.js';
import { apiVersionOf, collectionPath, selectorQuery } from './paths.js';
import { TABLE_ACCEPT, toTable, type RawTable } from './table.js';
import type { KubeObject, ListOptions, ResolvedResource, TableColumn } from './types.js';
import { checkObject, expectObject, invalid, isObject, jsonKind } from './validate.js';

export type WatchEvent<T> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: T }
  /** The full state: first event when no resourceVersion was given, and after a 410 (watch expired). */
  | { type: 'RELIST'; items: T[] }
  /**
   * The stream broke (said every time), or it keeps ending at once or expiring right after a list (said
   * from the policy's `warnAfter`-th time in a row on, with `failing`): the watch retries after
   * `delayMs`. `attempt` counts the failures in a row.
   */
  | { type: 'RECONNECTING'; error: ClusterError; attempt: number; delayMs?: number; failing?: boolean };

export interface WatchOptions extends ListOptions {
  /** Resume from here; without it the watch starts with a list (yielded as `RELIST`). */
  resourceVersion?: string;
  /** Events carry one-row `Table`s instead of objects. */
  table?: boolean;
  /** Backoff after a broken stream: first delay and cap (ms); shorthands for `reconnect.baseMs/maxMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** The reconnect policy (see `Reconnect`): backoff, reset, when to report, clock. */
  reconnect?: ReconnectOptions;
  /**
   * How long one watch attempt may wait for the server to answer at all (default 30 s; 0 = no limit). A
   * cluster that accepts the request and never answers is retried with backoff (`RECONNECTING`) instead
   * of stalling the watch forever. Once the response has started, a quiet stream is normal and not limited.
   */
  responseTimeoutMs?: number;
}

interface RawStatus {
  kind?: unknown;
  code?: unknown;
  reason?: unknown;
  message?: unknown;
}

const RETRYABLE_WATCH = new Set(['Unreachable', 'Timeout', 'ServerError', 'Throttled', 'InvalidResponse']);

/** A watch `ERROR` event's Status as the error it stands for (410: `Expired`, the watch must relist). */
function watchError(st: RawStatus, context: string): ClusterError {
  // redacted before it is cut to one line, so that no part of a sent credential survives the cut
  const message =
    typeof st.message === 'string' && st.message !== '' ? oneLine(redact(st.message, [])) : undefined;
  const code = typeof st.code === 'number' && Number.isInteger(st.code) ? st.code : undefined;
  if (code === 410)
    return new ClusterError('Expired', context, message ?? 'too old resource version', { status: 410 });
  return new ClusterError('ServerError', context, message ?? 'watch error', code ? { status: code } : {});
}

/** The policy of a watch's options (the `backoffMs` shorthands first, then `reconnect`). */
export function reconnectOf(opts: Pick<WatchOptions, 'backoffMs' | 'maxBackoffMs' | 'reconnect'>): Reconnect {
  return new Reconnect({
    ...(opts.backoffMs !== undefined && { baseMs: opts.backoffMs }),
    ...(opts.maxBackoffMs !== undefined && { maxMs: opts.maxBackoffMs }),
    ...opts.reconnect,
  });
}

/**
 * Watch a collection until `opts.signal` aborts. Without `resourceVersion` it first lists and yields
 * `RELIST` with the full state. Bookmarks are requested and followed. Every attempt after the first waits
 * as the reconnect policy says (`Reconnect`: exponential backoff with jitter, reset only after a stream
 * stayed up): a stream that breaks is resumed from the last seen resourceVersion (yielding
 * `RECONNECTING`); one that ends is resumed the same way (`RECONNECTING` only once it keeps ending at
 * once); a 410 (too old) relists — the only case that does — and yields `RELIST`. Errors that retrying
 * cannot fix (Forbidden, NotFound, …) are thrown. With `table: true`, objects are one-row `Table`s
 * (`RELIST` carries one `Table` with every row).
 */
export async function* watchCollection<T = KubeObject>(
  conn: ClusterConnection,
  res: ResolvedResource,
  opts: WatchOptions = {},
): AsyncGenerator<WatchEvent<T>> {
  const context = conn.context;
  const signal = opts.signal;
  const table = opts.table === true;
  const backoff = reconnectOf(opts);
  let columns: TableColumn[] = [];
  let rv = opts.resourceVersion;

  const relist = async (): Promise<T[]> => {
    if (table) {
      const t = await listTable(conn, res, opts);
      columns = t.columns;
      rv = t.resourceVersion ?? '';
      return [t as unknown as T];
    }
    const l = await listObjects<T>(conn, res, opts);
    rv = l.resourceVersion;
    return l.items;
  };

  if (rv === undefined || rv === '') {
    const items = await relist();
    yield { type: 'RELIST', items };
  }

  const path = collectionPath(res, opts);
  const responseTimeoutMs = opts.responseTimeoutMs ?? 30_000;
  let needList = false;
  let delay = 0;
  while (!signal?.aborted) {
    if (delay > 0) {
      await backoff.wait(delay, signal);
      if (signal?.aborted) return;
    }
    if (needList) {
      // After a 410 only. A list that fails is retried as a broken stream is; one that cannot be
      // retried ends the watch.
      let items: T[];
      try {
        items = await relist();
      } catch (e) {
        if (signal?.aborted) return;
        const err = e instanceof ClusterError ? e : new ClusterError('Unreachable', context, String(e));
        if (!RETRYABLE_WATCH.has(err.kind)) throw err;
        delay = backoff.down();
        yield {
          type: 'RECONNECTING',
          error: err,
          attempt: backoff.failures,
          delayMs: delay,
        };
        continue;
      }
      needList = false;
      yield { type: 'RELIST', items };
      if (signal?.aborted) return;
    }
    // Each attempt has its own signal: the caller's, plus a deadline for the response head.
    const attemptAc = new AbortController();
    const onAbort = () => attemptAc.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let unanswered = false;
    const headTimer =
      responseTimeoutMs > 0
        ? setTimeout(() => {
            unanswered = true;
            attemptAc.abort();
          }, responseTimeoutMs)
        : undefined;
    try {
      const events = conn.stream<unknown>(path, {
        onResponse: () => {
          clearTimeout(headTimer);
          backoff.up();
        },
        accept: table ? TABLE_ACCEPT : 'application/json',
        query: {
          ...selectorQuery(opts),
          watch: 'true',
          allowWatchBookmarks: 'true',
          resourceVersion: rv,
          includeObject: table ? opts.includeObject : undefined,
        },
        signal: attemptAc.signal,
      });
      for await (const raw of events) {
        if (signal?.aborted) return;
        const ev = expectObject(raw, 'a watch event', context);
        const type = ev['type'];
        if (typeof type !== 'string')
          throw invalid(context, `the server sent a watch event whose type is ${jsonKind(type)}`);
        if (type === 'ERROR') throw watchError(isObject(ev['object']) ? ev['object'] : {}, context);
        if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED' && type !== 'BOOKMARK') continue;
        let object: T;
        if (table) {
          const t = toTable(ev['object'], context);
          const tableObj = ev['object'] as RawTable;
          if (tableObj.kind === 'Table' && t.columns.length > 0) columns = t.columns;
          const next = t.rows[0]?.object?.metadata?.resourceVersion ?? t.rv;
          if (next) rv = next;
          object = { columns, rows: t.rows, ...(next ? { resourceVersion: next } : {}) } as unknown as T;
        } else {
          const o = checkObject(ev['object'], `a ${type} watch event's object`, context);
          if (o.metadata?.resourceVersion) rv = o.metadata.resourceVersion;
          object = (type === 'BOOKMARK' ? o : { apiVersion: apiVersionOf(res), kind: res.kind, ...o }) as T;
        }
        yield { type, object };
      }
      // The server closed the stream (its watch timeout): resume from rv after the policy's delay; say
      // so once it keeps ending before it was ever healthy.
      delay = backoff.down();
      if (backoff.failing) {
        const n = backoff.failures;
        const error = new ClusterError(
          'ServerError',
          context,
          `the watch keeps ending at once (${n} times in a row)`,
        );
        yield { type: 'RECONNECTING', error, attempt: n, delayMs: delay, failing: true };
      }
    } catch (e) {
      if (signal?.aborted) return;
      const err = unanswered
        ? new ClusterError(
            'Timeout',
            context,
            `watch not answered within ${formatDuration(responseTimeoutMs)}`,
          )
        : e instanceof ClusterError
          ? e
          : new ClusterError('Unreachable', context, String((e as Error)?.message ?? e));
      delay = backoff.down();
      const n = backoff.failures;
      if (err.kind === 'Expired') {
        // 410: the history is gone; a relist is needed (and only then). Said once it keeps happening.
        needList = true;
        if (backoff.failing) {
          const error = new ClusterError(
            'Expired',
            context,
            `the watch keeps expiring (410 Gone) right after a list (${n} times in a row)`,
            { status: 410 },
          );
          yield { type: 'RECONNECTING', error, attempt: n, delayMs: delay, failing: true };
        }
        continue;
      }
      if (!RETRYABLE_WATCH.has(err.kind)) throw err;
      yield { type: 'RECONNECTING', error: err, attempt: n, delayMs: delay };
    } finally {
      clearTimeout(headTimer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
