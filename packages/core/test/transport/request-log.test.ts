import assert from 'node:assert/strict';
import { closeAllConnections, createConnection } from '../../src/transport/index.js';
import { formatRequestLog, safeHeaders, safeUrl, setRequestLogger } from '../../src/transport/request-log.js';
import type { RequestLogEntry } from '../../src/transport/request-log.js';
import { json, kubeconfigFor, startServer, type TestServer } from './helpers.js';

describe('request log (kubectl -v=6..8 for every cluster)', () => {
  const servers: TestServer[] = [];
  const entries: RequestLogEntry[] = [];
  beforeEach(() => {
    entries.length = 0;
    setRequestLogger((e) => entries.push(e));
  });
  afterEach(async () => {
    setRequestLogger(undefined);
    closeAllConnections();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('logs each request once with context, method, URL, status and duration; credentials masked', async () => {
    const token = 'tok-secret-12345678';
    const s = await startServer((req, res) =>
      req.url?.startsWith('/missing')
        ? json(res, 404, { kind: 'Status', code: 404, message: 'nope' })
        : json(res, 200, { ok: true }, { 'x-echo': `seen ${token}` }),
    );
    servers.push(s);
    const conn = await createConnection(kubeconfigFor(s.url, '', `token: ${token}`, 'ctx-a'), 'ctx-a');
    await conn.request('/api/v1/pods', { query: { limit: 500 } });
    await assert.rejects(conn.request('/missing'));
    assert.equal(entries.length, 2);
    const [ok, missing] = entries;
    assert.equal(ok?.context, 'ctx-a');
    assert.equal(ok?.method, 'GET');
    assert.equal(ok?.url, `${s.url}/api/v1/pods?limit=500`);
    assert.equal(ok?.status, 200);
    assert.equal(ok?.statusText, 'OK');
    assert.ok((ok?.ms ?? -1) >= 0);
    assert.equal(ok?.requestHeaders['Authorization'], 'Bearer <masked>');
    // a server echoing the token in a header: redacted in the log
    assert.equal(ok?.responseHeaders['x-echo'], 'seen [redacted]');
    assert.equal(missing?.status, 404);
    assert.ok(!JSON.stringify(entries).includes(token));
  });

  it('a request that fails before any response is logged with its typed error', async () => {
    const s = await startServer((_req, res) => res.end());
    await s.close(); // nothing listens on the port any more
    const conn = await createConnection(kubeconfigFor(s.url, '', 'token: t', 'down'), 'down');
    await assert.rejects(conn.request('/version', { retry: false }));
    assert.ok(entries.length >= 1);
    assert.equal(entries[0]?.status, undefined);
    assert.match(entries[0]?.error ?? '', /refused/);
  });

  it('masks every credential header whatever its scheme, and user info in URLs', () => {
    assert.deepEqual(
      safeHeaders(
        {
          Authorization: 'Basic YWRtaW46cGFzcw==',
          'Proxy-Authorization': 'Bearer x',
          cookie: 'session=abc',
          Accept: 'application/json',
        },
        [],
      ),
      {
        Authorization: 'Basic <masked>',
        'Proxy-Authorization': 'Bearer <masked>',
        cookie: '<masked>',
        Accept: 'application/json',
      },
    );
    assert.equal(
      safeUrl(new URL('https://admin:pw@k8s.example:6443/api'), []),
      'https://k8s.example:6443/api',
    );
  });

  it('no logger, no entries (and a logger that throws never breaks a request)', async () => {
    const s = await startServer((_req, res) => json(res, 200, {}));
    servers.push(s);
    setRequestLogger(() => {
      throw new Error('logger bug');
    });
    const conn = await createConnection(kubeconfigFor(s.url, '', 'token: t', 'b'), 'b');
    assert.equal((await conn.request('/version')).status, 200);
    setRequestLogger(undefined);
    assert.equal((await conn.request('/version')).status, 200);
    assert.equal(entries.length, 0);
  });
});

describe('request log lines (formatRequestLog)', () => {
  const entry: RequestLogEntry = {
    context: 'eu-west',
    method: 'GET',
    url: 'https://10.0.0.1:6443/api/v1/pods?limit=500',
    status: 200,
    statusText: 'OK',
    ms: 12.4,
    requestHeaders: { Accept: 'application/json', Authorization: 'Bearer <masked>' },
    responseHeaders: { 'content-type': 'application/json' },
  };

  it('level 6: one line per request, as kubectl words it, naming the context', () => {
    assert.deepEqual(formatRequestLog(entry, 6), [
      '[eu-west] GET https://10.0.0.1:6443/api/v1/pods?limit=500 200 OK in 12 milliseconds',
    ]);
    assert.deepEqual(formatRequestLog({ ...entry, status: undefined, error: 'connection refused' }, 6), [
      '[eu-west] GET https://10.0.0.1:6443/api/v1/pods?limit=500 (failed: connection refused) in 12 milliseconds',
    ]);
  });

  it('level 7 adds the request headers, level 8 the response headers', () => {
    assert.equal(formatRequestLog(entry, 7).length, 4);
    assert.deepEqual(formatRequestLog(entry, 8).slice(1), [
      '[eu-west] Request Headers:',
      '[eu-west]     Accept: application/json',
      '[eu-west]     Authorization: Bearer <masked>',
      '[eu-west] Response Headers:',
      '[eu-west]     content-type: application/json',
    ]);
  });
});
