import { fixture, ruleTester } from './_harness.js';

const topology = (routing: string, regions: string[]) =>
  `topology:\n  clusters:\n${regions.map((r, i) => `    - name: c${i}\n${r ? `      region: ${r}\n` : ''}`).join('')}  traffic_routing:\n${routing}`;

describe('rule failover-needs-regions', () => {
  ruleTester('failover-needs-regions', {
    valid: [
      {
        name: 'good fixture: a failover strategy over two regions',
        ...fixture('failover-needs-regions', 'good'),
      },
      {
        name: 'no failover: geo-proximity alone in one region',
        code: topology('    strategy: geo-proximity\n', ['us-east-1', 'us-east-1']),
      },
      ...['none', 'disabled', 'Off', 'false', 'no', '""'].map((v) => ({
        name: `failover: ${v} turns failover off`,
        code: topology(`    failover: ${v}\n`, ['us-east-1']),
      })),
      { name: 'a topology without traffic_routing', code: 'topology:\n  clusters:\n    - name: a\n' },
      {
        name: 'regions counted over every topology file linted together',
        files: [
          { path: 'a.yaml', text: topology('    failover: nearest-healthy-region\n', ['us-east-1']) },
          { path: 'b.yaml', text: 'topology:\n  clusters:\n    - name: eu\n      region: eu-west-1\n' },
        ],
      },
    ],
    invalid: [
      {
        name: 'bad fixture: failover over clusters of one region, on the failover value',
        ...fixture('failover-needs-regions', 'bad'),
        errors: [
          {
            message:
              'traffic routing failover "nearest-healthy-region" needs clusters in at least two regions, but the declared clusters have only region us-east-1',
            line: 9,
            column: 15,
            endColumn: 37,
          },
        ],
      },
      {
        name: 'a failover strategy, on the strategy value; regions compared without case',
        code: topology('    strategy: active-passive-failover\n', ['us-east-1', 'US-East-1 ']),
        errors: [
          {
            message:
              'traffic routing strategy "active-passive-failover" needs clusters in at least two regions, but the declared clusters have only region us-east-1',
            line: 8,
            column: 15,
            endColumn: 38,
          },
        ],
      },
      {
        name: 'no cluster with a region',
        code: topology('    strategy: Failover\n', ['', '']),
        errors: [
          {
            message:
              'traffic routing strategy "Failover" needs clusters in at least two regions, but the declared clusters have no cluster with a region',
            line: 6,
            column: 15,
            endColumn: 23,
          },
        ],
      },
    ],
  });
});
