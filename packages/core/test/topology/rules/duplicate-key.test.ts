import { fixture, ruleTester } from './_harness.js';

const message = (key: string, line: number) =>
  `duplicate key "${key}" (first at line ${line}); the later value silently replaces the earlier one`;

describe('rule duplicate-key', () => {
  ruleTester('duplicate-key', {
    valid: [
      { name: 'good fixture', ...fixture('duplicate-key', 'good') },
      {
        name: 'the same key in different mappings',
        code: 'topology:\n  clusters:\n    - { name: a, region: x }\n    - { name: b, region: x }\n',
      },
      {
        name: 'a Kubernetes manifest the linter does not read',
        code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x, name: y }\n',
      },
    ],
    invalid: [
      {
        name: 'bad fixture: the later key, pointing at the first',
        ...fixture('duplicate-key', 'bad'),
        errors: [
          {
            message: message('region', 4),
            line: 5,
            column: 7,
            endColumn: 13,
            related: [{ line: 4, column: 7, message: 'first occurrence' }],
          },
        ],
      },
      {
        name: 'a key repeated three times, in a flow mapping of a pipeline',
        code: 'pipeline:\n  stages:\n    - { name: a, traffic: 5%, traffic: 10%, traffic: 50% }\n',
        errors: [
          {
            message: message('traffic', 3),
            line: 3,
            column: 31,
            endColumn: 38,
            related: [{ line: 3, column: 18 }],
          },
          {
            message: message('traffic', 3),
            line: 3,
            column: 45,
            endColumn: 52,
            related: [{ line: 3, column: 18 }],
          },
        ],
      },
      {
        name: 'a repeated top-level key of a Prometheus configuration',
        code: 'scrape_configs: []\nglobal: {}\nscrape_configs: []\n',
        errors: [{ message: message('scrape_configs', 1), line: 3, column: 1, endColumn: 15 }],
      },
    ],
  });
});
