// Services: one per workload that serves (coredns's is kube-dns), and the API server's own.
import type { Pod } from '../kinds.js';
import type { EndpointSlice } from '../resources/discovery.js';
import type { KubeObject } from '../store.js';
import type { ClusterContext } from './context.js';
import { hashString, ts } from './random.js';
import type { Workload } from './workloads.js';

const SLICE_SUFFIX = 'bcdfghjklmnpqrstvwxz2456789';

/** The EndpointSlice controller's one slice for a Service: its selected pods that have an IP. */
function loadEndpointSlice(
  { store }: ClusterContext,
  svc: KubeObject,
  endpoints: EndpointSlice['endpoints'],
  ports: EndpointSlice['ports'],
): void {
  const name = svc.metadata.name;
  let h = hashString(svc.metadata.uid ?? name);
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix += SLICE_SUFFIX[h % SLICE_SUFFIX.length];
    h = Math.floor(h / SLICE_SUFFIX.length) + i;
  }
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: name === 'kubernetes' ? name : `${name}-${suffix}`,
      namespace: svc.metadata.namespace ?? 'default',
      uid: `${(svc.metadata.uid ?? '').slice(0, 24)}e5${suffix}${'0'.repeat(5)}`.slice(0, 36),
      creationTimestamp: svc.metadata.creationTimestamp,
      labels: {
        'kubernetes.io/service-name': name,
        'endpointslice.kubernetes.io/managed-by':
          name === 'kubernetes'
            ? 'endpointslicemirroring-controller.k8s.io'
            : 'endpointslice-controller.k8s.io',
      },
      ...(name === 'kubernetes'
        ? {}
        : {
            ownerReferences: [
              {
                apiVersion: 'v1',
                kind: 'Service',
                name,
                uid: svc.metadata.uid ?? '',
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }),
    },
    addressType: 'IPv4',
    endpoints,
    ports,
  };
  store.load('endpointslices', slice);
}

function podEndpoints(pods: Pod[]): NonNullable<EndpointSlice['endpoints']> {
  return pods
    .filter((p) => p.status?.podIP)
    .map((p) => {
      const ready = (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      return {
        addresses: [p.status?.podIP ?? ''],
        conditions: { ready, serving: ready, terminating: false },
        ...(p.spec?.nodeName ? { nodeName: p.spec.nodeName } : {}),
        targetRef: {
          kind: 'Pod',
          name: p.metadata.name,
          namespace: p.metadata.namespace ?? '',
          uid: p.metadata.uid ?? '',
        },
      };
    });
}

/** The Service in front of a workload; created with it. */
export function buildService(c: ClusterContext, w: Workload, wCreated: string): void {
  const { store, r, cluster } = c;
  if (!w.service) return;
  const port = w.port ?? 80;
  const protocol = port === 53 ? 'UDP' : 'TCP';
  const svcName = w.name === 'coredns' ? 'kube-dns' : w.name;
  const svc: KubeObject = {
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
  };
  store.load('services', svc);
  if (!c.podsByNamespace) {
    // every pod is built before the first service (populate's order); store.list sorts by namespace/name
    c.podsByNamespace = new Map();
    for (const p of store.list('pods')) {
      const ns = p.metadata.namespace ?? '';
      const list = c.podsByNamespace.get(ns) ?? [];
      list.push(p);
      c.podsByNamespace.set(ns, list);
    }
  }
  const selected = ((c.podsByNamespace.get(w.namespace) ?? []) as Pod[]).filter((p) =>
    Object.entries(w.labels).every(([k, v]) => p.metadata.labels?.[k] === v),
  );
  loadEndpointSlice(c, svc, podEndpoints(selected), [
    { name: protocol === 'UDP' ? 'dns' : 'http', port, protocol },
  ]);
}

/** `default/kubernetes`, the API server's Service. */
export function buildKubernetesService(c: ClusterContext): void {
  const { store, r, created } = c;
  const controlPlane = store
    .list('nodes')
    .find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) as
    { status?: { addresses?: { type: string; address: string }[] } } | undefined;
  const apiServerIP =
    controlPlane?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '10.0.0.1';
  const svc: KubeObject = {
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
  };
  store.load('services', svc);
  loadEndpointSlice(
    c,
    svc,
    [{ addresses: [apiServerIP], conditions: { ready: true, serving: true, terminating: false } }],
    [{ name: 'https', port: 6443, protocol: 'TCP' }],
  );
}
