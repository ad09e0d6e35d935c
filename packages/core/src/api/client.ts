import { UsageError } from '../errors.js';
import type { ClusterConnection } from '../transport/types.js';
import { raceAbort } from '../util/abort.js';
import {
  BUILTIN_RESOURCES,
  discoverResources,
  findResource,
  isPartialDiscovery,
  notFoundResource,
} from './discovery.js';
import {
  dropDiscoveryCache,
  readDiscoveryCache,
  writeDiscoveryCache,
  type DiscoveryCacheOptions,
} from './discovery-cache.js';
import { getTable, listObjectPages, listObjects, listTable, listTablePages } from './list.js';
import { apiVersionOf, objectPath } from './paths.js';
import type { KubeObject, ListOptions, ResolvedResource, Table, TableColumn } from './types.js';
import { watchCollection, type WatchEvent, type WatchOptions } from './watch.js';
import { applyObject, type ApplyOptions, type ApplyResult } from './write.js';
import { checkVersion } from './validate.js';

const discoveryCache = new Map<string, Promise<ResolvedResource[]>>();
const rediscovered = new Set<string>();
/** Keys whose cached discovery was read from disk (not asked of the cluster by this process). */
const fromDisk = new Set<string>();
let diskCache: DiscoveryCacheOptions | undefined;

const DISCOVERY_DEADLINE_MS = 60_000;

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
    fromDisk.clear();
  }

  /**
   * Keep discovery on disk as kubectl does (see discovery-cache.ts), for every ClusterApi of the process;
   * `undefined` turns it off (the default: only the CLI, given `--cache-dir` or kubectl's default, uses it).
   */
  static useDiscoveryCache(opts: DiscoveryCacheOptions | undefined): void {
    diskCache = opts;
  }

  /**
   * Every resource type the cluster serves (aggregated discovery v2/v2beta1, else legacy /api + /apis).
   * One discovery per cluster is shared by every caller of the process; `signal` stops this caller's
   * wait, not the shared discovery (bounded by its own 60 s deadline), so one cancelled caller never
   * fails the others.
   */
  discover(signal?: AbortSignal): Promise<ResolvedResource[]> {
    return this.discoverWith(signal, true);
  }

  private discoverWith(signal: AbortSignal | undefined, disk: boolean): Promise<ResolvedResource[]> {
    const key = this.cacheKey;
    let p = discoveryCache.get(key);
    if (!p) {
      const cache = diskCache;
      const server = this.conn.server;
      const fetchFresh = async () => {
        const fresh = await discoverResources(this.conn, AbortSignal.timeout(DISCOVERY_DEADLINE_MS));
        if (cache && !isPartialDiscovery(fresh)) await writeDiscoveryCache(cache, server, fresh);
        return fresh;
      };
      p =
        cache && disk
          ? readDiscoveryCache(cache, server).then((cached) => {
              if (cached && discoveryCache.get(key) === p) fromDisk.add(key);
              return cached ?? fetchFresh();
            })
          : fetchFresh();
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
   * discovery has run for this cluster; `{ discovery: true }` always uses discovery, from the cluster
   * when what is cached came from the disk.
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
    // `{ discovery: true }` after a list the cluster refused: what the disk said may be stale.
    const fresh = opts.discovery === true && fromDisk.has(this.cacheKey);
    let found = findResource(await (fresh ? this.rediscover(signal) : this.discover(signal)), name);
    if (!found && !rediscovered.has(this.cacheKey)) {
      // Maybe a CRD appeared since discovery was cached: look once more, as kubectl invalidates its cache.
      found = findResource(await this.rediscover(signal), name);
    }
    if (!found) throw notFoundResource(this.context, name);
    return found;
  }

  /**
   * Discovery asked of the cluster again (once per cluster and process), the disk cache bypassed and
   * rewritten: a name was not found, or what the disk cache said turned out not to be served.
   */
  async rediscover(signal?: AbortSignal): Promise<ResolvedResource[]> {
    const key = this.cacheKey;
    if (rediscovered.has(key)) return this.discover(signal);
    rediscovered.add(key);
    discoveryCache.delete(key);
    fromDisk.delete(key);
    if (diskCache) await dropDiscoveryCache(diskCache, this.conn.server);
    return this.discoverWith(signal, false);
  }

  /** Whether this cluster's discovery came from the disk cache (not from the cluster in this process). */
  discoveryFromDisk(): boolean {
    return fromDisk.has(this.cacheKey);
  }

  /**
   * The resources of a category (`all`, or a CRD's own), as kubectl expands a name that is no resource:
   * in discovery order, each resource once (its preferred version), subresources left out. Empty when
   * the cluster has no such category.
   */
  async resolveCategory(name: string, signal?: AbortSignal): Promise<ResolvedResource[]> {
    const wanted = name.trim().toLowerCase();
    const seen = new Set<string>();
    const out: ResolvedResource[] = [];
    for (const r of await this.discover(signal)) {
      const key = `${r.resource}.${r.group}`;
      if (r.resource.includes('/') || seen.has(key) || !r.categories.includes(wanted)) continue;
      seen.add(key);
      out.push(r);
    }
    return out;
  }

  /** The server-printed table of a collection, all pages, rows in server order. */
  listTable(res: ResolvedResource, opts: ListOptions = {}): Promise<Table> {
    return listTable(this.conn, res, opts);
  }

  /**
   * The server-printed table of a collection page by page, so a caller can reduce each page (to text)
   * and drop its rows before the next arrives: see `listTablePages`.
   */
  listTablePages(
    res: ResolvedResource,
    opts: ListOptions,
    onPage: (page: Table) => void,
    reset: () => void,
  ): Promise<{ columns: TableColumn[]; resourceVersion?: string }> {
    return listTablePages(this.conn, res, opts, onPage, reset);
  }

  /** Full objects of a collection (all pages), each with its apiVersion and kind set. */
  list<T = KubeObject>(
    res: ResolvedResource,
    opts: ListOptions = {},
  ): Promise<{ items: T[]; resourceVersion: string }> {
    return listObjects<T>(this.conn, res, opts);
  }

  /**
   * Full objects of a collection page by page (see `listObjectPages`): `onPage` decides what to keep of
   * each page, `reset` drops it when the list restarts.
   */
  listPages<T = KubeObject>(
    res: ResolvedResource,
    opts: ListOptions,
    onPage: (items: T[], cost: number) => void,
    reset: () => void,
  ): Promise<{ resourceVersion: string }> {
    return listObjectPages<T>(this.conn, res, opts, onPage, reset);
  }

  /** One object by name. */
  async get<T = KubeObject>(res: ResolvedResource, name: string, opts: ListOptions = {}): Promise<T> {
    const r = await this.conn.request<T>(objectPath(res, name, opts), {
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    return { apiVersion: apiVersionOf(res), kind: res.kind, ...(r.body as object) } as T;
  }

  /**
   * The server-printed rows of named objects, in the order asked; names the server does not have are
   * listed in `notFound` (as kubectl reports them one by one and prints the rest).
   */
  getTable(res: ResolvedResource, names: string[], opts: ListOptions = {}): Promise<Table> {
    return getTable(this.conn, res, names, opts);
  }

  /**
   * GET `path` (with its query) and return the body as the server sent it (`kubectl get --raw`); a
   * failed answer throws the mapped `ClusterError` as every request does.
   */
  async raw(path: string, signal?: AbortSignal): Promise<Buffer> {
    if (!path.startsWith('/'))
      throw new UsageError(`--raw must be a valid URL path: ${JSON.stringify(path)} does not start with /`);
    // The query stays in the path: the URL keeps it as given (repeated keys included).
    const r = await this.conn.request<Buffer>(path, {
      raw: true,
      accept: 'application/json, */*',
      ...(signal ? { signal } : {}),
    });
    return r.body;
  }

  /** The server's version (`/version`); a document of the wrong shape is the cluster's `InvalidResponse`. */
  async version(
    signal?: AbortSignal,
  ): Promise<{ gitVersion: string; major: string; minor: string; platform?: string }> {
    const r = await this.conn.request<unknown>('/version', { ...(signal ? { signal } : {}) });
    const b = checkVersion(r.body, this.context);
    return {
      gitVersion: b.gitVersion ?? '',
      major: b.major ?? '',
      minor: b.minor ?? '',
      ...(b.platform ? { platform: b.platform } : {}),
    };
  }

  /** Server-side apply of one object (`dryRun`: the server's answer, nothing stored): see `applyObject`. */
  apply(res: ResolvedResource, obj: KubeObject, opts: ApplyOptions): Promise<ApplyResult> {
    return applyObject(this.conn, res, obj, opts);
  }

  /** Watch a collection until `opts.signal` aborts: see `watchCollection`. */
  watch<T = KubeObject>(res: ResolvedResource, opts: WatchOptions = {}): AsyncGenerator<WatchEvent<T>> {
    return watchCollection<T>(this.conn, res, opts);
  }
}
