import { caseFixture, fixture, ruleTester } from './_harness.js';

describe('rule mesh-network-missing', () => {
  ruleTester('mesh-network-missing', {
    valid: [
      {
        // istio.io's shared control plane example: main0 declares meshNetworks for both networks.
        name: 'every network listed in meshNetworks',
        files: [
          ...caseFixture('mesh-network-missing', 'istio-main-cluster.yaml').files,
          ...caseFixture('mesh-network-missing', 'istio-remote0-cluster.yaml').files,
        ],
      },
      {
        name: 'good fixture: a network, and operators without multiCluster',
        ...fixture('mesh-network-missing', 'good'),
      },
    ],
    invalid: [
      {
        // issue 21 item 13: meshNetworks was not read at all.
        name: 'a network that the declared meshNetworks does not list',
        files: [
          {
            path: 'main.yaml',
            text: 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  values:\n    global:\n      multiCluster: { clusterName: main0 }\n      network: network1\n      meshNetworks:\n        network1:\n          endpoints: [{ fromRegistry: Kubernetes }]\n          gateways: [{ registry_service_name: istio-ingressgateway.istio-system.svc.cluster.local, port: 443 }]\n',
          },
          {
            path: 'remote.yaml',
            text: 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  values:\n    global:\n      multiCluster: { clusterName: remote0 }\n      network: network2\n',
          },
        ],
        errors: [
          {
            file: 'remote.yaml',
            message:
              'network "network2" of cluster "remote0" is not in values.global.meshNetworks (main.yaml:9), so other networks reach its endpoints only through a gateway labelled topology.istio.io/network=network2; add meshNetworks.network2 with its endpoints (fromRegistry: remote0) and gateways.',
            line: 7,
            column: 16,
          },
        ],
      },
      {
        name: 'bad fixture: clusterName without network, on the clusterName key',
        ...fixture('mesh-network-missing', 'bad'),
        errors: [
          {
            message:
              'cluster "eu-west-prod" joins a multi-cluster mesh but values.global.network is not set, so Istio assumes a flat network and sends cross-cluster traffic to unroutable pod IPs; add values.global.network (e.g. eu-west-prod-network).',
            line: 7,
            column: 9,
            endColumn: 20,
          },
        ],
      },
      {
        name: 'an empty network',
        code: 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  values:\n    global:\n      multiCluster: { clusterName: c1 }\n      network: ""\n',
        errors: [
          {
            message:
              'cluster "c1" joins a multi-cluster mesh but values.global.network is not set, so Istio assumes a flat network and sends cross-cluster traffic to unroutable pod IPs; add values.global.network (e.g. c1-network).',
            line: 6,
            column: 23,
            endColumn: 34,
          },
        ],
      },
    ],
  });
});
