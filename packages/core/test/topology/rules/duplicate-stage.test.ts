import { fixture, ruleTester } from './_harness.js';

describe('rule duplicate-stage', () => {
  ruleTester('duplicate-stage', {
    valid: [
      { name: 'good fixture: unique names', ...fixture('duplicate-stage', 'good') },
      {
        name: 'the same name in two pipelines',
        code: 'pipeline:\n  stages:\n    - name: canary\n---\npipeline:\n  stages:\n    - name: canary\n',
      },
    ],
    invalid: [
      {
        name: 'bad fixture: the second stage of the same name, pointing at the first',
        ...fixture('duplicate-stage', 'bad'),
        errors: [
          {
            message:
              'stage name "deploy-canary" is already used by stage 1 (line 3); give each stage a unique name.',
            line: 7,
            column: 13,
            endColumn: 26,
            related: [{ line: 3, column: 13, message: 'first stage named "deploy-canary"' }],
          },
        ],
      },
      {
        name: 'every later repetition, each pointing at the first',
        code: 'pipeline:\n  stages:\n    - name: a\n    - name: b\n    - name: a\n    - name: a\n',
        errors: [
          {
            message: 'stage name "a" is already used by stage 1 (line 3); give each stage a unique name.',
            line: 5,
            column: 13,
            endColumn: 14,
            related: [{ line: 3, column: 13 }],
          },
          {
            message: 'stage name "a" is already used by stage 1 (line 3); give each stage a unique name.',
            line: 6,
            column: 13,
            endColumn: 14,
            related: [{ line: 3, column: 13 }],
          },
        ],
      },
    ],
  });
});
