/**
 * `top`: what pods and nodes use now, from each cluster's metrics API (`metrics.k8s.io/v1beta1`, served by
 * metrics-server), as `kubectl top` reads it. Per cluster a value or a typed error: a cluster without the
 * metrics API fails with `MetricsUnavailableError` ("Metrics API not available", found through
 * discovery, as kubectl finds it), the others still answer. Usage is kept exact (`Quantity`) and rounded
 * as kubectl's printer rounds (see `top-table.ts`).
 */
import type { ClusterApi } from '../api/client.js';
import type { KubeObject, ListOptions, ResolvedResource } from '../api/types.js';
import { ClusterError } from '../errors.js';
import {
  addQuantities,
  milliValue,
  parseQuantity,
  quantityValue,
  ZERO_QUANTITY,
  type Quantity,
} from '../util/quantity.js';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';

/** Why a cluster has no usage to show: no metrics API, or an API that has nothing yet. */
export class MetricsUnavailableError extends ClusterError {
  readonly unavailable: 'no-api' | 'not-yet';
  constructor(context: string, reason: 'no-api' | 'not-yet') {
    // kubectl's words: `error: Metrics API not available`, `error: metrics not available yet`
    super(
      'NotFound',
      context,
      reason === 'no-api' ? 'Metrics API not available' : 'metrics not available yet',
    );
    this.name = 'MetricsUnavailableError';
    this.unavailable = reason;
  }
}

/** Usage of one resource: exact, and rounded as kubectl prints it. */
export interface Usage {
  cpu: Quantity;
  memory: Quantity;
  /** `MilliValue()` of the CPU usage (kubectl prints `<n>m`). */
  cpuMilli: number;
  /** `Value()` of the memory usage in bytes (kubectl prints `<bytes / 2^20>Mi`). */
  memoryBytes: number;
}

export interface ContainerUsage extends Usage {
  name: string;
}

export interface PodUsage extends Usage {
  namespace: string;
  name: string;
  /** Sorted by name (kubectl's order without --sort-by). */
  containers: ContainerUsage[];
}

export interface NodeUsage {
  name: string;
  /** Undefined for a node the metrics API has nothing for (kubectl prints `<unknown>`). */
  usage?: Usage;
  /** Percent of the node's allocatable CPU / memory, truncated; undefined when unknown. */
  cpuPercent?: number;
  memoryPercent?: number;
}

export interface TopPodsOptions {
  /** The namespace (ignored with `allNamespaces`); default `default`. */
  namespace?: string;
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  /** One pod by name (in `namespace`). */
  name?: string;
}

export interface TopNodesOptions {
  labelSelector?: string;
  /** One node by name. */
  name?: string;
}

const metricsResource = (resource: 'pods' | 'nodes'): ResolvedResource => ({
  group: METRICS_GROUP,
  version: METRICS_VERSION,
  resource,
  kind: resource === 'pods' ? 'PodMetrics' : 'NodeMetrics',
  namespaced: resource === 'pods',
  singular: '',
  shortNames: [],
  verbs: ['get', 'list'],
  categories: [],
});

const servesMetrics = (resources: readonly ResolvedResource[]) =>
  resources.some((r) => r.group === METRICS_GROUP && r.version === METRICS_VERSION);

/** Whether the cluster serves `metrics.k8s.io/v1beta1` (its discovery, cached per cluster). */
export async function hasMetricsApi(api: ClusterApi, signal?: AbortSignal): Promise<boolean> {
  return servesMetrics(await api.discover(signal));
}

/**
 * A request to the metrics API. Its 404, when discovery came from the disk cache, may mean the cache was
 * stale (another server once answered at this address, or metrics-server was removed): discovery is
 * asked again, and a cluster that no longer serves the API is `Metrics API not available`, as kubectl
 * says after refreshing its own cache.
 */
async function askMetrics<T>(
  api: ClusterApi,
  signal: AbortSignal | undefined,
  ask: () => Promise<T>,
): Promise<T> {
  try {
    return await ask();
  } catch (e) {
    if (!(e instanceof ClusterError) || e.kind !== 'NotFound' || !api.discoveryFromDisk()) throw e;
    if (!servesMetrics(await api.rediscover(signal)))
      throw new MetricsUnavailableError(api.context, 'no-api');
    throw e;
  }
}

/** A quantity field of a cluster's answer; anything unreadable counts as zero, as a missing one does. */
function quantityOf(v: unknown): Quantity {
  return (typeof v === 'string' && parseQuantity(v)) || ZERO_QUANTITY;
}

function toNumber(v: bigint): number {
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

export function usageOf(cpu: Quantity, memory: Quantity): Usage {
  return { cpu, memory, cpuMilli: toNumber(milliValue(cpu)), memoryBytes: toNumber(quantityValue(memory)) };
}

interface RawUsage {
  cpu?: unknown;
  memory?: unknown;
}
interface RawPodMetrics extends KubeObject {
  containers?: { name?: unknown; usage?: RawUsage }[];
}
interface RawNodeMetrics extends KubeObject {
  usage?: RawUsage;
}
interface RawNode extends KubeObject {
  status?: { allocatable?: RawUsage };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

function podUsage(m: RawPodMetrics): PodUsage {
  let cpu = ZERO_QUANTITY;
  let memory = ZERO_QUANTITY;
  const containers: ContainerUsage[] = [];
  for (const c of Array.isArray(m.containers) ? m.containers : []) {
    const cc = quantityOf(c?.usage?.cpu);
    const cm = quantityOf(c?.usage?.memory);
    cpu = addQuantities(cpu, cc);
    memory = addQuantities(memory, cm);
    containers.push({ name: str(c?.name), ...usageOf(cc, cm) });
  }
  containers.sort(byName);
  return {
    namespace: str(m.metadata?.namespace),
    name: str(m.metadata?.name),
    containers,
    ...usageOf(cpu, memory),
  };
}

/**
 * One cluster's pod usage, as `kubectl top pod` gets it: discovery must show the metrics API; an empty
 * answer while matching pods exist is `metrics not available yet`. Sorted by namespace, then name.
 */
export async function topPodsOf(
  api: ClusterApi,
  opts: TopPodsOptions,
  signal?: AbortSignal,
): Promise<PodUsage[]> {
  if (!(await hasMetricsApi(api, signal))) throw new MetricsUnavailableError(api.context, 'no-api');
  const list: ListOptions = {
    namespace: opts.namespace || 'default',
    allNamespaces: !!opts.allNamespaces && opts.name === undefined,
    ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}),
    ...(opts.fieldSelector ? { fieldSelector: opts.fieldSelector } : {}),
    ...(signal ? { signal } : {}),
  };
  const res = metricsResource('pods');
  const raw = await askMetrics(api, signal, async () =>
    opts.name !== undefined
      ? [await api.get<RawPodMetrics>(res, opts.name, list)]
      : (await api.list<RawPodMetrics>(res, list)).items,
  );
  if (raw.length === 0) {
    // kubectl: pods without metrics yet are an error; no pods at all is "No resources found"
    const pods = await api.list(await api.resolve('pods', signal), list);
    if (pods.items.length > 0) throw new MetricsUnavailableError(api.context, 'not-yet');
  }
  return raw
    .map(podUsage)
    .sort((a, b) => (a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : byName(a, b)));
}

/** Truncated percent of `used` over `available` (kubectl: int64(float64(milli) / float64(milli) * 100)). */
function percent(used: Quantity, available: unknown): number | undefined {
  const a = typeof available === 'string' ? parseQuantity(available) : undefined;
  if (!a) return undefined;
  const am = Number(milliValue(a));
  if (am === 0) return undefined;
  return Math.trunc((Number(milliValue(used)) / am) * 100);
}

/**
 * One cluster's node usage, as `kubectl top node` gets it: usage from the metrics API, percentages of
 * each node's allocatable, nodes without metrics as unknown (after the others, by name). Sorted by name.
 */
export async function topNodesOf(
  api: ClusterApi,
  opts: TopNodesOptions,
  signal?: AbortSignal,
): Promise<NodeUsage[]> {
  if (!(await hasMetricsApi(api, signal))) throw new MetricsUnavailableError(api.context, 'no-api');
  const list: ListOptions = {
    ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}),
    ...(signal ? { signal } : {}),
  };
  const res = metricsResource('nodes');
  const metrics = await askMetrics(api, signal, async () =>
    opts.name !== undefined
      ? [await api.get<RawNodeMetrics>(res, opts.name, list)]
      : (await api.list<RawNodeMetrics>(res, list)).items,
  );
  if (metrics.length === 0) throw new MetricsUnavailableError(api.context, 'not-yet');
  const nodeRes = await api.resolve('nodes', signal);
  const nodes =
    opts.name !== undefined
      ? [await api.get<RawNode>(nodeRes, opts.name, list)]
      : (await api.list<RawNode>(nodeRes, list)).items;
  const allocatable = new Map(nodes.map((n) => [str(n.metadata?.name), n.status?.allocatable ?? {}]));
  const out: NodeUsage[] = metrics
    .map((m) => {
      const name = str(m.metadata?.name);
      const usage = usageOf(quantityOf(m.usage?.cpu), quantityOf(m.usage?.memory));
      const avail = allocatable.get(name);
      allocatable.delete(name);
      const cpuPercent = avail ? percent(usage.cpu, avail.cpu) : undefined;
      const memoryPercent = avail ? percent(usage.memory, avail.memory) : undefined;
      return {
        name,
        usage,
        ...(cpuPercent !== undefined ? { cpuPercent } : {}),
        ...(memoryPercent !== undefined ? { memoryPercent } : {}),
      };
    })
    .sort(byName);
  const missing = [...allocatable.keys()].sort().map((name) => ({ name }));
  return [...out, ...missing];
}
