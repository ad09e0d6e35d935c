// The workload controllers — Deployments with their ReplicaSets, StatefulSets, DaemonSets — with the
// status their pods give them.
import type { ResourceStore } from '../store.js';
import type { ClusterContext } from './context.js';
import type { OwnerInfo } from './pods.js';
import { DAY, ts } from './random.js';
import type { Workload } from './workloads.js';

interface Controller {
  w: Workload;
  info: OwnerInfo;
  /** Pods that exist, and those ready. */
  have: number;
  ready: number;
  selector: { matchLabels: Record<string, string> };
  template: Record<string, unknown>;
  meta: {
    name: string;
    namespace: string;
    uid: string;
    creationTimestamp: string;
    labels: Record<string, string>;
    generation: number;
  };
}

/** Loads the workload's controller; returns its creation time (its Service shares it). */
export function buildController(
  { store, r, created }: ClusterContext,
  w: Workload,
  info: OwnerInfo,
  have: number,
  ready: number,
): string {
  const wCreated = ts(created + r.int(1, 20) * DAY);
  const selector = { matchLabels: { ...w.labels } };
  const template = {
    metadata: { labels: { ...w.labels } },
    spec: {
      containers: [
        {
          name: w.name,
          image: w.image,
          ...(w.port ? { ports: [{ containerPort: w.port, protocol: w.port === 53 ? 'UDP' : 'TCP' }] } : {}),
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
        },
      ],
      ...(w.kind === 'DaemonSet' ? { nodeSelector: { 'kubernetes.io/os': 'linux' } } : {}),
    },
  };
  const meta = {
    name: w.name,
    namespace: w.namespace,
    uid: info.uid,
    creationTimestamp: wCreated,
    labels: { ...w.labels },
    generation: r.int(1, 9),
  };
  const c: Controller = { w, info, have, ready, selector, template, meta };
  if (w.kind === 'Deployment') buildDeployment(store, c);
  else if (w.kind === 'StatefulSet') buildStatefulSet(store, c);
  else buildDaemonSet(store, c);
  return wCreated;
}

/** A Deployment and its one ReplicaSet. */
function buildDeployment(
  store: ResourceStore,
  { w, info, have, ready, selector, template, meta }: Controller,
): void {
  const annotations = { 'deployment.kubernetes.io/revision': String(meta.generation) };
  store.load('deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { ...meta, annotations },
    spec: {
      replicas: w.replicas,
      selector,
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: meta.generation,
      replicas: have,
      updatedReplicas: have,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(have - ready > 0 ? { unavailableReplicas: w.replicas - ready } : {}),
      conditions: [
        {
          type: 'Available',
          status: ready >= Math.ceil(w.replicas * 0.75) ? 'True' : 'False',
          reason:
            ready >= Math.ceil(w.replicas * 0.75) ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          message:
            ready >= Math.ceil(w.replicas * 0.75)
              ? 'Deployment has minimum availability.'
              : 'Deployment does not have minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${info.rsName}" has successfully progressed.`,
        },
      ],
    },
  });
  store.load('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: info.rsName!,
      namespace: w.namespace,
      uid: info.rsUid!,
      creationTimestamp: meta.creationTimestamp,
      labels: { ...w.labels, 'pod-template-hash': info.hash! },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(w.replicas),
        'deployment.kubernetes.io/revision': annotations['deployment.kubernetes.io/revision'],
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: w.name,
          uid: info.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: w.replicas,
      selector: { matchLabels: { ...w.labels, 'pod-template-hash': info.hash! } },
      template: { ...template, metadata: { labels: { ...w.labels, 'pod-template-hash': info.hash! } } },
    },
    status: {
      replicas: have,
      fullyLabeledReplicas: have,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: 1,
    },
  });
}

function buildStatefulSet(
  store: ResourceStore,
  { w, have, ready, selector, template, meta }: Controller,
): void {
  store.load('statefulsets', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta,
    spec: {
      replicas: w.replicas,
      selector,
      template,
      serviceName: w.name,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate' },
    },
    status: {
      replicas: have,
      readyReplicas: ready,
      currentReplicas: have,
      updatedReplicas: have,
      availableReplicas: ready,
      observedGeneration: meta.generation,
    },
  });
}

function buildDaemonSet(
  store: ResourceStore,
  { w, have, ready, selector, template, meta }: Controller,
): void {
  store.load('daemonsets', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta,
    spec: { selector, template, updateStrategy: { type: 'RollingUpdate' } },
    status: {
      desiredNumberScheduled: w.replicas,
      currentNumberScheduled: have,
      numberReady: ready,
      updatedNumberScheduled: have,
      numberAvailable: ready,
      numberMisscheduled: 0,
      observedGeneration: meta.generation,
      ...(w.replicas - ready > 0 ? { numberUnavailable: w.replicas - ready } : {}),
    },
  });
}
