import type { ClusterConnection } from '../transport/types.js';
import { ClusterError } from '../errors.js';
import { ClusterApi } from './client.js';
import type { ResolvedResource } from './types.js';

/**
 * What one health check of a cluster measured. `fleet/` turns it, or the check's typed error, into the
 * `ClusterHealth` every front end shows.
 */
export interface HealthProbe {
  context: string;
  /** The server's gitVersion, e.g. `v1.31.2`. */
  version?: string;
  /** Round-trip time of the `/version` request. */
  latencyMs: number;
  /** Nodes whose Ready condition is True (absent when nodes cannot be listed, e.g. Forbidden). */
  nodesReady?: number;
  nodesTotal?: number;
  /** Warning events in all namespaces: only when asked for, absent when the cluster will not list them. */
  warnings?: number;
}

export interface HealthProbeOptions {
  /** Also count Warning events across namespaces (one more list, in parallel with the version). */
  warnings?: boolean;
}

interface NodeLike {
  status?: { conditions?: Array<{ type?: string; status?: string }> };
}

const NODES: ResolvedResource = {
  group: '',
  version: 'v1',
  resource: 'nodes',
  kind: 'Node',
  namespaced: false,
  singular: 'node',
  shortNames: ['no'],
  verbs: ['list'],
  categories: [],
};

const EVENTS: ResolvedResource = {
  group: '',
  version: 'v1',
  resource: 'events',
  kind: 'Event',
  namespaced: true,
  singular: 'event',
  shortNames: ['ev'],
  verbs: ['list', 'watch'],
  categories: [],
};

/** A refusal that leaves a count out instead of failing the check. */
function refused(e: unknown): boolean {
  return (
    e instanceof ClusterError &&
    (e.kind === 'Forbidden' || e.kind === 'Unauthorized' || e.kind === 'NotFound')
  );
}

/**
 * A cluster's live health: version and latency (must answer, else the `ClusterError` is thrown), then
 * node readiness (best effort: a refusal to list nodes leaves the counts out) and, when asked, the number
 * of Warning events (best effort: any failure leaves it out). Shared by `contexts --check`, the dashboard
 * and the editor through `fleet/`.
 */
export async function checkCluster(
  conn: ClusterConnection,
  signal?: AbortSignal,
  opts: HealthProbeOptions = {},
): Promise<HealthProbe> {
  const api = new ClusterApi(conn);
  // Asked at once, with the version: it never rejects (any failure leaves the count out).
  const warnings = opts.warnings
    ? api
        .listTable(EVENTS, {
          allNamespaces: true,
          fieldSelector: 'type=Warning',
          includeObject: 'None',
          ...(signal ? { signal } : {}),
        })
        .then(
          (t) => t.rows.length,
          () => undefined,
        )
    : undefined;
  const t0 = performance.now();
  const v = await api.version(signal);
  const latencyMs = Math.round(performance.now() - t0);
  const health: HealthProbe = {
    context: conn.context,
    latencyMs,
    ...(v.gitVersion ? { version: v.gitVersion } : {}),
  };
  try {
    const nodes = await api.list<NodeLike>(NODES, { ...(signal ? { signal } : {}) });
    health.nodesTotal = nodes.items.length;
    health.nodesReady = nodes.items.filter((n) => {
      const conditions = n.status?.conditions;
      return Array.isArray(conditions) && conditions.some((c) => c?.type === 'Ready' && c.status === 'True');
    }).length;
  } catch (e) {
    if (signal?.aborted || !refused(e)) throw e;
  }
  const count = await warnings;
  if (count !== undefined) health.warnings = count;
  return health;
}
