import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fixture, ruleTester } from './_harness.js';

const message = (job: string) =>
  `federation job "${job}" does not set honor_labels: true, so the federated job and instance labels are overwritten (renamed to exported_*); set honor_labels: true.`;
const FIX = 'Set honor_labels: true';

const FIXED = `scrape_configs:
  - job_name: 'federate-us-east'
    metrics_path: '/federate'
    honor_labels: true
    params:
      'match[]': ['{job=~".+"}']
    static_configs:
      - targets: ['prometheus.us-east-prod.example.com:9090']
        labels: { cluster: us-east-prod }
  - job_name: 'federate-eu-west'
    honor_labels: true
    metrics_path: '/federate'
    params:
      'match[]': ['{job=~".+"}']
    static_configs:
      - targets: ['prometheus.eu-west-prod.example.com:9090']
        labels: { cluster: eu-west-prod }
`;

describe('rule federate-honor-labels', () => {
  ruleTester('federate-honor-labels', {
    valid: [
      { name: 'good fixture: honor_labels: true', ...fixture('federate-honor-labels', 'good') },
      { name: 'the bad fixture after its quick fixes', code: FIXED, filename: 'prometheus.yaml' },
    ],
    invalid: [
      {
        name: 'bad fixture: missing and false honor_labels, with fixes that set it',
        ...fixture('federate-honor-labels', 'bad'),
        errors: [
          { message: message('federate-us-east'), line: 3, column: 19, endColumn: 30, fix: FIX },
          { message: message('federate-eu-west'), line: 10, column: 19, endColumn: 24, fix: FIX },
        ],
        output: FIXED,
      },
      {
        name: 'honor_labels: "true" is a string, not true',
        code: `scrape_configs:\n  - job_name: fed\n    honor_labels: "true"\n    metrics_path: /federate\n`,
        errors: [{ message: message('fed'), line: 3, column: 19, endColumn: 25, fix: FIX }],
        output: `scrape_configs:\n  - job_name: fed\n    honor_labels: true\n    metrics_path: /federate\n`,
      },
    ],
  });

  it('fixes both jobs into honor_labels: true', () => {
    const jobs = (parse(FIXED) as { scrape_configs: { honor_labels?: boolean }[] }).scrape_configs;
    assert.deepEqual(
      jobs.map((j) => j.honor_labels),
      [true, true],
    );
  });
});
