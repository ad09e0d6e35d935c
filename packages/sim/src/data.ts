/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects here are schemaless JSON, read field by field like kube-apiserver printers do */
// Deterministic, realistic cluster contents from a seed: namespaces, nodes, Deployments → ReplicaSets →
// Pods, a StatefulSet, a DaemonSet, services, config maps, secrets, events and a FederatedDeployment.
import type { KubeObject, ResourceStore } from './store.js';

export const REGIONAL_FLEET = ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'staging', 'dev'];
export const DEFAULT_PODS_PER_CLUSTER = 40;

/** mulberry32 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashString(s: string, seed = 0): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const IMAGE_IDS = new Map<string, string>();

export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  hex(n: number): string {
    let s = '';
    while (s.length < n) {
      const x = Math.floor(this.next() * 0x100000000);
      s += HEX[x & 0xff]! + HEX[(x >>> 8) & 0xff]! + HEX[(x >>> 16) & 0xff]! + HEX[x >>> 24]!;
    }
    return s.length === n ? s : s.slice(0, n);
  }
  /** kube-style random suffix alphabet (no vowels) */
  suffix(n: number): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  uid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[this.int(0, 3)]}${this.hex(3)}-${this.hex(12)}`;
  }
}

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const DAYS = new Map<number, string>();
/** RFC 3339 in UTC to the second, like metav1.Time (fast: the date part is cached per day). */
export function ts(ms: number): string {
  const sec = Math.floor(ms / 1000);
  const day = Math.floor(sec / 86_400);
  let date = DAYS.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    DAYS.set(day, date);
  }
  const s = sec - day * 86_400;
  return `${date}T${PAD2[Math.floor(s / 3600)]}:${PAD2[Math.floor((s % 3600) / 60)]}:${PAD2[s % 60]}Z`;
}

interface Workload {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  name: string;
  namespace: string;
  replicas: number;
  image: string;
  labels: Record<string, string>;
  port?: number;
  service?: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
}

interface PodPlan {
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

export interface ClusterData {
  nodes: string[];
  /** generate a new pod object for a workload (used by churn) */
  podCount: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function paymentReplicas(cluster: string): number {
  if (cluster === 'us-east-prod') return 5;
  if (cluster === 'eu-west-prod' || cluster === 'ap-south-prod') return 3;
  return 2;
}

/** Fills `store` with one cluster's data. Deterministic for (seed, cluster name, index, pods). */
export function populate(
  store: ResourceStore,
  opts: { cluster: string; index: number; seed: number; pods: number; now: number; federation: string[] },
): ClusterData {
  const { cluster, index, seed, now } = opts;
  const r = new Random(hashString(cluster, seed));
  const clusterAge = r.int(60, 400) * DAY + r.int(0, 23) * HOUR;
  const created = now - clusterAge;
  const k8sMinor = r.pick([30, 31, 31, 32]);
  const kubeletVersion = `v1.${k8sMinor}.${r.int(2, 9)}`;
  const net = 10 + (index % 200);

  // Namespaces
  for (const [i, ns] of ['default', 'kube-system', 'kube-public', 'production', 'staging'].entries()) {
    store.load('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        uid: r.uid(),
        creationTimestamp: ts(created + i * 60_000 + (i >= 3 ? r.int(1, 20) * DAY : 0)),
        labels: { 'kubernetes.io/metadata.name': ns },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  // Nodes
  const nodeCount = Math.max(3, Math.min(200, Math.ceil(opts.pods / 30)));
  const nodes: string[] = [];
  for (let n = 0; n < nodeCount; n++) {
    const cp = n === 0;
    const name = cp ? `${cluster}-control-plane` : `${cluster}-worker-${String(n).padStart(2, '0')}`;
    nodes.push(name);
    const notReady = !cp && r.chance(0.08);
    const cordoned = !cp && !notReady && r.chance(0.03);
    const internalIP = `10.${net}.${Math.floor(n / 250)}.${(n % 250) + 4}`;
    const addresses: { type: string; address: string }[] = [
      { type: 'InternalIP', address: internalIP },
      { type: 'Hostname', address: name },
    ];
    if (!cp && r.chance(0.3))
      addresses.splice(1, 0, { type: 'ExternalIP', address: `203.0.${index % 250}.${n % 250}` });
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      'topology.kubernetes.io/region': cluster.replace(/-prod$/, ''),
    };
    if (cp) labels['node-role.kubernetes.io/control-plane'] = '';
    else labels['node-role.kubernetes.io/worker'] = '';
    const hb = ts(now - r.int(5, 50) * 1000);
    store.load('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        uid: r.uid(),
        creationTimestamp: ts(created + n * 90_000 + (cp ? 0 : r.int(0, 30) * DAY)),
        labels,
      },
      spec: {
        podCIDR: `10.244.${n}.0/24`,
        ...(cordoned ? { unschedulable: true } : {}),
        ...(cp ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
      },
      status: {
        capacity: { cpu: '8', memory: '32863248Ki', pods: '110' },
        allocatable: { cpu: '7910m', memory: '31712272Ki', pods: '110' },
        conditions: [
          {
            type: 'MemoryPressure',
            status: 'False',
            lastHeartbeatTime: hb,
            lastTransitionTime: ts(created),
            reason: 'KubeletHasSufficientMemory',
            message: 'kubelet has sufficient memory available',
          },
          {
            type: 'DiskPressure',
            status: 'False',
            lastHeartbeatTime: hb,
            lastTransitionTime: ts(created),
            reason: 'KubeletHasNoDiskPressure',
            message: 'kubelet has no disk pressure',
          },
          {
            type: 'PIDPressure',
            status: 'False',
            lastHeartbeatTime: hb,
            lastTransitionTime: ts(created),
            reason: 'KubeletHasSufficientPID',
            message: 'kubelet has sufficient PID available',
          },
          notReady
            ? {
                type: 'Ready',
                status: 'Unknown',
                lastHeartbeatTime: ts(now - r.int(10, 90) * 60_000),
                lastTransitionTime: ts(now - r.int(5, 60) * 60_000),
                reason: 'NodeStatusUnknown',
                message: 'Kubelet stopped posting node status.',
              }
            : {
                type: 'Ready',
                status: 'True',
                lastHeartbeatTime: hb,
                lastTransitionTime: ts(created),
                reason: 'KubeletReady',
                message: 'kubelet is posting ready status',
              },
        ],
        addresses,
        nodeInfo: {
          machineID: r.hex(32),
          systemUUID: r.uid(),
          bootID: r.uid(),
          kernelVersion: '5.15.0-1061-aws',
          osImage: 'Ubuntu 22.04.4 LTS',
          containerRuntimeVersion: 'containerd://1.7.18',
          kubeletVersion,
          kubeProxyVersion: kubeletVersion,
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    });
  }
  const workers = nodes.length > 1 ? nodes.slice(1) : nodes;

  // Workloads: the fixed ones first (payment first, so even small clusters have it), fillers after.
  const prodLike = cluster.endsWith('-prod');
  const workloads: Workload[] = [
    {
      kind: 'Deployment',
      name: 'payment',
      namespace: 'production',
      replicas: paymentReplicas(cluster),
      image: 'registry.example.com/payment:v2.1.0',
      labels: { app: 'payment', version: 'v2.1.0', tier: 'backend' },
      port: 8443,
      service: 'ClusterIP',
    },
    {
      kind: 'Deployment',
      name: 'api',
      namespace: 'production',
      replicas: prodLike ? 4 : 2,
      image: 'registry.example.com/api:v3.4.2',
      labels: { app: 'api', tier: 'backend' },
      port: 8080,
      service: 'ClusterIP',
    },
    {
      kind: 'Deployment',
      name: 'web',
      namespace: 'production',
      replicas: prodLike ? 3 : 2,
      image: 'registry.example.com/web:v1.18.0',
      labels: { app: 'web', tier: 'frontend' },
      port: 80,
      service: 'LoadBalancer',
    },
    {
      kind: 'Deployment',
      name: 'data-processing',
      namespace: 'production',
      replicas: 2,
      image: 'registry.example.com/data-processing:v0.9.7',
      labels: { app: 'data-processing', tier: 'batch' },
    },
    {
      kind: 'StatefulSet',
      name: 'postgres',
      namespace: 'production',
      replicas: 3,
      image: 'docker.io/library/postgres:16.3',
      labels: { app: 'postgres', tier: 'database' },
      port: 5432,
      service: 'ClusterIP',
    },
    {
      kind: 'Deployment',
      name: 'coredns',
      namespace: 'kube-system',
      replicas: 2,
      image: 'registry.k8s.io/coredns/coredns:v1.11.1',
      labels: { 'k8s-app': 'kube-dns' },
      port: 53,
      service: 'ClusterIP',
    },
    {
      kind: 'DaemonSet',
      name: 'node-exporter',
      namespace: 'kube-system',
      replicas: nodes.length,
      image: 'quay.io/prometheus/node-exporter:v1.8.1',
      labels: { app: 'node-exporter' },
      port: 9100,
    },
    {
      kind: 'Deployment',
      name: 'hello',
      namespace: 'default',
      replicas: 1,
      image: 'registry.example.com/hello:v1.0.0',
      labels: { app: 'hello' },
      port: 8080,
      service: 'ClusterIP',
    },
    {
      kind: 'Deployment',
      name: 'api',
      namespace: 'staging',
      replicas: 1,
      image: 'registry.example.com/api:v3.5.0-rc.1',
      labels: { app: 'api', tier: 'backend' },
      port: 8080,
      service: 'ClusterIP',
    },
    {
      kind: 'Deployment',
      name: 'web',
      namespace: 'staging',
      replicas: 1,
      image: 'registry.example.com/web:v1.19.0-rc.2',
      labels: { app: 'web', tier: 'frontend' },
      port: 80,
      service: 'NodePort',
    },
  ];
  let planned = workloads.reduce((n, w) => n + w.replicas, 0) + 2; // + job pods
  const fillers = [
    'worker',
    'cache',
    'search',
    'notifications',
    'billing',
    'inventory',
    'auth',
    'ledger',
    'reports',
    'gateway',
  ];
  for (let f = 0; planned < opts.pods; f++) {
    const base = fillers[f % fillers.length]!;
    const name = f < fillers.length ? base : `${base}-${Math.floor(f / fillers.length) + 1}`;
    const replicas = Math.min(r.int(2, 12), opts.pods - planned);
    const namespace = r.chance(0.7) ? 'production' : 'staging';
    workloads.push({
      kind: 'Deployment',
      name,
      namespace,
      replicas,
      image: `registry.example.com/${base}:v${r.int(1, 4)}.${r.int(0, 20)}.${r.int(0, 9)}`,
      labels: { app: name },
      port: 8080,
      service: r.chance(0.5) ? 'ClusterIP' : undefined,
    });
    planned += replicas;
  }

  const plans: PodPlan[] = [];
  const ownerUids = new Map<Workload, { uid: string; rsName?: string; rsUid?: string; hash?: string }>();
  for (const w of workloads) {
    const uid = r.uid();
    const info: { uid: string; rsName?: string; rsUid?: string; hash?: string } = { uid };
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
  const kept = plans.slice(0, Math.max(0, opts.pods));

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

  // Controllers with status from their pods
  for (const w of workloads) {
    const info = ownerUids.get(w)!;
    const have = podCount.get(w) ?? 0;
    const ready = readyCount.get(w) ?? 0;
    const wCreated = ts(created + r.int(1, 20) * DAY);
    const selector = { matchLabels: { ...w.labels } };
    const template = {
      metadata: { labels: { ...w.labels } },
      spec: {
        containers: [
          {
            name: w.name,
            image: w.image,
            ...(w.port
              ? { ports: [{ containerPort: w.port, protocol: w.port === 53 ? 'UDP' : 'TCP' }] }
              : {}),
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
    if (w.kind === 'Deployment') {
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
                ready >= Math.ceil(w.replicas * 0.75)
                  ? 'MinimumReplicasAvailable'
                  : 'MinimumReplicasUnavailable',
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
          creationTimestamp: wCreated,
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
    } else if (w.kind === 'StatefulSet') {
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
    } else {
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
    if (w.service) {
      const port = w.port ?? 80;
      const protocol = port === 53 ? 'UDP' : 'TCP';
      const svcName = w.name === 'coredns' ? 'kube-dns' : w.name;
      store.load('services', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: svcName,
          namespace: w.namespace,
          uid: r.uid(),
          creationTimestamp: wCreated,
          labels: { ...w.labels },
        },
        spec: {
          type: w.service,
          clusterIP: `10.96.${r.int(0, 255)}.${r.int(1, 254)}`,
          ports: [
            {
              name: protocol === 'UDP' ? 'dns' : 'http',
              port: port === 8443 ? 443 : port,
              targetPort: port,
              protocol,
              ...(w.service !== 'ClusterIP' ? { nodePort: r.int(30000, 32767) } : {}),
            },
          ],
          selector: { ...w.labels },
          sessionAffinity: 'None',
        },
        status: {
          loadBalancer:
            w.service === 'LoadBalancer' && r.chance(0.8)
              ? { ingress: [{ hostname: `a${r.hex(12)}.elb.${cluster.replace(/-prod$/, '')}.example.com` }] }
              : {},
        },
      });
    }
  }
  store.load('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      uid: r.uid(),
      creationTimestamp: ts(created),
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }],
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  });

  // Config maps and (small) secrets
  for (const ns of ['default', 'kube-system', 'kube-public', 'production', 'staging']) {
    store.load('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'kube-root-ca.crt',
        namespace: ns,
        uid: r.uid(),
        creationTimestamp: ts(created + DAY),
      },
      data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n(simulated)\n-----END CERTIFICATE-----\n' },
    });
  }
  store.load('configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'coredns', namespace: 'kube-system', uid: r.uid(), creationTimestamp: ts(created) },
    data: {
      Corefile:
        '.:53 {\n    errors\n    health\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n    cache 30\n}\n',
    },
  });
  store.load('configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'payment-config',
      namespace: 'production',
      uid: r.uid(),
      creationTimestamp: ts(created + 3 * DAY),
      labels: { app: 'payment' },
    },
    data: { REGION: cluster, LOG_LEVEL: 'info', FEATURE_3DS: 'true' },
  });
  store.load('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: 'payment-db',
      namespace: 'production',
      uid: r.uid(),
      creationTimestamp: ts(created + 3 * DAY),
      labels: { app: 'payment' },
    },
    data: {
      username: Buffer.from('payment').toString('base64'),
      password: Buffer.from(`sim-${r.hex(12)}`).toString('base64'),
    },
  });
  store.load('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: {
      name: 'web-tls',
      namespace: 'production',
      uid: r.uid(),
      creationTimestamp: ts(created + 5 * DAY),
    },
    data: {
      'tls.crt': Buffer.from('(simulated)').toString('base64'),
      'tls.key': Buffer.from('(simulated)').toString('base64'),
    },
  });

  for (const ev of events) store.load('events', ev);

  if (index === 0) {
    store.load('federateddeployments', {
      apiVersion: 'types.kubefed.io/v1beta1',
      kind: 'FederatedDeployment',
      metadata: {
        name: 'payment-service',
        namespace: 'production',
        uid: r.uid(),
        creationTimestamp: ts(created + 10 * DAY),
        generation: 3,
      },
      spec: {
        template: {
          metadata: { labels: { app: 'payment', version: 'v2.1.0' } },
          spec: {
            replicas: 3,
            selector: { matchLabels: { app: 'payment' } },
            template: {
              spec: { containers: [{ name: 'payment', image: 'registry.example.com/payment:v2.1.0' }] },
            },
          },
        },
        placement: { clusters: opts.federation.map((name) => ({ name })) },
        overrides: opts.federation
          .filter((name) => paymentReplicas(name) !== 3)
          .map((name) => ({
            clusterName: name,
            clusterOverrides: [{ path: '/spec/replicas', value: paymentReplicas(name) }],
          })),
      },
      status: {
        observedGeneration: 3,
        conditions: [
          {
            type: 'Propagation',
            status: 'True',
            lastTransitionTime: ts(now - 2 * DAY),
            lastUpdateTime: ts(now - 2 * DAY),
          },
        ],
        clusters: opts.federation.map((name) => ({ name })),
      },
    });
  }
  return { nodes, podCount: kept.length };
}

function makeEvent(
  r: Random,
  now: number,
  pod: KubeObject,
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
      namespace: pod.metadata.namespace!,
      uid: r.uid(),
      creationTimestamp: ts(first),
    },
    involvedObject: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      apiVersion: 'v1',
      ...(component === 'kubelet'
        ? { fieldPath: `spec.containers{${(pod as any).spec.containers[0].name}}` }
        : {}),
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

/** Builds a pod object for a plan; its state is drawn from `r` (mostly Running). */
export function makePod(
  r: Random,
  p: PodPlan,
  opts: { now: number; created: number; node: string; podIP: string },
): any {
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
  let state: any = { running: { startedAt: ts(started) } };
  let lastState: any = {};
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
  const pod: any = {
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

export type { PodPlan };
