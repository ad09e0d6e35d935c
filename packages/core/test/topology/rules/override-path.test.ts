import assert from 'node:assert/strict';
import { pointerTokens } from '../../../src/topology/rules/override-path.js';
import { caseFixture, fixture, ruleTester } from './_harness.js';

const federated = (overrides: string) => `apiVersion: types.kubefed.io/v1beta1
kind: FederatedDeployment
metadata:
  name: svc
spec:
  template:
    spec:
      replicas: 3
  placement:
    clusters:
      - name: us-east-prod
  overrides:
    - clusterName: us-east-prod
      clusterOverrides:
${overrides}`;

const ADD_HINT = ' Correct the path, or use op: add for a field the template does not set.';

describe('rule override-path', () => {
  ruleTester('override-path', {
    valid: [
      {
        name: 'good fixture: escaped keys, list indexes and op: add of new fields',
        ...fixture('override-path', 'good'),
      },
      {
        name: 'op: add only needs the parent',
        code: federated(`        - path: /spec/paused\n          op: add\n          value: true\n`),
      },
      {
        name: 'op: remove of a field the template sets, whatever the value',
        code: federated(`        - path: /spec/replicas\n          op: remove\n          value: "x"\n`),
      },
    ],
    invalid: [
      {
        name: 'a replace without value (KubeFed would set null)',
        ...caseFixture('override-path', 'replace-without-value.yaml'),
        errors: [
          {
            message:
              'override replace of "/spec/replicas" for cluster "cluster2" has no value, so KubeFed sets the field to null; give a value, or use op: remove to delete the field.',
            line: 16,
            column: 17,
          },
        ],
      },
      {
        name: 'a remove of what an earlier remove deleted: the patch applies in order',
        code: federated(
          `        - path: /spec/replicas\n          op: remove\n        - path: /spec/replicas\n          op: remove\n`,
        ),
        errors: [
          {
            message: `override path "/spec/replicas" for cluster "us-east-prod" does not resolve in spec.template: "replicas" is not set under /spec.${ADD_HINT}`,
            line: 17,
            column: 17,
          },
        ],
      },
      {
        name: 'bad fixture: unresolved paths, bad pointers and wrongly typed values, at the exact scalar',
        ...fixture('override-path', 'bad'),
        errors: [
          {
            message:
              'override path "/spec/replica" for cluster "us-east-prod" does not resolve in spec.template: "replica" is not set under /spec. Did you mean "replicas"?',
            line: 25,
            column: 17,
            endColumn: 32,
          },
          {
            message:
              'override value "5" for "/spec/replicas" for cluster "us-east-prod" must be a non-negative integer (a string: remove the quotes).',
            line: 28,
            column: 18,
            endColumn: 21,
          },
          {
            message:
              'override path "spec/replicas" for cluster "eu-west-prod" does not start with "/"; write it as a JSON Pointer (e.g. /spec/replicas).',
            line: 31,
            column: 17,
            endColumn: 32,
          },
          {
            message:
              'override path "/metadata/labels/a~2b" for cluster "eu-west-prod" has "~" not followed by 0 or 1 in "a~2b"; escape "~" as ~0 and "/" as ~1.',
            line: 33,
            column: 17,
            endColumn: 40,
          },
          {
            message:
              'override value -1 for "/spec/replicas" for cluster "eu-west-prod" must be a non-negative integer.',
            line: 36,
            column: 18,
            endColumn: 20,
          },
          {
            message: `override path "/spec/template/spec/containers/3/image" for cluster "eu-west-prod" does not resolve in spec.template: index 3 is out of range under /spec/template/spec/containers (1 item).${ADD_HINT}`,
            line: 37,
            column: 17,
            endColumn: 57,
          },
        ],
      },
      {
        name: 'replace (the default) needs the whole path',
        code: federated(`        - path: /spec/paused\n          value: true\n`),
        errors: [
          {
            message: `override path "/spec/paused" for cluster "us-east-prod" does not resolve in spec.template: "paused" is not set under /spec.${ADD_HINT}`,
            line: 15,
            column: 17,
            endColumn: 29,
          },
        ],
      },
      {
        name: 'op: add needs the parent',
        code: federated(
          `        - path: /spec/strategy/type\n          op: add\n          value: Recreate\n`,
        ),
        errors: [
          {
            message:
              'override path "/spec/strategy/type" for cluster "us-east-prod" does not resolve in spec.template: "strategy" is not set under /spec.',
            line: 15,
            column: 17,
            endColumn: 36,
          },
        ],
      },
      {
        name: 'a path through a scalar, and an empty path',
        code: federated(
          `        - path: /spec/replicas/x\n          value: 1\n        - path: ""\n          value: 1\n`,
        ),
        errors: [
          {
            message: `override path "/spec/replicas/x" for cluster "us-east-prod" does not resolve in spec.template: /spec/replicas is a number, not a map or list.${ADD_HINT}`,
            line: 15,
            column: 17,
            endColumn: 33,
          },
          {
            message:
              'override path "" for cluster "us-east-prod" is empty; it must start with "/" (e.g. /spec/replicas).',
            line: 17,
            column: 17,
            endColumn: 19,
          },
        ],
      },
    ],
  });

  it('decodes RFC 6901 escapes (~1 then ~0)', () => {
    assert.deepEqual(pointerTokens('/metadata/labels/app.kubernetes.io~1name'), [
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
    assert.deepEqual(pointerTokens('/a~01'), ['a~1']);
    assert.equal(typeof pointerTokens('a/b'), 'string');
    assert.equal(typeof pointerTokens('/a~'), 'string');
  });
});
