import { fixture, ruleTester } from './_harness.js';

const pipeline = `pipeline:\n  stages:\n    - name: all-in\n      cluster: us-east-prod\n      traffic: 100%\n`;
const topology = `topology:\n  clusters:\n    - name: us-east-prod\n      purpose: production\n`;
const HOW =
  'with no earlier canary stage; add an earlier stage with a small share (e.g. traffic: 5%) and validation.';

describe('rule rollout-blast-radius', () => {
  ruleTester('rollout-blast-radius', {
    valid: [
      { name: 'good fixture: a canary before full traffic', ...fixture('rollout-blast-radius', 'good') },
      { name: 'no production cluster without a topology', files: [{ path: 'p.yaml', text: pipeline }] },
      {
        name: 'full traffic to a cluster that is not production',
        files: [
          { path: 'p.yaml', text: pipeline },
          { path: 't.yaml', text: topology.replace('purpose: production', 'environment: staging') },
        ],
      },
      {
        name: 'a first stage listing one cluster twice',
        code: 'pipeline:\n  stages:\n    - name: one\n      clusters: [a, a]\n      traffic: 5%\n',
      },
    ],
    invalid: [
      {
        name: 'bad fixture: a first stage on several clusters and full traffic to production without a canary',
        ...fixture('rollout-blast-radius', 'bad'),
        errors: [
          {
            message:
              'the first stage "deploy-everywhere" deploys to 2 clusters at once (us-east-prod, eu-west-prod); start with a single cluster and a small share of traffic, then widen in later stages.',
            file: 'first-stage-many.yaml',
            line: 4,
            column: 17,
            endColumn: 45,
          },
          {
            message: `stage "deploy-us-east" sends 100% of the traffic to production cluster us-east-prod ${HOW}`,
            file: 'full-traffic.yaml',
            line: 12,
            column: 16,
            endColumn: 20,
          },
          {
            message: `stage "deploy-eu-west" sends all traffic (no traffic: share) to production cluster eu-west-prod ${HOW}`,
            file: 'full-traffic.yaml',
            line: 15,
            column: 16,
            endColumn: 28,
          },
        ],
      },
      {
        name: 'production known from a topology in another file',
        files: [
          { path: 'p.yaml', text: pipeline },
          { path: 't.yaml', text: topology },
        ],
        errors: [
          {
            message: `stage "all-in" sends 100% of the traffic to production cluster us-east-prod ${HOW}`,
            file: 'p.yaml',
            line: 5,
            column: 16,
            endColumn: 20,
          },
        ],
      },
      {
        name: 'a canary of another pipeline does not count; on the clusters value without traffic',
        code: `${topology}    - name: eu-west-prod\n      purpose: production\n---\npipeline:\n  stages:\n    - name: canary\n      cluster: dev\n      traffic: 5%\n---\npipeline:\n  stages:\n    - name: all\n      clusters: [eu-west-prod]\n`,
        errors: [
          {
            message: `stage "all" sends all traffic (no traffic: share) to production cluster eu-west-prod ${HOW}`,
            line: 17,
            column: 17,
            endColumn: 31,
          },
        ],
      },
    ],
  });
});
