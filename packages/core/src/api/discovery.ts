import { ClusterError } from '../errors.js';
import { invalid, jsonKind } from './validate.js';
import type { ClusterConnection } from '../transport/types.js';
import type { ResolvedResource } from './types.js';

/** Aggregated discovery (v2, then v2beta1), with plain JSON last so old servers answer legacy documents. */
export const AGGREGATED_DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,' +
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface AggResource {
  resource?: string;
  responseKind?: { group?: string; version?: string; kind?: string };
  scope?: string;
  singularResource?: string;
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
}
interface AggVersion {
  version?: string;
  resources?: AggResource[];
  freshness?: string;
}
interface AggGroup {
  metadata?: { name?: string };
  versions?: AggVersion[];
}
interface AggList {
  kind?: string;
  items?: AggGroup[];
}
interface LegacyResource {
  name?: string;
  singularName?: string;
  namespaced?: boolean;
  kind?: string;
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
}
interface LegacyResourceList {
  groupVersion?: string;
  resources?: LegacyResource[];
}
interface LegacyGroupList {
  kind?: string;
  groups?: Array<{
    name?: string;
    versions?: Array<{ groupVersion?: string; version?: string }>;
    preferredVersion?: { groupVersion?: string; version?: string };
  }>;
}

function fromAggregated(list: AggList, fallbackGroup: string): ResolvedResource[] {
  const out: ResolvedResource[] = [];
  for (const g of list.items ?? []) {
    const group = g.metadata?.name ?? fallbackGroup;
    for (const v of g.versions ?? []) {
      const version = v.version ?? '';
      for (const r of v.resources ?? []) {
        if (!r.resource || r.resource.includes('/')) continue;
        const kind = r.responseKind?.kind ?? '';
        out.push({
          group,
          version,
          resource: r.resource,
          kind,
          namespaced: r.scope === 'Namespaced',
          singular: r.singularResource || kind.toLowerCase(),
          shortNames: r.shortNames ?? [],
          verbs: r.verbs ?? [],
          categories: r.categories ?? [],
        });
      }
    }
  }
  return out;
}

function fromLegacyList(list: LegacyResourceList, group: string, version: string): ResolvedResource[] {
  const out: ResolvedResource[] = [];
  for (const r of list.resources ?? []) {
    if (!r.name || r.name.includes('/')) continue;
    const kind = r.kind ?? '';
    out.push({
      group,
      version,
      resource: r.name,
      kind,
      namespaced: r.namespaced === true,
      singular: r.singularName || kind.toLowerCase(),
      shortNames: r.shortNames ?? [],
      verbs: r.verbs ?? [],
      categories: r.categories ?? [],
    });
  }
  return out;
}

function isAggregated(body: unknown): body is AggList {
  return typeof body === 'object' && body !== null && (body as AggList).kind === 'APIGroupDiscoveryList';
}

async function legacyCore(
  conn: ClusterConnection,
  body: unknown,
  signal?: AbortSignal,
): Promise<ResolvedResource[]> {
  const versions = ((body as { versions?: string[] } | null)?.versions ?? ['v1']).filter((v) => v);
  const out: ResolvedResource[] = [];
  for (const v of versions) {
    const res = await conn.request<LegacyResourceList>(`/api/${v}`, { signal });
    out.push(...fromLegacyList(res.body, '', v));
  }
  return out;
}

async function legacyGroups(
  conn: ClusterConnection,
  body: unknown,
  signal?: AbortSignal,
  partial?: WeakSet<object>,
): Promise<ResolvedResource[]> {
  const groups = (body as LegacyGroupList | null)?.groups ?? [];
  const jobs: Array<{ group: string; version: string }> = [];
  for (const g of groups) {
    if (!g.name) continue;
    const preferred = g.preferredVersion?.version;
    const versions = (g.versions ?? []).map((v) => v.version ?? '').filter((v) => v);
    versions.sort((a, b) => (a === preferred ? -1 : b === preferred ? 1 : 0));
    for (const version of versions) jobs.push({ group: g.name, version });
  }
  // Fetch group versions in parallel; a failing one (e.g. an unavailable aggregated API) is skipped, as kubectl does.
  const settled = await Promise.allSettled(
    jobs.map((j) => conn.request<LegacyResourceList>(`/apis/${j.group}/${j.version}`, { signal })),
  );
  const out: ResolvedResource[] = [];
  settled.forEach((s, i) => {
    const j = jobs[i];
    if (s.status === 'fulfilled' && j) out.push(...fromLegacyList(s.value.body, j.group, j.version));
    else partial?.add(out);
  });
  if (signal?.aborted) throw signal.reason;
  return out;
}

/**
 * Every resource type the cluster serves, core group first, then groups in server order, each group's
 * preferred version first (so the first match of a name is the one kubectl would pick).
 */
export async function discoverResources(
  conn: ClusterConnection,
  signal?: AbortSignal,
): Promise<ResolvedResource[]> {
  let found: ResolvedResource[];
  try {
    found = await discoverUnchecked(conn, signal);
  } catch (e) {
    // a discovery document of the wrong shape (a name that is a number, a list that is an object, …)
    if (e instanceof TypeError || e instanceof RangeError) {
      throw invalid(conn.context, 'the server sent a discovery document of an unexpected shape');
    }
    throw e;
  }
  const checked = found.map((r) => checkResource(r, conn.context));
  if (incomplete.has(found)) incomplete.add(checked);
  return checked;
}

async function discoverUnchecked(conn: ClusterConnection, signal?: AbortSignal): Promise<ResolvedResource[]> {
  const [core, apis] = await Promise.allSettled([
    conn.request<unknown>('/api', { accept: AGGREGATED_DISCOVERY_ACCEPT, signal }),
    conn.request<unknown>('/apis', { accept: AGGREGATED_DISCOVERY_ACCEPT, signal }),
  ]);
  // Like kubectl, a partial answer is used (one half failing leaves the other's types resolvable);
  // only when both fail is discovery itself a failure.
  if (signal?.aborted) throw signal.reason;
  if (core.status === 'rejected' && apis.status === 'rejected') throw core.reason;
  const coreRes =
    core.status === 'rejected'
      ? []
      : isAggregated(core.value.body)
        ? fromAggregated(core.value.body, '')
        : await legacyCore(conn, core.value.body, signal);
  const partial = new WeakSet<object>();
  const groupRes =
    apis.status === 'rejected'
      ? []
      : isAggregated(apis.value.body)
        ? fromAggregated(apis.value.body, '')
        : await legacyGroups(conn, apis.value.body, signal, partial);
  const all = [...coreRes, ...groupRes];
  if (core.status === 'rejected' || apis.status === 'rejected' || partial.has(groupRes)) incomplete.add(all);
  return all;
}

const incomplete = new WeakSet<object>();

/**
 * Whether `discoverResources` returned this list without some of the cluster's groups (one of /api and
 * /apis failed, or a legacy group version did): usable for this run, not worth keeping on disk.
 */
export function isPartialDiscovery(resources: readonly ResolvedResource[]): boolean {
  return incomplete.has(resources);
}

/** One discovered resource with the types the rest of core relies on; else `InvalidResponse`. */
function checkResource(r: ResolvedResource, context: string): ResolvedResource {
  const what = `discovery of ${typeof r.resource === 'string' ? `"${r.resource}"` : 'a resource'}`;
  for (const key of ['group', 'version', 'resource', 'kind', 'singular'] as const) {
    if (typeof r[key] !== 'string') {
      throw invalid(context, `the server sent ${what} whose ${key} is ${jsonKind(r[key])}, not a string`);
    }
  }
  for (const key of ['shortNames', 'verbs', 'categories'] as const) {
    const list: unknown = r[key];
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
      throw invalid(context, `the server sent ${what} whose ${key} is not a list of strings`);
    }
  }
  return r;
}

function matchesName(r: ResolvedResource, n: string): boolean {
  return r.resource === n || r.singular === n || r.shortNames.includes(n) || r.kind.toLowerCase() === n;
}

/**
 * Find `name` among `resources` as kubectl does: `pods`, `pod`, `po`, `Pod`, `deployments.apps`,
 * `deploy.apps`, `deployments.v1.apps`, `federateddeployments.types.kubefed.io`. Undefined when absent.
 */
export function findResource(
  resources: readonly ResolvedResource[],
  name: string,
): ResolvedResource | undefined {
  const lower = name.trim().toLowerCase();
  const dot = lower.indexOf('.');
  if (dot < 0) {
    // Exact plural/singular/short names before kind names, each in priority order.
    return (
      resources.find((r) => r.resource === lower) ??
      resources.find((r) => r.singular === lower) ??
      resources.find((r) => r.shortNames.includes(lower)) ??
      resources.find((r) => r.kind.toLowerCase() === lower)
    );
  }
  const base = lower.slice(0, dot);
  const rest = lower.slice(dot + 1);
  // resource.version.group first (like schema.ParseResourceArg), then resource.group.
  const dot2 = rest.indexOf('.');
  if (dot2 > 0) {
    const version = rest.slice(0, dot2);
    const group = rest.slice(dot2 + 1);
    const hit = resources.find((r) => r.version === version && r.group === group && matchesName(r, base));
    if (hit) return hit;
  }
  return resources.find((r) => r.group === rest && matchesName(r, base));
}

export function notFoundResource(context: string, name: string): ClusterError {
  return new ClusterError('NotFound', context, `the server doesn't have a resource type "${name}"`, {
    status: 404,
  });
}

function builtin(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[] = [],
  categories: string[] = [],
): ResolvedResource {
  const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
  return {
    group,
    version,
    resource,
    kind,
    namespaced,
    singular: kind.toLowerCase(),
    shortNames,
    verbs,
    categories,
  };
}

/**
 * Built-in types every supported cluster (1.21+) serves at these versions: resolving them needs no
 * discovery round trip (kubectl gets the same effect from its disk cache). Anything else, and any use
 * after discovery ran, goes through the cluster's own discovery.
 */
export const BUILTIN_RESOURCES: readonly ResolvedResource[] = [
  builtin('', 'v1', 'pods', 'Pod', true, ['po'], ['all']),
  builtin('', 'v1', 'services', 'Service', true, ['svc'], ['all']),
  builtin('', 'v1', 'nodes', 'Node', false, ['no']),
  builtin('', 'v1', 'namespaces', 'Namespace', false, ['ns']),
  builtin('', 'v1', 'configmaps', 'ConfigMap', true, ['cm']),
  builtin('', 'v1', 'secrets', 'Secret', true),
  builtin('', 'v1', 'serviceaccounts', 'ServiceAccount', true, ['sa']),
  builtin('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc']),
  builtin('', 'v1', 'persistentvolumes', 'PersistentVolume', false, ['pv']),
  builtin('apps', 'v1', 'deployments', 'Deployment', true, ['deploy'], ['all']),
  builtin('apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs'], ['all']),
  builtin('apps', 'v1', 'statefulsets', 'StatefulSet', true, ['sts'], ['all']),
  builtin('apps', 'v1', 'daemonsets', 'DaemonSet', true, ['ds'], ['all']),
  builtin('batch', 'v1', 'jobs', 'Job', true, [], ['all']),
  builtin('batch', 'v1', 'cronjobs', 'CronJob', true, ['cj'], ['all']),
  builtin('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, ['ing']),
];
