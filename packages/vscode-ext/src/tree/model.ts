/**
 * Pure model of the Clusters view: how a cluster's health reads (label, description, tooltip, icon),
 * how clusters group by a workspace topology, which resource kinds a namespace lists, and the status bar
 * text. No `vscode` import: unit-tested in Node.
 */
import { escapeTerminal } from '@kubectl-mc/core';

export interface HealthOk {
  state: 'ok';
  version: string;
  latencyMs: number;
  nodesReady?: number;
  nodesTotal?: number;
}
export interface HealthError {
  state: 'error';
  kind: string;
  message: string;
}
export type Health = { state: 'pending' } | HealthOk | HealthError;

export interface ClusterEntry {
  context: string;
  server?: string;
  namespace?: string;
  health: Health;
}

export type Icon = 'pass' | 'error' | 'loading' | 'warning';

export interface ClusterView {
  label: string;
  description: string;
  tooltip: string;
  icon: Icon;
  /** The tree item's `contextValue` (menus). */
  contextValue: 'cluster' | 'cluster-error';
  /** Unreachable clusters are error nodes with no children. */
  expandable: boolean;
}

/** Text from a cluster or a kubeconfig, made safe for one line of UI (no control or bidi characters). */
export function safe(text: string): string {
  return escapeTerminal(text);
}

export function describeCluster(c: ClusterEntry): ClusterView {
  const label = safe(c.context);
  const where = c.server ? `\n${safe(c.server)}` : '';
  switch (c.health.state) {
    case 'pending':
      return {
        label,
        description: 'checking…',
        tooltip: `${label}${where}\nchecking…`,
        icon: 'loading',
        contextValue: 'cluster',
        expandable: true,
      };
    case 'ok': {
      const h = c.health;
      const nodes = h.nodesTotal !== undefined ? ` · ${h.nodesReady ?? 0}/${h.nodesTotal} nodes ready` : '';
      const degraded = h.nodesTotal !== undefined && (h.nodesReady ?? 0) < h.nodesTotal;
      return {
        label,
        description: `${safe(h.version)} · ${Math.round(h.latencyMs)} ms`,
        tooltip: `${label}${where}\n${safe(h.version)}, ${Math.round(h.latencyMs)} ms${nodes}`,
        icon: degraded ? 'warning' : 'pass',
        contextValue: 'cluster',
        expandable: true,
      };
    }
    case 'error': {
      const h = c.health;
      return {
        label,
        description: `${safe(h.kind)}: ${safe(h.message)}`,
        tooltip: `${label}${where}\n${safe(h.kind)}: ${safe(h.message)}`,
        icon: 'error',
        contextValue: 'cluster-error',
        expandable: false,
      };
    }
  }
}

export type GroupBy = 'none' | 'region' | 'environment';

/** What the workspace topology says of a cluster (by kubeconfig context name). */
export interface TopologyCluster {
  /** The kubeconfig context (defaults to the name). */
  context: string;
  /** The cluster's name in the topology, and where it is declared (1-based line). */
  name?: string;
  file?: string;
  line?: number;
  region?: string;
  environment?: string;
}

export interface ClusterGroup {
  label: string;
  contexts: string[];
}

export const UNGROUPED = '(not in topology)';

/**
 * Group contexts by the topology's region or environment. Groups sort by name, the ungrouped last;
 * contexts keep their kubeconfig order. With `none` (or no topology) there is one unnamed group.
 */
export function groupClusters(
  contexts: readonly string[],
  topology: readonly TopologyCluster[],
  by: GroupBy,
): ClusterGroup[] {
  if (by === 'none' || topology.length === 0) return [{ label: '', contexts: [...contexts] }];
  const key = new Map<string, string>();
  for (const t of topology) {
    const v = by === 'region' ? t.region : t.environment;
    if (v && !key.has(t.context)) key.set(t.context, v);
  }
  const groups = new Map<string, string[]>();
  for (const ctx of contexts) {
    const g = key.get(ctx) ?? UNGROUPED;
    const list = groups.get(g) ?? [];
    list.push(ctx);
    groups.set(g, list);
  }
  return [...groups]
    .sort(([a], [b]) => (a === UNGROUPED ? 1 : b === UNGROUPED ? -1 : a.localeCompare(b)))
    .map(([label, list]) => ({ label: safe(label), contexts: list }));
}

/** The kinds listed under a namespace, in this order (resource names as the API knows them). */
export const NAMESPACE_KINDS: readonly { label: string; resource: string }[] = [
  { label: 'Deployments', resource: 'deployments.apps' },
  { label: 'StatefulSets', resource: 'statefulsets.apps' },
  { label: 'DaemonSets', resource: 'daemonsets.apps' },
  { label: 'Pods', resource: 'pods' },
  { label: 'Services', resource: 'services' },
  { label: 'ConfigMaps', resource: 'configmaps' },
];

/** API groups whose resources are built in (not custom resources). */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'admissionregistration.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'node.k8s.io',
  'scheduling.k8s.io',
  'resource.k8s.io',
  'storagemigration.k8s.io',
  'internal.apiserver.k8s.io',
]);

export function isCustomResourceGroup(group: string): boolean {
  return !BUILTIN_GROUPS.has(group) && !group.endsWith('.k8s.io');
}

/** `⎈ 4/5 clusters` and a tooltip naming the unhealthy ones. */
export function statusBar(entries: readonly ClusterEntry[]): {
  text: string;
  tooltip: string;
  unhealthy: number;
} {
  const total = entries.length;
  const ok = entries.filter((e) => e.health.state === 'ok').length;
  const pending = entries.filter((e) => e.health.state === 'pending').length;
  const bad = entries.filter((e): e is ClusterEntry & { health: HealthError } => e.health.state === 'error');
  const text = `⎈ ${ok}/${total} clusters${pending > 0 ? ` (${pending} checking)` : ''}`;
  const lines =
    bad.length === 0
      ? [total === 0 ? 'No kubeconfig context' : pending > 0 ? 'Checking clusters…' : 'All clusters healthy']
      : [
          'Unhealthy:',
          ...bad.map((e) => `${safe(e.context)} — ${safe(e.health.kind)}: ${safe(e.health.message)}`),
        ];
  return { text, tooltip: lines.join('\n'), unhealthy: bad.length };
}

/** Escape a path segment of a `kubectl-mc:` resource URI. */
export function resourceUriPath(p: {
  context: string;
  resource: string;
  namespace?: string;
  name: string;
}): string {
  const seg = (s: string) => encodeURIComponent(s);
  return `/${seg(p.context)}/${seg(p.resource)}/${p.namespace ? seg(p.namespace) : '_'}/${seg(p.name)}.yaml`;
}

export function parseResourceUriPath(
  path: string,
): { context: string; resource: string; namespace?: string; name: string } | undefined {
  const m = /^\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)\.yaml$/.exec(path);
  if (!m) return undefined;
  const [, c, r, ns, n] = m;
  const dec = decodeURIComponent;
  const out: { context: string; resource: string; namespace?: string; name: string } = {
    context: dec(c!),
    resource: dec(r!),
    name: dec(n!),
  };
  if (ns !== '_') out.namespace = dec(ns!);
  return out;
}

const VOLATILE_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'managedFields',
  'generation',
  'selfLink',
];
const VOLATILE_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
];

/**
 * An object as compared across clusters: what differs by nature between two clusters (uid, resourceVersion,
 * timestamps, managed fields, status) is dropped, so a diff shows configuration drift only.
 */
export function normalizeForCompare(obj: unknown): unknown {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return obj;
  const out: Record<string, unknown> = { ...(obj as Record<string, unknown>) };
  delete out.status;
  const meta = out.metadata;
  if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
    const m: Record<string, unknown> = { ...(meta as Record<string, unknown>) };
    for (const k of VOLATILE_METADATA) delete m[k];
    const ann = m.annotations;
    if (ann && typeof ann === 'object') {
      const a: Record<string, unknown> = { ...(ann as Record<string, unknown>) };
      for (const k of VOLATILE_ANNOTATIONS) delete a[k];
      if (Object.keys(a).length > 0) m.annotations = a;
      else delete m.annotations;
    }
    out.metadata = m;
  }
  return out;
}

/** A POSIX-shell single-quoted word (context names can hold anything). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
