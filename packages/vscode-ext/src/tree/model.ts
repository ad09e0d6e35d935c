/**
 * Pure model of the Clusters view: how a cluster's health reads (label, description, tooltip, icon),
 * how clusters group by a workspace topology, which resource kinds a namespace lists. No `vscode`
 * import: unit-tested in Node.
 */
import type { ClusterEntry } from '../fleet/health.js';
import { safe } from '../text.js';

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
      const version = safe(h.version ?? 'unknown version');
      const nodes = h.nodesTotal !== undefined ? ` · ${h.nodesReady ?? 0}/${h.nodesTotal} nodes ready` : '';
      const degraded = h.nodesTotal !== undefined && (h.nodesReady ?? 0) < h.nodesTotal;
      return {
        label,
        description: `${version} · ${Math.round(h.latencyMs)} ms`,
        tooltip: `${label}${where}\n${version}, ${Math.round(h.latencyMs)} ms${nodes}`,
        icon: degraded ? 'warning' : 'pass',
        contextValue: 'cluster',
        expandable: true,
      };
    }
    case 'error': {
      const { kind, message } = c.health.error;
      return {
        label,
        description: `${safe(kind)}: ${safe(message)}`,
        tooltip: `${label}${where}\n${safe(kind)}: ${safe(message)}`,
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

/** A POSIX-shell single-quoted word (context names can hold anything). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Whether `name` passes the view's filter: empty lets everything through; `*` matches any run of
 * characters; without `*`, a case-insensitive substring.
 */
export function matchesFilter(name: string, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (f === '') return true;
  const n = name.toLowerCase();
  if (!f.includes('*')) return n.includes(f);
  const re = new RegExp(
    `^${f
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(n);
}

/** Each hub as a group node of its clusters shown (those the filter keeps), labelled `hub <context>`. */
export function hubGroups(
  hubs: readonly { hub: string; contexts: string[] }[],
  shown: readonly string[],
): { type: 'group'; label: string; contexts: string[] }[] {
  return hubs.map((h) => ({
    type: 'group',
    label: `hub ${safe(h.hub)}`,
    contexts: h.contexts.filter((c) => shown.includes(c)),
  }));
}
