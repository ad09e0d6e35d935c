import { fixture, ruleTester } from './_harness.js';

const cluster = (fields: string) => `topology:\n  clusters:\n    - name: prod\n${fields}`;

describe('rule production-ha', () => {
  ruleTester('production-ha', {
    valid: [
      {
        name: 'good fixture: HA set, and purpose: production is not checked',
        ...fixture('production-ha', 'good'),
      },
      ...['"true"', 'yes', 'enabled', 'On'].map((v) => ({
        name: `high_availability: ${v}`,
        code: cluster(`      environment: production\n      high_availability: ${v}\n`),
      })),
      { name: 'a staging cluster', code: cluster('      environment: staging\n') },
    ],
    invalid: [
      {
        name: 'bad fixture: environment: production without high_availability, on the environment value',
        ...fixture('production-ha', 'bad'),
        errors: [
          {
            message: 'production cluster "prod-cluster" does not set high_availability: true',
            line: 4,
            column: 20,
            endColumn: 30,
          },
        ],
      },
      {
        name: 'high_availability: false, on its value; the environment is read without case',
        code: cluster('      environment: Production\n      high_availability: false\n'),
        errors: [
          {
            message:
              'production cluster "prod" has high_availability: false; a single production cluster needs it',
            line: 5,
            column: 26,
            endColumn: 31,
          },
        ],
      },
    ],
  });
});
