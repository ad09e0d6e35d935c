import assert from 'node:assert/strict';
import net from 'node:net';
import https from 'node:https';
import { startFleet, type Fleet, type SimCluster } from '../src/index.js';
import { get, watch } from './helpers.js';

/** Observable behaviour of each fault through a real HTTPS client that trusts the fleet CA. */
describe('faults', function () {
  this.timeout(20_000);
  let fleet: Fleet;
  let c: SimCluster;

  before(async () => {
    fleet = await startFleet({
      clusters: ['alpha', 'beta', 'gamma'],
      podsPerCluster: 20,
      faults: { gamma: 'error:503' },
    });
    c = fleet.cluster('alpha');
  });
  afterEach(() => fleet.setFault('alpha', undefined));
  after(() => fleet?.stop());

  it('starts with the faults given in the options', async () => {
    const r = await get(fleet, fleet.cluster('gamma'), '/api/v1/pods');
    assert.equal(r.status, 503);
    assert.equal(r.json().kind, 'Status');
    assert.equal(r.json().code, 503);
    assert.equal(r.json().reason, 'ServiceUnavailable');
    assert.deepEqual(fleet.cluster('gamma').fault, { errorStatus: 503 });
  });

  it('latency delays the answer (a client with a shorter deadline gives up)', async () => {
    fleet.setFault('alpha', 'latency:400ms');
    await assert.rejects(get(fleet, c, '/version', { timeoutMs: 50 }), /timeout after 50 ms/);
    const r = await get(fleet, c, '/version', { timeoutMs: 10_000 });
    assert.equal(r.status, 200);
  });

  it('down refuses connections, and the same port serves again on recovery', async () => {
    fleet.setFault('alpha', 'down');
    await assert.rejects(
      get(fleet, c, '/version'),
      (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED',
    );
    fleet.setFault('alpha', undefined);
    let r;
    for (let i = 0; i < 50 && !r; i++) {
      r = await get(fleet, c, '/version').catch(() =>
        new Promise((res) => setTimeout(res, 20)).then(() => undefined),
      );
    }
    assert.equal(r?.status, 200);
  });

  it('a cluster can start down and come up on its reserved port', async () => {
    const f2 = await startFleet({ clusters: ['d'], podsPerCluster: 5, faults: { d: 'down' } });
    try {
      const d = f2.cluster('d');
      assert.ok(d.port > 0);
      await assert.rejects(
        get(f2, d, '/version'),
        (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED',
      );
      f2.setFault('d', undefined);
      let r;
      for (let i = 0; i < 50 && !r; i++) {
        r = await get(f2, d, '/version').catch(() =>
          new Promise((res) => setTimeout(res, 20)).then(() => undefined),
        );
      }
      assert.equal(r?.status, 200);
    } finally {
      await f2.stop();
    }
  });

  it('hang accepts the connection and never answers; stop() still closes promptly', async () => {
    const f2 = await startFleet({ clusters: ['h'], podsPerCluster: 5, faults: { h: 'hang' } });
    const h = f2.cluster('h');
    // the TCP connection is accepted
    await new Promise<void>((resolve, reject) => {
      const s = net.connect(h.port, '127.0.0.1', () => {
        s.destroy();
        resolve();
      });
      s.on('error', reject);
    });
    await assert.rejects(get(f2, h, '/version', { timeoutMs: 300 }), /timeout after 300 ms/);
    const pending = get(f2, h, '/api/v1/pods');
    await new Promise((r) => setTimeout(r, 100));
    await f2.stop();
    await assert.rejects(pending, /socket hang up|ECONNRESET/);
  });

  it('stall-body sends status and headers, then part of the body, then nothing', async () => {
    fleet.setFault('alpha', 'stall-body');
    const got = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = https.get(
        `${c.server}/api/v1/pods`,
        { ca: fleet.caPem, agent: false, headers: { Authorization: `Bearer ${c.token}` } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => reject(new Error('body ended')));
          setTimeout(() => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body });
          }, 300);
        },
      );
      req.on('error', () => undefined);
    });
    assert.equal(got.status, 200);
    assert.ok(got.body.startsWith('{"kind":"PodList"'));
    assert.throws(() => JSON.parse(got.body));
  });

  it('error:500 answers every request with that status and a Status body', async () => {
    fleet.setFault('alpha', 'error:500');
    for (const p of ['/api/v1/pods', '/apis']) {
      const r = await get(fleet, c, p);
      assert.equal(r.status, 500);
      assert.deepEqual(
        { kind: r.json().kind, code: r.json().code, reason: r.json().reason },
        { kind: 'Status', code: 500, reason: 'InternalError' },
      );
    }
  });

  it('throttle answers 429 with Retry-After: 1', async () => {
    fleet.setFault('alpha', 'throttle');
    const r = await get(fleet, c, '/api/v1/pods');
    assert.equal(r.status, 429);
    assert.equal(r.headers['retry-after'], '1');
    assert.equal(r.json().reason, 'TooManyRequests');
  });

  it('garbage answers 200 with a body that is not JSON', async () => {
    fleet.setFault('alpha', 'garbage');
    const r = await get(fleet, c, '/api/v1/pods');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.throws(() => r.json(), SyntaxError);
  });

  it('bad-cert serves a certificate the kubeconfig CA does not trust', async () => {
    fleet.setFault('alpha', 'bad-cert');
    await assert.rejects(get(fleet, c, '/version'), (err: NodeJS.ErrnoException) =>
      /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED|CERT_SIGNATURE_FAILURE/.test(
        String(err.code),
      ),
    );
    fleet.setFault('alpha', undefined);
    assert.equal((await get(fleet, c, '/version')).status, 200);
  });

  it('forbid answers 403 on lists but still serves discovery and gets', async () => {
    fleet.setFault('alpha', 'forbid');
    const r = await get(fleet, c, '/api/v1/namespaces/production/pods');
    assert.equal(r.status, 403);
    assert.match(
      r.json().message,
      /^pods is forbidden: User "alpha-admin" cannot list resource "pods" in API group "" in the namespace "production"$/,
    );
    assert.equal((await get(fleet, c, '/api/v1')).status, 200);
    assert.equal((await get(fleet, c, '/api/v1/namespaces/production')).status, 200);
  });

  it('unauthorized answers 401 even with a valid token', async () => {
    fleet.setFault('alpha', 'unauthorized');
    const r = await get(fleet, c, '/version');
    assert.equal(r.status, 401);
    assert.equal(r.json().message, 'Unauthorized');
  });

  it('drop-watch breaks watch streams after the given time', async () => {
    fleet.setFault('alpha', 'drop-watch:200ms');
    const w = watch(fleet, c, `/api/v1/pods?watch=1&resourceVersion=${c.store.resourceVersion}`);
    assert.equal(await w.status, 200);
    assert.equal(await w.ended, 'error');
  });

  it('huge-body streams an endless 200 body without blocking the server', async () => {
    fleet.setFault('alpha', 'huge-body');
    const received = await new Promise<number>((resolve, reject) => {
      const req = https.get(
        `${c.server}/api/v1/pods`,
        { ca: fleet.caPem, agent: false, headers: { Authorization: `Bearer ${c.token}` } },
        (res) => {
          let n = 0;
          res.on('data', (d: Buffer) => {
            n += d.length;
            if (n > 2_000_000) {
              req.destroy();
              resolve(n);
            }
          });
          res.on('end', () => reject(new Error('huge body ended')));
        },
      );
      req.on('error', () => undefined);
    });
    assert.ok(received > 2_000_000);
    // other clusters are unaffected meanwhile
    assert.equal((await get(fleet, fleet.cluster('beta'), '/version')).status, 200);
  });

  it('combined faults apply together', async () => {
    fleet.setFault('alpha', 'latency:300ms+throttle');
    await assert.rejects(get(fleet, c, '/version', { timeoutMs: 50 }), /timeout/);
    assert.equal((await get(fleet, c, '/version')).status, 429);
  });

  it('setFault rejects unknown clusters and bad specs', () => {
    assert.throws(() => fleet.setFault('nope', 'down'), /no cluster "nope"/);
    assert.throws(() => fleet.setFault('alpha', 'explode'), /unknown fault "explode"/);
  });
});
