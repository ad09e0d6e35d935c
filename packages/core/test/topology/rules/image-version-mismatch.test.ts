import assert from 'node:assert/strict';
import { imageTag } from '../../../src/topology/rules/image-version-mismatch.js';
import { fixture, ruleTester } from './_harness.js';

const fed = (label: string, tag: string) =>
  `apiVersion: types.kubefed.io/v1beta1\nkind: FederatedDeployment\nmetadata:\n  name: s\nspec:\n  template:\n    metadata:\n      labels:\n        version: ${label}\n    spec:\n      template:\n        spec:\n          containers:\n            - name: s\n              image: s:${tag}\n`;

describe('rule image-version-mismatch', () => {
  ruleTester('image-version-mismatch', {
    valid: [
      {
        name: 'good fixture: a leading v, registry ports, sidecars and digests',
        ...fixture('image-version-mismatch', 'good'),
      },
      { name: 'a numeric-looking label compared as written (2.10)', code: fed('2.10', '2.10') },
      { name: 'an image pinned by digest is not compared', code: fed('v1', 'v2@sha256:abc') },
    ],
    invalid: [
      {
        name: 'bad fixture: each version label that matches no image tag',
        ...fixture('image-version-mismatch', 'bad'),
        errors: [
          {
            message:
              'version label "v2.1.0" does not match the container image tag (payment: v2.2.0); update the label together with the image tag.',
            line: 10,
            column: 18,
            endColumn: 24,
          },
          {
            message:
              'version label "v2.0.0" does not match the container image tag (payment: v2.2.0); update the label together with the image tag.',
            line: 16,
            column: 22,
            endColumn: 28,
          },
        ],
      },
      {
        name: 'a numeric-looking label is not read as a number (2.10 is not 2.1)',
        code: fed('2.10', '2.1'),
        errors: [
          {
            message:
              'version label "2.10" does not match the container image tag (s: 2.1); update the label together with the image tag.',
            line: 9,
            column: 18,
            endColumn: 22,
          },
        ],
      },
    ],
  });

  it('reads the tag of the last path segment only', () => {
    assert.equal(imageTag('registry.example.com:5000/payment:v2.1.0'), 'v2.1.0');
    assert.equal(imageTag('registry.example.com:5000/payment'), undefined);
    assert.equal(imageTag('payment@sha256:abc'), undefined);
  });
});
