/**
 * Workloads across clusters: the same Deployment / StatefulSet / DaemonSet (by kind, namespace and name)
 * on every cluster that has it, and where those clusters drift apart (images, replicas). Pure.
 */
import type { ClusterError } from '../errors.js';
import type { ClusterResult } from '../fanout/types.js';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

/** The workload kinds compared across clusters, with the resource each is listed as. */
export const WORKLOAD_RESOURCES: readonly { kind: WorkloadKind; resource: string }[] = [
  { kind: 'Deployment', resource: 'deployments.apps' },
  { kind: 'StatefulSet', resource: 'statefulsets.apps' },
  { kind: 'DaemonSet', resource: 'daemonsets.apps' },
];

/** One workload of one cluster: the fields compared across clusters. */
export interface WorkloadItem {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** Desired replicas (absent for DaemonSets). */
  replicas?: number;
  ready?: number;
  images: string[];
}

/** One workload across the clusters that have it. */
export interface MergedWorkload {
  /** `kind/namespace/name`. */
  key: string;
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** The clusters that have it, in the order the results were given. */
  clusters: { context: string; item: WorkloadItem }[];
  /** One line per difference between those clusters; empty when they agree. */
  drift: string[];
}

/** The fleet's workloads merged across clusters (drifted first), and the clusters that did not answer. */
export interface WorkloadDrift {
  workloads: MergedWorkload[];
  failed: ClusterError[];
  /** How many clusters answered. */
  answered: number;
}

interface RawWorkload {
  metadata?: { name?: string; namespace?: string };
  spec?: { replicas?: number; template?: { spec?: { containers?: { image?: string }[] } } };
  status?: { readyReplicas?: number; numberReady?: number };
}

/** A listed object → the fields compared across clusters. */
export function toWorkloadItem(kind: WorkloadKind, o: RawWorkload): WorkloadItem {
  const item: WorkloadItem = {
    kind,
    namespace: o.metadata?.namespace ?? '',
    name: o.metadata?.name ?? '',
    images: (o.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').filter(Boolean),
  };
  if (kind === 'DaemonSet') {
    if (o.status?.numberReady !== undefined) item.ready = o.status.numberReady;
  } else {
    item.replicas = o.spec?.replicas ?? 1;
    item.ready = o.status?.readyReplicas ?? 0;
  }
  return item;
}

function describeGroups(values: Map<string, string[]>): string {
  return [...values].map(([v, ctxs]) => `${v} (${ctxs.join(', ')})`).join(' vs ');
}

/**
 * Merge each cluster's workloads by kind, namespace and name; a workload on two or more clusters that
 * disagree on its images or replicas gets one drift line per difference, naming each value with its
 * clusters: `image: api:v3.4.2 (us, eu) vs api:v3.5.0-rc.1 (stg)`. Drifted workloads sort first.
 */
export function mergeWorkloads(results: readonly ClusterResult<WorkloadItem[]>[]): WorkloadDrift {
  const byKey = new Map<string, MergedWorkload>();
  const failed: ClusterError[] = [];
  let answered = 0;
  for (const r of results) {
    if (!r.ok) {
      failed.push(r.error);
      continue;
    }
    answered++;
    for (const item of r.value) {
      const key = `${item.kind}/${item.namespace}/${item.name}`;
      let w = byKey.get(key);
      if (!w) {
        w = { key, kind: item.kind, namespace: item.namespace, name: item.name, clusters: [], drift: [] };
        byKey.set(key, w);
      }
      w.clusters.push({ context: r.context, item });
    }
  }
  for (const w of byKey.values()) {
    if (w.clusters.length < 2) continue;
    const images = new Map<string, string[]>();
    const replicas = new Map<string, string[]>();
    for (const { context, item } of w.clusters) {
      const img = item.images.join(', ') || '(none)';
      images.set(img, [...(images.get(img) ?? []), context]);
      if (item.replicas !== undefined) {
        const k = String(item.replicas);
        replicas.set(k, [...(replicas.get(k) ?? []), context]);
      }
    }
    if (images.size > 1) w.drift.push(`image: ${describeGroups(images)}`);
    if (replicas.size > 1) w.drift.push(`replicas: ${describeGroups(replicas)}`);
  }
  const workloads = [...byKey.values()].sort(
    (a, b) =>
      Number(b.drift.length > 0) - Number(a.drift.length > 0) ||
      a.namespace.localeCompare(b.namespace) ||
      a.name.localeCompare(b.name) ||
      a.kind.localeCompare(b.kind),
  );
  return { workloads, failed, answered };
}
