/**
 * The fleet's membership changing while the dashboard runs (a hub's ClusterProfiles): the clusters view
 * takes the new list; a cluster that joined is pending until its first health check; everything known
 * about one that left (health, rows, errors, its usage, its exclusion, its namespaces) is dropped.
 */
import { clampTop } from './selection.js';
import type { ActionOf, ClusterHealth, ResourceData, State } from './types.js';

export type MembershipAction = ActionOf<'clusters'>;

function pick<T>(
  rec: Record<string, T> | undefined,
  keep: ReadonlySet<string>,
): Record<string, T> | undefined {
  if (rec === undefined) return undefined;
  return Object.fromEntries(Object.entries(rec).filter(([k]) => keep.has(k)));
}

export function membershipReducer(state: State, action: MembershipAction): State {
  const names = new Set(action.clusters.map((c) => c.name));
  const health: Record<string, ClusterHealth> = {};
  for (const name of names) health[name] = state.health[name] ?? { state: 'pending' };
  const resources: Record<string, ResourceData> = {};
  for (const [key, data] of Object.entries(state.resources)) {
    resources[key] = {
      ...data,
      rows: pick(data.rows, names)!,
      errors: pick(data.errors, names)!,
      loaded: pick(data.loaded, names)!,
    };
  }
  const next: State = {
    ...state,
    clusters: action.clusters,
    health,
    resources,
    excluded: pick(state.excluded, names)!,
  };
  const optional = ['nsByCluster', 'fallbackNs', 'usage'] as const;
  for (const k of optional) {
    const v = pick(state[k] as Record<string, never> | undefined, names);
    if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v;
  }
  return clampTop(next);
}
