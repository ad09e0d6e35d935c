import { fixture, ruleTester } from './_harness.js';

describe('rule duplicate-cluster', () => {
  ruleTester('duplicate-cluster', {
    valid: [
      { name: 'good fixture', ...fixture('duplicate-cluster', 'good') },
      {
        name: 'a cluster named again by a pipeline, not declared again',
        code: 'topology:\n  clusters:\n    - name: a\n---\npipeline:\n  stages:\n    - name: s\n      cluster: a\n',
      },
    ],
    invalid: [
      {
        name: 'bad fixture: the later declaration, in another document or the same list, pointing at the first',
        ...fixture('duplicate-cluster', 'bad'),
        errors: [
          {
            message: 'cluster "us-east-prod" is already declared (multi-doc.yaml:3)',
            file: 'multi-doc.yaml',
            line: 8,
            column: 13,
            endColumn: 25,
            related: [{ line: 3, column: 13, message: 'first declared here' }],
          },
          {
            message: 'cluster "eu-west-prod" is already declared (same-list.yaml:3)',
            file: 'same-list.yaml',
            line: 5,
            column: 13,
            endColumn: 25,
            related: [{ line: 3, column: 13, message: 'first declared here' }],
          },
        ],
      },
      {
        name: 'declarations across files, each later one pointing at the first',
        files: [
          { path: 'a.yaml', text: 'topology:\n  clusters:\n    - name: c1\n' },
          { path: 'b.yaml', text: 'topology:\n  clusters:\n    - { name: c1 }\n    - { name: "c1" }\n' },
        ],
        errors: [
          {
            message: 'cluster "c1" is already declared (a.yaml:3)',
            file: 'b.yaml',
            line: 3,
            column: 15,
            endColumn: 17,
            related: [{ file: 'a.yaml', line: 3, column: 13 }],
          },
          {
            message: 'cluster "c1" is already declared (a.yaml:3)',
            file: 'b.yaml',
            line: 4,
            column: 15,
            endColumn: 19,
            related: [{ file: 'a.yaml', line: 3, column: 13 }],
          },
        ],
      },
    ],
  });
});
