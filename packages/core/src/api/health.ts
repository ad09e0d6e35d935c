import type { ClusterConnection } from '../transport/types.js';
import { ClusterError } from '../errors.js';
import { ClusterApi } from './client.js';

export interface ClusterHealth {
  context: string;
  /** The server's gitVersion, e.g. `v1.31.2`. */
  version?: string;
  /** Round-trip time of the `/version` request. */
  latencyMs: number;
  /** Nodes whose Ready condition is True (absent when nodes cannot be listed, e.g. Forbidden). */
  nodesReady?: number;
  nodesTotal?: number;
}

interface NodeLike {
  status?: { conditions?: Array<{ type?: string; status?: string }> };
}

/**
 * A cluster's live health: version and latency (must answer, else the `ClusterError` is thrown), then
 * node readiness (best effort: a refusal to list nodes leaves the counts out). Shared by
 * `contexts --check`, the dashboard and the editor tree.
 */
export async function checkCluster(conn: ClusterConnection, signal?: AbortSignal): Promise<ClusterHealth> {
  const api = new ClusterApi(conn);
  const t0 = performance.now();
  const v = await api.version(signal);
  const latencyMs = Math.round(performance.now() - t0);
  const health: ClusterHealth = {
    context: conn.context,
    latencyMs,
    ...(v.gitVersion ? { version: v.gitVersion } : {}),
  };
  try {
    const nodes = await api.list<NodeLike>(
      {
        group: '',
        version: 'v1',
        resource: 'nodes',
        kind: 'Node',
        namespaced: false,
        singular: 'node',
        shortNames: ['no'],
        verbs: ['list'],
        categories: [],
      },
      { ...(signal ? { signal } : {}) },
    );
    health.nodesTotal = nodes.items.length;
    health.nodesReady = nodes.items.filter((n) =>
      (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
    ).length;
  } catch (e) {
    if (signal?.aborted) throw e;
    if (
      !(e instanceof ClusterError) ||
      (e.kind !== 'Forbidden' && e.kind !== 'Unauthorized' && e.kind !== 'NotFound')
    )
      throw e;
  }
  return health;
}
