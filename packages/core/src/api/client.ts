import { ClusterError } from '../errors.js';
import type { ClusterConnection, RequestOptions } from '../transport/types.js';
import { raceAbort, sleep } from '../util/abort.js';
import { formatDuration, humanDuration } from '../util/duration.js';
import { BUILTIN_RESOURCES, discoverResources, findResource, notFoundResource } from './discovery.js';
import type { KubeObject, ListOptions, ResolvedResource, Table, TableColumn, TableRow } from './types.js';

/** What kubectl sends to get server-side printed tables (v1, then v1beta1, then plain objects). */
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export const DEFAULT_PAGE_SIZE = 500;
/** How many times a paginated list restarts after its continue token expired (410). */
const MAX_LIST_RESTARTS = 3;

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

interface RawTable {
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  columnDefinitions?: TableColumn[];
  rows?: TableRow[];
  items?: KubeObject[];
}
interface RawList<T> {
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  items?: T[];
}
interface RawStatus {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
  metadata?: { resourceVersion?: string };
}

const discoveryCache = new Map<string, Promise<ResolvedResource[]>>();
const rediscovered = new Set<string>();

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(res: Pick<ResolvedResource, 'group' | 'version'>): string {
  return res.group ? `/apis/${res.group}/${res.version}` : `/api/${res.version}`;
}

/** The collection path for a list/watch (namespaced unless all namespaces or cluster-scoped). */
export function collectionPath(
  res: ResolvedResource,
  opts: Pick<ListOptions, 'namespace' | 'allNamespaces'>,
): string {
  const base = groupVersionPath(res);
  if (res.namespaced && !opts.allNamespaces) {
    return `${base}/namespaces/${enc(opts.namespace || 'default')}/${res.resource}`;
  }
  return `${base}/${res.resource}`;
}

export function apiVersionOf(res: Pick<ResolvedResource, 'group' | 'version'>): string {
  return res.group ? `${res.group}/${res.version}` : res.version;
}

const FALLBACK_COLUMNS: TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', priority: 0, description: 'Name' },
  { name: 'Age', type: 'string', priority: 0, description: 'CreationTimestamp' },
];

/** A server that answered objects instead of a Table (no server-side printing): NAME and AGE, as kubectl. */
function objectsToRows(items: KubeObject[], now = Date.now()): TableRow[] {
  return items.map((obj) => {
    const ts = obj.metadata?.creationTimestamp;
    const age = ts ? humanDuration(now - Date.parse(ts)) : '<unknown>';
    return { cells: [obj.metadata?.name ?? '', age], object: { metadata: obj.metadata ?? {} } };
  });
}

function toTable(raw: RawTable | KubeObject): {
  columns: TableColumn[];
  rows: TableRow[];
  rv?: string;
  cont?: string;
} {
  const r = raw as RawTable;
  if (r.kind === 'Table') {
    return {
      columns: (r.columnDefinitions ?? []).map((c) => ({ ...c, priority: c.priority ?? 0 })),
      rows: r.rows ?? [],
      ...(r.metadata?.resourceVersion ? { rv: r.metadata.resourceVersion } : {}),
      ...(r.metadata?.continue ? { cont: r.metadata.continue } : {}),
    };
  }
  if (Array.isArray(r.items)) {
    return {
      columns: FALLBACK_COLUMNS,
      rows: objectsToRows(r.items),
      ...(r.metadata?.resourceVersion ? { rv: r.metadata.resourceVersion } : {}),
      ...(r.metadata?.continue ? { cont: r.metadata.continue } : {}),
    };
  }
  // A single object (get by name, or a watch event without Table support).
  const obj = raw as KubeObject;
  return { columns: FALLBACK_COLUMNS, rows: objectsToRows([obj]) };
}

const DISCOVERY_DEADLINE_MS = 60_000;

const RETRYABLE_WATCH = new Set(['Unreachable', 'Timeout', 'ServerError', 'Throttled', 'InvalidResponse']);

/**
 * The Kubernetes API of one cluster: discovery and name resolution (cached per cluster for the process),
 * paginated lists as server-printed tables or objects, gets, and resilient watches.
 * Failures are `ClusterError`s (from the connection, or `NotFound` for an unknown type).
 */
export class ClusterApi {
  constructor(readonly conn: ClusterConnection) {}

  get context(): string {
    return this.conn.context;
  }

  private get cacheKey(): string {
    return `${this.conn.context}\u0000${this.conn.server}`;
  }

  /** Forget every cluster's cached discovery (tests, long-running front ends after a CRD change). */
  static clearDiscoveryCache(): void {
    discoveryCache.clear();
    rediscovered.clear();
  }

  /**
   * Every resource type the cluster serves (aggregated discovery v2/v2beta1, else legacy /api + /apis).
   * One discovery per cluster is shared by every caller of the process; `signal` stops this caller's
   * wait, not the shared discovery (bounded by its own 60 s deadline), so one cancelled caller never
   * fails the others.
   */
  discover(signal?: AbortSignal): Promise<ResolvedResource[]> {
    const key = this.cacheKey;
    let p = discoveryCache.get(key);
    if (!p) {
      p = discoverResources(this.conn, AbortSignal.timeout(DISCOVERY_DEADLINE_MS));
      discoveryCache.set(key, p);
      // A failed discovery is not cached: the next caller tries again.
      p.catch(() => {
        if (discoveryCache.get(key) === p) discoveryCache.delete(key);
      });
    }
    return raceAbort(p, signal);
  }

  /**
   * A type name as kubectl accepts it → the cluster's resource; unknown → `ClusterError` NotFound.
   * Well-known built-in types (pods, deploy, svc, …) resolve without a discovery round trip until
   * discovery has run for this cluster; `{ discovery: true }` always asks the cluster.
   */
  async resolve(
    name: string,
    signal?: AbortSignal,
    opts: { discovery?: boolean } = {},
  ): Promise<ResolvedResource> {
    if (!opts.discovery && !discoveryCache.has(this.cacheKey)) {
      const known = findResource(BUILTIN_RESOURCES, name);
      if (known)
        return {
          ...known,
          shortNames: [...known.shortNames],
          verbs: [...known.verbs],
          categories: [...known.categories],
        };
    }
    let found = findResource(await this.discover(signal), name);
    if (!found && !rediscovered.has(this.cacheKey)) {
      // Maybe a CRD appeared since discovery was cached: look once more, as kubectl invalidates its cache.
      rediscovered.add(this.cacheKey);
      discoveryCache.delete(this.cacheKey);
      found = findResource(await this.discover(signal), name);
    }
    if (!found) throw notFoundResource(this.context, name);
    return found;
  }

  private listQuery(opts: ListOptions): Record<string, string | number | undefined> {
    return {
      labelSelector: opts.labelSelector || undefined,
      fieldSelector: opts.fieldSelector || undefined,
    };
  }

  /** Page through a collection, restarting from scratch when a continue token expires (410). */
  private async paginate<P>(
    path: string,
    opts: ListOptions,
    request: RequestOptions,
    onPage: (body: P, first: boolean) => string | undefined,
    reset: () => void,
  ): Promise<void> {
    const limit = opts.limit ?? DEFAULT_PAGE_SIZE;
    for (let attempt = 0; ; attempt++) {
      let cont: string | undefined;
      let first = true;
      try {
        do {
          const res = await this.conn.request<P>(path, {
            ...request,
            query: {
              ...request.query,
              ...this.listQuery(opts),
              limit: limit > 0 ? limit : undefined,
              continue: cont,
            },
            ...(opts.signal ? { signal: opts.signal } : {}),
          });
          cont = onPage(res.body, first);
          first = false;
        } while (cont);
        return;
      } catch (e) {
        if (e instanceof ClusterError && e.kind === 'Expired' && attempt < MAX_LIST_RESTARTS) {
          reset();
          continue;
        }
        throw e;
      }
    }
  }

  /** The server-printed table of a collection, all pages, rows in server order. */
  async listTable(res: ResolvedResource, opts: ListOptions = {}): Promise<Table> {
    let columns: TableColumn[] = [];
    let rows: TableRow[] = [];
    let resourceVersion: string | undefined;
    await this.paginate<RawTable>(
      collectionPath(res, opts),
      opts,
      { accept: TABLE_ACCEPT, query: { includeObject: opts.includeObject } },
      (body, first) => {
        const t = toTable(body);
        if (first) {
          columns = t.columns;
          resourceVersion = t.rv;
        }
        rows.push(...t.rows);
        return t.cont;
      },
      () => {
        rows = [];
      },
    );
    return { columns, rows, ...(resourceVersion ? { resourceVersion } : {}) };
  }

  /** Full objects of a collection (all pages), each with its apiVersion and kind set. */
  async list<T = KubeObject>(
    res: ResolvedResource,
    opts: ListOptions = {},
  ): Promise<{ items: T[]; resourceVersion: string }> {
    let items: T[] = [];
    let resourceVersion = '';
    const apiVersion = apiVersionOf(res);
    await this.paginate<RawList<T>>(
      collectionPath(res, opts),
      opts,
      { accept: 'application/json' },
      (body, first) => {
        if (first) resourceVersion = body.metadata?.resourceVersion ?? '';
        for (const item of body.items ?? []) {
          items.push({ apiVersion, kind: res.kind, ...(item as object) } as T);
        }
        return body.metadata?.continue || undefined;
      },
      () => {
        items = [];
      },
    );
    return { items, resourceVersion };
  }

  private objectPath(res: ResolvedResource, name: string, opts: ListOptions): string {
    return `${collectionPath(res, { ...opts, allNamespaces: false })}/${enc(name)}`;
  }

  /** One object by name. */
  async get<T = KubeObject>(res: ResolvedResource, name: string, opts: ListOptions = {}): Promise<T> {
    const r = await this.conn.request<T>(this.objectPath(res, name, opts), {
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    return { apiVersion: apiVersionOf(res), kind: res.kind, ...(r.body as object) } as T;
  }

  /**
   * The server-printed rows of named objects, in the order asked; names the server does not have are
   * listed in `notFound` (as kubectl reports them one by one and prints the rest).
   */
  async getTable(res: ResolvedResource, names: string[], opts: ListOptions = {}): Promise<Table> {
    const settled = await Promise.allSettled(
      names.map((name) =>
        this.conn.request<RawTable>(this.objectPath(res, name, opts), {
          accept: TABLE_ACCEPT,
          query: { includeObject: opts.includeObject },
          ...(opts.signal ? { signal: opts.signal } : {}),
        }),
      ),
    );
    let columns: TableColumn[] = [];
    const rows: TableRow[] = [];
    const notFound: string[] = [];
    settled.forEach((s, i) => {
      if (s.status === 'rejected') {
        const e = s.reason;
        if (e instanceof ClusterError && e.kind === 'NotFound') notFound.push(names[i] ?? '');
        else throw e;
        return;
      }
      const t = toTable(s.value.body);
      if (columns.length === 0) columns = t.columns;
      rows.push(...t.rows);
    });
    return { columns, rows, ...(notFound.length ? { notFound } : {}) };
  }

  /** The server's version (`/version`). */
  async version(
    signal?: AbortSignal,
  ): Promise<{ gitVersion: string; major: string; minor: string; platform?: string }> {
    const r = await this.conn.request<{
      gitVersion?: string;
      major?: string;
      minor?: string;
      platform?: string;
    }>('/version', { ...(signal ? { signal } : {}) });
    const b = r.body ?? {};
    return {
      gitVersion: b.gitVersion ?? '',
      major: b.major ?? '',
      minor: b.minor ?? '',
      ...(b.platform ? { platform: b.platform } : {}),
    };
  }

  /**
   * Watch a collection until `opts.signal` aborts. Without `resourceVersion` it first lists and yields
   * `RELIST` with the full state. Bookmarks are requested and followed; a stream that breaks is resumed
   * from the last seen resourceVersion after a backoff (yielding `RECONNECTING`); a 410 (too old) relists
   * and yields `RELIST`. Errors that retrying cannot fix (Forbidden, NotFound, …) are thrown.
   * With `table: true`, objects are one-row `Table`s (`RELIST` carries one `Table` with every row).
   */
  async *watch<T = KubeObject>(
    res: ResolvedResource,
    opts: WatchOptions = {},
  ): AsyncGenerator<WatchEvent<T>> {
    const signal = opts.signal;
    const table = opts.table === true;
    const base = opts.backoffMs ?? 500;
    const cap = opts.maxBackoffMs ?? 10_000;
    let columns: TableColumn[] = [];
    let rv = opts.resourceVersion;
    let attempt = 0;

    const relist = async (): Promise<T[]> => {
      if (table) {
        const t = await this.listTable(res, opts);
        columns = t.columns;
        rv = t.resourceVersion ?? '';
        return [t as unknown as T];
      }
      const l = await this.list<T>(res, opts);
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
        const events = this.conn.stream<{ type?: string; object?: unknown }>(path, {
          onResponse: () => clearTimeout(headTimer),
          accept: table ? TABLE_ACCEPT : 'application/json',
          query: {
            ...this.listQuery(opts),
            watch: 'true',
            allowWatchBookmarks: 'true',
            resourceVersion: rv,
            includeObject: table ? opts.includeObject : undefined,
          },
          signal: attemptAc.signal,
        });
        for await (const ev of events) {
          if (signal?.aborted) return;
          gotEvent = true;
          attempt = 0;
          const type = ev.type;
          if (type === 'ERROR') {
            const st = (ev.object ?? {}) as RawStatus;
            if (st.code === 410)
              throw new ClusterError('Expired', this.context, st.message ?? 'too old resource version', {
                status: 410,
              });
            throw new ClusterError(
              'ServerError',
              this.context,
              st.message ?? 'watch error',
              st.code ? { status: st.code } : {},
            );
          }
          if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED' && type !== 'BOOKMARK') continue;
          let object: T;
          if (table) {
            const t = toTable((ev.object ?? {}) as RawTable);
            if ((ev.object as RawTable | undefined)?.kind === 'Table' && t.columns.length > 0)
              columns = t.columns;
            const next =
              t.rows[0]?.object?.metadata?.resourceVersion ??
              (ev.object as RawTable)?.metadata?.resourceVersion;
            if (next) rv = next;
            object = { columns, rows: t.rows, ...(next ? { resourceVersion: next } : {}) } as unknown as T;
          } else {
            const o = (ev.object ?? {}) as KubeObject;
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
              this.context,
              `watch not answered within ${formatDuration(responseTimeoutMs)}`,
            )
          : e instanceof ClusterError
            ? e
            : new ClusterError('Unreachable', this.context, String((e as Error)?.message ?? e));
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
}
