import assert from 'node:assert/strict';
import { parseDuration, parsePercentage, stageTraffic } from '../../src/topology/rules/_helpers-l2.js';
import { doc, expectBad, expectGoodClean, lintRule } from './rules-l2-helpers.js';

describe('pipeline rules', () => {
  describe('invalid-duration', () => {
    it('reports bare numbers, words and units out of order at the value', () => {
      expectBad('invalid-duration', 'error', [
        [
          'pipeline.yaml',
          8,
          32,
          /latency_p99_threshold is the bare number 500 with no unit; write <number><unit>/,
        ],
        ['pipeline.yaml', 9, 19, /duration "15 minutes" is not a duration/],
        [
          'pipeline.yaml',
          15,
          19,
          /stage "deploy-primary-region": validation.duration "30m1h" is not a duration/,
        ],
      ]);
    });
    it('accepts 500ms, 15m, 1.5s and 1h30m', () => expectGoodClean('invalid-duration'));
    it('parses durations largest unit first, each unit once', () => {
      assert.equal(parseDuration('1h30m'), 5_400_000);
      assert.equal(parseDuration('500ms'), 500);
      assert.equal(parseDuration('1.5s'), 1500);
      assert.equal(parseDuration('2d'), 172_800_000);
      for (const bad of ['', '15', 'm', '30m1h', '1h1h', '15 m', '-5m', '1ms5s']) {
        assert.equal(parseDuration(bad), undefined, bad);
      }
    });
  });

  describe('invalid-percentage', () => {
    it('reports values above 100%, bare numbers, words and negatives', () => {
      expectBad('invalid-percentage', 'error', [
        ['pipeline.yaml', 5, 16, /traffic 150% is outside 0-100%/],
        [
          'pipeline.yaml',
          7,
          31,
          /error_rate_threshold is the bare number 0\.001, which could be a ratio or a percent; write it with a % sign/,
        ],
        ['pipeline.yaml', 11, 16, /traffic "all" is not a percentage/],
        ['pipeline.yaml', 13, 31, /-1% is outside 0-100%/],
      ]);
    });
    it('accepts 5%, 0.1%, 0% and 100%', () => expectGoodClean('invalid-percentage'));
    it('reads a missing traffic share as the whole traffic', () => {
      assert.equal(stageTraffic(undefined), 100);
      assert.equal(stageTraffic('5%'), 5);
      assert.equal(stageTraffic(5), undefined);
      assert.equal(parsePercentage('0.1%'), 0.1);
      assert.equal(parsePercentage('0.1'), undefined);
    });
  });

  describe('duplicate-stage', () => {
    it('reports the second stage of the same name and points at the first', () => {
      const [d] = expectBad('duplicate-stage', 'error', [
        [
          'pipeline.yaml',
          7,
          13,
          /stage name "deploy-canary" is already used by stage 1 \(line 3\); give each stage a unique name/,
        ],
      ]);
      assert.deepEqual(d!.related?.[0]?.range.start, { line: 3, column: 13 });
    });
    it('accepts unique names', () => expectGoodClean('duplicate-stage'));
  });

  describe('rollout-blast-radius', () => {
    it('reports a first stage on several clusters and full traffic to production without a canary', () => {
      expectBad('rollout-blast-radius', 'warning', [
        [
          'first-stage-many.yaml',
          4,
          17,
          /first stage "deploy-everywhere" deploys to 2 clusters at once \(us-east-prod, eu-west-prod\); start with a single cluster/,
        ],
        [
          'full-traffic.yaml',
          12,
          16,
          /"deploy-us-east" sends 100% of the traffic to production cluster us-east-prod with no earlier canary stage/,
        ],
        [
          'full-traffic.yaml',
          15,
          16,
          /"deploy-eu-west" sends all traffic \(no traffic: share\) to production cluster eu-west-prod/,
        ],
      ]);
    });
    it('accepts a canary before full traffic', () => expectGoodClean('rollout-blast-radius'));
    it('does not call a cluster production without a topology', () => {
      const pipeline = `pipeline:\n  stages:\n    - name: all-in\n      cluster: us-east-prod\n      traffic: 100%\n`;
      assert.deepEqual(lintRule('rollout-blast-radius', [doc('p.yaml', pipeline)]), []);
      const topo = `topology:\n  clusters:\n    - name: us-east-prod\n      purpose: production\n`;
      const ds = lintRule('rollout-blast-radius', [doc('p.yaml', pipeline), doc('t.yaml', topo)]);
      assert.deepEqual(
        ds.map((d) => [d.file, d.range.start.line, d.range.start.column]),
        [['p.yaml', 5, 16]],
      );
    });
  });

  describe('stage-without-validation', () => {
    it('reports a stage without validation and one whose validation has no threshold', () => {
      expectBad('stage-without-validation', 'warning', [
        [
          'pipeline.yaml',
          3,
          7,
          /stage "deploy-canary" has no validation, so the rollout proceeds whatever the error rate; add validation:/,
        ],
        [
          'pipeline.yaml',
          9,
          7,
          /"deploy-primary-region": validation has no error_rate_threshold or latency_p99_threshold/,
        ],
      ]);
    });
    it('accepts a latency or an error-rate threshold', () => expectGoodClean('stage-without-validation'));
  });

  describe('parallel-production', () => {
    it('reports parallel: true across several production clusters', () => {
      expectBad('parallel-production', 'warning', [
        [
          'all.yaml',
          18,
          17,
          /"deploy-rest" deploys to 3 production clusters in parallel \(us-east-prod, eu-west-prod, ap-south-prod\).*set parallel: false/,
        ],
      ]);
    });
    it('accepts parallel staging and sequential production', () => expectGoodClean('parallel-production'));
  });

  describe('uncovered-cluster', () => {
    it('reports a production cluster no stage deploys to, at its declaration', () => {
      expectBad('uncovered-cluster', 'warning', [
        [
          'topology.yaml',
          5,
          13,
          /production cluster "eu-west-prod" is not deployed to by any pipeline stage.*add it to a stage/,
        ],
      ]);
    });
    it('accepts a fleet whose production clusters are all deployed', () =>
      expectGoodClean('uncovered-cluster'));
    it('stays silent without a pipeline', () => {
      const topo = `topology:\n  clusters:\n    - name: us-east-prod\n      purpose: production\n`;
      assert.deepEqual(lintRule('uncovered-cluster', [doc('t.yaml', topo)]), []);
    });
  });
});
