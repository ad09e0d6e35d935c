import { fixture, ruleTester } from './_harness.js';

describe('rule federate-cluster-label', () => {
  ruleTester('federate-cluster-label', {
    valid: [
      {
        name: 'good fixture: cluster labels and a relabelled cluster',
        ...fixture('federate-cluster-label', 'good'),
      },
    ],
    invalid: [
      {
        name: 'bad fixture: target groups without a cluster label, on labels or targets',
        ...fixture('federate-cluster-label', 'bad'),
        errors: [
          {
            message:
              'target group of federation job "federate-us-east" (prometheus.us-east-prod.example.com:9090) has no cluster label, so its series collide with other clusters\'; add labels: {cluster: <cluster name>}.',
            line: 9,
            column: 9,
            endColumn: 15,
          },
          {
            message:
              'target group of federation job "federate-us-east" (prometheus.eu-west-prod.example.com:9090) has no cluster label, so its series collide with other clusters\'; add labels: {cluster: <cluster name>}.',
            line: 11,
            column: 9,
            endColumn: 16,
          },
        ],
      },
      {
        name: 'an empty cluster label',
        code: `scrape_configs:\n  - job_name: fed\n    metrics_path: /federate\n    static_configs:\n      - targets: [a:9090, b:9090]\n        labels: { cluster: "" }\n`,
        errors: [
          {
            message:
              'target group of federation job "fed" (a:9090, b:9090) has no cluster label, so its series collide with other clusters\'; add labels: {cluster: <cluster name>}.',
            line: 6,
            column: 9,
            endColumn: 15,
          },
        ],
      },
    ],
  });
});
