// One pod object from a plan: its state (mostly Running; restarted, crash-looping, pending, failing to
// pull, or a job's final state), conditions, container status and placement, as the kubelet reports them.
import type { BuiltPod, ContainerState } from '../kinds.js';
import { hashString, Random, ts } from './random.js';
import type { Workload } from './workloads.js';

export interface PodPlan {
  workload: Workload | undefined;
  ownerKind: string;
  ownerName: string;
  ownerUid: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  image: string;
  container: string;
  nodeIndex?: number;
  /** forced final state */
  state?: 'Succeeded' | 'Failed';
}

const IMAGE_IDS = new Map<string, string>();

/** Builds a pod object for a plan; its state is drawn from `r` (mostly Running). */
export function makePod(
  r: Random,
  p: PodPlan,
  opts: { now: number; created: number; node: string; podIP: string },
): BuiltPod {
  const { now } = opts;
  // pods are younger than their workload: between 10 minutes and 40 days old
  const started = Math.max(opts.created, now - r.int(600, 60 * 60 * 24 * 40) * 1000);
  const roll = p.state ?? pickState(r);
  const containerID = `containerd://${r.hex(64)}`;
  // one digest per image, as on a real registry
  let imageID = IMAGE_IDS.get(p.image);
  if (!imageID) {
    imageID = `${p.image.split(':')[0]}@sha256:${new Random(hashString(p.image)).hex(64)}`;
    IMAGE_IDS.set(p.image, imageID);
  }
  let phase = 'Running';
  let ready = true;
  let restartCount = 0;
  let state: ContainerState | undefined = { running: { startedAt: ts(started) } };
  let lastState: ContainerState = {};
  let scheduled = true;
  switch (roll) {
    case 'Restarted': {
      restartCount = r.int(1, 4);
      const fin = now - r.int(120, 60 * 60 * 24 * 3) * 1000;
      lastState = {
        terminated: {
          exitCode: 137,
          reason: 'OOMKilled',
          startedAt: ts(fin - 3_600_000),
          finishedAt: ts(fin),
          containerID,
        },
      };
      state = { running: { startedAt: ts(fin + 1000) } };
      break;
    }
    case 'CrashLoopBackOff': {
      restartCount = r.int(3, 60);
      ready = false;
      const fin = now - r.int(20, 400) * 1000;
      lastState = {
        terminated: {
          exitCode: 1,
          reason: 'Error',
          startedAt: ts(fin - 5000),
          finishedAt: ts(fin),
          containerID,
        },
      };
      state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 5m0s restarting failed container=${p.container} pod=${p.name}_${p.namespace}`,
        },
      };
      break;
    }
    case 'Pending':
      phase = 'Pending';
      ready = false;
      scheduled = r.chance(0.5);
      state = { waiting: { reason: scheduled ? 'ContainerCreating' : undefined } };
      if (!scheduled) state = undefined;
      break;
    case 'ImagePullBackOff':
      phase = 'Pending';
      ready = false;
      state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${p.image}"` } };
      break;
    case 'Succeeded':
      phase = 'Succeeded';
      ready = false;
      state = {
        terminated: {
          exitCode: 0,
          reason: 'Completed',
          startedAt: ts(started),
          finishedAt: ts(started + r.int(20, 300) * 1000),
          containerID,
        },
      };
      break;
    case 'Failed':
      phase = 'Failed';
      ready = false;
      state = {
        terminated: {
          exitCode: 2,
          reason: 'Error',
          startedAt: ts(started),
          finishedAt: ts(started + r.int(5, 120) * 1000),
          containerID,
        },
      };
      break;
    default:
      break;
  }
  const condTime = ts(started);
  const conditions = [
    {
      type: 'PodReadyToStartContainers',
      status: scheduled && phase !== 'Pending' ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: condTime,
    },
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: condTime },
    {
      type: 'Ready',
      status: ready ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: condTime,
      ...(ready
        ? {}
        : {
            reason: phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady',
            message: `containers with unready status: [${p.container}]`,
          }),
    },
    {
      type: 'ContainersReady',
      status: ready ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: condTime,
    },
    scheduled
      ? { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ts(opts.created) }
      : {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: ts(opts.created),
          reason: 'Unschedulable',
          message: '0/3 nodes are available: 3 Insufficient cpu.',
        },
  ];
  const pod: BuiltPod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      uid: r.uid(),
      creationTimestamp: ts(started - r.int(2, 40) * 1000),
      labels: p.labels,
      ownerReferences: [
        {
          apiVersion: p.ownerKind === 'Job' ? 'batch/v1' : 'apps/v1',
          kind: p.ownerKind,
          name: p.ownerName,
          uid: p.ownerUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: p.container,
          image: p.image,
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
          terminationMessagePath: '/dev/termination-log',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: p.ownerKind === 'Job' ? 'Never' : 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      schedulerName: 'default-scheduler',
      priority: 0,
      enableServiceLinks: true,
      ...(scheduled ? { nodeName: opts.node } : {}),
    },
    status: {
      phase,
      conditions,
      qosClass: 'Burstable',
      ...(scheduled
        ? {
            hostIP: '10.0.0.1',
            startTime: ts(started),
            ...(phase === 'Pending' ? {} : { podIP: opts.podIP, podIPs: [{ ip: opts.podIP }] }),
          }
        : {}),
    },
  };
  if (state !== undefined && scheduled) {
    pod.status.containerStatuses = [
      {
        name: p.container,
        state,
        lastState,
        ready,
        restartCount,
        image: p.image,
        imageID: phase === 'Pending' ? '' : imageID,
        ...(phase === 'Pending' ? {} : { containerID }),
        started: phase === 'Running' && roll !== 'CrashLoopBackOff',
      },
    ];
  }
  if (p.ownerKind === 'StatefulSet') addExporter(pod, phase, state, started, containerID);
  return pod;
}

function pickState(r: Random): string {
  const x = r.next();
  if (x < 0.82) return 'Running';
  if (x < 0.88) return 'Restarted';
  if (x < 0.93) return 'CrashLoopBackOff';
  if (x < 0.97) return 'Pending';
  return 'ImagePullBackOff';
}

const EXPORTER_IMAGE = 'quay.io/prometheuscommunity/postgres-exporter:v0.15.0';

/** A StatefulSet's pods carry a metrics exporter next to the main container: a pod with two containers. */
function addExporter(
  pod: BuiltPod,
  phase: string,
  main: ContainerState | undefined,
  started: number,
  containerID: string,
): void {
  pod.spec.containers.push({
    name: 'exporter',
    image: EXPORTER_IMAGE,
    resources: { requests: { cpu: '10m', memory: '32Mi' } },
    terminationMessagePath: '/dev/termination-log',
    imagePullPolicy: 'IfNotPresent',
  });
  const pending = phase === 'Pending';
  if (!main) return; // not scheduled: no container statuses yet
  pod.status.containerStatuses?.push({
    name: 'exporter',
    state: pending ? main : { running: { startedAt: ts(started) } },
    lastState: {},
    ready: phase === 'Running',
    restartCount: 0,
    image: EXPORTER_IMAGE,
    imageID: pending
      ? ''
      : `${EXPORTER_IMAGE.split(':')[0]}@sha256:${new Random(hashString(EXPORTER_IMAGE)).hex(64)}`,
    ...(pending ? {} : { containerID: `${containerID.slice(0, -8)}e0e0e0e0` }),
    started: phase === 'Running',
  });
}
