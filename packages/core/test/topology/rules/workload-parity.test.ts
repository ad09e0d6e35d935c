import { fixture, ruleTester } from './_harness.js';

const topology = (clusters: string, routing = '    strategy: geo-proximity\n') =>
  `topology:\n  clusters:\n${clusters}  traffic_routing:\n${routing}`;
const cluster = (name: string, region: string, workloads: string, purpose = 'production') =>
  `    - { name: ${name}, region: ${region}, purpose: ${purpose}, workloads: [${workloads}] }\n`;

describe('rule workload-parity', () => {
  ruleTester('workload-parity', {
    valid: [
      { name: 'good fixture: the same workloads in any order', ...fixture('workload-parity', 'good') },
      {
        name: 'a staging cluster may run less',
        code: topology(cluster('a', 'us-east-1', 'api, web') + cluster('b', 'eu-west-1', 'api', 'staging')),
      },
      {
        name: 'production clusters of one region only',
        code: topology(cluster('a', 'us-east-1', 'api, web') + cluster('b', 'us-east-1', 'batch')),
      },
      {
        name: 'routing that does not move traffic between regions',
        code: topology(
          cluster('a', 'us-east-1', 'api, web') + cluster('b', 'eu-west-1', 'api'),
          '    strategy: per-tenant\n',
        ),
      },
      {
        name: 'a production cluster without workloads is not compared',
        code: topology(
          cluster('a', 'us-east-1', 'api, web') +
            '    - { name: b, region: eu-west-1, purpose: production }\n',
        ),
      },
    ],
    invalid: [
      {
        name: 'bad fixture: the cluster that lacks a workload of the most common set, pointing at the reference',
        ...fixture('workload-parity', 'bad'),
        errors: [
          {
            message:
              'production cluster "ap-south-prod" (ap-south-1) lacks data-processing compared with "us-east-prod" (us-east-1), yet traffic routing "geo-proximity" sends traffic between them',
            line: 14,
            column: 18,
            endColumn: 28,
            related: [{ line: 6, column: 18, message: 'workloads of us-east-prod' }],
          },
        ],
      },
      {
        name: 'what a cluster lacks and adds, with routing by failover and environment: production',
        code: topology(
          cluster('a', 'us-east-1', 'api, web') +
            '    - name: b\n      region: eu-west-1\n      environment: production\n      workloads: [api, batch]\n',
          '    failover: nearest-healthy-region\n',
        ),
        errors: [
          {
            message:
              'production cluster "b" (eu-west-1) lacks web and also runs batch compared with "a" (us-east-1), yet traffic routing "nearest-healthy-region" sends traffic between them',
            line: 7,
            column: 18,
            endColumn: 30,
            related: [{ line: 3, column: 69, message: 'workloads of a' }],
          },
        ],
      },
    ],
  });
});
