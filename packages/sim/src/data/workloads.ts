// The workloads a cluster runs: a fixed set (payment first, so even small clusters have it) and filler
// Deployments up to the pod count asked for. Plans only: the controllers and pods are built from them.
import type { Random } from './random.js';

export interface Workload {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  name: string;
  namespace: string;
  replicas: number;
  image: string;
  labels: Record<string, string>;
  port?: number;
  service?: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
}

/** payment's replicas per cluster: the drift a FederatedDeployment's overrides describe. */
export function paymentReplicas(cluster: string): number {
  if (cluster === 'us-east-prod') return 5;
  if (cluster === 'eu-west-prod' || cluster === 'ap-south-prod') return 3;
  return 2;
}

export function planWorkloads(r: Random, cluster: string, nodeCount: number, pods: number): Workload[] {
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
      replicas: nodeCount,
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
  for (let f = 0; planned < pods; f++) {
    const base = fillers[f % fillers.length]!;
    const name = f < fillers.length ? base : `${base}-${Math.floor(f / fillers.length) + 1}`;
    const replicas = Math.min(r.int(2, 12), pods - planned);
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
  return workloads;
}
