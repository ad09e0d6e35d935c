import assert from 'node:assert/strict';
import { seedDir, yamlFiles } from '../helpers.js';
import { fixture, lintWith, ruleTester } from './_harness.js';

const topology = `topology:\n  clusters:\n    - name: us-east-prod\n      purpose: production\n      context: use1\n`;
const federate = (cluster: string) =>
  `scrape_configs:\n  - job_name: fed\n    metrics_path: /federate\n    static_configs:\n      - targets: ['p:9090']\n        labels: { cluster: ${cluster} }\n`;

describe('rule unmonitored-cluster', () => {
  ruleTester('unmonitored-cluster', {
    valid: [
      {
        name: 'good fixture: federated production clusters, non-production ones ignored',
        ...fixture('unmonitored-cluster', 'good'),
      },
      { name: 'no Prometheus configuration among the inputs', code: topology },
      {
        name: 'a cluster label naming the kubeconfig context',
        files: [
          { path: 't.yaml', text: topology },
          { path: 'p.yaml', text: federate('use1') },
        ],
      },
    ],
    invalid: [
      {
        name: 'bad fixture: a production cluster no federate job labels (a plain scrape job does not count)',
        ...fixture('unmonitored-cluster', 'bad'),
        errors: [
          {
            message:
              'production cluster "ap-south-prod" is not federated by any Prometheus /federate job, so it is invisible on the central dashboards; add a federate job (or target group) with labels: {cluster: ap-south-prod}.',
            line: 5,
            column: 13,
            endColumn: 26,
          },
        ],
      },
    ],
  });

  it('reports the seed ap-south-prod over the regional set, and stays silent without Prometheus', () => {
    const seed = yamlFiles(seedDir);
    const regional = seed.filter((f) => f.path === 'regional-topology.yaml');
    const withProm = seed.filter(
      (f) => f.path === 'regional-topology.yaml' || f.path === 'prometheus-federation.yaml',
    );
    const ds = lintWith('unmonitored-cluster', withProm);
    assert.deepEqual(
      ds.map((d) => [d.file, d.range.start.line, d.range.start.column]),
      [['regional-topology.yaml', 14, 13]],
    );
    assert.deepEqual(lintWith('unmonitored-cluster', regional), []);
  });
});
