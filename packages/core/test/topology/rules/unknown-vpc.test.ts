import { fixture, ruleTester } from './_harness.js';

describe('rule unknown-vpc', () => {
  ruleTester('unknown-vpc', {
    valid: [
      {
        name: 'good fixture: declared VPCs, and silence when no vpcs: is declared',
        ...fixture('unknown-vpc', 'good'),
      },
      {
        name: 'VPC names resolve across documents',
        files: [
          {
            path: 'vpcs.yaml',
            text: `networking:\n  vpcs:\n    a-vpc: { cidr: 10.0.0.0/16 }\n    b-vpc: { cidr: 10.1.0.0/16 }\n`,
          },
          {
            path: 'peers.yaml',
            text: `networking:\n  vpc_peers:\n    - source: a-vpc\n      destination: b-vpc\n`,
          },
        ],
      },
    ],
    invalid: [
      {
        name: 'bad fixture: peers naming undeclared VPCs, with did-you-mean',
        ...fixture('unknown-vpc', 'bad'),
        errors: [
          {
            message:
              'VPC peering destination "eu-west-prd-vpc" is not declared under vpcs:; did you mean "eu-west-prod-vpc"? Otherwise correct the name or declare the VPC.',
            line: 7,
            column: 20,
            endColumn: 35,
          },
          {
            message:
              'VPC peering source "legacy-vpc" is not declared under vpcs:; correct the name or declare the VPC.',
            line: 8,
            column: 15,
            endColumn: 25,
          },
        ],
      },
    ],
  });
});
