// A cluster with Istio and Prometheus installed: the networking.istio.io CRDs (VirtualService,
// DestinationRule) listed as customresourcedefinitions, and namespace `monitoring` with the Service
// `prometheus` (port 9090, named http) whose proxy path answers Prometheus' query API (prometheus/).
import type { KubeObject, ResourceStore } from './store.js';
import { crdObject, DESTINATION_RULES, VIRTUAL_SERVICES } from './resources/istio.js';

export const MONITORING_NAMESPACE = 'monitoring';
export const PROMETHEUS_SERVICE = 'prometheus';
export const PROMETHEUS_PORT = 9090;

const DAY = 86_400_000;
const ts = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** The clusters Istio is on: `true` all, a list those (each must be a cluster), else none. */
export function istioClusters(istio: boolean | string[] | undefined, names: string[]): Set<string> {
  if (istio === true) return new Set(names);
  if (!istio) return new Set();
  for (const n of istio)
    if (!names.includes(n)) throw new Error(`istio: unknown cluster "${n}" (clusters: ${names.join(', ')})`);
  return new Set(istio);
}

/** Loads what installing Istio and Prometheus leaves in a cluster's store. */
export function loadIstio(store: ResourceStore, cluster: string, now: number): void {
  const created = ts(now - 30 * DAY);
  for (const def of [DESTINATION_RULES, VIRTUAL_SERVICES])
    store.load('customresourcedefinitions', crdObject(def, created));
  const ns: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: MONITORING_NAMESPACE,
      uid: `${cluster}-ns-monitoring`,
      creationTimestamp: created,
      labels: { 'kubernetes.io/metadata.name': MONITORING_NAMESPACE },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
  if (!store.get('namespaces', undefined, MONITORING_NAMESPACE)) store.load('namespaces', ns);
  const labels = { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/component': 'server' };
  store.load('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: PROMETHEUS_SERVICE,
      namespace: MONITORING_NAMESPACE,
      uid: `${cluster}-svc-prometheus`,
      creationTimestamp: created,
      labels,
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.90.90',
      clusterIPs: ['10.96.90.90'],
      ports: [{ name: 'http', port: PROMETHEUS_PORT, protocol: 'TCP', targetPort: PROMETHEUS_PORT }],
      selector: labels,
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  });
}
