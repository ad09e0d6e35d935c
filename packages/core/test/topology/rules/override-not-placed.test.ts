import { fixture, ruleTester } from './_harness.js';

describe('rule override-not-placed', () => {
  ruleTester('override-not-placed', {
    valid: [
      {
        name: 'good fixture: placed clusters, and silence with a clusterSelector',
        ...fixture('override-not-placed', 'good'),
      },
    ],
    invalid: [
      {
        name: 'bad fixture: overrides for clusters outside placement, with did-you-mean',
        ...fixture('override-not-placed', 'bad'),
        errors: [
          {
            message:
              'override for cluster "us-east-prd" never applies: it is not in placement.clusters (us-east-prod, eu-west-prod); did you mean "us-east-prod"? Otherwise add the cluster to placement.clusters or remove the override.',
            line: 14,
            column: 20,
            endColumn: 31,
          },
          {
            message:
              'override for cluster "ap-south-prod" never applies: it is not in placement.clusters (us-east-prod, eu-west-prod); add the cluster to placement.clusters or remove the override.',
            line: 18,
            column: 20,
            endColumn: 33,
          },
        ],
      },
      {
        name: 'an empty placement list',
        code: `apiVersion: types.kubefed.io/v1beta1
kind: FederatedConfigMap
spec:
  placement:
    clusters: []
  overrides:
    - clusterName: us-east-prod
`,
        errors: [
          {
            message:
              'override for cluster "us-east-prod" never applies: it is not in placement.clusters (empty); add the cluster to placement.clusters or remove the override.',
            line: 7,
            column: 20,
            endColumn: 32,
          },
        ],
      },
    ],
  });
});
