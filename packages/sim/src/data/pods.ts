// The pods of a cluster: planned per workload (ReplicaSet, StatefulSet or DaemonSet owned), plus two
// finished job pods; then built, placed on nodes and counted, with events for the troubled ones.
import type { KubeObject } from '../store.js';
import type { ClusterContext } from './context.js';
import { makeEvent } from './events.js';
import { makePod, type PodPlan } from './pod.js';
import { DAY, type Random } from './random.js';
import type { Workload } from './workloads.js';

/** The owner of a workload's pods: the workload itself, or for a Deployment its ReplicaSet. */
export interface OwnerInfo {
  uid: string;
  rsName?: string;
  rsUid?: string;
  hash?: string;
}

/** Every pod to create, in order, cut at `pods`; and each workload's owner identities. */
export function planPods(
  r: Random,
  workloads: Workload[],
  pods: number,
): { kept: PodPlan[]; ownerUids: Map<Workload, OwnerInfo> } {
  const plans: PodPlan[] = [];
  const ownerUids = new Map<Workload, OwnerInfo>();
  for (const w of workloads) {
    const uid = r.uid();
    const info: OwnerInfo = { uid };
    if (w.kind === 'Deployment') {
      info.hash = r.suffix(9).slice(0, 10);
      info.rsName = `${w.name}-${info.hash}`;
      info.rsUid = r.uid();
    }
    ownerUids.set(w, info);
    for (let i = 0; i < w.replicas; i++) {
      const labels = { ...w.labels };
      let name: string;
      let ownerKind: string;
      let ownerName: string;
      let ownerUid: string;
      let nodeIndex: number | undefined;
      if (w.kind === 'Deployment') {
        labels['pod-template-hash'] = info.hash!;
        name = `${info.rsName}-${r.suffix(5)}`;
        ownerKind = 'ReplicaSet';
        ownerName = info.rsName!;
        ownerUid = info.rsUid!;
      } else if (w.kind === 'StatefulSet') {
        labels['statefulset.kubernetes.io/pod-name'] = `${w.name}-${i}`;
        name = `${w.name}-${i}`;
        ownerKind = 'StatefulSet';
        ownerName = w.name;
        ownerUid = uid;
      } else {
        name = `${w.name}-${r.suffix(5)}`;
        ownerKind = 'DaemonSet';
        ownerName = w.name;
        ownerUid = uid;
        nodeIndex = i;
      }
      plans.push({
        workload: w,
        ownerKind,
        ownerName,
        ownerUid,
        name,
        namespace: w.namespace,
        labels,
        image: w.image,
        container: w.name,
        ...(nodeIndex !== undefined ? { nodeIndex } : {}),
      });
    }
  }
  // A finished migration job pod and a failed report pod: Completed and Error rows.
  const jobHash = r.int(28000000, 29000000);
  plans.push({
    workload: undefined,
    ownerKind: 'Job',
    ownerName: `db-migrate-${jobHash}`,
    ownerUid: r.uid(),
    name: `db-migrate-${jobHash}-${r.suffix(5)}`,
    namespace: 'production',
    labels: { 'job-name': `db-migrate-${jobHash}`, app: 'db-migrate' },
    image: 'registry.example.com/api:v3.4.2',
    container: 'migrate',
    state: 'Succeeded',
  });
  plans.push({
    workload: undefined,
    ownerKind: 'Job',
    ownerName: `report-generator-${jobHash}`,
    ownerUid: r.uid(),
    name: `report-generator-${jobHash}-${r.suffix(5)}`,
    namespace: 'staging',
    labels: { 'job-name': `report-generator-${jobHash}`, app: 'report-generator' },
    image: 'registry.example.com/reports:v0.3.1',
    container: 'report',
    state: 'Failed',
  });
  const kept = plans.slice(0, Math.max(0, pods));
  return { kept, ownerUids };
}

export interface BuiltPods {
  podCount: Map<Workload, number>;
  readyCount: Map<Workload, number>;
  /** Loaded by the caller, after the other objects. */
  events: KubeObject[];
}

/** Loads the planned pods, placed on `nodes` (system pods anywhere, the rest on `workers`). */
export function buildPods(
  { store, r, now, created }: ClusterContext,
  kept: PodPlan[],
  nodes: string[],
  workers: string[],
): BuiltPods {
  const readyCount = new Map<Workload, number>();
  const podCount = new Map<Workload, number>();
  let podIndex = 0;
  const events: KubeObject[] = [];
  for (const p of kept) {
    const pod = makePod(r, p, {
      now,
      created: created + r.int(1, 30) * DAY,
      node:
        p.nodeIndex !== undefined
          ? nodes[p.nodeIndex]!
          : p.namespace === 'kube-system'
            ? r.pick(nodes)
            : r.pick(workers),
      podIP: `10.244.${Math.floor(podIndex / 250) % 256}.${(podIndex % 250) + 2}`,
    });
    podIndex++;
    const ready = pod.status.containerStatuses?.[0]?.ready === true;
    if (p.workload) {
      podCount.set(p.workload, (podCount.get(p.workload) ?? 0) + 1);
      if (ready) readyCount.set(p.workload, (readyCount.get(p.workload) ?? 0) + 1);
    }
    store.load('pods', pod);
    const waiting = pod.status.containerStatuses?.[0]?.state?.waiting?.reason;
    if (waiting === 'CrashLoopBackOff' && events.length < 200) {
      events.push(
        makeEvent(
          r,
          now,
          pod,
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${p.container} in pod ${pod.metadata.name}_${p.namespace}(${pod.metadata.uid})`,
          'kubelet',
          pod.spec.nodeName,
          r.int(5, 120),
        ),
      );
    } else if (pod.status.phase === 'Pending' && events.length < 200) {
      events.push(
        makeEvent(
          r,
          now,
          pod,
          'Warning',
          'FailedScheduling',
          `0/${nodes.length} nodes are available: ${nodes.length} Insufficient cpu. preemption: 0/${nodes.length} nodes are available: ${nodes.length} No preemption victims found for incoming pod.`,
          'default-scheduler',
          undefined,
          r.int(1, 40),
        ),
      );
    } else if (events.length < 40 && r.chance(0.15)) {
      events.push(
        makeEvent(
          r,
          now,
          pod,
          'Normal',
          'Pulled',
          `Container image "${p.image}" already present on machine`,
          'kubelet',
          pod.spec.nodeName,
          1,
        ),
      );
    }
  }
  return { podCount, readyCount, events };
}
