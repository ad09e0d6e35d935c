import { fixture, ruleTester } from './_harness.js';

describe('rule stage-without-validation', () => {
  ruleTester('stage-without-validation', {
    valid: [
      {
        name: 'good fixture: a latency or an error-rate threshold',
        ...fixture('stage-without-validation', 'good'),
      },
    ],
    invalid: [
      {
        name: 'bad fixture: a stage without validation and one whose validation has no threshold',
        ...fixture('stage-without-validation', 'bad'),
        errors: [
          {
            message:
              'stage "deploy-canary" has no validation, so the rollout proceeds whatever the error rate; add validation: with error_rate_threshold (or latency_p99_threshold) and duration.',
            line: 3,
            column: 7,
            endColumn: 11,
          },
          {
            message:
              'stage "deploy-primary-region": validation has no error_rate_threshold or latency_p99_threshold, so it checks nothing; add at least one threshold.',
            line: 9,
            column: 7,
            endColumn: 17,
          },
        ],
      },
      {
        name: 'an empty validation, and a stage without a name (on the whole stage)',
        code: 'pipeline:\n  stages:\n    - name: a\n      validation:\n    - cluster: b\n',
        errors: [
          {
            message:
              'stage "a": validation has no error_rate_threshold or latency_p99_threshold, so it checks nothing; add at least one threshold.',
            line: 4,
            column: 7,
            endColumn: 17,
          },
          {
            message:
              'stage 2 has no validation, so the rollout proceeds whatever the error rate; add validation: with error_rate_threshold (or latency_p99_threshold) and duration.',
            line: 5,
            column: 7,
            endLine: 6,
            endColumn: 1,
          },
        ],
      },
    ],
  });
});
