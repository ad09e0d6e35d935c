// Services: one per workload that serves (coredns's is kube-dns), and the API server's own.
import type { ClusterContext } from './context.js';
import { ts } from './random.js';
import type { Workload } from './workloads.js';

/** The Service in front of a workload; created with it. */
export function buildService({ store, r, cluster }: ClusterContext, w: Workload, wCreated: string): void {
  if (!w.service) return;
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

/** `default/kubernetes`, the API server's Service. */
export function buildKubernetesService({ store, r, created }: ClusterContext): void {
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
}
