import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import zlib from 'node:zlib';
import { ClusterError } from '../../src/errors.js';
import { loadKubeconfig, loadKubeconfigFromString } from '../../src/kubeconfig/index.js';
import type { ClusterErrorKind } from '../../src/errors.js';
import { closeAllConnections, createConnection, getConnection } from '../../src/transport/index.js';
import { UNAUTHORIZED_MESSAGE } from '../../src/transport/errors.js';
import type { HttpConnection } from '../../src/transport/index.js';
import { b64, issue, json, kubeconfigFor, makeCA, startServer, status } from './helpers.js';
import type { CA, Pem, TestServer } from './helpers.js';

async function rejectsWith(
  p: Promise<unknown>,
  kind: ClusterErrorKind,
  message?: RegExp | string,
): Promise<ClusterError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ClusterError, `expected ClusterError, got ${String(e)}`);
    assert.equal(e.kind, kind, `kind of "${e.message}"`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    assert.ok(!e.message.includes('\n'));
    return e;
  }
  assert.fail(`expected a ${kind} error`);
}

describe('transport', function () {
  let ca: CA;
  let otherCa: CA;
  let serverPem: Pem;
  let clientPem: Pem;
  const servers: TestServer[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kmc-transport-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  before(() => {
    ca = makeCA('fleet-ca');
    otherCa = makeCA('other-ca');
    serverPem = issue(ca, 'apiserver', 'server', ['kube.internal']);
    clientPem = issue(ca, 'alice', 'client');
  });
  afterEach(async () => {
    closeAllConnections();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function tlsServer(handler: http.RequestListener, extra: object = {}): Promise<TestServer> {
    const s = await startServer(handler, { cert: serverPem.cert, key: serverPem.key, ...extra });
    servers.push(s);
    return s;
  }
  const caData = () => `certificate-authority-data: ${b64(ca.cert)}`;

  it('sends the bearer token over TLS verified against the kubeconfig CA', async () => {
    const s = await tlsServer((req, res) => {
      if (req.headers.authorization !== 'Bearer tok-123') return status(res, 401, 'Unauthorized');
      json(res, 200, { kind: 'APIVersions', path: req.url, ua: req.headers['user-agent'] });
    });
    const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: tok-123'), 'test');
    const r = await conn.request<{ path: string; ua: string }>('/api', {
      query: { limit: 5, skip: undefined },
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.path, '/api?limit=5');
    assert.match(r.body.ua, /^kubectl-mc\//);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.deepEqual(conn.warnings, []);
  });

  it('authenticates with a client certificate from files relative to the kubeconfig', async () => {
    const s = await tlsServer(
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        json(res, 200, { user: peer.subject?.CN });
      },
      { requestCert: true, rejectUnauthorized: true, ca: [ca.cert] },
    );
    const dir = fs.mkdtempSync(path.join(tmp, 'cc-'));
    fs.writeFileSync(path.join(dir, 'ca.crt'), ca.cert);
    fs.writeFileSync(path.join(dir, 'client.crt'), clientPem.cert);
    fs.writeFileSync(path.join(dir, 'client.key'), clientPem.key);
    const file = path.join(dir, 'config');
    fs.writeFileSync(
      file,
      `clusters:\n- name: c\n  cluster: {server: "${s.url}", certificate-authority: ca.crt}\n` +
        `users:\n- name: u\n  user: {client-certificate: client.crt, client-key: client.key}\n` +
        `contexts:\n- name: c\n  context: {cluster: c, user: u}\n`,
    );
    const conn = await createConnection(loadKubeconfig({ kubeconfig: file }), 'c');
    assert.deepEqual((await conn.request('/api')).body, { user: 'alice' });

    // Without the client certificate the TLS handshake is refused: Unreachable, saying TLS.
    const anon = await createConnection(kubeconfigFor(s.url, caData(), ''), 'test');
    await rejectsWith(anon.request('/api'), 'Unreachable', /^tls: |connection reset|closed/);
  });

  it('basic auth and tokenFile credentials (the file trimmed as kubectl trims it)', async () => {
    const s = await tlsServer((req, res) => json(res, 200, { auth: req.headers.authorization }));
    const basic = await createConnection(
      kubeconfigFor(s.url, caData(), 'username: admin, password: pw'),
      'test',
    );
    assert.deepEqual((await basic.request('/api')).body, { auth: `Basic ${b64('admin:pw')}` });
    const tokenFile = path.join(tmp, 'token');
    fs.writeFileSync(tokenFile, 'from-file\n');
    const tf = await createConnection(kubeconfigFor(s.url, caData(), `tokenFile: ${tokenFile}`), 'test');
    assert.deepEqual((await tf.request('/api')).body, { auth: 'Bearer from-file' });
    // `token-file` is not a kubeconfig field: kubectl ignores it, and so does the loader
    const other = await createConnection(kubeconfigFor(s.url, caData(), `token-file: ${tokenFile}`), 'test');
    assert.deepEqual((await other.request('/api')).body, {});
  });

  it('rejects a server certificate from an unknown authority, like kubectl', async () => {
    const s = await tlsServer((_req, res) => json(res, 200, {}));
    const conn = await createConnection(
      kubeconfigFor(s.url, `certificate-authority-data: ${b64(otherCa.cert)}`, 'token: t'),
      'test',
    );
    await rejectsWith(
      conn.request('/api'),
      'Unreachable',
      /^tls: x509: certificate signed by unknown authority/,
    );
  });

  it('skips verification only when the kubeconfig says so, and warns naming the context', async () => {
    const s = await tlsServer((_req, res) => json(res, 200, { ok: true }));
    const warnings: string[] = [];
    const conn = await createConnection(
      kubeconfigFor(s.url, 'insecure-skip-tls-verify: true', 'token: t'),
      'test',
      {
        onWarning: (w) => warnings.push(w),
      },
    );
    assert.deepEqual((await conn.request('/api')).body, { ok: true });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] as string, /"test".*insecure-skip-tls-verify/);
    assert.deepEqual(conn.warnings, warnings);
  });

  it('honours tls-server-name', async () => {
    const s = await tlsServer((_req, res) => json(res, 200, { ok: true }));
    const good = await createConnection(
      kubeconfigFor(s.url, `${caData()}, tls-server-name: kube.internal`, 'token: t'),
      'test',
    );
    assert.deepEqual((await good.request('/api')).body, { ok: true });
    const bad = await createConnection(
      kubeconfigFor(s.url, `${caData()}, tls-server-name: wrong.example`, 'token: t'),
      'test',
    );
    await rejectsWith(bad.request('/api'), 'Unreachable', /^tls: x509: certificate is not valid/);
  });

  it('maps HTTP status to error kinds with the server Status message, escaped and one line', async () => {
    const s = await tlsServer((req, res) => {
      const code = Number(req.url?.slice(1).split('?')[0]);
      if (code === 418) {
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<html>bad gateway</html>');
      }
      status(res, code, code === 404 ? 'pods "x\u001b[31m" not found\nsecond line' : `status ${code}`);
    });
    const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test');
    const cases: [number, ClusterErrorKind][] = [
      [401, 'Unauthorized'],
      [403, 'Forbidden'],
      [410, 'Expired'],
      [429, 'Throttled'],
      [500, 'ServerError'],
      [503, 'ServerError'],
    ];
    for (const [code, kind] of cases) {
      // a 401 reads as kubectl's line, whatever the body says
      const words = code === 401 ? UNAUTHORIZED_MESSAGE : `status ${code}`;
      const e = await rejectsWith(conn.request(`/${code}`, { retry: false }), kind, words);
      assert.equal(e.status, code);
      assert.equal(e.context, 'test');
    }
    await rejectsWith(conn.request('/404'), 'NotFound', 'pods "x\\x1b[31m" not found');
    await rejectsWith(
      conn.request('/418', { retry: false }),
      'ServerError',
      'the server answered HTTP 502 Bad Gateway',
    );
  });

  it('bad JSON and non-JSON content are InvalidResponse', async () => {
    const s = await tlsServer((req, res) => {
      if (req.url === '/html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html></html>');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"kind": "Pod", "trunc');
    });
    const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test');
    await rejectsWith(conn.request('/html'), 'InvalidResponse', /expected JSON.*text\/html/);
    await rejectsWith(conn.request('/bad'), 'InvalidResponse', 'the server sent invalid JSON');
  });

  it('retries GET on 429 honouring Retry-After, and 5xx up to 3 attempts; never retries POST', async () => {
    const seen: { url: string; at: number }[] = [];
    const s = await tlsServer((req, res) => {
      seen.push({ url: String(req.url), at: Date.now() });
      const n = seen.filter((x) => x.url === req.url).length;
      if (req.url === '/throttled' && n === 1) return status(res, 429, 'slow down', { 'retry-after': '1' });
      if (req.url === '/throttled') return json(res, 200, { attempt: n });
      if (req.url === '/long') return status(res, 429, 'come back later', { 'retry-after': '3600' });
      status(res, 503, 'unavailable');
    });
    const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test');
    assert.deepEqual((await conn.request('/throttled')).body, { attempt: 2 });
    const [first, second] = seen.filter((x) => x.url === '/throttled');
    assert.ok(second && first && second.at - first.at >= 950, 'waited for Retry-After');

    await rejectsWith(conn.request('/down'), 'ServerError', 'unavailable');
    assert.equal(seen.filter((x) => x.url === '/down').length, 3);
    await rejectsWith(conn.request('/post', { method: 'POST', body: { a: 1 } }), 'ServerError');
    assert.equal(seen.filter((x) => x.url === '/post').length, 1);
    // A Retry-After beyond what a command can wait is reported at once.
    await rejectsWith(conn.request('/long'), 'Throttled', 'come back later');
    assert.equal(seen.filter((x) => x.url === '/long').length, 1);
  });

  it('a retry wait ends at once when the signal aborts', async () => {
    const s = await tlsServer((_req, res) => status(res, 429, 'slow down', { 'retry-after': '5' }));
    const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test');
    const ac = new AbortController();
    const p = conn.request('/x', { signal: ac.signal });
    setTimeout(() => ac.abort(new DOMException('timed out after 1s', 'TimeoutError')), 100);
    await rejectsWith(p, 'Timeout', 'timed out after 1s');
  });

  it('caps the response size and destroys the socket', async () => {
    const s = await tlsServer((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 5000 });
        return res.end(`"${'x'.repeat(4998)}"`);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      // Chunked, no length: keeps sending until the client hangs up.
      const timer = setInterval(() => res.write(`${' '.repeat(1024)}`), 1);
      res.on('close', () => clearInterval(timer));
    });
    const conn = (await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test', {
      maxResponseBytes: 4096,
    })) as HttpConnection;
    await rejectsWith(conn.request('/declared'), 'InvalidResponse', 'response larger than 4 KiB');
    await rejectsWith(conn.request('/endless'), 'InvalidResponse', 'response larger than 4 KiB');
    // The capped sockets were destroyed, not returned to the pool: the next request needs a new one.
    const before = s.connections();
    await rejectsWith(conn.request('/declared'), 'InvalidResponse');
    assert.equal(s.connections(), before + 1);
  });

  it('asks for gzip unless disable-compression, decompresses, caps the decompressed body', async () => {
    const s = await tlsServer((req, res) => {
      const payload =
        req.url === '/bomb'
          ? `"${'0'.repeat(8 * 1024 * 1024)}"`
          : JSON.stringify({ enc: req.headers['accept-encoding'] });
      const full = zlib.gzipSync(payload);
      const body = req.url === '/corrupt' ? full.subarray(0, full.length - 12) : full;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': body.length,
      });
      res.end(body);
    });
    const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test', {
      maxResponseBytes: 1024 * 1024,
    });
    assert.deepEqual((await conn.request('/api')).body, { enc: 'gzip' });
    // The kubeconfig's disable-compression: no Accept-Encoding (a body sent gzipped anyway still reads).
    const plain = await createConnection(
      kubeconfigFor(s.url, `${caData()}, disable-compression: true`, 'token: t', 'plain'),
      'plain',
    );
    assert.deepEqual((await plain.request('/api')).body, {});
    await rejectsWith(conn.request('/bomb'), 'InvalidResponse', 'response larger than 1 MiB');
    await rejectsWith(conn.request('/corrupt'), 'InvalidResponse');
  });

  it('reuses one keep-alive socket for sequential requests to a cluster', async () => {
    const s = await tlsServer((_req, res) => json(res, 200, { ok: true }));
    const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test');
    for (let i = 0; i < 20; i++) await conn.request('/api');
    assert.equal(s.connections(), 1);
    assert.equal((conn as HttpConnection).socketCount(), 1);
  });

  it('abort cancels an in-flight request at once: Cancelled, or Timeout for a deadline', async () => {
    const s = await tlsServer(() => {
      /* hang: never answer */
    });
    const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test');
    const ac = new AbortController();
    const p = conn.request('/hang', { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await rejectsWith(p, 'Cancelled');
    await rejectsWith(conn.request('/hang', { signal: AbortSignal.timeout(50) }), 'Timeout');
  });

  it('network failures are Unreachable with a one-line reason', async () => {
    const closed = await startServer((_req, res) => res.end());
    const url = closed.url.replace('http:', 'https:');
    await closed.close();
    const conn = await createConnection(kubeconfigFor(url, caData(), 'token: t'), 'test');
    await rejectsWith(conn.request('/api'), 'Unreachable', /^connection refused \(127\.0\.0\.1:\d+\)$/);
    // An https:// URL pointing at a plain HTTP server.
    const plain = await startServer((_req, res) => json(res, 200, {}));
    servers.push(plain);
    const wrong = await createConnection(
      kubeconfigFor(plain.url.replace('http:', 'https:'), caData(), 'token: t'),
      'test',
    );
    await rejectsWith(wrong.request('/api'), 'Unreachable', /^tls: /);
  });

  it('plain http:// servers work, and a server path prefix is kept', async () => {
    const s = await startServer((req, res) => json(res, 200, { path: req.url }));
    servers.push(s);
    const conn = await createConnection(kubeconfigFor(`${s.url}/k8s/clusters/c-1/`, '', 'token: t'), 'test');
    assert.deepEqual((await conn.request('/api/v1/pods', { query: { a: 'b c' } })).body, {
      path: '/k8s/clusters/c-1/api/v1/pods?a=b+c',
    });
    // A path never redirects the request (and its credentials) to another host.
    assert.deepEqual((await conn.request('//evil.example/x')).body, {
      path: '/k8s/clusters/c-1//evil.example/x',
    });
    assert.deepEqual((await conn.request('https://evil.example/y')).body, {
      path: '/k8s/clusters/c-1/https://evil.example/y',
    });
  });

  it('exec plugins supply the token; a failing plugin is an Auth error without its secrets', async () => {
    const s = await tlsServer((req, res) => json(res, 200, { auth: req.headers.authorization }));
    const good = path.join(tmp, 'good-plugin.sh');
    fs.writeFileSync(
      good,
      `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-'"$PLUGIN_SUFFIX"'"}}'\n`,
      { mode: 0o755 },
    );
    const exec = (cmd: string, secret: string) =>
      `exec: {command: "${cmd}", apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never, env: [{name: PLUGIN_SUFFIX, value: ${secret}}]}`;
    const conn = await createConnection(kubeconfigFor(s.url, caData(), exec(good, 'tok')), 'test');
    assert.deepEqual((await conn.request('/api')).body, { auth: 'Bearer exec-tok' });

    const bad = path.join(tmp, 'bad-plugin.sh');
    fs.writeFileSync(bad, '#!/bin/sh\necho "login failed for key $PLUGIN_SUFFIX" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const failing = await createConnection(
      kubeconfigFor(s.url, caData(), exec(bad, 'SUPER-SECRET-VALUE')),
      'test',
    );
    const e = await rejectsWith(failing.request('/api'), 'Auth', /^exec plugin "bad-plugin.sh" failed/);
    assert.ok(!e.message.includes('SUPER-SECRET-VALUE'), e.message);

    const missing = await createConnection(
      kubeconfigFor(s.url, caData(), exec('/nonexistent/plugin', 'x1234')),
      'test',
    );
    await rejectsWith(missing.request('/api'), 'Auth', 'exec plugin "plugin" not found');
    const hinted = await createConnection(
      kubeconfigFor(
        s.url,
        caData(),
        'exec: {command: no-such-plugin-kmc, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never, installHint: "install it with: brew install no-such-plugin-kmc\\nsecond line"}',
      ),
      'test',
    );
    await rejectsWith(
      hinted.request('/api'),
      'Auth',
      'exec plugin "no-such-plugin-kmc" not found (install it with: brew install no-such-plugin-kmc)',
    );
  });

  it('runs an exec plugin once for concurrent requests, and again after a 401', async () => {
    const s = await tlsServer((req, res) => {
      if (req.headers.authorization !== 'Bearer tok-2') return status(res, 401, 'Unauthorized');
      json(res, 200, { ok: true });
    });
    const counter = path.join(tmp, `runs-${Date.now()}`);
    const plugin = path.join(tmp, 'counting-plugin.sh');
    fs.writeFileSync(
      plugin,
      `#!/bin/sh\necho run >> "$COUNTER"\nn=$(wc -l < "$COUNTER" | tr -d ' ')\n` +
        `echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok-'$n'"}}'\n`,
      { mode: 0o755 },
    );
    const user = `exec: {command: "${plugin}", apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never, env: [{name: COUNTER, value: "${counter}"}]}`;
    const conn = await createConnection(kubeconfigFor(s.url, caData(), user), 'test');
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => conn.request('/api', { retry: false })),
    );
    const runs = () => fs.readFileSync(counter, 'utf8').trim().split('\n').length;
    // All ten shared the first credential (tok-1, refused); the first 401 dropped it and one re-run served all retries.
    assert.equal(runs(), 2);
    assert.ok(results.every((r) => r.status === 'fulfilled'));
    assert.deepEqual((await conn.request('/api')).body, { ok: true });
  });

  it('a credential lookup that fails after its caller gave up is no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const slowFail = path.join(tmp, 'slow-fail-plugin.sh');
      fs.writeFileSync(slowFail, '#!/bin/sh\nsleep 0.2\nexit 1\n', { mode: 0o755 });
      const conn = await createConnection(
        kubeconfigFor(
          'https://127.0.0.1:9',
          caData(),
          `exec: {command: "${slowFail}", apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}`,
        ),
        'test',
      );
      // Already aborted: the lookup starts (it would be shared with later callers) but this caller leaves at once.
      await rejectsWith(conn.request('/api', { signal: AbortSignal.abort() }), 'Cancelled');
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('OIDC: a valid id-token is sent; a failed refresh is an Auth error without the tokens', async () => {
    const s = await tlsServer((req, res) => json(res, 200, { auth: req.headers.authorization }));
    const jwt = (exp: number) =>
      [
        { alg: 'none', typ: 'JWT' },
        { sub: 'alice', exp },
      ]
        .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url'))
        .join('.') + '.c2ln';
    const valid = jwt(Math.floor(Date.now() / 1000) + 3600);
    const oidc = (idToken: string, extra = '') =>
      `auth-provider: {name: oidc, config: {id-token: "${idToken}", client-id: kubectl${extra}}}`;
    const conn = await createConnection(kubeconfigFor(s.url, caData(), oidc(valid)), 'test');
    assert.deepEqual((await conn.request('/api')).body, { auth: `Bearer ${valid}` });

    const closed = await startServer((_req, res) => res.end());
    await closed.close();
    const expired = jwt(Math.floor(Date.now() / 1000) - 60);
    const refreshing = await createConnection(
      kubeconfigFor(
        s.url,
        caData(),
        oidc(
          expired,
          `, refresh-token: REFRESH-SECRET-42, client-secret: CLIENT-SECRET-42, idp-issuer-url: "${closed.url}"`,
        ),
      ),
      'test',
    );
    const e = await rejectsWith(refreshing.request('/api'), 'Auth', /^auth provider "oidc" failed/);
    for (const secret of ['REFRESH-SECRET-42', 'CLIENT-SECRET-42', expired])
      assert.ok(!e.message.includes(secret), e.message);
  });

  it('unreadable or malformed TLS material in the kubeconfig is named, never dumped', async () => {
    const missingCa = await createConnection(
      kubeconfigFor('https://127.0.0.1:9', 'certificate-authority: /nonexistent/ca.crt', 'token: t'),
      'test',
    );
    await rejectsWith(
      missingCa.request('/api'),
      'Unreachable',
      'cannot read certificate-authority /nonexistent/ca.crt (ENOENT)',
    );
    const missingKey = await createConnection(
      kubeconfigFor(
        'https://127.0.0.1:9',
        caData(),
        `client-certificate-data: ${b64(clientPem.cert)}, client-key: /nonexistent/k.pem`,
      ),
      'test',
    );
    await rejectsWith(
      missingKey.request('/api'),
      'Auth',
      'cannot read client-key /nonexistent/k.pem (ENOENT)',
    );
    const garbage = await createConnection(
      kubeconfigFor(
        'https://127.0.0.1:9',
        caData(),
        `client-certificate-data: ${b64('not a cert')}, client-key-data: ${b64('KEY-GARBAGE-SECRET')}`,
      ),
      'test',
    );
    const e = await rejectsWith(
      garbage.request('/api'),
      'Auth',
      /^tls: unusable certificate, key or CA data in the kubeconfig/,
    );
    assert.ok(!e.message.includes('KEY-GARBAGE-SECRET'));
  });

  it('never puts credentials in error messages, even when the server echoes them', async () => {
    const s = await tlsServer((req, res) =>
      status(res, 401, `invalid bearer token ${req.headers.authorization}`),
    );
    const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: tok-SECRET-0123'), 'test');
    const e = await rejectsWith(conn.request('/api'), 'Unauthorized', UNAUTHORIZED_MESSAGE);
    assert.ok(!e.message.includes('tok-SECRET-0123'), e.message);
  });

  it("redacts what was sent, not only what the kubeconfig holds: a token file's token echoed in a 403", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmc-tokfile-'));
    const file = path.join(dir, 'token');
    fs.writeFileSync(file, 'tok-FROM-FILE-98765\n');
    const s = await tlsServer((req, res) =>
      status(
        res,
        403,
        `user with ${req.headers.authorization} cannot list (base64 ${Buffer.from(req.headers.authorization ?? '').toString('base64')})`,
      ),
    );
    const conn = await createConnection(kubeconfigFor(s.url, caData(), `tokenFile: ${file}`), 'test');
    const e = await rejectsWith(conn.request('/api'), 'Forbidden');
    assert.ok(!e.message.includes('tok-FROM-FILE-98765'), e.message);
    assert.ok(!e.message.includes(Buffer.from('Bearer tok-FROM-FILE-98765').toString('base64')), e.message);
    assert.match(e.message, /^user with (Bearer )?\[redacted\] cannot list \(base64 \[redacted\]\)$/);
  });

  it('a context with a missing cluster or user yields a ClusterError, not a crash', async () => {
    const loaded = loadKubeconfigFromString(
      'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\n' +
        'contexts: [{name: nc, context: {cluster: ghost}}, {name: nu, context: {cluster: c, user: ghost}}]\n',
    );
    await rejectsWith(createConnection(loaded, 'nc'), 'Unreachable', /cluster "ghost"/);
    await rejectsWith(createConnection(loaded, 'nu'), 'Auth', /user "ghost"/);
  });

  it('each context sends only its own credentials, even when used concurrently', async () => {
    const seen: Record<string, Set<string>> = { a: new Set(), b: new Set() };
    const a = await tlsServer((req, res) => {
      seen.a?.add(String(req.headers.authorization));
      json(res, 200, {});
    });
    const b = await tlsServer((req, res) => {
      seen.b?.add(String(req.headers.authorization));
      json(res, 200, {});
    });
    const loaded = loadKubeconfigFromString(
      `clusters:
- {name: a, cluster: {server: "${a.url}", certificate-authority-data: ${b64(ca.cert)}}}
- {name: b, cluster: {server: "${b.url}", certificate-authority-data: ${b64(ca.cert)}}}
users:
- {name: a, user: {token: token-a}}
- {name: b, user: {username: bob, password: pw-b}}
contexts:
- {name: a, context: {cluster: a, user: a}}
- {name: b, context: {cluster: b, user: b}}
current-context: a
`,
    );
    const [ca_, cb] = await Promise.all([getConnection(loaded, 'a'), getConnection(loaded, 'b')]);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? ca_ : cb).request('/api')));
    assert.deepEqual([...(seen.a ?? [])], ['Bearer token-a']);
    assert.deepEqual([...(seen.b ?? [])], [`Basic ${b64('bob:pw-b')}`]);
  });

  it('getConnection caches one connection per context until closeAllConnections', async () => {
    const s = await tlsServer((_req, res) => json(res, 200, {}));
    const loaded = kubeconfigFor(s.url, caData(), 'token: t');
    const a = await getConnection(loaded, 'test');
    assert.equal(await getConnection(loaded, 'test'), a);
    closeAllConnections();
    assert.notEqual(await getConnection(loaded, 'test'), a);
  });

  describe('stream', () => {
    it('yields JSON objects line by line across chunk boundaries and ends when the server closes', async () => {
      const s = await tlsServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"type":"ADDED","object":{"n":1}}\n{"type":"MOD');
        setTimeout(() => {
          res.write('IFIED","object":{"n":"é"}}\n\n');
          res.end('{"type":"DELETED","object":{"n":3}}');
        }, 10);
      });
      const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test');
      const got: unknown[] = [];
      for await (const ev of conn.stream('/api/v1/pods', { query: { watch: true } })) got.push(ev);
      assert.deepEqual(got, [
        { type: 'ADDED', object: { n: 1 } },
        { type: 'MODIFIED', object: { n: 'é' } },
        { type: 'DELETED', object: { n: 3 } },
      ]);
    });

    it('throws the mapped ClusterError for a failed answer, and stops at once on abort', async () => {
      const s = await tlsServer((req, res) => {
        if (req.url?.startsWith('/forbidden')) return status(res, 403, 'watch is forbidden');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"type":"ADDED"}\n'); // then stays open
      });
      const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test');
      await rejectsWith(
        (async () => {
          for await (const _ of conn.stream('/forbidden')) void _;
        })(),
        'Forbidden',
        'watch is forbidden',
      );
      const ac = new AbortController();
      const got: unknown[] = [];
      const e = await rejectsWith(
        (async () => {
          for await (const ev of conn.stream('/open', { signal: ac.signal })) {
            got.push(ev);
            ac.abort();
          }
        })(),
        'Cancelled',
      );
      assert.ok(e);
      assert.deepEqual(got, [{ type: 'ADDED' }]);
    });

    it('caps the length of one line', async () => {
      const s = await tlsServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"a":"${'x'.repeat(10_000)}"}\n`);
      });
      const conn = await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test', {
        maxResponseBytes: 1024,
      });
      await rejectsWith(
        (async () => {
          for await (const _ of conn.stream('/w')) void _;
        })(),
        'InvalidResponse',
        'stream line larger than 1 KiB',
      );
    });
  });
});
