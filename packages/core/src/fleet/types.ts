import type { WatchEvent, WatchOptions } from '../api/watch.js';
import type { HealthProbe, HealthProbeOptions } from '../api/health.js';
import type { ListOptions, ResolvedResource, Table } from '../api/types.js';

/**
 * What one cluster of a fleet answers, per context: the seam between the fleet's cross-cluster logic
 * (health rounds, list-then-watch) and the clusters. `Fleet` implements it over the API; a front end's
 * tests may implement it with a fake. Failures are `ClusterError`s (any other value is mapped to one).
 */
export interface FleetSource {
  /** One health check of `context` (version, latency, nodes; Warning events when asked). */
  probe(context: string, signal: AbortSignal, opts?: HealthProbeOptions): Promise<HealthProbe>;
  /** A type name as kubectl accepts it (`po`, `deploy`, a CRD) → the cluster's resource. */
  resolve(context: string, resource: string, signal?: AbortSignal): Promise<ResolvedResource>;
  /** The server-printed table of a collection (all pages). */
  table(context: string, resource: ResolvedResource, opts: ListOptions): Promise<Table>;
  /**
   * A watch of a collection as one-row tables, from `opts.resourceVersion`, with the API's reconnect
   * behaviour (`RECONNECTING` after a broken stream, `RELIST` after 410). Absent: the cluster is polled.
   */
  watchTable?(
    context: string,
    resource: ResolvedResource,
    opts: WatchOptions,
  ): AsyncIterable<WatchEvent<Table>>;
  /** One object as YAML for display (managed fields stripped), or in its cross-cluster compare form. */
  objectYaml(context: string, resource: string, name: string, opts?: ObjectOptions): Promise<string>;
}

export interface ObjectOptions {
  /** For namespaced resources (default `default`). */
  namespace?: string;
  signal?: AbortSignal;
  /** Without what differs by nature between clusters (status, uid, resourceVersion, timestamps, …). */
  compare?: boolean;
}
