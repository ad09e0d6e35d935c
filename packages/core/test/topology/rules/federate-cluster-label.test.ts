import { fixture, ruleTester } from './_harness.js';

const msg = (job: string, targets: string, n: number) =>
  `target group of federation job "${job}" (${targets}) has no cluster label; this Prometheus federates ${n} servers, whose series collide unless each source sets a distinct cluster in global.external_labels (not visible here); add labels: {cluster: <cluster name>}, one target group per cluster.`;

const fed = (rest: string) =>
  `scrape_configs:\n  - job_name: fed\n    honor_labels: true\n    metrics_path: /federate\n    params:\n      'match[]': ['{job=~".+"}']\n${rest}`;

describe('rule federate-cluster-label', () => {
  ruleTester('federate-cluster-label', {
    valid: [
      {
        name: 'good fixture: cluster labels and a relabelled cluster',
        ...fixture('federate-cluster-label', 'good'),
      },
      {
        // Prometheus' config/testdata/conf.good.yml: one federated server, nothing to collide with.
        name: 'a single federated server, unlabelled',
        code: fed(`    static_configs:\n      - targets: ['localhost:9090']\n`),
      },
      {
        name: 'metric_relabel_configs setting cluster on every series',
        code: fed(
          `    static_configs:\n      - targets: [a:9090, b:9090]\n    metric_relabel_configs:\n      - target_label: cluster\n        replacement: hub\n`,
        ),
      },
      {
        name: 'labels and params inherited through a YAML merge key',
        code: `defaults: &d\n  honor_labels: true\n  metrics_path: /federate\nscrape_configs:\n  - <<: *d\n    job_name: fed\n    static_configs:\n      - targets: [a:9090]\n        labels: {cluster: a}\n      - targets: [b:9090]\n        labels: {cluster: b}\n`,
      },
    ],
    invalid: [
      {
        name: 'bad fixture: target groups without a cluster label, on labels or targets',
        ...fixture('federate-cluster-label', 'bad'),
        errors: [
          {
            message: msg('federate-us-east', 'prometheus.us-east-prod.example.com:9090', 2),
            line: 9,
            column: 9,
            endColumn: 15,
          },
          {
            message: msg('federate-us-east', 'prometheus.eu-west-prod.example.com:9090', 2),
            line: 11,
            column: 9,
            endColumn: 16,
          },
        ],
      },
      {
        name: 'an empty cluster label',
        code: `scrape_configs:\n  - job_name: fed\n    metrics_path: /federate\n    static_configs:\n      - targets: [a:9090, b:9090]\n        labels: { cluster: "" }\n`,
        errors: [{ message: msg('fed', 'a:9090, b:9090', 2), line: 6, column: 9, endColumn: 15 }],
      },
      {
        // Prometheus' docs/federation.md example: three sources in one target group.
        name: 'several servers in one unlabelled group (a warning: external_labels may tell them apart)',
        code: fed(`    static_configs:\n      - targets: [s1:9090, s2:9090, s3:9090]\n`),
        errors: [
          { message: msg('fed', 's1:9090, s2:9090, s3:9090', 3), line: 8, column: 9, severity: 'warning' },
        ],
      },
    ],
  });
});
