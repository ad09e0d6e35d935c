import assert from 'node:assert/strict';
import { parseDuration } from '../../../src/topology/rules/_helpers-l2.js';
import { fixture, ruleTester } from './_harness.js';

const HOW = 'write <number><unit> with units ms, s, m, h or d, largest first (e.g. 500ms, 15m, 1h30m).';

const stage = (validation: string) => `pipeline:
  stages:
    - name: canary
      cluster: us-east-prod
      validation:
${validation}`;

describe('rule invalid-duration', () => {
  ruleTester('invalid-duration', {
    valid: [
      { name: 'good fixture: 500ms, 15m, 1.5s and 1h30m', ...fixture('invalid-duration', 'good') },
      { name: 'a stage without validation', code: 'pipeline:\n  stages:\n    - name: canary\n' },
      { name: 'days', code: stage('        duration: 2d\n') },
    ],
    invalid: [
      {
        name: 'bad fixture: bare numbers, words and units out of order, at the value',
        ...fixture('invalid-duration', 'bad'),
        errors: [
          {
            message: `stage "deploy-canary": validation.latency_p99_threshold is the bare number 500 with no unit; ${HOW}`,
            line: 8,
            column: 32,
            endColumn: 35,
          },
          {
            message: `stage "deploy-canary": validation.duration "15 minutes" is not a duration; ${HOW}`,
            line: 9,
            column: 19,
            endColumn: 29,
          },
          {
            message: `stage "deploy-primary-region": validation.duration "30m1h" is not a duration; ${HOW}`,
            line: 15,
            column: 19,
            endColumn: 24,
          },
        ],
      },
      {
        name: 'an empty value, at the key',
        code: stage('        duration:\n        latency_p99_threshold: 5m\n'),
        errors: [
          {
            message: `stage "canary": validation.duration is empty; ${HOW}`,
            line: 6,
            column: 9,
            endColumn: 17,
          },
        ],
      },
      {
        name: 'a list, at the key',
        code: stage('        duration: [15m]\n'),
        errors: [
          {
            message: `stage "canary": validation.duration is not a single value; ${HOW}`,
            line: 6,
            column: 9,
            endColumn: 17,
          },
        ],
      },
      {
        name: 'a stage without a name is named by its position',
        code: 'pipeline:\n  stages:\n    - cluster: a\n      validation: { duration: 1h1h }\n',
        errors: [
          {
            message: `stage 1: validation.duration "1h1h" is not a duration; ${HOW}`,
            line: 4,
            column: 31,
            endColumn: 35,
          },
        ],
      },
    ],
  });

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
