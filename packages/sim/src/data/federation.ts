// The KubeFed FederatedDeployment of payment-service, placed on the federation's clusters with the
// replica overrides that match what each cluster runs.
import type { ClusterContext } from './context.js';
import { DAY, ts } from './random.js';
import { paymentReplicas } from './workloads.js';

export function buildFederatedDeployment(
  { store, r, now, created }: ClusterContext,
  federation: string[],
): void {
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
      placement: { clusters: federation.map((name) => ({ name })) },
      overrides: federation
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
      clusters: federation.map((name) => ({ name })),
    },
  });
}
