import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { ClusterError } from '../../src/errors.js';
import { closeAllConnections, createConnection } from '../../src/transport/index.js';
import { b64, issue, json, kubeconfigFor, makeCA, startServer } from './helpers.js';
import type { CA, Pem, TestServer } from './helpers.js';

/**
 * A CONNECT proxy that sends every tunnel to 127.0.0.1 (so names like kube.internal work through it),
 * or answers every CONNECT with `refuse` when set.
 */
async function connectProxy(opts: { refuse?: number } = {}) {
  const connects: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const tunnels: net.Socket[] = [];
  const proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(String(req.url));
    authorizations.push(req.headers['proxy-authorization']);
    tunnels.push(client);
    if (opts.refuse !== undefined) {
      client.end(`HTTP/1.1 ${opts.refuse} ${http.STATUS_CODES[opts.refuse]}\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    const port = Number(String(req.url).split(':').pop());
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const port = (proxy.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    authorizations,
    close: async () => {
      for (const t of tunnels) t.destroy();
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    },
  };
}

describe('transport through an HTTP proxy (CONNECT tunnels)', function () {
  let ca: CA;
  let serverPem: Pem;
  const servers: TestServer[] = [];
  const proxies: { close: () => Promise<void> }[] = [];

  before(() => {
    ca = makeCA('proxy-ca');
    serverPem = issue(ca, 'apiserver', 'server', ['kube.internal']);
  });
  afterEach(async () => {
    closeAllConnections();
    await Promise.all([...servers.splice(0), ...proxies.splice(0)].map((s) => s.close()));
  });

  async function tlsServer(handler: http.RequestListener): Promise<TestServer> {
    const s = await startServer(handler, { cert: serverPem.cert, key: serverPem.key });
    servers.push(s);
    return s;
  }
  async function proxyServer(opts: { refuse?: number } = {}) {
    const p = await connectProxy(opts);
    proxies.push(p);
    return p;
  }
  const caData = () => `certificate-authority-data: ${b64(ca.cert)}`;

  it('reaches the cluster through an http proxy-url with CONNECT, one tunnel for keep-alive requests', async () => {
    const s = await tlsServer((_req, res) => json(res, 200, { via: 'tunnel' }));
    const proxy = await proxyServer();
    const conn = await createConnection(
      kubeconfigFor(s.url, `${caData()}, proxy-url: "${proxy.url}"`, 'token: t'),
      'test',
    );
    assert.deepEqual((await conn.request('/api')).body, { via: 'tunnel' });
    assert.deepEqual((await conn.request('/apis')).body, { via: 'tunnel' });
    assert.deepEqual(proxy.connects, [`127.0.0.1:${s.port}`]);
    assert.deepEqual(proxy.authorizations, [undefined]);
  });

  it('tunnels to an http:// server too, and sends the proxy URL credentials as Proxy-Authorization', async () => {
    const s = await startServer((_req, res) => json(res, 200, { via: 'plain tunnel' }));
    servers.push(s);
    const proxy = await proxyServer();
    const conn = await createConnection(
      kubeconfigFor(s.url, `proxy-url: "http://al%40ice:p%3Ass@127.0.0.1:${proxy.port}"`, 'token: t'),
      'test',
    );
    assert.deepEqual((await conn.request('/api')).body, { via: 'plain tunnel' });
    assert.deepEqual(proxy.connects, [`127.0.0.1:${s.port}`]);
    assert.deepEqual(proxy.authorizations, [`Basic ${b64('al@ice:p:ss')}`]);
  });

  it('a proxy that refuses the tunnel is an Unreachable error naming the proxy status', async () => {
    const s = await tlsServer((_req, res) => json(res, 200, {}));
    const proxy = await proxyServer({ refuse: 407 });
    const conn = await createConnection(
      kubeconfigFor(s.url, `${caData()}, proxy-url: "${proxy.url}"`, 'token: t'),
      'test',
    );
    const err = await conn.request('/api').then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ClusterError);
    assert.equal(err.kind, 'Unreachable');
    assert.match(err.message, new RegExp(`^proxy refused CONNECT to 127\\.0\\.0\\.1:${s.port}: HTTP 407\\b`));
  });

  it('only http:// proxies: another scheme is an Unreachable error for that context', async () => {
    await assert.rejects(
      createConnection(kubeconfigFor('https://kube.internal', caData(), 'token: t'), 'test', {
        env: { HTTPS_PROXY: 'socks5://127.0.0.1:1080' },
      }),
      (e: unknown) =>
        e instanceof ClusterError &&
        e.kind === 'Unreachable' &&
        e.message === 'HTTPS_PROXY scheme "socks5:" is not supported (only http:// proxies)',
    );
  });

  it('without proxy-url, uses HTTPS_PROXY like kubectl, but never for loopback (NO_PROXY: unit-tested)', async () => {
    const s = await tlsServer((_req, res) => json(res, 200, { via: 'env-proxy' }));
    const proxy = await proxyServer();
    const named = kubeconfigFor(`https://kube.internal:${s.port}`, caData(), 'token: t');
    const viaEnv = await createConnection(named, 'test', { env: { HTTPS_PROXY: proxy.url } });
    assert.deepEqual((await viaEnv.request('/api')).body, { via: 'env-proxy' });
    assert.deepEqual(proxy.connects, [`kube.internal:${s.port}`]);
    viaEnv.close();
    // Loopback is never proxied.
    const loop = await createConnection(kubeconfigFor(s.url, caData(), 'token: t'), 'test', {
      env: { HTTPS_PROXY: proxy.url },
    });
    assert.deepEqual((await loop.request('/api')).body, { via: 'env-proxy' });
    loop.close();
    assert.equal(proxy.connects.length, 1);
  });
});
