import { fixture, ruleTester } from './_harness.js';

const topology =
  'topology:\n  clusters:\n    - name: us-east-prod\n    - name: eu-west-prod\n      context: "gke_acme_europe-west1_prod"\n';

describe('rule missing-context', () => {
  ruleTester('missing-context', {
    valid: [
      { name: 'good fixture: every context is in the kubeconfig', ...fixture('missing-context', 'good') },
      { name: 'without kubeconfig contexts the rule does not run', code: topology },
    ],
    invalid: [
      {
        name: 'bad fixture: a context: that is not in the kubeconfig, fixed to the closest one',
        ...fixture('missing-context', 'bad'),
        errors: [
          {
            message:
              'cluster "eu-west-prod": kubeconfig has no context "gke_acme_europe-west1_prod" (did you mean "gke_acme_europe-west1_prd"?)',
            line: 5,
            column: 16,
            endColumn: 42,
            fix: 'Use context "gke_acme_europe-west1_prd"',
          },
        ],
        output: `topology:
  clusters:
    - name: us-east-prod
    - name: eu-west-prod
      context: gke_acme_europe-west1_prd
`,
      },
      {
        name: 'a cluster without context: is looked up by name, reported on the name without a fix',
        code: topology,
        options: { contexts: ['us-east-prd', 'gke_acme_europe-west1_prod'] },
        errors: [
          {
            message:
              'cluster "us-east-prod": kubeconfig has no context "us-east-prod" (the cluster name; set `context:` if it differs) (did you mean "us-east-prd"?)',
            line: 3,
            column: 13,
            endColumn: 25,
            fix: null,
          },
        ],
      },
      {
        name: 'the fix keeps the quoting; no suggestion when nothing is close',
        code: topology,
        options: { contexts: ['gke_acme_europe-west1_prd'] },
        errors: [
          {
            message:
              'cluster "us-east-prod": kubeconfig has no context "us-east-prod" (the cluster name; set `context:` if it differs)',
            line: 3,
            column: 13,
            endColumn: 25,
            fix: null,
          },
          {
            message:
              'cluster "eu-west-prod": kubeconfig has no context "gke_acme_europe-west1_prod" (did you mean "gke_acme_europe-west1_prd"?)',
            line: 5,
            column: 16,
            endColumn: 44,
            fix: 'Use context "gke_acme_europe-west1_prd"',
          },
        ],
        output: topology.replace('"gke_acme_europe-west1_prod"', '"gke_acme_europe-west1_prd"'),
      },
    ],
  });
});
