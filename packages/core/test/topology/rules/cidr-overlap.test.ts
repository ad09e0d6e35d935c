import assert from 'node:assert/strict';
import { cidrsOverlap, parseCidr, parseIP, parseIPv6 } from '../../../src/topology/rules/_helpers-l2.js';
import { doc, fixture, lintWith, ruleTester } from './_harness.js';

const HOW = 'so routes between them are ambiguous; give each its own address range.';

describe('rule cidr-overlap', () => {
  ruleTester('cidr-overlap', {
    valid: [
      {
        name: 'good fixture: disjoint ranges and clusters inside their own VPC',
        ...fixture('cidr-overlap', 'good'),
      },
      {
        name: 'a cluster whose pod_cidr takes addresses of its own cidr',
        code: 'topology:\n  clusters:\n    - name: a\n      cidr: 10.0.0.0/16\n      pod_cidr: 10.0.128.0/17\n',
      },
      {
        name: 'IPv4 and IPv6 never overlap; values that are not CIDRs are left to the schema',
        code: 'topology:\n  clusters:\n    - { name: a, pod_cidr: 0.0.0.0/0 }\n    - { name: b, pod_cidr: "::/0" }\n    - { name: c, pod_cidr: 10.0.0.0/33 }\n',
      },
    ],
    invalid: [
      {
        name: 'bad fixture: overlapping clusters and VPCs, IPv4 and IPv6, pointing at both',
        ...fixture('cidr-overlap', 'bad'),
        errors: [
          {
            message: `pod_cidr 10.0.128.0/17 of cluster "eu-west-prod" overlaps pod_cidr 10.0.0.0/16 of cluster "us-east-prod" (all.yaml:4), ${HOW}`,
            line: 7,
            column: 17,
            endColumn: 30,
            related: [
              { line: 4, column: 17, message: 'overlapping pod_cidr 10.0.0.0/16 of cluster "us-east-prod"' },
            ],
          },
          {
            message: `service_cidr 172.20.5.0/24 of cluster "eu-west-prod" overlaps service_cidr 172.20.0.0/16 of cluster "us-east-prod" (all.yaml:5), ${HOW}`,
            line: 8,
            column: 21,
            endColumn: 34,
            related: [
              {
                line: 5,
                column: 21,
                message: 'overlapping service_cidr 172.20.0.0/16 of cluster "us-east-prod"',
              },
            ],
          },
          {
            message: `service_cidr fd00:10:0:ff::/112 of cluster "ap-south-prod" overlaps pod_cidr fd00:10::/56 of cluster "ap-south-prod" (all.yaml:10), ${HOW}`,
            line: 11,
            column: 21,
            endColumn: 39,
            related: [
              {
                line: 10,
                column: 17,
                message: 'overlapping pod_cidr fd00:10::/56 of cluster "ap-south-prod"',
              },
            ],
          },
          {
            message: `cidr 192.168.100.0/24 of vpc "eu-west-prod-vpc" overlaps cidr 192.168.0.0/16 of vpc "us-east-prod-vpc" (all.yaml:16), ${HOW}`,
            line: 18,
            column: 13,
            endColumn: 29,
            related: [
              { line: 16, column: 13, message: 'overlapping cidr 192.168.0.0/16 of vpc "us-east-prod-vpc"' },
            ],
          },
        ],
      },
      {
        name: 'a cluster overlapping a VPC that is not its own, across files',
        files: [
          {
            path: 't.yaml',
            text: 'topology:\n  clusters:\n    - name: a\n      vpc: a-vpc\n      cidr: 10.1.0.0/16\n',
          },
          {
            path: 'n.yaml',
            text: 'networking:\n  vpcs:\n    a-vpc: { cidr: 10.0.0.0/8, cluster: a }\n    b-vpc: { cidr: 10.1.2.0/24 }\n',
          },
        ],
        errors: [
          {
            message: `cidr 10.1.2.0/24 of vpc "b-vpc" overlaps cidr 10.1.0.0/16 of cluster "a" (t.yaml:5), ${HOW}`,
            file: 'n.yaml',
            line: 4,
            column: 20,
            endColumn: 31,
            related: [{ file: 't.yaml', line: 5, column: 13 }],
          },
        ],
      },
    ],
  });

  it('finds, for each later range, the earliest range it overlaps in a large fleet', () => {
    let t = 'topology:\n  clusters:\n';
    for (let i = 0; i < 600; i++) t += `    - name: c${i}\n      pod_cidr: 10.${i >> 8}.${i & 255}.0/24\n`;
    t += '    - name: wide\n      pod_cidr: 10.1.0.0/16\n';
    const ds = lintWith('cidr-overlap', [doc('big.yaml', t)]);
    assert.equal(ds.length, 1, ds.map((d) => d.message).join('\n'));
    assert.match(
      ds[0]!.message,
      /10\.1\.0\.0\/16 of cluster "wide" overlaps pod_cidr 10\.1\.0\.0\/24 of cluster "c256"/,
    );
    assert.deepEqual(ds[0]!.range.start, { line: 3 + 600 * 2 + 1, column: 17 });
  });

  it('compares networks bit by bit, per address family', () => {
    const c = (s: string) => parseCidr(s)!;
    assert.ok(cidrsOverlap(c('10.0.0.0/8'), c('10.255.255.255/32')));
    assert.ok(!cidrsOverlap(c('10.0.0.0/16'), c('10.1.0.0/16')));
    assert.ok(cidrsOverlap(c('10.0.0.5/16'), c('10.0.200.0/24')), 'host bits are ignored');
    assert.ok(cidrsOverlap(c('fd00::/8'), c('fdff:1::/64')));
    assert.ok(!cidrsOverlap(c('fd00:1::/64'), c('fd00:2::/64')));
    assert.ok(!cidrsOverlap(c('0.0.0.0/0'), c('::/0')), 'IPv4 and IPv6 never overlap');
    assert.equal(parseCidr('10.0.0.0/33'), undefined);
    assert.equal(parseCidr('10.0.0/8'), undefined);
    assert.equal(parseIPv6('::ffff:10.0.0.1'), 0xffff0a000001n);
    assert.equal(parseIPv6('1:2:3:4:5:6:7:8:9'), undefined);
    assert.equal(parseIP('fd00::1::2'), undefined);
  });
});
