import { fixture, ruleTester } from './_harness.js';

const topology = `topology:
  clusters:
    - { name: us-east-prod, purpose: production }
    - { name: eu-west-prod, environment: production }
    - { name: staging, environment: staging }
`;
const stage = (clusters: string, parallel: string) =>
  `pipeline:\n  stages:\n    - name: rest\n      clusters: ${clusters}\n      parallel: ${parallel}\n`;

describe('rule parallel-production', () => {
  ruleTester('parallel-production', {
    valid: [
      {
        name: 'good fixture: parallel staging and sequential production',
        ...fixture('parallel-production', 'good'),
      },
      {
        name: 'one production cluster in parallel with staging',
        files: [
          { path: 't.yaml', text: topology },
          { path: 'p.yaml', text: stage('[us-east-prod, staging]', 'true') },
        ],
      },
      {
        name: 'parallel: "true" is a string, not parallel',
        files: [
          { path: 't.yaml', text: topology },
          { path: 'p.yaml', text: stage('[us-east-prod, eu-west-prod]', '"true"') },
        ],
      },
      {
        name: 'no production clusters without a topology',
        code: stage('[us-east-prod, eu-west-prod]', 'true'),
      },
    ],
    invalid: [
      {
        name: 'bad fixture: parallel: true across several production clusters',
        ...fixture('parallel-production', 'bad'),
        errors: [
          {
            message:
              'stage "deploy-rest" deploys to 3 production clusters in parallel (us-east-prod, eu-west-prod, ap-south-prod), so a bad release reaches all of them before validation; set parallel: false or give each production cluster its own stage.',
            line: 18,
            column: 17,
            endColumn: 21,
          },
        ],
      },
      {
        name: 'production by purpose or environment, in another file',
        files: [
          { path: 't.yaml', text: topology },
          { path: 'p.yaml', text: stage('[us-east-prod, staging, eu-west-prod]', 'true') },
        ],
        errors: [
          {
            message:
              'stage "rest" deploys to 2 production clusters in parallel (us-east-prod, eu-west-prod), so a bad release reaches all of them before validation; set parallel: false or give each production cluster its own stage.',
            file: 'p.yaml',
            line: 5,
            column: 17,
            endColumn: 21,
          },
        ],
      },
    ],
  });
});
