import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { pointerTokens } from '../../src/topology/rules/override-path.js';
import { imageTag } from '../../src/topology/rules/image-version-mismatch.js';
import { applyEdits, doc, expectBad, expectGoodClean, fixtureFile, lintRule } from './rules-l2-helpers.js';

const federated = (overrides: string) => `apiVersion: types.kubefed.io/v1beta1
kind: FederatedDeployment
metadata:
  name: svc
spec:
  template:
    spec:
      replicas: 3
  placement:
    clusters:
      - name: us-east-prod
  overrides:
    - clusterName: us-east-prod
      clusterOverrides:
${overrides}`;

describe('KubeFed rules', () => {
  describe('override-path', () => {
    it('reports unresolved paths, bad pointers and wrongly typed values at the exact scalar', () => {
      expectBad('override-path', 'error', [
        [
          'federated.yaml',
          25,
          17,
          /"\/spec\/replica" for cluster "us-east-prod" does not resolve in spec.template: "replica" is not set under \/spec\. Did you mean "replicas"\?/,
        ],
        [
          'federated.yaml',
          28,
          18,
          /value "5" for "\/spec\/replicas".*must be a non-negative integer \(a string: remove the quotes\)/,
        ],
        [
          'federated.yaml',
          31,
          17,
          /"spec\/replicas".*does not start with "\/"; write it as a JSON Pointer \(e\.g\. \/spec\/replicas\)/,
        ],
        [
          'federated.yaml',
          33,
          17,
          /has "~" not followed by 0 or 1 in "a~2b"; escape "~" as ~0 and "\/" as ~1/,
        ],
        ['federated.yaml', 36, 18, /value -1 for "\/spec\/replicas".*non-negative integer/],
        [
          'federated.yaml',
          37,
          17,
          /index 3 is out of range under \/spec\/template\/spec\/containers \(1 item\)/,
        ],
      ]);
    });
    it('accepts escaped keys, list indexes and op: add of new fields', () =>
      expectGoodClean('override-path'));
    it('decodes RFC 6901 escapes (~1 then ~0)', () => {
      assert.deepEqual(pointerTokens('/metadata/labels/app.kubernetes.io~1name'), [
        'metadata',
        'labels',
        'app.kubernetes.io/name',
      ]);
      assert.deepEqual(pointerTokens('/a~01'), ['a~1']);
      assert.equal(typeof pointerTokens('a/b'), 'string');
      assert.equal(typeof pointerTokens('/a~'), 'string');
    });
    it('needs the whole path for replace and only the parent for add', () => {
      const replace = federated(`        - path: /spec/paused\n          value: true\n`);
      const add = federated(`        - path: /spec/paused\n          op: add\n          value: true\n`);
      const deep = federated(
        `        - path: /spec/strategy/type\n          op: add\n          value: Recreate\n`,
      );
      assert.deepEqual(
        lintRule('override-path', [doc('r.yaml', replace)]).map((d) => d.range.start),
        [{ line: 15, column: 17 }],
      );
      assert.deepEqual(lintRule('override-path', [doc('a.yaml', add)]), []);
      assert.match(
        lintRule('override-path', [doc('d.yaml', deep)])[0]?.message ?? '',
        /"strategy" is not set under \/spec/,
      );
    });
  });

  describe('override-not-placed', () => {
    it('reports overrides for clusters outside placement, with did-you-mean', () => {
      expectBad('override-not-placed', 'warning', [
        [
          'federated.yaml',
          14,
          20,
          /override for cluster "us-east-prd" never applies: it is not in placement.clusters \(us-east-prod, eu-west-prod\); did you mean "us-east-prod"\?/,
        ],
        [
          'federated.yaml',
          18,
          20,
          /"ap-south-prod" never applies.*add the cluster to placement.clusters or remove the override/,
        ],
      ]);
    });
    it('accepts placed clusters and stays silent with a clusterSelector', () =>
      expectGoodClean('override-not-placed'));
  });

  describe('image-version-mismatch', () => {
    it('reports each version label that matches no image tag', () => {
      expectBad('image-version-mismatch', 'warning', [
        [
          'federated.yaml',
          10,
          18,
          /version label "v2\.1\.0" does not match the container image tag \(payment: v2\.2\.0\); update the label together with the image tag/,
        ],
        ['federated.yaml', 16, 22, /version label "v2\.0\.0"/],
      ]);
    });
    it('ignores a leading v, registry ports, sidecars and digests', () =>
      expectGoodClean('image-version-mismatch'));
    it('compares a numeric-looking label as written', () => {
      const fed = (label: string, tag: string) =>
        `apiVersion: types.kubefed.io/v1beta1\nkind: FederatedDeployment\nmetadata:\n  name: s\nspec:\n  template:\n    metadata:\n      labels:\n        version: ${label}\n    spec:\n      template:\n        spec:\n          containers:\n            - name: s\n              image: s:${tag}\n`;
      assert.deepEqual(lintRule('image-version-mismatch', [doc('a.yaml', fed('2.10', '2.10'))]), []);
      assert.equal(lintRule('image-version-mismatch', [doc('a.yaml', fed('2.10', '2.1'))]).length, 1);
    });
    it('reads the tag of the last path segment only', () => {
      assert.equal(imageTag('registry.example.com:5000/payment:v2.1.0'), 'v2.1.0');
      assert.equal(imageTag('registry.example.com:5000/payment'), undefined);
      assert.equal(imageTag('payment@sha256:abc'), undefined);
    });
  });
});

describe('Istio rules', () => {
  describe('trust-domain-mismatch', () => {
    it('reports operators of other clusters with another trust domain, pointing at the first', () => {
      const ds = expectBad('trust-domain-mismatch', 'error', [
        [
          'operators.yaml',
          14,
          1,
          /trust domain "cluster\.local" \(Istio's default: no meshConfig\.trustDomain\) of cluster "ap-south-prod" differs from "example\.com" of cluster "us-east-prod"/,
        ],
        [
          'operators.yaml',
          30,
          18,
          /trust domain "eu\.example\.com" of cluster "eu-west-prod" differs from "example\.com".*use one trust domain for the whole mesh/,
        ],
      ]);
      for (const d of ds)
        assert.deepEqual(
          d.related?.map((r) => [r.file, r.range.start.line, r.range.start.column]),
          [['operators.yaml', 10, 18]],
        );
    });
    it('accepts one trust domain across clusters', () => expectGoodClean('trust-domain-mismatch'));
    it('accepts different domains that alias each other', () => {
      const op = (cluster: string, td: string, alias: string) =>
        `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  values:\n    global:\n      multiCluster:\n        clusterName: ${cluster}\n      network: ${cluster}-net\n  meshConfig:\n    trustDomain: ${td}\n    trustDomainAliases: [${alias}]\n`;
      const a = doc('a.yaml', op('c1', 'old.example.com', 'new.example.com'));
      assert.deepEqual(
        lintRule('trust-domain-mismatch', [a, doc('b.yaml', op('c2', 'new.example.com', 'old.example.com'))]),
        [],
      );
      const oneSided = lintRule('trust-domain-mismatch', [
        a,
        doc('b.yaml', op('c2', 'new.example.com', 'x.example.com')),
      ]);
      assert.equal(oneSided.length, 1);
    });
    it('does not compare two operators of the same cluster', () => {
      const op = (td: string) =>
        `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  values:\n    global:\n      multiCluster:\n        clusterName: c1\n      network: n1\n  meshConfig:\n    trustDomain: ${td}\n`;
      assert.deepEqual(
        lintRule('trust-domain-mismatch', [doc('a.yaml', op('a.com')), doc('b.yaml', op('b.com'))]),
        [],
      );
    });
  });

  describe('mesh-network-missing', () => {
    it('reports clusterName without network on the clusterName key', () => {
      expectBad('mesh-network-missing', 'warning', [
        [
          'operator.yaml',
          7,
          9,
          /cluster "eu-west-prod" joins a multi-cluster mesh but values\.global\.network is not set.*add values\.global\.network/,
        ],
      ]);
    });
    it('accepts a network, and operators without multiCluster', () =>
      expectGoodClean('mesh-network-missing'));
  });

  describe('gateway-tls', () => {
    it('reports MUTUAL without credentialName and HTTPS without tls', () => {
      expectBad('gateway-tls', 'error', [
        [
          'gateway.yaml',
          14,
          15,
          /server "https" uses tls\.mode MUTUAL without credentialName.*add credentialName/,
        ],
        ['gateway.yaml', 20, 19, /HTTPS server "https-plain" has no tls settings.*add tls:/],
      ]);
    });
    it('accepts credentialName, serverCertificate files and AUTO_PASSTHROUGH', () =>
      expectGoodClean('gateway-tls'));
    it('reports an empty tls on an HTTPS server at the tls key', () => {
      const text = `apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata:
  name: gw
spec:
  servers:
    - port: { number: 443, name: https, protocol: HTTPS }
      tls:
      hosts: ["a.example.com"]
`;
      const ds = lintRule('gateway-tls', [doc('gw.yaml', text)]);
      assert.deepEqual(
        ds.map((d) => [d.range.start.line, d.range.start.column]),
        [[8, 7]],
      );
      assert.match(ds[0]!.message, /has an empty tls.*set tls\.mode/);
    });
    it('offers fixes that add a credentialName placeholder and leave a valid gateway', () => {
      const f = fixtureFile('gateway-tls', 'bad', 'gateway.yaml');
      const ds = lintRule('gateway-tls', [f]);
      assert.equal(ds.length, 2);
      const fixed = applyEdits(
        f.text,
        ds.flatMap((d) => d.fix?.edits ?? []),
      );
      assert.deepEqual(lintRule('gateway-tls', [doc('gateway.yaml', fixed)]), []);
      const servers = (parse(fixed) as { spec: { servers: { tls: Record<string, string> }[] } }).spec.servers;
      assert.deepEqual(servers[0]!.tls, { mode: 'MUTUAL', credentialName: 'cross-cluster-gateway-tls' });
      assert.deepEqual(servers[1]!.tls, { mode: 'SIMPLE', credentialName: 'cross-cluster-gateway-tls' });
    });
  });
});
