import { fixture, ruleTester } from './_harness.js';

const cluster = (fields: string) => `topology:\n  clusters:\n    - name: c\n${fields}`;

describe('rule data-residency', () => {
  ruleTester('data-residency', {
    valid: [
      {
        name: 'good fixture: GDPR in an EU region, jurisdictions on AWS, GCP and Azure regions',
        ...fixture('data-residency', 'good'),
      },
      {
        name: 'a region the rule does not recognise is not reported',
        code: cluster('      region: on-prem-frankfurt\n      compliance: [gdpr]\n'),
      },
      {
        name: 'compliance tags without a jurisdiction (soc2), and GDPR written in capitals',
        code: cluster('      region: eu-central-1\n      compliance: [soc2, GDPR]\n'),
      },
      {
        name: 'an unknown jurisdiction value',
        code: cluster('      region: us-east-1\n      jurisdiction: mars\n'),
      },
    ],
    invalid: [
      {
        name: 'bad fixture: GDPR in a US region, jurisdiction us in an EU region, on the region value',
        ...fixture('data-residency', 'bad'),
        errors: [
          {
            message:
              'cluster "eu-customers" requires EU data residency (compliance gdpr) but region us-east-1 is in the US',
            line: 4,
            column: 15,
            endColumn: 24,
            related: [{ line: 5, column: 20, message: 'compliance gdpr' }],
          },
          {
            message:
              'cluster "us-customers" requires US data residency (jurisdiction us) but region westeurope is in the EU',
            line: 7,
            column: 15,
            endColumn: 25,
            related: [{ line: 8, column: 21, message: 'jurisdiction us' }],
          },
        ],
      },
      {
        name: 'apac in a region outside any of the three geographies',
        code: cluster('      region: me-central-1\n      jurisdiction: APAC\n'),
        errors: [
          {
            message:
              'cluster "c" requires Asia-Pacific data residency (jurisdiction APAC) but region me-central-1 is outside it',
            line: 4,
            column: 15,
            endColumn: 27,
            related: [{ line: 5, column: 21, message: 'jurisdiction APAC' }],
          },
        ],
      },
      {
        name: 'one finding per cluster when both GDPR and a jurisdiction are violated',
        code: cluster('      region: asia-southeast1\n      compliance: [gdpr]\n      jurisdiction: eu\n'),
        errors: [
          {
            message:
              'cluster "c" requires EU data residency (compliance gdpr) but region asia-southeast1 is in the Asia-Pacific',
            line: 4,
            column: 15,
            endColumn: 30,
            related: [{ line: 5, column: 20, message: 'compliance gdpr' }],
          },
        ],
      },
    ],
  });
});
