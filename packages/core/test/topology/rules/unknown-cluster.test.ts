import { fixture, ruleTester } from './_harness.js';

const topology = 'topology:\n  clusters:\n    - name: us-east-prod\n    - name: eu-west-prod\n';

describe('rule unknown-cluster', () => {
  ruleTester('unknown-cluster', {
    valid: [
      { name: 'good fixture', ...fixture('unknown-cluster', 'good') },
      {
        name: 'no topology among the inputs: nothing to resolve against',
        code: 'pipeline:\n  stages:\n    - name: s\n      cluster: elsewhere\n',
      },
      {
        name: 'a VPC naming a cluster is left to the networking rules',
        files: [
          { path: 't.yaml', text: topology },
          {
            path: 'n.yaml',
            text: 'networking:\n  vpcs:\n    x-vpc: { cidr: 10.0.0.0/16, cluster: elsewhere }\n',
          },
        ],
      },
    ],
    invalid: [
      {
        name: 'bad fixture: Istio, KubeFed placement and override, pipeline and Prometheus references, with fixes',
        ...fixture('unknown-cluster', 'bad'),
        errors: [
          {
            message:
              'Istio multiCluster.clusterName names cluster "ap-south-prod", which no topology declares',
            file: 'istio.yaml',
            line: 7,
            column: 22,
            endColumn: 35,
            fix: null,
          },
          {
            message: 'KubeFed placement names cluster "eu-west", which no topology declares',
            file: 'kubefed.yaml',
            line: 12,
            column: 15,
            endColumn: 22,
            fix: null,
          },
          {
            message:
              'KubeFed override clusterName names cluster "us-east-prd", which no topology declares (did you mean "us-east-prod"?)',
            file: 'kubefed.yaml',
            line: 14,
            column: 20,
            endColumn: 31,
            fix: 'Replace with "us-east-prod"',
          },
          {
            message:
              'pipeline stage names cluster "us-east-prd", which no topology declares (did you mean "us-east-prod"?)',
            file: 'pipeline.yaml',
            line: 9,
            column: 16,
            endColumn: 27,
            fix: 'Replace with "us-east-prod"',
          },
          {
            message:
              'Prometheus `cluster` label names cluster "eu-west-production", which no topology declares',
            file: 'prometheus.yaml',
            line: 10,
            column: 20,
            endColumn: 40,
            fix: null,
          },
        ],
        output: {
          'kubefed.yaml': `apiVersion: types.kubefed.io/v1beta1
kind: FederatedDeployment
metadata:
  name: payment
spec:
  template:
    spec:
      replicas: 3
  placement:
    clusters:
      - name: us-east-prod
      - name: eu-west
  overrides:
    - clusterName: us-east-prod
      clusterOverrides:
        - path: /spec/replicas
          value: 5
`,
          'pipeline.yaml': `topology:
  clusters:
    - name: us-east-prod
    - name: eu-west-prod
---
pipeline:
  stages:
    - name: canary
      cluster: us-east-prod
      traffic: 5%
      validation: { error_rate_threshold: 0.1%, duration: 15m }
`,
        },
      },
      {
        name: 'the fix keeps the quoting of the reference',
        files: [
          { path: 't.yaml', text: topology },
          {
            path: 'p.yaml',
            text: `pipeline:\n  stages:\n    - name: s\n      clusters: ["us-east-prd", 'eu-wes-prod']\n`,
          },
        ],
        errors: [
          {
            message:
              'pipeline stage names cluster "us-east-prd", which no topology declares (did you mean "us-east-prod"?)',
            file: 'p.yaml',
            line: 4,
            column: 18,
            endColumn: 31,
            fix: 'Replace with "us-east-prod"',
          },
          {
            message:
              'pipeline stage names cluster "eu-wes-prod", which no topology declares (did you mean "eu-west-prod"?)',
            file: 'p.yaml',
            line: 4,
            column: 33,
            endColumn: 46,
            fix: 'Replace with "eu-west-prod"',
          },
        ],
        output: {
          'p.yaml': `pipeline:\n  stages:\n    - name: s\n      clusters: ["us-east-prod", 'eu-west-prod']\n`,
        },
      },
    ],
  });
});
