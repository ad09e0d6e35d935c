/**
 * What an action acts on, worked out without an editor so it is tested as is: the object (on its
 * cluster) of a Clusters tree node, the workload (on every cluster that has it) of a Workloads row, the
 * clusters a manifest can go to, and the names documents and titles show. Pure.
 */
import type { ClusterEntry } from '../fleet/health.js';
import type { Node } from '../tree/provider.js';
import type { WorkloadNode } from '../workloads/provider.js';
import { safe } from '../text.js';

/** One object (or one workload) on the clusters that have it (the fleet bundle's `ObjectTarget`). */
export interface Target {
  contexts: string[];
  resource: string;
  namespace?: string;
  name: string;
}

const WORKLOAD_RESOURCE = {
  Deployment: 'deployments.apps',
  StatefulSet: 'statefulsets.apps',
  DaemonSet: 'daemonsets.apps',
} as const;

/** Resources whose objects have logs: pods, and the workloads whose pods they are. */
const LOGGABLE = new Set(['pods', ...Object.values(WORKLOAD_RESOURCE)]);

export const hasLogs = (resource: string): boolean => LOGGABLE.has(resource);

/** The target of a tree node or a Workloads row; none for other nodes. */
export function targetOf(n: Node | WorkloadNode | undefined): Target | undefined {
  if (!n) return undefined;
  if (n.type === 'object')
    return {
      contexts: [n.context],
      resource: n.resource,
      name: n.name,
      ...(n.namespace !== undefined ? { namespace: n.namespace } : {}),
    };
  if (n.type === 'workload' || n.type === 'instance') {
    const w = n.workload;
    return {
      contexts: n.type === 'instance' ? [n.context] : w.clusters.map((c) => c.context),
      resource: WORKLOAD_RESOURCE[w.kind],
      namespace: w.namespace,
      name: w.name,
    };
  }
  return undefined;
}

/** `deployments.apps/web -n prod on a, b` (escaped), for titles. */
export function targetTitle(t: Target): string {
  const where = t.contexts.length === 1 ? safe(t.contexts[0]!) : `${t.contexts.length} clusters`;
  const ns = t.namespace ? ` -n ${safe(t.namespace)}` : '';
  return `${safe(t.resource)}/${safe(t.name)}${ns} on ${where}`;
}

/** A part of a document's path: visible escapes and no `/`. */
export const pathPart = (s: string): string => safe(s).replace(/\//g, '\u2215');

/** A quick-pick row per cluster with its health; the healthy ones picked to begin with. */
export function clusterChoices(
  entries: readonly ClusterEntry[],
): { label: string; description: string; picked: boolean; context: string }[] {
  return entries.map((e) => {
    const h = e.health;
    const description =
      h.state === 'ok'
        ? `ok${h.version ? ` · ${h.version}` : ''}`
        : h.state === 'error'
          ? `${h.error.kind}: ${h.error.message}`
          : 'checking…';
    return {
      label: safe(e.context),
      description: safe(description),
      picked: h.state === 'ok',
      context: e.context,
    };
  });
}

/** What the summary after an apply says: where it was applied, where it failed. */
export function applySummary(clusters: readonly { context: string; ok: boolean }[]): {
  text: string;
  failed: boolean;
} {
  const ok = clusters.filter((c) => c.ok).map((c) => safe(c.context));
  const bad = clusters.filter((c) => !c.ok).map((c) => safe(c.context));
  const parts = [
    ok.length ? `Applied on ${ok.join(', ')}.` : '',
    bad.length ? `Failed on ${bad.join(', ')} (see the result).` : '',
  ].filter(Boolean);
  return { text: parts.join(' ') || 'Nothing was applied.', failed: bad.length > 0 };
}
