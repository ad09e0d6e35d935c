import { fixture, ruleTester } from './_harness.js';

const se = (spec: string) =>
  `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: s\nspec:\n${spec}`;

describe('rule service-entry', () => {
  ruleTester('service-entry', {
    valid: [
      {
        name: 'good fixture: STATIC with an IP, DNS with a named endpoint',
        ...fixture('service-entry', 'good'),
      },
      {
        name: 'several hosts with resolution NONE and a TCP port (the hosts are ignored)',
        code: se(
          `  hosts: [a.example.com, b.example.com]\n  ports: [{number: 5432, name: tcp, protocol: TCP}]\n  resolution: NONE\n`,
        ),
      },
    ],
    invalid: [
      {
        name: 'bad fixture: a host name under STATIC, several hosts on TCP, a DNS wildcard without endpoints',
        ...fixture('service-entry', 'bad'),
        errors: [
          {
            message:
              'ServiceEntry "httpbin-cluster2": endpoint address "gateway.cluster2.example.com" is not an IP address, which resolution STATIC requires; use the IP (for a remote cluster, its east-west gateway\'s), or resolution: DNS for a host name.',
            line: 14,
            column: 16,
            endColumn: 44,
          },
          {
            message:
              'ServiceEntry "external-dbs" has 2 hosts and a port with protocol TCP, which Istio refuses: plain TCP cannot tell the hosts apart; split it into one ServiceEntry per host, or use HTTP or TLS ports.',
            line: 21,
            column: 3,
          },
          {
            message:
              'ServiceEntry "wildcard": host "*.example.com" is a wildcard, but resolution DNS without endpoints resolves the hosts themselves, so each must be a full name; list the names, or give endpoints.',
            line: 36,
            column: 7,
          },
        ],
      },
      {
        name: 'endpoints with resolution NONE, and the host "*"',
        code: se(`  hosts: ["*"]\n  resolution: NONE\n  endpoints:\n    - address: 10.0.0.1\n`),
        errors: [
          {
            message:
              'ServiceEntry "s" has the host "*", which Istio refuses; name the hosts (a wildcard like *.example.com is allowed).',
            line: 6,
            column: 11,
          },
          {
            message:
              'ServiceEntry "s" has endpoints with resolution NONE, which Istio refuses; use resolution: STATIC (IP endpoints) or DNS, or remove the endpoints.',
            line: 8,
            column: 3,
          },
        ],
      },
    ],
  });
});
