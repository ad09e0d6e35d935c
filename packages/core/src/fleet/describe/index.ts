/**
 * `describe` across a fleet: per cluster, the objects asked for (by name, by name prefix as kubectl falls
 * back to, or by label selector) described as kubectl describes them, byte for byte, for Pod, Deployment,
 * ReplicaSet, StatefulSet, DaemonSet, Service, ConfigMap, Secret (sizes only) and Namespace; every other
 * type (Node included, for now) with kubectl's generic describer.
 */
import type { ClusterApi } from '../../api/client.js';
import type { KubeObject, ResolvedResource } from '../../api/types.js';
import { ClusterError } from '../../errors.js';
import { describeConfigMap, describeNamespace, describeSecret } from './config.js';
import { searchEvents, type EventItem } from './events.js';
import { rec, selectorString, str } from './format.js';
import { describeGeneric } from './generic.js';
import { describeNode, type LeaseResult } from './node.js';
import { describePod } from './pod.js';
import { describeService } from './service.js';
import {
  describeDaemonSet,
  describeDeployment,
  describeReplicaSet,
  describeStatefulSet,
  podCounts,
} from './workloads.js';

export { tabwrite, DescribeWriter } from './writer.js';
export { camelSplit, smartLabel } from './generic.js';

export interface DescribeRequest {
  /** The type as typed (`po`, `deploy`, a CRD name). */
  type: string;
  /** Names; none: every object (of the namespace, or all with `allNamespaces`), or those `selector` picks. */
  names: string[];
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  /** With one name and no exact match, describe the objects whose names start with it (kubectl's
   * fallback for `TYPE NAME`; default true). */
  prefixMatch?: boolean;
  /** Fetch and print events (default true). */
  showEvents?: boolean;
}

export interface DescribedObject {
  name: string;
  namespace?: string;
  /** kubectl's describe text (raw cluster data: escape before a terminal). */
  text: string;
  /** Which describer wrote it (`Pod`, …, `generic`). */
  describer: string;
}

export interface ClusterDescription {
  resource: ResolvedResource;
  objects: DescribedObject[];
  /** Names this cluster does not have (no exact name, no name prefix). */
  notFound: string[];
}

type Obj = Record<string, unknown>;

const DESCRIBERS = new Set([
  '/Pod',
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/StatefulSet',
  'apps/DaemonSet',
  '/Service',
  '/ConfigMap',
  '/Secret',
  '/Namespace',
  '/Node',
]);

/** The describer kubectl uses for a resource: its own for the kinds above, else the generic one. */
export function describerFor(res: Pick<ResolvedResource, 'group' | 'kind'>): string {
  const key = `${res.group}/${res.kind}`;
  return DESCRIBERS.has(key) ? res.kind : 'generic';
}

/** Node leases, read by path as kubectl's typed client does (no discovery). */
const LEASES: ResolvedResource = {
  group: 'coordination.k8s.io',
  version: 'v1',
  resource: 'leases',
  kind: 'Lease',
  namespaced: true,
  singular: 'lease',
  shortNames: [],
  verbs: ['get', 'list', 'watch'],
  categories: [],
};

const isNotFound = (e: unknown) => e instanceof ClusterError && e.kind === 'NotFound';

/** Describe the objects `req` asks for on one cluster. */
export async function describeObjects(
  api: ClusterApi,
  req: DescribeRequest,
  signal: AbortSignal,
): Promise<ClusterDescription> {
  const res = await api.resolve(req.type, signal);
  const ns = res.namespaced ? req.namespace : undefined;
  const objects: KubeObject[] = [];
  const notFound: string[] = [];
  if (req.names.length === 0) {
    const list = await api.list(res, {
      ...(res.namespaced && req.allNamespaces ? { allNamespaces: true } : { namespace: req.namespace }),
      ...(req.selector ? { labelSelector: req.selector } : {}),
      signal,
    });
    objects.push(...list.items);
  } else {
    for (const name of req.names) {
      try {
        objects.push(await api.get(res, name, { ...(ns ? { namespace: ns } : {}), signal }));
      } catch (e) {
        if (!isNotFound(e)) throw e;
        if (req.names.length !== 1 || req.prefixMatch === false) {
          notFound.push(name);
          continue;
        }
        // kubectl's fallback: every object whose name starts with the one given
        const list = await api.list(res, { ...(ns ? { namespace: ns } : {}), signal });
        const matching = list.items.filter((o) => str(rec(o.metadata).name).startsWith(name));
        if (matching.length === 0) notFound.push(name);
        objects.push(...matching);
      }
    }
  }
  const out: DescribedObject[] = [];
  for (const obj of objects) {
    const meta = rec(obj.metadata);
    const namespace = str(meta.namespace);
    out.push({
      name: str(meta.name),
      ...(namespace ? { namespace } : {}),
      text: await describeOne(api, res, obj, req.showEvents !== false, signal),
      describer: describerFor(res),
    });
  }
  return { resource: res, objects: out, notFound };
}

async function listIn(
  api: ClusterApi,
  type: string,
  namespace: string,
  signal: AbortSignal,
  labelSelector?: string,
): Promise<Obj[]> {
  const res = await api.resolve(type, signal);
  return (await api.list<Obj>(res, { namespace, ...(labelSelector ? { labelSelector } : {}), signal })).items;
}

/** One object's describe text, with what its describer fetches besides (events, pods, replica sets…). */
export async function describeOne(
  api: ClusterApi,
  res: ResolvedResource,
  obj: KubeObject,
  showEvents: boolean,
  signal: AbortSignal,
): Promise<string> {
  const o = obj as Obj;
  const meta = rec(o.metadata);
  const namespace = str(meta.namespace);
  const uid = str(meta.uid);
  const describer = describerFor(res);
  // the events are asked for at once, alongside what the describer fetches besides (one cluster's
  // requests overlap; Secret and Namespace have none, as in kubectl)
  const eventsP: Promise<EventItem[] | undefined> =
    showEvents && describer !== 'Secret' && describer !== 'Namespace'
      ? searchEvents(api, obj, signal).catch(() => undefined)
      : Promise.resolve(undefined);
  const events = () => eventsP;
  const controllerPods = async () => {
    const sel = selectorString(rec(o.spec).selector);
    return podCounts(await listIn(api, 'pods', namespace, signal, sel), uid);
  };
  switch (describer) {
    case 'Pod':
      return describePod(o, await events());
    case 'Deployment': {
      const ev = await events();
      const sel = selectorString(rec(o.spec).selector);
      const rs = await listIn(api, 'replicasets', namespace, signal, sel).catch(() => undefined);
      return describeDeployment(o, rs, ev);
    }
    case 'ReplicaSet': {
      let pods: ReturnType<typeof podCounts> | string;
      try {
        pods = await controllerPods();
      } catch (e) {
        pods = e instanceof Error ? e.message : String(e);
      }
      return describeReplicaSet(o, pods, await events());
    }
    case 'StatefulSet':
      return describeStatefulSet(o, await controllerPods(), await events());
    case 'DaemonSet':
      return describeDaemonSet(o, await controllerPods(), await events());
    case 'Service': {
      const slices = await api
        .resolve('endpointslices.discovery.k8s.io', signal)
        .then((r) =>
          api.list<Obj>(r, {
            namespace,
            labelSelector: `kubernetes.io/service-name=${str(meta.name)}`,
            signal,
          }),
        )
        .then((l) => l.items)
        .catch(() => [] as Obj[]);
      return describeService(o, slices, await events());
    }
    case 'ConfigMap':
      return describeConfigMap(o, await events());
    case 'Secret':
      return describeSecret(o);
    case 'Namespace': {
      const name = str(meta.name);
      const quotas = await listIn(api, 'resourcequotas', name, signal).catch(() => undefined);
      const limits = await listIn(api, 'limitranges', name, signal).catch(() => undefined);
      return describeNamespace(o, quotas, limits);
    }
    case 'Node': {
      const name = str(meta.name);
      const podsRes = await api.resolve('pods', signal);
      let pods: Obj[] | undefined;
      try {
        pods = (
          await api.list<Obj>(podsRes, {
            allNamespaces: true,
            fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`,
            signal,
          })
        ).items;
      } catch (e) {
        if (!(e instanceof ClusterError && e.kind === 'Forbidden')) throw e;
      }
      const ev = await events();
      let lease: LeaseResult;
      try {
        lease = { lease: await api.get<Obj>(LEASES, name, { namespace: 'kube-node-lease', signal }) };
      } catch (e) {
        if (!(e instanceof ClusterError)) throw e;
        lease = { error: e.message };
      }
      return describeNode(o, pods, lease, ev);
    }
    default:
      return describeGeneric(o, await events());
  }
}
