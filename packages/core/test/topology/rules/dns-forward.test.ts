import assert from 'node:assert/strict';
import { forwardTargetProblem } from '../../../src/topology/rules/dns-forward.js';
import { caseFixture, fixture, ruleTester } from './_harness.js';

const corefile = (body: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns-custom\n  namespace: kube-system\ndata:\n  multicluster.server: |\n${body}`;
const HOW =
  "CoreDNS needs IP[:port] or tls://IP, so use the upstream's IP address (e.g. 10.0.0.10 or 10.0.0.10:5353).";

describe('rule dns-forward', () => {
  ruleTester('dns-forward', {
    valid: [
      {
        name: 'good fixture: IP[:port], [IPv6]:port, tls:// and /etc/resolv.conf',
        ...fixture('dns-forward', 'good'),
      },
    ],
    invalid: [
      {
        name: 'an unexpanded shell substitution: one finding for the line',
        ...caseFixture('dns-forward', 'shell-substitution.yaml'),
        errors: [
          {
            message:
              'forward in zone global:53 (Corefile) has "$(kubectl get svc -n istio-system istiocoredns -o jsonpath={.spec.clusterIP}):53" as upstream, which looks like an unexpanded shell substitution; run the command and write its output (the upstream\'s IP address) into the Corefile.',
            line: 11,
            column: 19,
          },
        ],
      },
      {
        name: 'bad fixture: host names, bad ports, bad addresses and missing upstreams, inside the block scalar',
        ...fixture('dns-forward', 'bad'),
        errors: [
          {
            message: `forward target "registry.example.com" in zone global.example.com:53 (multicluster.server) is a host name, which forward does not resolve; ${HOW}`,
            line: 9,
            column: 19,
            endColumn: 39,
          },
          {
            message: `forward target "10.0.0.10:99999" in zone other.example.com:53 (multicluster.server) has an invalid port "99999"; ${HOW}`,
            line: 13,
            column: 19,
            endColumn: 34,
          },
          {
            message: `forward target "10.0.0.300" in zone other.example.com:53 (multicluster.server) is not an IP address; ${HOW}`,
            line: 13,
            column: 35,
            endColumn: 45,
          },
          {
            message:
              "forward in zone empty.example.com (multicluster.server) has no upstream; add the registry's address, e.g. forward . 10.0.0.10.",
            line: 17,
            column: 9,
            endColumn: 18,
          },
        ],
      },
      {
        name: 'the exact target after a valid one, with its end column',
        code: corefile(
          '    global.example.com:53 {\n        forward . 10.0.0.10 dns.example.com # registry\n    }\n',
        ),
        errors: [
          {
            message: `forward target "dns.example.com" in zone global.example.com:53 (multicluster.server) is a host name, which forward does not resolve; ${HOW}`,
            line: 9,
            column: 29,
            endColumn: 44,
          },
        ],
      },
      {
        name: 'an unsupported scheme',
        code: corefile('    . {\n        forward . https://1.1.1.1\n    }\n'),
        errors: [
          {
            message: `forward target "https://1.1.1.1" in zone . (multicluster.server) uses the unsupported scheme https://; ${HOW}`,
            line: 9,
            column: 19,
            endColumn: 34,
          },
        ],
      },
    ],
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
