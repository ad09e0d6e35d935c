// metrics.k8s.io/v1beta1 as metrics-server serves it through the aggregator: discovery entries (legacy
// and aggregated), PodMetrics and NodeMetrics lists and gets with label and field selectors, Table output
// for `kubectl get podmetrics`. Usage is deterministic per cluster/pod/container/node: the same numbers on
// every request, so the real `kubectl top` and `kubectl mc top` can be compared. Like metrics-server,
// only running pods and Ready nodes have metrics.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiate, sendJson, sendStatus } from '../http.js';
import { BY_PLURAL } from '../resources.js';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from '../selectors.js';
import type { KubeObject, ResourceStore } from '../store.js';
import { hashString } from '../data/random.js';
import { authorize, type UserInfo } from './auth.js';
import { tableType } from './render.js';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
const GV = `${METRICS_GROUP}/${METRICS_VERSION}`;
const WINDOW = '20.063s';

const RESOURCES = [
  { plural: 'nodes', kind: 'NodeMetrics', namespaced: false },
  { plural: 'pods', kind: 'PodMetrics', namespaced: true },
] as const;

/** The group in `/apis`'s legacy APIGroupList. */
export function metricsApiGroup(): unknown {
  const gv = { groupVersion: GV, version: METRICS_VERSION };
  return { name: METRICS_GROUP, versions: [gv], preferredVersion: gv };
}

/** The group in `/apis`'s aggregated APIGroupDiscoveryList (v2 and v2beta1 share the shape). */
export function metricsAggregatedGroup(): unknown {
  return {
    metadata: { name: METRICS_GROUP, creationTimestamp: null },
    versions: [
      {
        version: METRICS_VERSION,
        resources: RESOURCES.map((r) => ({
          resource: r.plural,
          responseKind: { group: METRICS_GROUP, version: METRICS_VERSION, kind: r.kind },
          scope: r.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: '',
          verbs: ['get', 'list'],
        })),
        freshness: 'Current',
      },
    ],
  };
}

function resourceList(): unknown {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: GV,
    resources: RESOURCES.map((r) => ({
      name: r.plural,
      singularName: '',
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: ['get', 'list'],
    })),
  };
}

/** Deterministic usage in [lo, hi) from a key. */
function pick(key: string, lo: number, hi: number): number {
  return lo + (hashString(key) % (hi - lo));
}

interface PodShape extends KubeObject {
  spec?: { containers?: { name: string }[]; nodeName?: string };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}

/** A container's usage: CPU in nanocores, memory in KiB (metrics-server's units). */
function containerUsage(cluster: string, pod: PodShape, container: string): { cpu: string; memory: string } {
  const key = `${cluster}/${pod.metadata.namespace ?? ''}/${pod.metadata.name}/${container}`;
  const system = pod.metadata.namespace === 'kube-system';
  const nanocores = pick(`${key}/cpu`, system ? 1_000_000 : 2_000_000, system ? 40_000_000 : 450_000_000);
  const kib = pick(`${key}/mem`, system ? 8_000 : 20_000, system ? 90_000 : 600_000);
  return { cpu: `${nanocores}n`, memory: `${kib}Ki` };
}

function podMetrics(cluster: string, pod: PodShape): unknown {
  return {
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
    },
    timestamp: new Date(Date.now() - 7_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    window: WINDOW,
    containers: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      usage: containerUsage(cluster, pod, c.name),
    })),
  };
}

interface NodeShape extends KubeObject {
  status?: { conditions?: { type: string; status: string }[] };
}

function nodeMetrics(cluster: string, node: NodeShape): unknown {
  const key = `${cluster}/${node.metadata.name}`;
  return {
    metadata: {
      name: node.metadata.name,
      creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      ...(node.metadata.labels ? { labels: node.metadata.labels } : {}),
    },
    timestamp: new Date(Date.now() - 9_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    window: WINDOW,
    usage: {
      cpu: `${pick(`${key}/cpu`, 90_000_000, 5_500_000_000)}n`,
      memory: `${pick(`${key}/mem`, 900_000, 24_000_000)}Ki`,
    },
  };
}

const isRunning = (p: PodShape): boolean => p.status?.phase === 'Running' && !!p.spec?.nodeName;
const isReady = (n: NodeShape): boolean =>
  (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

export interface MetricsRequest {
  req: IncomingMessage;
  res: ServerResponse;
  store: ResourceStore;
  cluster: string;
  user: UserInfo;
  /** the `forbid` fault: every list is refused */
  forbid?: boolean;
  /** the path below `/apis/metrics.k8s.io` */
  segments: string[];
  query: URLSearchParams;
}

/** `/apis/metrics.k8s.io[/v1beta1[/…]]` on a cluster that serves the metrics API. */
export function serveMetrics(m: MetricsRequest): void {
  const { res, segments: s } = m;
  if (s.length === 0)
    return sendJson(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...(metricsApiGroup() as object) });
  if (s[0] !== METRICS_VERSION) return notFound(res);
  if (s.length === 1) return sendJson(res, 200, resourceList());
  let namespace: string | undefined;
  let rest = s.slice(1);
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, ...extra] = rest;
  const def = RESOURCES.find((r) => r.plural === plural);
  if (!def || extra.length || (namespace !== undefined && !def.namespaced)) return notFound(res);
  const base = BY_PLURAL.get(def.plural);
  if (!base) return notFound(res);
  const denied = authorize(
    m.user,
    name === undefined ? 'list' : 'get',
    { ...base, group: METRICS_GROUP },
    namespace,
    name,
  );
  if (denied) return sendStatus(res, 403, denied.message, 'Forbidden', denied.details);
  if (m.forbid && name === undefined) {
    const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
    return sendStatus(
      res,
      403,
      `${def.plural}.${METRICS_GROUP} is forbidden: User "${m.user.name}" cannot list resource "${def.plural}" in API group "${METRICS_GROUP}" ${where}`,
      'Forbidden',
      { group: METRICS_GROUP, kind: def.plural },
    );
  }

  let labels;
  let fields;
  try {
    labels = parseLabelSelector(m.query.get('labelSelector') ?? undefined);
    fields = parseFieldSelector(m.query.get('fieldSelector') ?? undefined);
  } catch (e) {
    if (e instanceof SelectorError) return sendStatus(res, 400, e.message, 'BadRequest');
    throw e;
  }
  const source =
    name === undefined
      ? m.store.list(def.plural, namespace)
      : parsed(m.store.entry(def.plural, namespace, name));
  const objects = source
    .filter((o) => (def.namespaced ? isRunning(o as PodShape) : isReady(o as NodeShape)))
    .filter(
      (o) =>
        matchesLabels(labels, o.metadata.labels) &&
        matchesFields(fields, {
          'metadata.name': o.metadata.name,
          ...(def.namespaced ? { 'metadata.namespace': o.metadata.namespace ?? '' } : {}),
        }),
    );
  const items = objects.map((o) =>
    def.namespaced ? podMetrics(m.cluster, o as PodShape) : nodeMetrics(m.cluster, o as NodeShape),
  );
  if (name !== undefined && !items.length) {
    // metrics-server's words: `podmetrics.metrics.k8s.io "ns/name" not found`
    const what = def.namespaced ? `${namespace ?? ''}/${name}` : name;
    const kind = def.namespaced ? 'podmetrics' : 'nodemetrics';
    return sendStatus(res, 404, `${kind}.${METRICS_GROUP} "${what}" not found`, 'NotFound', {
      name: what,
      group: METRICS_GROUP,
      kind,
    });
  }
  const neg = negotiate(m.req.headers.accept, 'resource');
  if (neg?.kind === 'table') {
    const body = metricsTable(items as MetricsItem[], neg.version);
    return sendJson(res, 200, body, tableType(neg.version));
  }
  // metrics-server also speaks protobuf; the simulator answers JSON, which client-go decodes by its type
  if (name !== undefined)
    return sendJson(res, 200, { kind: def.kind, apiVersion: GV, ...(items[0] as object) });
  return sendJson(res, 200, { kind: `${def.kind}List`, apiVersion: GV, metadata: {}, items });
}

function parsed(e: { json: string } | undefined): KubeObject[] {
  return e ? [JSON.parse(e.json) as KubeObject] : [];
}

function notFound(res: ServerResponse): void {
  sendStatus(res, 404, 'the server could not find the requested resource', 'NotFound', {});
}

interface MetricsItem {
  metadata: { name: string; namespace?: string };
  window: string;
  usage?: { cpu: string; memory: string };
  containers?: { name: string; usage: { cpu: string; memory: string } }[];
}

/** metrics-server's table: Name, CPU, Memory, Window (pods: summed over containers). */
function metricsTable(items: MetricsItem[], version: string): unknown {
  const col = (name: string, type: string, format = ''): unknown => ({
    name,
    type,
    format,
    description: '',
    priority: 0,
  });
  const sum = (i: MetricsItem, what: 'cpu' | 'memory'): number =>
    i.usage
      ? Number.parseInt(i.usage[what], 10)
      : (i.containers ?? []).reduce((a, c) => a + Number.parseInt(c.usage[what], 10), 0);
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: {},
    columnDefinitions: [
      col('Name', 'string', 'name'),
      col('CPU', 'string'),
      col('Memory', 'string'),
      col('Window', 'string'),
    ],
    rows: items.map((i) => ({
      cells: [i.metadata.name, `${sum(i, 'cpu')}n`, `${sum(i, 'memory')}Ki`, i.window],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: `meta.k8s.io/${version}`,
        metadata: i.metadata,
      },
    })),
  };
}
