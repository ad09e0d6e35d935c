import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { caseFixture, fixture, ruleTester } from './_harness.js';

const FIXED = `apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata:
  name: cross-cluster-gateway
spec:
  selector:
    istio: ingressgateway
  servers:
    - port:
        number: 443
        name: https
        protocol: HTTPS
      tls:
        mode: MUTUAL
        credentialName: cross-cluster-gateway-tls
      hosts:
        - "*.production.global.example.com"
    - port:
        number: 8443
        name: https-plain
        protocol: HTTPS
      tls:
        mode: SIMPLE
        credentialName: cross-cluster-gateway-tls
      hosts:
        - "plain.example.com"
`;

const gateway = (server: string) =>
  `apiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  servers:\n${server}`;

describe('rule gateway-tls', () => {
  ruleTester('gateway-tls', {
    valid: [
      {
        name: 'good fixture: credentialName, serverCertificate files and AUTO_PASSTHROUGH',
        ...fixture('gateway-tls', 'good'),
      },
      { name: 'the bad fixture after its quick fixes', code: FIXED, filename: 'gateway.yaml' },
      {
        name: 'an HTTP server without tls',
        code: gateway('    - port: { number: 80, name: http, protocol: HTTP }\n      hosts: ["*"]\n'),
      },
    ],
    invalid: [
      {
        name: 'OPTIONAL_MUTUAL without any certificate (Istio validation rejects it)',
        ...caseFixture('gateway-tls', 'optional-mutual.yaml'),
        errors: [
          {
            message:
              'server "https-opt" uses tls.mode OPTIONAL_MUTUAL without credentialName, so the gateway has no certificate to serve; add credentialName with the name of the secret holding the certificate and CA.',
            line: 14,
            column: 15,
            fix: 'Add credentialName placeholder (httpbin-gateway-tls)',
          },
        ],
        output: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
spec:
  selector:
    istio: ingressgateway
  servers:
    - port:
        number: 8443
        name: https-opt
        protocol: HTTPS
      tls:
        mode: OPTIONAL_MUTUAL
        credentialName: httpbin-gateway-tls
      hosts:
        - "httpbin.example.com"
`,
      },
      {
        name: 'bad fixture: MUTUAL without credentialName and HTTPS without tls, with placeholder fixes',
        ...fixture('gateway-tls', 'bad'),
        errors: [
          {
            message:
              'server "https" uses tls.mode MUTUAL without credentialName, so the gateway has no certificate to serve; add credentialName with the name of the secret holding the certificate and CA.',
            line: 14,
            column: 15,
            endColumn: 21,
            fix: 'Add credentialName placeholder (cross-cluster-gateway-tls)',
          },
          {
            message:
              'HTTPS server "https-plain" has no tls settings, so Istio drops the listener; add tls: with mode SIMPLE or MUTUAL and the credentialName of the certificate secret.',
            line: 20,
            column: 19,
            endColumn: 24,
            fix: 'Add tls with a credentialName placeholder (cross-cluster-gateway-tls)',
          },
        ],
        output: FIXED,
      },
      {
        name: 'an empty tls on an HTTPS server, at the tls key (no fix)',
        code: gateway(
          '    - port: { number: 443, name: https, protocol: HTTPS }\n      tls:\n      hosts: ["a.example.com"]\n',
        ),
        errors: [
          {
            message:
              'HTTPS server "https" has an empty tls, so Istio drops the listener; set tls.mode (SIMPLE or MUTUAL) and the credentialName of the certificate secret.',
            line: 8,
            column: 7,
            endColumn: 10,
            fix: null,
          },
        ],
      },
      {
        name: 'SIMPLE in a flow mapping: reported without a line-based fix',
        code: gateway(
          '    - port: { number: 443, name: https, protocol: HTTPS }\n      tls: { mode: SIMPLE }\n      hosts: ["a.example.com"]\n',
        ),
        errors: [
          {
            message:
              'server "https" uses tls.mode SIMPLE without credentialName, so the gateway has no certificate to serve; add credentialName with the name of the secret holding the certificate.',
            line: 8,
            column: 20,
            endColumn: 26,
            fix: null,
          },
        ],
      },
    ],
  });

  it('fixes into a gateway whose servers carry the credentialName placeholder', () => {
    const servers = (parse(FIXED) as { spec: { servers: { tls: Record<string, string> }[] } }).spec.servers;
    assert.deepEqual(servers[0]!.tls, { mode: 'MUTUAL', credentialName: 'cross-cluster-gateway-tls' });
    assert.deepEqual(servers[1]!.tls, { mode: 'SIMPLE', credentialName: 'cross-cluster-gateway-tls' });
  });
});
