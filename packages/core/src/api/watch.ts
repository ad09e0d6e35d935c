/** Resilient watches: one reconnect policy for every front end (`get --watch`, the dashboard, the editor). */
import { ClusterError } from '../errors.js';
import type { ClusterConnection } from '../transport/types.js';
import { sleep } from '../util/abort.js';
import { formatDuration } from '../util/duration.js';
import { listObjects, listTable } from './list.js';
import { apiVersionOf, collectionPath, selectorQuery } from './paths.js';
import { TABLE_ACCEPT, toTable, type RawTable } from './table.js';
import type { KubeObject, ListOptions, ResolvedResource, TableColumn } from './types.js';
import { oneLine } from '../util/text.js';
import { checkObject, expectObject, invalid, isObject, jsonKind } from './validate.js';

export type WatchEvent<T> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: T }
  /** The full state: first event when no resourceVersion was given, and after a 410 (watch expired). */
  | { type: 'RELIST'; items: T[] }
  /** The stream broke; the watch retries after a backoff. */
  | { type: 'RECONNECTING'; error: ClusterError; attempt: number };

export interface WatchOptions extends ListOptions {
  /** Resume from here; without it the watch starts with a list (yielded as `RELIST`). */
  resourceVersion?: string;
  /** Events carry one-row `Table`s instead of objects. */
  table?: boolean;
  /** Backoff after a broken stream: first delay and cap (ms). */
  backoffMs?: number;
  maxBackoffMs?: number;
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
  const message = typeof st.message === 'string' && st.message !== '' ? oneLine(st.message) : undefined;
  const code = typeof st.code === 'number' && Number.isInteger(st.code) ? st.code : undefined;
  if (code === 410)
    return new ClusterError('Expired', context, message ?? 'too old resource version', { status: 410 });
  return new ClusterError('ServerError', context, message ?? 'watch error', code ? { status: code } : {});
}

/**
 * Watch a collection until `opts.signal` aborts. Without `resourceVersion` it first lists and yields
 * `RELIST` with the full state. Bookmarks are requested and followed; a stream that breaks is resumed
 * from the last seen resourceVersion after a backoff (yielding `RECONNECTING`); a 410 (too old) relists
 * and yields `RELIST`. Errors that retrying cannot fix (Forbidden, NotFound, …) are thrown.
 * With `table: true`, objects are one-row `Table`s (`RELIST` carries one `Table` with every row).
 */
export async function* watchCollection<T = KubeObject>(
  conn: ClusterConnection,
  res: ResolvedResource,
  opts: WatchOptions = {},
): AsyncGenerator<WatchEvent<T>> {
  const context = conn.context;
  const signal = opts.signal;
  const table = opts.table === true;
  const base = opts.backoffMs ?? 500;
  const cap = opts.maxBackoffMs ?? 10_000;
  let columns: TableColumn[] = [];
  let rv = opts.resourceVersion;
  let attempt = 0;

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
  while (!signal?.aborted) {
    let gotEvent = false;
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
        onResponse: () => clearTimeout(headTimer),
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
        gotEvent = true;
        attempt = 0;
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
      // The server closed the stream (its watch timeout): resume from rv; back off if it keeps closing at once.
      if (!gotEvent) {
        attempt++;
        await sleep(Math.min(cap, base * 2 ** Math.min(attempt - 1, 10)), signal);
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
      if (err.kind === 'Expired') {
        const items = await relist();
        yield { type: 'RELIST', items };
        attempt = 0;
        continue;
      }
      if (!RETRYABLE_WATCH.has(err.kind)) throw err;
      attempt++;
      yield { type: 'RECONNECTING', error: err, attempt };
      const delay = Math.min(cap, base * 2 ** Math.min(attempt - 1, 10));
      await sleep(delay * (0.8 + Math.random() * 0.4), signal);
    } finally {
      clearTimeout(headTimer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
