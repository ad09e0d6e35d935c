// Config maps (the root CA in every namespace, CoreDNS's, the payment service's) and a few small secrets.
import type { ClusterContext } from './context.js';
import { NAMESPACES } from './namespaces.js';
import { DAY, ts } from './random.js';

export function buildConfigMaps({ store, r, cluster, created }: ClusterContext): void {
  for (const ns of NAMESPACES) {
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
}

export function buildSecrets({ store, r, created }: ClusterContext): void {
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
}
