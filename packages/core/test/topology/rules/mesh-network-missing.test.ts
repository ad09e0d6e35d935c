import { fixture, ruleTester } from './_harness.js';

describe('rule mesh-network-missing', () => {
  ruleTester('mesh-network-missing', {
    valid: [
      {
        name: 'good fixture: a network, and operators without multiCluster',
        ...fixture('mesh-network-missing', 'good'),
      },
    ],
    invalid: [
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
