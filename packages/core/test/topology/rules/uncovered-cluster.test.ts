import { fixture, ruleTester } from './_harness.js';

const topology = `topology:\n  clusters:\n    - name: us-east-prod\n      purpose: production\n`;

describe('rule uncovered-cluster', () => {
  ruleTester('uncovered-cluster', {
    valid: [
      {
        name: 'good fixture: every production cluster is deployed to',
        ...fixture('uncovered-cluster', 'good'),
      },
      { name: 'no pipeline among the inputs', files: [{ path: 't.yaml', text: topology }] },
      {
        name: 'a stage naming the cluster by its kubeconfig context',
        code: `${topology}      context: use1\n---\npipeline:\n  stages:\n    - name: all\n      cluster: use1\n`,
      },
    ],
    invalid: [
      {
        name: 'bad fixture: a production cluster no stage deploys to, at its declaration',
        ...fixture('uncovered-cluster', 'bad'),
        errors: [
          {
            message:
              'production cluster "eu-west-prod" is not deployed to by any pipeline stage, so it will drift from the rest of the fleet; add it to a stage (cluster: or clusters:).',
            line: 5,
            column: 13,
            endColumn: 25,
          },
        ],
      },
      {
        name: 'an empty pipeline, and a duplicate declaration reported once',
        files: [
          { path: 't.yaml', text: `${topology}    - name: us-east-prod\n      purpose: production\n` },
          { path: 'p.yaml', text: 'pipeline:\n  stages: []\n' },
        ],
        errors: [
          {
            message:
              'production cluster "us-east-prod" is not deployed to by any pipeline stage, so it will drift from the rest of the fleet; add it to a stage (cluster: or clusters:).',
            file: 't.yaml',
            line: 3,
            column: 13,
            endColumn: 25,
          },
        ],
      },
    ],
  });
});
