// Namespaces: the system ones and the two the workloads run in.
import type { ClusterContext } from './context.js';
import { DAY, ts } from './random.js';

export const NAMESPACES = ['default', 'kube-system', 'kube-public', 'production', 'staging'];

export function buildNamespaces({ store, r, created }: ClusterContext): void {
  for (const [i, ns] of NAMESPACES.entries()) {
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
}
