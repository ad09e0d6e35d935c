// Deterministic, realistic cluster contents from a seed: namespaces, nodes, Deployments → ReplicaSets →
// Pods, a StatefulSet, a DaemonSet, services, config maps, secrets, events and a FederatedDeployment.
// One builder per kind lives under `data/`; `populate` runs them in a fixed order, because they all draw
// from the cluster's one seeded random sequence and the store numbers objects in load order.
import type { ResourceStore } from './store.js';
import { buildConfigMaps, buildSecrets } from './data/config.js';
import type { ClusterContext } from './data/context.js';
import { buildController } from './data/controllers.js';
import { buildFederatedDeployment } from './data/federation.js';
import { buildObjectEvents } from './data/events.js';
import { buildNamespaces } from './data/namespaces.js';
import { buildNodes } from './data/nodes.js';
import { buildPods, planPods } from './data/pods.js';
import { DAY, hashString, HOUR, Random } from './data/random.js';
import { buildKubernetesService, buildService } from './data/services.js';
import { planWorkloads } from './data/workloads.js';

export { makePod, type PodPlan } from './data/pod.js';
export { hashString, Random, rng, ts } from './data/random.js';

export const REGIONAL_FLEET = ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'staging', 'dev'];
export const DEFAULT_PODS_PER_CLUSTER = 40;

export interface ClusterData {
  nodes: string[];
  /** generate a new pod object for a workload (used by churn) */
  podCount: number;
}

/** Fills `store` with one cluster's data. Deterministic for (seed, cluster name, index, pods). */
export function populate(
  store: ResourceStore,
  opts: {
    cluster: string;
    index: number;
    seed: number;
    pods: number;
    now: number;
    federation: string[];
    /** the API server's minor version: kubelets are never newer */
    serverMinor?: number;
  },
): ClusterData {
  const { cluster, index, seed, now } = opts;
  const r = new Random(hashString(cluster, seed));
  const clusterAge = r.int(60, 400) * DAY + r.int(0, 23) * HOUR;
  const c: ClusterContext = { store, r, cluster, index, now, created: now - clusterAge };
  const k8sMinor = Math.min(r.pick([30, 31, 31, 32]), opts.serverMinor ?? Infinity);
  const kubeletVersion = `v1.${k8sMinor}.${r.int(2, 9)}`;

  buildNamespaces(c);
  const nodes = buildNodes(c, opts.pods, kubeletVersion);
  const workers = nodes.length > 1 ? nodes.slice(1) : nodes;

  const workloads = planWorkloads(r, cluster, nodes.length, opts.pods);
  const { kept, ownerUids } = planPods(r, workloads, opts.pods);
  const { podCount, readyCount, events } = buildPods(c, kept, nodes, workers);

  // Controllers with status from their pods, each with its Service.
  for (const w of workloads) {
    const created = buildController(c, w, ownerUids.get(w)!, podCount.get(w) ?? 0, readyCount.get(w) ?? 0);
    buildService(c, w, created);
  }
  buildKubernetesService(c);
  buildConfigMaps(c);
  buildSecrets(c);
  for (const ev of events) store.load('events', ev);
  if (index === 0) buildFederatedDeployment(c, opts.federation);
  // Last, from their own random sequence: the objects above stay as they were without these.
  for (const ev of buildObjectEvents(store, new Random(hashString(`${cluster}/events`, seed)), now))
    store.load('events', ev);
  return { nodes, podCount: kept.length };
}
