import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { seedDir, yamlFiles } from './helpers.js';
import { applyEdits, doc, expectBad, expectGoodClean, fixtureFile, lintRule } from './rules-l2-helpers.js';

interface Job {
  job_name: string;
  honor_labels?: boolean;
  params?: Record<string, string[]>;
}

describe('Prometheus rules', () => {
  describe('federate-match', () => {
    it('reports federation jobs without a match[] selector', () => {
      expectBad('federate-match', 'error', [
        [
          'prometheus.yaml',
          4,
          19,
          /federation job "federate-eu-west" has no params\['match\[\]'\], so \/federate returns no series.*add params: \{'match\[\]': \['\{job=~"\.\+"\}'\]\}/,
        ],
        ['prometheus.yaml', 13, 5, /federation job "federate-ap-south" has no params\['match\[\]'\]/],
      ]);
    });
    it('accepts a selector, and ignores jobs that do not federate', () => expectGoodClean('federate-match'));
    it('offers fixes that add or fill match[] and leave valid YAML', () => {
      const f = fixtureFile('federate-match', 'bad', 'prometheus.yaml');
      const ds = lintRule('federate-match', [f]);
      const fixed = applyEdits(
        f.text,
        ds.flatMap((d) => d.fix?.edits ?? []),
      );
      assert.deepEqual(lintRule('federate-match', [doc('prometheus.yaml', fixed)]), []);
      const jobs = (parse(fixed) as { scrape_configs: Job[] }).scrape_configs;
      for (const j of jobs) assert.deepEqual(j.params, { 'match[]': ['{job=~".+"}'] }, j.job_name);
    });
    it('keeps CRLF line endings in its fix', () => {
      const text =
        'scrape_configs:\r\n  - job_name: fed\r\n    honor_labels: true\r\n    metrics_path: /federate\r\n';
      const [d] = lintRule('federate-match', [doc('p.yaml', text)]);
      assert.ok(d?.fix);
      const fixed = applyEdits(text, d.fix.edits);
      assert.ok(!/[^\r]\n/.test(fixed), JSON.stringify(fixed));
      assert.deepEqual(lintRule('federate-match', [doc('p.yaml', fixed)]), []);
    });
    it('finds the seed federate-eu-west job and nothing else in the seed prometheus file', () => {
      const seed = yamlFiles(seedDir).filter((f) => f.path === 'prometheus-federation.yaml');
      const ds = lintRule('federate-match', seed);
      assert.deepEqual(
        ds.map((d) => [d.file, d.range.start.line, d.range.start.column]),
        [['prometheus-federation.yaml', 17, 19]],
      );
      assert.match(ds[0]!.message, /federate-eu-west/);
    });
  });

  describe('federate-honor-labels', () => {
    it('reports missing and false honor_labels', () => {
      expectBad('federate-honor-labels', 'warning', [
        [
          'prometheus.yaml',
          3,
          19,
          /federation job "federate-us-east" does not set honor_labels: true.*exported_\*/,
        ],
        ['prometheus.yaml', 10, 19, /federation job "federate-eu-west" does not set honor_labels: true/],
      ]);
    });
    it('accepts honor_labels: true', () => expectGoodClean('federate-honor-labels'));
    it('offers fixes that set honor_labels: true', () => {
      const f = fixtureFile('federate-honor-labels', 'bad', 'prometheus.yaml');
      const ds = lintRule('federate-honor-labels', [f]);
      assert.equal(ds.length, 2);
      const fixed = applyEdits(
        f.text,
        ds.flatMap((d) => d.fix?.edits ?? []),
      );
      const jobs = (parse(fixed) as { scrape_configs: Job[] }).scrape_configs;
      assert.deepEqual(
        jobs.map((j) => j.honor_labels),
        [true, true],
      );
      assert.deepEqual(lintRule('federate-honor-labels', [doc('prometheus.yaml', fixed)]), []);
    });
  });

  describe('federate-cluster-label', () => {
    it('reports target groups without a cluster label', () => {
      expectBad('federate-cluster-label', 'error', [
        [
          'prometheus.yaml',
          9,
          9,
          /target group of federation job "federate-us-east" \(prometheus\.us-east-prod\.example\.com:9090\) has no cluster label.*add labels: \{cluster: <cluster name>\}/,
        ],
        ['prometheus.yaml', 11, 9, /\(prometheus\.eu-west-prod\.example\.com:9090\) has no cluster label/],
      ]);
    });
    it('accepts cluster labels and a relabelled cluster', () => expectGoodClean('federate-cluster-label'));
  });

  describe('unmonitored-cluster', () => {
    it('reports a production cluster no federate job labels, at its declaration', () => {
      expectBad('unmonitored-cluster', 'warning', [
        [
          'all.yaml',
          5,
          13,
          /production cluster "ap-south-prod" is not federated by any Prometheus \/federate job.*labels: \{cluster: ap-south-prod\}/,
        ],
      ]);
    });
    it('accepts federated production clusters and ignores non-production ones', () =>
      expectGoodClean('unmonitored-cluster'));
    it('reports the seed ap-south-prod over the regional set, and stays silent without Prometheus', () => {
      const seed = yamlFiles(seedDir);
      const regional = seed.filter((f) => f.path === 'regional-topology.yaml');
      const withProm = seed.filter(
        (f) => f.path === 'regional-topology.yaml' || f.path === 'prometheus-federation.yaml',
      );
      const ds = lintRule('unmonitored-cluster', withProm);
      assert.deepEqual(
        ds.map((d) => [d.file, d.range.start.line, d.range.start.column]),
        [['regional-topology.yaml', 14, 13]],
      );
      assert.deepEqual(lintRule('unmonitored-cluster', regional), []);
    });
  });

  describe('duplicate-job', () => {
    it('reports the second job of the same name and points at the first', () => {
      const [d] = expectBad('duplicate-job', 'error', [
        [
          'prometheus.yaml',
          10,
          15,
          /job_name "federate-us-east" is already used by the job at line 2.*rename this job/,
        ],
      ]);
      assert.deepEqual(d!.related?.[0]?.range.start, { line: 2, column: 15 });
    });
    it('accepts unique job names', () => expectGoodClean('duplicate-job'));
    it('does not compare jobs of different Prometheus configurations', () => {
      const cfg = `scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['localhost:9100']\n`;
      assert.deepEqual(lintRule('duplicate-job', [doc('a.yaml', cfg), doc('b.yaml', cfg)]), []);
    });
  });
});
