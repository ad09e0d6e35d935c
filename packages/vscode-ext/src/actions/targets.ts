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

/**
 * The targets of a command on a tree selection: the node clicked, or every node selected with it (VS Code
 * passes both). The same object on several clusters is one target on all of them; other nodes are left out.
 */
export function targetsOf(n: Node | WorkloadNode | undefined, selected?: unknown): Target[] {
  const nodes = Array.isArray(selected) && selected.length > 0 ? (selected as (Node | WorkloadNode)[]) : [n];
  const byKey = new Map<string, Target>();
  for (const node of nodes) {
    const t = targetOf(node);
    if (!t) continue;
    const key = JSON.stringify([t.resource, t.namespace ?? null, t.name]);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...t, contexts: [...t.contexts] });
    else for (const c of t.contexts) if (!seen.contexts.includes(c)) seen.contexts.push(c);
  }
  return [...byKey.values()];
}

/** `deployments.apps/web -n prod on 2 clusters`, or `3 objects on 4 clusters` (escaped). */
export function targetsTitle(ts: readonly Target[]): string {
  if (ts.length === 1) return targetTitle(ts[0]!);
  const n = new Set(ts.flatMap((t) => t.contexts)).size;
  return `${ts.length} objects on ${n === 1 ? '1 cluster' : `${n} clusters`}`;
}

/** Workloads whose rollout can be restarted and watched. */
export const RESTARTABLE = new Set(Object.values(WORKLOAD_RESOURCE) as string[]);
/** Workloads that can be scaled (kubectl's scale subresource). */
export const SCALABLE = new Set(['deployments.apps', 'statefulsets.apps', 'replicasets.apps']);

/** What the summary after a change says: where it was done, where it failed. */
export function changeSummary(
  past: string,
  clusters: readonly { context: string; ok: boolean }[],
): { text: string; failed: boolean } {
  const ok = clusters.filter((c) => c.ok).map((c) => safe(c.context));
  const bad = clusters.filter((c) => !c.ok).map((c) => safe(c.context));
  const parts = [
    ok.length ? `${past[0]!.toUpperCase()}${past.slice(1)} on ${ok.join(', ')}.` : '',
    bad.length ? `Failed on ${bad.join(', ')} (see the result).` : '',
  ].filter(Boolean);
  return { text: parts.join(' ') || `Nothing was ${past}.`, failed: bad.length > 0 };
}

/** A replica count as typed: a whole number from 0 to 1,000,000, else why not. */
export function replicasError(text: string): string | undefined {
  return /^\d{1,7}$/.test(text.trim()) && Number(text.trim()) <= 1_000_000
    ? undefined
    : 'a whole number of replicas, 0 or more';
}

const WORKLOAD_CONTEXT: Record<string, string> = {
  'deployments.apps': 'resource-logs-deployment',
  'statefulsets.apps': 'resource-logs-statefulset',
  'daemonsets.apps': 'resource-logs-daemonset',
};

/**
 * An object's `viewItem` for the menus: `resource-logs-<kind>` for a workload (logs, restart, status;
 * scale for Deployments and StatefulSets; undo for Deployments), `resource-logs` for a pod, else `resource`.
 */
export function objectContextValue(resource: string): string {
  return WORKLOAD_CONTEXT[resource] ?? (hasLogs(resource) ? 'resource-logs' : 'resource');
}
