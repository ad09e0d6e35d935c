import assert from 'node:assert/strict';
import { cidrsOverlap, parseCidr, parseIP, parseIPv6 } from '../../src/topology/rules/_helpers-l2.js';
import { forwardTargetProblem } from '../../src/topology/rules/dns-forward.js';
import { doc, expectBad, expectGoodClean, lintRule } from './rules-l2-helpers.js';

describe('networking rules', () => {
  describe('cidr-overlap', () => {
    it('reports overlapping clusters and VPCs, IPv4 and IPv6, pointing at both', () => {
      const ds = expectBad('cidr-overlap', 'error', [
        [
          'all.yaml',
          7,
          17,
          /pod_cidr 10\.0\.128\.0\/17 of cluster "eu-west-prod" overlaps pod_cidr 10\.0\.0\.0\/16 of cluster "us-east-prod".*give each its own address range/,
        ],
        [
          'all.yaml',
          8,
          21,
          /service_cidr 172\.20\.5\.0\/24 of cluster "eu-west-prod" overlaps service_cidr 172\.20\.0\.0\/16/,
        ],
        [
          'all.yaml',
          11,
          21,
          /service_cidr fd00:10:0:ff::\/112 of cluster "ap-south-prod" overlaps pod_cidr fd00:10::\/56 of cluster "ap-south-prod"/,
        ],
        [
          'all.yaml',
          18,
          13,
          /cidr 192\.168\.100\.0\/24 of vpc "eu-west-prod-vpc" overlaps cidr 192\.168\.0\.0\/16 of vpc "us-east-prod-vpc"/,
        ],
      ]);
      assert.deepEqual(
        ds.map((d) => d.related?.map((r) => [r.range.start.line, r.range.start.column])),
        [[[4, 17]], [[5, 21]], [[10, 17]], [[16, 13]]],
      );
    });
    it('accepts disjoint ranges and clusters inside their own VPC', () => expectGoodClean('cidr-overlap'));
    it('finds, for each later range, the earliest range it overlaps in a large fleet', () => {
      let t = 'topology:\n  clusters:\n';
      for (let i = 0; i < 600; i++) t += `    - name: c${i}\n      pod_cidr: 10.${i >> 8}.${i & 255}.0/24\n`;
      t += '    - name: wide\n      pod_cidr: 10.1.0.0/16\n';
      const ds = lintRule('cidr-overlap', [doc('big.yaml', t)]);
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

  describe('peer-self', () => {
    it('reports a peering of a VPC with itself on the destination', () => {
      expectBad('peer-self', 'error', [
        [
          'networking.yaml',
          6,
          20,
          /VPC peering 2 connects "us-east-prod-vpc" with itself; set destination to the other VPC/,
        ],
      ]);
    });
    it('accepts a peering of two VPCs', () => expectGoodClean('peer-self'));
  });

  describe('unknown-vpc', () => {
    it('reports peers naming undeclared VPCs, with did-you-mean', () => {
      expectBad('unknown-vpc', 'error', [
        [
          'networking.yaml',
          7,
          20,
          /destination "eu-west-prd-vpc" is not declared under vpcs:; did you mean "eu-west-prod-vpc"\?/,
        ],
        [
          'networking.yaml',
          8,
          15,
          /source "legacy-vpc" is not declared under vpcs:; correct the name or declare the VPC/,
        ],
      ]);
    });
    it('accepts declared VPCs, and stays silent when no vpcs: is declared', () =>
      expectGoodClean('unknown-vpc'));
    it('resolves VPC names across documents', () => {
      const vpcs = `networking:\n  vpcs:\n    a-vpc: { cidr: 10.0.0.0/16 }\n    b-vpc: { cidr: 10.1.0.0/16 }\n`;
      const peers = `networking:\n  vpc_peers:\n    - source: a-vpc\n      destination: b-vpc\n`;
      assert.deepEqual(lintRule('unknown-vpc', [doc('vpcs.yaml', vpcs), doc('peers.yaml', peers)]), []);
    });
  });
});

const corefile = (body: string, style = '|') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns-custom\n  namespace: kube-system\ndata:\n  multicluster.server: ${style}\n${body}`;

describe('CoreDNS rules', () => {
  describe('dns-forward', () => {
    it('reports host names, bad ports, bad addresses and missing upstreams inside the block scalar', () => {
      expectBad('dns-forward', 'error', [
        [
          'coredns.yaml',
          9,
          19,
          /forward target "registry\.example\.com" in zone global\.example\.com:53 \(multicluster\.server\) is a host name.*use the upstream's IP address/,
        ],
        ['coredns.yaml', 13, 19, /"10\.0\.0\.10:99999".*has an invalid port "99999"/],
        ['coredns.yaml', 13, 35, /"10\.0\.0\.300".*is not an IP address/],
        [
          'coredns.yaml',
          17,
          9,
          /forward in zone empty\.example\.com \(multicluster\.server\) has no upstream/,
        ],
      ]);
    });
    it('accepts IP[:port], [IPv6]:port, tls:// and /etc/resolv.conf', () => expectGoodClean('dns-forward'));
    it('points at the exact target with its end column', () => {
      const text = corefile(
        '    global.example.com:53 {\n        forward . 10.0.0.10 dns.example.com # registry\n    }\n',
      );
      const [d] = lintRule('dns-forward', [doc('c.yaml', text)]);
      assert.deepEqual(d?.range, { start: { line: 9, column: 29 }, end: { line: 9, column: 44 } });
    });
    it('classifies targets', () => {
      for (const ok of [
        '10.0.0.10',
        '10.0.0.10:53',
        'tls://9.9.9.9',
        'dns://1.1.1.1:53',
        '[fd00::1]:53',
        'fd00::1',
        '/etc/resolv.conf',
      ]) {
        assert.equal(forwardTargetProblem(ok), undefined, ok);
      }
      for (const bad of ['registry', 'https://1.1.1.1', '1.1.1.1:0', '[10.0.0.1]:53', '10.0.0']) {
        assert.ok(forwardTargetProblem(bad), bad);
      }
    });
  });

  describe('dns-cache-ttl', () => {
    it('reports long and default caches on zones forwarded for failover', () => {
      expectBad('dns-cache-ttl', 'warning', [
        [
          'coredns.yaml',
          10,
          15,
          /cache 300 on failover zone global\.example\.com:53 \(multicluster\.server\) keeps answers for up to 300 s.*lower it to 30 or less/,
        ],
        [
          'coredns.yaml',
          13,
          9,
          /cache without a TTL \(CoreDNS's default of 3600 s\) on failover zone mesh\.example\.com:53/,
        ],
      ]);
    });
    it('accepts cache 30, and long caches on local or non-forwarded zones', () =>
      expectGoodClean('dns-cache-ttl'));
    it('treats cluster.local and reverse zones as local', () => {
      const text = corefile(
        '    cluster.local in-addr.arpa {\n        forward . 10.0.0.10\n        cache 600\n    }\n',
      );
      assert.deepEqual(lintRule('dns-cache-ttl', [doc('c.yaml', text)]), []);
    });
  });
});
