// Events about pods, as the kubelet and the scheduler report them.
import type { BuiltPod } from '../kinds.js';
import type { KubeObject, ResourceStore } from '../store.js';
import { ts, type Random } from './random.js';

/** An event about `pod`, first seen 30 minutes to 5 hours ago. */
export function makeEvent(
  r: Random,
  now: number,
  pod: BuiltPod,
  type: string,
  reason: string,
  message: string,
  component: string,
  host: string | undefined,
  count: number,
): KubeObject {
  // at least 10 minutes old, so the printed ages tick by the minute and two listings a moment apart agree
  const first = now - r.int(30, 300) * 60_000;
  const last = count > 1 ? now - r.int(10, 29) * 60_000 : first;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${pod.metadata.name}.${r.hex(16)}`,
      namespace: pod.metadata.namespace,
      uid: r.uid(),
      creationTimestamp: ts(first),
    },
    involvedObject: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      apiVersion: 'v1',
      ...(component === 'kubelet' ? { fieldPath: `spec.containers{${pod.spec.containers[0]?.name}}` } : {}),
    },
    reason,
    message,
    source: host ? { component, host } : { component },
    firstTimestamp: ts(first),
    lastTimestamp: ts(last),
    count,
    type,
    reportingComponent: component,
    reportingInstance: host ?? '',
  };
}

/** A MicroTime (metav1.MicroTime, as events.k8s.io/v1 writes `eventTime` and series times). */
export function microTs(ms: number): string {
  return `${new Date(Math.floor(ms)).toISOString().slice(0, 19)}.${String(Math.floor(ms % 1000) * 1000).padStart(6, '0')}Z`;
}

interface Ref {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid?: string };
}

function reference(obj: Ref): Record<string, string> {
  return {
    kind: obj.kind,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    name: obj.metadata.name,
    ...(obj.metadata.uid ? { uid: obj.metadata.uid } : {}),
    apiVersion: obj.apiVersion,
  };
}

/** A core/v1 event as the old recorder writes it: first and last timestamps, a count. */
function legacyEvent(
  r: Random,
  obj: Ref,
  type: string,
  reason: string,
  message: string,
  component: string,
  first: number,
  last: number,
  count: number,
  host?: string,
): KubeObject {
  const namespace = obj.metadata.namespace ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${obj.metadata.name}.${r.hex(16)}`,
      namespace,
      uid: r.uid(),
      creationTimestamp: ts(first),
    },
    involvedObject: reference(obj),
    reason,
    message,
    source: host ? { component, host } : { component },
    firstTimestamp: ts(first),
    lastTimestamp: ts(last),
    count,
    type,
    eventTime: null,
    reportingComponent: component,
    reportingInstance: host ?? '',
  };
}

/**
 * An event as events.k8s.io/v1 writes it (the scheduler, newer kubelets): `eventTime`, no first/last
 * timestamps and no count; a repeated one carries `series` (count, last observed time).
 */
function seriesEvent(
  r: Random,
  obj: Ref,
  type: string,
  reason: string,
  message: string,
  component: string,
  instance: string,
  action: string,
  first: number,
  series?: { count: number; last: number },
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${obj.metadata.name}.${r.hex(16)}`,
      namespace: obj.metadata.namespace ?? 'default',
      uid: r.uid(),
      creationTimestamp: ts(first),
    },
    involvedObject: reference(obj),
    reason,
    message,
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    type,
    eventTime: microTs(first),
    ...(series ? { series: { count: series.count, lastObservedTime: microTs(series.last) } } : {}),
    action,
    reportingComponent: component,
    reportingInstance: instance,
  };
}

/**
 * Whole minutes ago, at least 10: printed ages tick by the minute, every event's at the same instant,
 * so two listings a moment apart agree (as `makeEvent`'s do).
 */
function ago(r: Random, now: number, min: number, max: number): number {
  return now - r.int(min, max) * 60_000;
}

/**
 * Events about Deployments (scaling), ReplicaSets (pod creation), the scheduler's placements and Nodes
 * (NotReady, and repeated OOMs as an events.k8s.io series), from what `store` already holds. Draws from
 * its own random sequence, so the cluster's other objects stay as they were.
 */
export function buildObjectEvents(store: ResourceStore, r: Random, now: number): KubeObject[] {
  const out: KubeObject[] = [];
  const deployments = store.list('deployments') as unknown as Ref[];
  for (const d of deployments.slice(0, 8)) {
    const rs = (store.list('replicasets', d.metadata.namespace) as unknown as (Ref & KubeObject)[]).find(
      (x) =>
        (x.metadata.ownerReferences as { uid?: string }[] | undefined)?.some((o) => o.uid === d.metadata.uid),
    );
    if (!rs) continue;
    const when = ago(r, now, 20, 300);
    const replicas = Number((d as unknown as { spec?: { replicas?: number } }).spec?.replicas ?? 1);
    out.push(
      legacyEvent(
        r,
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${rs.metadata.name} from 0 to ${replicas}`,
        'deployment-controller',
        when,
        when,
        1,
      ),
    );
    const pod = (store.list('pods', d.metadata.namespace) as unknown as (Ref & KubeObject)[]).find((p) =>
      (p.metadata.ownerReferences as { uid?: string }[] | undefined)?.some((o) => o.uid === rs.metadata.uid),
    );
    if (pod) {
      const created = when;
      out.push(
        legacyEvent(
          r,
          rs,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${pod.metadata.name}`,
          'replicaset-controller',
          created,
          created,
          1,
        ),
      );
      const node = (pod as unknown as { spec?: { nodeName?: string } }).spec?.nodeName;
      if (node)
        out.push(
          seriesEvent(
            r,
            pod,
            'Normal',
            'Scheduled',
            `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
            'default-scheduler',
            'default-scheduler-' + r.hex(8),
            'Binding',
            created,
          ),
        );
    }
  }
  const nodes = store.list('nodes') as unknown as (Ref & {
    status?: { conditions?: { type?: string; status?: string }[] };
  })[];
  nodes.forEach((n, i) => {
    const ready = n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    const ref: Ref = { ...n, metadata: { name: n.metadata.name, uid: n.metadata.uid ?? '' } };
    if (!ready) {
      const when = ago(r, now, 15, 90);
      out.push(
        legacyEvent(
          r,
          ref,
          'Normal',
          'NodeNotReady',
          `Node ${n.metadata.name} status is now: NodeNotReady`,
          'node-controller',
          when,
          when,
          1,
        ),
      );
    }
    if (i === 1) {
      const first = ago(r, now, 120, 400);
      out.push(
        seriesEvent(
          r,
          ref,
          'Warning',
          'SystemOOM',
          `System OOM encountered, victim process: java, pid: ${r.int(1000, 60000)}`,
          'kubelet',
          n.metadata.name,
          'SystemOOM',
          first,
          { count: r.int(2, 9), last: ago(r, now, 10, 100) },
        ),
      );
    }
  });
  return out;
}
