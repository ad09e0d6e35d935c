import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, seedDir, yamlFiles } from '../helpers.js';
import { caseFixture, fixture, lintWith, ruleTester } from './_harness.js';

const message = (job: string | number) =>
  `federation job ${typeof job === 'number' ? job : `"${job}"`} has no params['match[]'], so /federate returns no series and this cluster's metrics are silently missing; add params: {'match[]': ['{job=~".+"}']} (or the selectors you need).`;
const FIX = `Add params['match[]'] selecting every job ({job=~".+"})`;

const FIXED = `scrape_configs:
  - job_name: 'federate-eu-west'
    honor_labels: true
    metrics_path: '/federate'
    params:
      'match[]':
        - '{job=~".+"}'
    static_configs:
      - targets:
          - 'prometheus.eu-west-prod.example.com:9090'
        labels:
          cluster: eu-west-prod
  - job_name: 'federate-ap-south'
    honor_labels: true
    metrics_path: /federate
    params:
      'match[]': ['{job=~".+"}']
    static_configs:
      - targets: ['prometheus.ap-south-prod.example.com:9090']
        labels: { cluster: ap-south-prod }
`;

const CRLF =
  'scrape_configs:\r\n  - job_name: fed\r\n    honor_labels: true\r\n    metrics_path: /federate\r\n';
const CRLF_FIXED = `${CRLF}    params:\r\n      'match[]':\r\n        - '{job=~".+"}'\r\n`;

describe('rule federate-match', () => {
  ruleTester('federate-match', {
    valid: [
      {
        name: 'good fixture: a selector, and jobs that do not federate',
        ...fixture('federate-match', 'good'),
      },
      { name: 'the bad fixture after its quick fixes', code: FIXED, filename: 'prometheus.yaml' },
      { name: 'a CRLF file after its quick fix', code: CRLF_FIXED },
      {
        name: 'a trailing slash on /federate/, with a selector',
        code: `scrape_configs:\n  - job_name: fed\n    metrics_path: /federate/\n    params: { 'match[]': ['up'] }\n`,
      },
    ],
    invalid: [
      {
        name: "a Prometheus config inside a ConfigMap's prometheus.yml (Istio's addon), positions in the file",
        ...caseFixture('federate-match', 'configmap.yaml'),
        errors: [
          {
            message: `federation job "federate-cluster2" has no params['match[]'], so /federate returns no series and this cluster's metrics are silently missing; add params: {'match[]': ['{job=~".+"}']} (or the selectors you need).`,
            line: 13,
            column: 21,
            endColumn: 32,
          },
        ],
        output: readFileSync(join(fixturesDir, 'federate-match', 'cases', 'configmap.yaml'), 'utf8').replace(
          "      metrics_path: '/federate'\n",
          "      metrics_path: '/federate'\n      params:\n        'match[]':\n          - '{job=~\".+\"}'\n",
        ),
      },
      {
        name: 'bad fixture: federation jobs without a match[] selector, with fixes that add or fill it',
        ...fixture('federate-match', 'bad'),
        errors: [
          { message: message('federate-eu-west'), line: 4, column: 19, endColumn: 30, fix: FIX },
          { message: message('federate-ap-south'), line: 13, column: 5, endColumn: 11, fix: FIX },
        ],
        output: FIXED,
      },
      {
        name: 'a CRLF file keeps its line endings in the fix',
        code: CRLF,
        errors: [{ message: message('fed'), line: 4, column: 19, endColumn: 28, fix: FIX }],
        output: CRLF_FIXED,
      },
      {
        name: 'a flow-mapping job and params without match[]: reported without a fix',
        code: `scrape_configs:\n  - { metrics_path: /federate }\n  - job_name: b\n    metrics_path: /federate\n    params: { other: [x] }\n`,
        errors: [
          { message: message(1), line: 2, column: 21, endColumn: 30, fix: null },
          { message: message('b'), line: 5, column: 5, endColumn: 11, fix: null },
        ],
      },
    ],
  });

  it('fixes every job into params: {match[]: [{job=~".+"}]}', () => {
    const jobs = (parse(FIXED) as { scrape_configs: { job_name: string; params?: unknown }[] })
      .scrape_configs;
    for (const j of jobs) assert.deepEqual(j.params, { 'match[]': ['{job=~".+"}'] }, j.job_name);
  });

  it('finds the seed federate-eu-west job and nothing else in the seed prometheus file', () => {
    const seed = yamlFiles(seedDir).filter((f) => f.path === 'prometheus-federation.yaml');
    const ds = lintWith('federate-match', seed);
    assert.deepEqual(
      ds.map((d) => [d.file, d.range.start.line, d.range.start.column]),
      [['prometheus-federation.yaml', 17, 19]],
    );
    assert.match(ds[0]!.message, /federate-eu-west/);
  });
});
