/**
 * Workloads across clusters, pure: the same Deployment / StatefulSet / DaemonSet (by kind, namespace and
 * name) on every cluster that has it, and where the clusters drift apart (images, replicas).
 */
import { safe } from '../tree/model.js';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export interface WorkloadItem {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** Desired replicas (absent for DaemonSets). */
  replicas?: number;
  ready?: number;
  images: string[];
}

export type ClusterWorkloads =
  | { context: string; ok: true; items: WorkloadItem[] }
  | { context: string; ok: false; error: { kind: string; message: string } };

export interface MergedWorkload {
  key: string;
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** The clusters that have it, in the order the results were given. */
  clusters: { context: string; item: WorkloadItem }[];
  /** One line per difference between those clusters; empty when they agree. */
  drift: string[];
}

interface RawWorkload {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: { replicas?: number; template?: { spec?: { containers?: { image?: string }[] } } };
  status?: { readyReplicas?: number; numberReady?: number; desiredNumberScheduled?: number };
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

export function mergeWorkloads(results: readonly ClusterWorkloads[]): {
  workloads: MergedWorkload[];
  failed: { context: string; kind: string; message: string }[];
} {
  const byKey = new Map<string, MergedWorkload>();
  const failed: { context: string; kind: string; message: string }[] = [];
  for (const r of results) {
    if (!r.ok) {
      failed.push({ context: r.context, kind: r.error.kind, message: r.error.message });
      continue;
    }
    for (const item of r.items) {
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
  return { workloads, failed };
}

/** Label, description and tooltip of a merged workload (`answered`: clusters that answered). */
export function describeWorkload(
  w: MergedWorkload,
  answered: number,
): { label: string; description: string; tooltip: string } {
  const on = `${w.kind} · on ${w.clusters.length}/${answered} clusters`;
  return {
    label: safe(`${w.namespace}/${w.name}`),
    description: w.drift.length > 0 ? `${on} · drift` : on,
    tooltip: [safe(`${w.kind} ${w.namespace}/${w.name}`), ...w.drift.map(safe)].join('\n'),
  };
}
