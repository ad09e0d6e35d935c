/** One cluster's workloads (Deployments, StatefulSets, DaemonSets of every namespace), for drift. */
import type { ClusterApi } from '../api/client.js';
import { ClusterError } from '../errors.js';
import { toWorkloadItem, WORKLOAD_RESOURCES, type WorkloadItem } from './drift.js';

/**
 * Built-in types resolve without discovery, so a cluster that does not serve one (the `apps` API turned
 * off) answers the list with a bare 404. kubectl discovers first and says the type is not served: when
 * discovery confirms that, the error is kubectl's (`the server doesn't have a resource type
 * "deployments"`), else the list's own.
 */
export async function listWorkloads(api: ClusterApi, signal: AbortSignal): Promise<WorkloadItem[]> {
  const out: WorkloadItem[] = [];
  for (const { kind, resource } of WORKLOAD_RESOURCES) {
    const res = await api.resolve(resource, signal);
    try {
      const list = await api.list(res, { allNamespaces: true, signal });
      out.push(...list.items.map((o) => toWorkloadItem(kind, o)));
    } catch (e) {
      if (e instanceof ClusterError && e.kind === 'NotFound') {
        // throws kubectl's NotFound when the cluster does not serve the type
        await api.resolve(res.resource, signal, { discovery: true });
      }
      throw e;
    }
  }
  return out;
}
