import assert from 'node:assert/strict';
import type http from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ClusterError } from '../../src/errors.js';
import { loadKubeconfigFromString } from '../../src/kubeconfig/index.js';
import { closeAllConnections, createConnection } from '../../src/transport/index.js';
import { sharedContextCount, sharedSecureContext } from '../../src/transport/secure-context.js';
import { b64, issue, json, makeCA, startServer } from './helpers.js';
import type { CA, Pem, TestServer } from './helpers.js';

describe('transport: shared TLS secure contexts', function () {
  let ca: CA;
  let otherCa: CA;
  let serverPem: Pem;
  let alice: Pem;
  let bob: Pem;
  const servers: TestServer[] = [];

  before(() => {
    ca = makeCA('shared-ca');
    otherCa = makeCA('other-ca');
    serverPem = issue(ca, 'apiserver', 'server');
    alice = issue(ca, 'alice', 'client');
    bob = issue(ca, 'bob', 'client');
  });
  afterEach(async () => {
    closeAllConnections();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  /** A server that asks for a client certificate and answers with its common name. */
  async function server(): Promise<TestServer> {
    const handler: http.RequestListener = (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      json(res, 200, { cn: peer.subject?.CN ?? null });
    };
    const s = await startServer(handler, {
      cert: serverPem.cert,
      key: serverPem.key,
      ca: ca.cert,
      requestCert: true,
      rejectUnauthorized: false,
    });
    servers.push(s);
    return s;
  }

  it('is one context per CA/cert/key set, whatever the form of the bytes', () => {
    const a = sharedSecureContext({ ca: ca.cert, cert: alice.cert, key: alice.key });
    assert.equal(sharedSecureContext({ ca: Buffer.from(ca.cert), cert: alice.cert, key: alice.key }), a);
    assert.notEqual(sharedSecureContext({ ca: ca.cert, cert: bob.cert, key: bob.key }), a);
    assert.notEqual(sharedSecureContext({ ca: otherCa.cert, cert: alice.cert, key: alice.key }), a);
    assert.notEqual(sharedSecureContext({ ca: [ca.cert], cert: alice.cert, key: alice.key }), a);
    assert.notEqual(sharedSecureContext({ cert: alice.cert, key: alice.key }), a);
  });

  it('throws what node:tls throws for an unusable key', () => {
    assert.throws(() => sharedSecureContext({ ca: ca.cert, cert: alice.cert, key: 'not a key' }));
  });

  it('shares contexts between clusters, yet each presents its own certificate and trusts its own CA', async () => {
    const [s1, s2, s3, s4] = [await server(), await server(), await server(), await server()];
    // users of their own: the test above already made contexts for alice and bob
    const alice = issue(ca, 'alice', 'client');
    const bob = issue(ca, 'bob', 'client');
    const user = (p: Pem) => `{client-certificate-data: ${b64(p.cert)}, client-key-data: ${b64(p.key)}}`;
    const caData = (c: CA) => `certificate-authority-data: ${b64(c.cert)}`;
    const loaded = loadKubeconfigFromString(
      `clusters:
- {name: c1, cluster: {server: "${s1.url}", ${caData(ca)}}}
- {name: c2, cluster: {server: "${s2.url}", ${caData(ca)}}}
- {name: c3, cluster: {server: "${s3.url}", ${caData(ca)}}}
- {name: c4, cluster: {server: "${s4.url}", ${caData(otherCa)}}}
users:
- {name: alice, user: ${user(alice)}}
- {name: bob, user: ${user(bob)}}
contexts:
- {name: c1, context: {cluster: c1, user: alice}}
- {name: c2, context: {cluster: c2, user: alice}}
- {name: c3, context: {cluster: c3, user: bob}}
- {name: c4, context: {cluster: c4, user: alice}}
current-context: c1
`,
      '/tmp/kubectl-mc-test-kubeconfig',
    );
    const before = sharedContextCount();
    const cn = async (context: string) =>
      ((await (await createConnection(loaded, context)).request('/api')).body as { cn: string }).cn;
    assert.equal(await cn('c1'), 'alice');
    assert.equal(sharedContextCount(), before + 1);
    assert.equal(await cn('c2'), 'alice');
    assert.equal(sharedContextCount(), before + 1, 'c2 has the same CA and user: same context');
    assert.equal(await cn('c3'), 'bob');
    assert.equal(sharedContextCount(), before + 2);
    // c4 trusts only the other CA: the shared context of c1/c2 must not make it trust this server
    await assert.rejects(
      cn('c4'),
      (e: unknown) =>
        e instanceof ClusterError &&
        e.kind === 'Unreachable' &&
        /certificate signed by unknown authority/.test(e.message),
    );
  });
});
