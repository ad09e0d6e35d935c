import { fixture, ruleTester } from './_harness.js';

describe('rule peer-self', () => {
  ruleTester('peer-self', {
    valid: [
      { name: 'good fixture: a peering of two VPCs', ...fixture('peer-self', 'good') },
      {
        name: 'a peering without a source',
        code: 'networking:\n  vpc_peers:\n    - destination: a-vpc\n',
      },
    ],
    invalid: [
      {
        name: 'bad fixture: a peering of a VPC with itself, on the destination',
        ...fixture('peer-self', 'bad'),
        errors: [
          {
            message:
              'VPC peering 2 connects "us-east-prod-vpc" with itself; set destination to the other VPC of the peering.',
            line: 6,
            column: 20,
            endColumn: 36,
          },
        ],
      },
    ],
  });
});
