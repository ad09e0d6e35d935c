import assert from 'node:assert/strict';
import { parsePercentage, stageTraffic } from '../../../src/topology/rules/_helpers-l2.js';
import { fixture, ruleTester } from './_harness.js';

const stage = (body: string) => `pipeline:
  stages:
    - name: canary
      cluster: us-east-prod
${body}`;

describe('rule invalid-percentage', () => {
  ruleTester('invalid-percentage', {
    valid: [
      { name: 'good fixture: 5%, 0.1%, 0% and 100%', ...fixture('invalid-percentage', 'good') },
      { name: 'a stage without traffic (the whole traffic)', code: stage('      parallel: false\n') },
    ],
    invalid: [
      {
        name: 'bad fixture: values above 100%, bare numbers, words and negatives',
        ...fixture('invalid-percentage', 'bad'),
        errors: [
          {
            message:
              'stage "deploy-canary": traffic 150% is outside 0-100%; use a share between 0% and 100%.',
            line: 5,
            column: 16,
            endColumn: 20,
          },
          {
            message:
              'stage "deploy-canary": validation.error_rate_threshold is the bare number 0.001, which could be a ratio or a percent; write it with a % sign (e.g. 0.001%).',
            line: 7,
            column: 31,
            endColumn: 36,
          },
          {
            message:
              'stage "deploy-primary-region": traffic "all" is not a percentage; write a number between 0 and 100 followed by % (e.g. 5%).',
            line: 11,
            column: 16,
            endColumn: 19,
          },
          {
            message:
              'stage "deploy-primary-region": validation.error_rate_threshold -1% is outside 0-100%; use a share between 0% and 100%.',
            line: 13,
            column: 31,
            endColumn: 34,
          },
        ],
      },
      {
        name: 'an empty traffic, at the key',
        code: stage('      traffic:\n'),
        errors: [
          {
            message: 'stage "canary": traffic is empty or not a single value; write a percentage such as 5%.',
            line: 5,
            column: 7,
            endColumn: 14,
          },
        ],
      },
      {
        name: 'a boolean',
        code: stage('      traffic: true\n'),
        errors: [
          {
            message:
              'stage "canary": traffic "true" is not a percentage; write a number between 0 and 100 followed by % (e.g. 5%).',
            line: 5,
            column: 16,
            endColumn: 20,
          },
        ],
      },
    ],
  });

  it('reads a missing traffic share as the whole traffic', () => {
    assert.equal(stageTraffic(undefined), 100);
    assert.equal(stageTraffic('5%'), 5);
    assert.equal(stageTraffic(5), undefined);
    assert.equal(parsePercentage('0.1%'), 0.1);
    assert.equal(parsePercentage('0.1'), undefined);
  });
});
