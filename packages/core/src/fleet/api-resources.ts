/**
 * `api-resources` across a fleet: each cluster's preferred resources as `kubectl api-resources` lists
 * them (from the cluster's discovery), kubectl's filters and order, and one merged row per resource with
 * the clusters that serve it, so that a CRD missing from some clusters shows at a glance.
 */
import type { ClusterApi } from '../api/client.js';
import type { ResolvedResource } from '../api/types.js';
import type { FanOut } from '../fanout/fanout.js';
import type { ClusterResult } from '../fanout/types.js';
import type { Fleet, FleetFanOutOptions } from './fleet.js';

/** One row of `kubectl api-resources`. */
export interface ApiResource {
  name: string;
  shortNames: string[];
  /** `''` for the core group. */
  group: string;
  version: string;
  /** `v1`, `apps/v1`. */
  apiVersion: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  categories: string[];
}

/** kubectl's filters (`--api-group`, `--namespaced`, `--verbs`, `--categories`); absent = no filter. */
export interface ApiResourceFilter {
  /** Only this group (`''`: the core group). */
  apiGroup?: string;
  namespaced?: boolean;
  /** Resources supporting every one of these verbs. */
  verbs?: readonly string[];
  /** Resources in every one of these categories. */
  categories?: readonly string[];
}

export type ApiResourceSort = 'group' | 'name' | 'kind';

/** A resource as the fleet serves it: which clusters list it, and which answered without it. */
export interface MergedApiResource extends ApiResource {
  clusters: string[];
  missing: string[];
}

export interface MergedApiResources {
  resources: MergedApiResource[];
  /** The clusters that answered, in selection order. */
  answered: string[];
}

/**
 * The resources kubectl lists from a discovery: per group and resource, the group's preferred version
 * when it serves the resource, else the first version that does (client-go's `ServerPreferredResources`,
 * given discovery's order, preferred version first); no subresources, no resource without verbs.
 */
export function preferredResources(discovered: readonly ResolvedResource[]): ApiResource[] {
  const seen = new Set<string>();
  const out: ApiResource[] = [];
  for (const r of discovered) {
    if (r.resource.includes('/') || r.verbs.length === 0) continue;
    const key = `${r.group}\u0000${r.resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      name: r.resource,
      shortNames: [...r.shortNames],
      group: r.group,
      version: r.version,
      apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs],
      categories: [...r.categories],
    });
  }
  return out;
}

/** kubectl's filters, each only when given. */
export function filterApiResources(rows: readonly ApiResource[], f: ApiResourceFilter): ApiResource[] {
  return rows.filter(
    (r) =>
      (f.apiGroup === undefined || r.group === f.apiGroup) &&
      (f.namespaced === undefined || r.namespaced === f.namespaced) &&
      (f.verbs ?? []).every((v) => r.verbs.includes(v)) &&
      (f.categories ?? []).every((c) => r.categories.includes(c)),
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** kubectl's order: by group (default), name or kind, ties by name; stable. */
export function sortApiResources<T extends ApiResource>(
  rows: readonly T[],
  by: ApiResourceSort = 'group',
): T[] {
  const key = (r: T) => (by === 'name' ? r.name : by === 'kind' ? r.kind : r.group);
  return [...rows].sort((a, b) => cmp(key(a), key(b)) || cmp(a.name, b.name));
}

/** One cluster's api-resources: its discovery (cached per cluster), preferred versions. */
export async function clusterApiResources(api: ClusterApi, signal?: AbortSignal): Promise<ApiResource[]> {
  return preferredResources(await api.discover(signal));
}

function identity(r: ApiResource): string {
  return JSON.stringify([r.name, r.shortNames, r.apiVersion, r.namespaced, r.kind, r.verbs, r.categories]);
}

/**
 * The clusters' rows merged: one row per distinct resource (name, short names, group version, scope,
 * kind, verbs, categories), with the answering clusters that list it and those that do not. Failed
 * clusters count neither way. Filtered and sorted as kubectl does.
 */
export function mergeApiResources(
  results: readonly ClusterResult<readonly ApiResource[]>[],
  opts: { filter?: ApiResourceFilter; sortBy?: ApiResourceSort } = {},
): MergedApiResources {
  const answered = results.filter((r) => r.ok).map((r) => r.context);
  const merged = new Map<string, MergedApiResource>();
  for (const r of results) {
    if (!r.ok) continue;
    for (const row of filterApiResources(r.value, opts.filter ?? {})) {
      const id = identity(row);
      const m = merged.get(id);
      if (m) {
        if (!m.clusters.includes(r.context)) m.clusters.push(r.context);
      } else merged.set(id, { ...row, clusters: [r.context], missing: [] });
    }
  }
  for (const m of merged.values()) m.missing = answered.filter((c) => !m.clusters.includes(c));
  return { resources: sortApiResources([...merged.values()], opts.sortBy), answered };
}

/** `-o name`: `name.group`, or `name` in the core group. */
export function apiResourceName(r: Pick<ApiResource, 'name' | 'group'>): string {
  return r.group ? `${r.name}.${r.group}` : r.name;
}

/** Every selected cluster's api-resources, streamed per cluster (a value or a typed error each). */
export function fleetApiResources(
  fleet: Pick<Fleet, 'fanOut'>,
  opts: FleetFanOutOptions = {},
): FanOut<ApiResource[]> {
  return fleet.fanOut((api, signal) => clusterApiResources(api, signal), opts);
}
