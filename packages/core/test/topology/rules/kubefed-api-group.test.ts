import { fixture, ruleTester } from './_harness.js';

const MSG = (kind: string) =>
  `apiVersion "types.kubefed.k8s.io/v1beta1" is KubeFed's API group before v0.1.0; KubeFed v0.1.0 and later serve only types.kubefed.io, so this ${kind} is refused and never propagated; use apiVersion: types.kubefed.io/v1beta1, with override paths as JSON Pointers (/spec/replicas, not spec.replicas).`;

describe('rule kubefed-api-group', () => {
  ruleTester('kubefed-api-group', {
    valid: [{ name: 'good fixture: types.kubefed.io', ...fixture('kubefed-api-group', 'good') }],
    invalid: [
      {
        name: 'bad fixture: types.kubefed.k8s.io, at the apiVersion value',
        ...fixture('kubefed-api-group', 'bad'),
        errors: [{ message: MSG('FederatedDeployment'), line: 2, column: 13, endColumn: 41 }],
      },
      {
        name: 'any Federated kind of the old group',
        code: `apiVersion: types.kubefed.k8s.io/v1beta1\nkind: FederatedConfigMap\nmetadata:\n  name: c\nspec:\n  template:\n    data: {a: b}\n`,
        errors: [{ message: MSG('FederatedConfigMap'), line: 1, column: 13 }],
      },
    ],
  });
});
