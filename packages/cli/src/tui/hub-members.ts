/**
 * The dashboard's fleet membership: which clusters the clusters view lists, with their region,
 * environment and `--cluster-selector` group, and, for a hub fleet, following the hub's ClusterProfiles
 * (core's `watchHubMembership`) so that a cluster joining or leaving shows without a restart.
 */
import { escapeTerminal } from '@kubectl-mc/core/util';
import {
  hubSelectable,
  parseClusterSelector,
  selectHubContexts,
  watchHubMembership,
  type HubKubeconfig,
  type HubSourceOptions,
  type LiveHubKubeconfig,
  type TopologyLabels,
} from '@kubectl-mc/core/fleet';
import { globToRegExp, type ContextSelection } from '@kubectl-mc/core/kubeconfig';
import type { ClusterMeta } from './state.js';
import type { Store } from './store.js';
import { clusterMeta } from './topology.js';

export interface MetaSource {
  /** `--topology`: region and environment by cluster (the dashboard's own flag: it has the last word). */
  topologyFile?: string;
  /** `--cluster-selector`: the clusters are grouped by the values of its keys. */
  selector?: string;
  /** The topology's labels (for the groups of kubeconfig contexts). */
  labels?: TopologyLabels;
}

/** A cluster's values of the selector's keys, as `key=value, …` (escaped); '' when it has none. */
function groupOf(
  name: string,
  keys: readonly string[],
  fleet: HubKubeconfig | undefined,
  labels: TopologyLabels | undefined,
): string {
  const c = fleet?.cluster(name);
  const sel = c ? hubSelectable(c, labels) : labels?.byName.get(name);
  if (!sel) return '';
  const parts: string[] = [];
  for (const key of keys) {
    const [k, props] = key.startsWith('property:')
      ? [key.slice('property:'.length), c?.properties ?? {}]
      : [key, sel.labels];
    const v = Object.hasOwn(props, k) ? props[k] : sel.sets?.[k]?.join('|');
    if (v !== undefined) parts.push(`${key}=${v}`);
  }
  return escapeTerminal(parts.join(', '));
}

/** Groups by their text; clusters with none of the selector's keys last. */
function groupOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '' || b === '') return a === '' ? 1 : -1;
  return a < b ? -1 : 1;
}

/**
 * The clusters view's rows for `names`: a hub cluster's region and environment from its profile, then
 * the topology file's; with a selector, each cluster's group, and the clusters ordered by group (stable; those with no value last).
 */
export async function clusterMetas(
  names: readonly string[],
  fleet: HubKubeconfig | undefined,
  src: MetaSource,
): Promise<ClusterMeta[]> {
  const metas = (await clusterMeta([...names], src.topologyFile)).map((m): ClusterMeta => {
    const { region, environment } = fleet?.placement(m.name) ?? {};
    return {
      ...(region !== undefined && { region: escapeTerminal(region) }),
      ...(environment !== undefined && { environment: escapeTerminal(environment) }),
      ...m,
    };
  });
  if (src.selector === undefined || src.selector === '') return metas;
  const keys = [...new Set(parseClusterSelector(src.selector).map((r) => r.key))];
  const grouped = metas.map((m) => ({ ...m, group: groupOf(m.name, keys, fleet, src.labels) }));
  return grouped
    .map((m, i) => ({ m, i }))
    .sort((a, b) => groupOrder(a.m.group, b.m.group) || a.i - b.i)
    .map(({ m }) => m);
}

/**
 * The hub fleet's cluster lists as the hub changes: each state of `watchHubMembership`, made current in
 * `live` (the dashboard's backend connects through it), then selected as the command line said
 * (`--clusters`, `--exclude`, `--context` over the new names; none left: only the failing hubs).
 */
export async function* hubMemberLists(
  source: { options: HubSourceOptions; selection: ContextSelection },
  live: LiveHubKubeconfig,
  meta: MetaSource,
  signal: AbortSignal,
): AsyncGenerator<ClusterMeta[]> {
  const { options, selection } = source;
  for await (const m of watchHubMembership({ ...options, signal })) {
    live.update(m.fleet);
    yield await clusterMetas(selectMembers(m.fleet, selection, options.clusterSelector), m.fleet, meta);
  }
}

/**
 * The clusters of one state of the hub that the command line selected. As `selectHubContexts`, but a
 * `--clusters`/`--exclude`/`--context` name or glob that matches no cluster any more (it left the hub)
 * is dropped instead of failing the selection; when none of `--clusters` (or `--context`) matches, no
 * profile is selected. Failing hubs are always listed.
 */
export function selectMembers(
  fleet: HubKubeconfig,
  selection: ContextSelection,
  selector?: string,
): string[] {
  const failed = fleet.hubErrors.map((e) => e.context);
  const matches = (p: string) => {
    const re = globToRegExp(p);
    return fleet.clusters.some((c) => re.test(c.id) || re.test(c.ref));
  };
  const keep = (ps: string[] | undefined) =>
    (ps ?? [])
      .flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter((p) => p !== '' && matches(p));
  const lenient: ContextSelection = { ...selection };
  if (selection.context !== undefined && selection.context !== '') {
    if (!matches(selection.context)) return failed;
  }
  if (selection.clusters?.length) {
    lenient.clusters = keep(selection.clusters);
    if (lenient.clusters.length === 0) return failed;
  }
  if (selection.exclude?.length) lenient.exclude = keep(selection.exclude);
  try {
    return selectHubContexts(fleet, lenient, selector);
  } catch {
    // nothing left (every profile gone, or --exclude removed all): only what failed
    return failed;
  }
}

/**
 * Apply each cluster list to the dashboard: `contexts` (the array the data controller checks and
 * watches; changed in place) first, then the store (`clusters` action), whose next sync moves the
 * watches to the new set. Returns when `lists` ends.
 */
export async function followMembers(
  lists: AsyncIterable<ClusterMeta[]>,
  store: Store,
  contexts: string[],
): Promise<void> {
  for await (const clusters of lists) {
    contexts.splice(0, contexts.length, ...clusters.map((c) => c.name));
    store.dispatch({ type: 'clusters', clusters });
  }
}
