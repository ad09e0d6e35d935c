import assert from 'node:assert/strict';
import https from 'node:https';
import { startFleet, type Fleet, type SimCluster } from '../src/index.js';
import { credentials, get, type Reply } from './helpers.js';

function send(fleet: Fleet, c: SimCluster, method: string, path: string, body?: unknown): Promise<Reply> {
  const creds = credentials(fleet, c);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${c.server}${path}`,
      {
        method,
        ca: fleet.caPem,
        agent: false,
        headers: {
          Accept: 'application/json',
          'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
          'Content-Length': String(data === undefined ? 0 : Buffer.byteLength(data)),
          ...(creds.token ? { Authorization: `Bearer ${creds.token}` } : {}),
        },
        ...(creds.cert ?? {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function until(what: string, test: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`never: ${what}`);
}

describe('sim DELETE, as kube-apiserver and its garbage collector', () => {
  let fleet: Fleet;
  let c: SimCluster;
  const cm = (name: string) => `/api/v1/namespaces/default/configmaps/${name}`;
  const add = (name: string, extra: Record<string, unknown> = {}) =>
    c.store.add('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'default', ...extra },
      data: { v: '1' },
    });

  before(async () => {
    fleet = await startFleet({ clusters: ['us-east-prod'], podsPerCluster: 6 });
    c = fleet.cluster('us-east-prod');
  });
  after(() => fleet?.stop());

  it('deletes at once with a Success Status; 404 after; dryRun=All keeps it', async () => {
    const uid = add('a').metadata.uid;
    const dry = await send(fleet, c, 'DELETE', cm('a'), {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      dryRun: ['All'],
    });
    assert.equal(dry.status, 200, dry.text);
    assert.equal((await get(fleet, c, cm('a'))).status, 200);
    const r = await send(fleet, c, 'DELETE', cm('a'));
    assert.equal(r.status, 200);
    assert.deepEqual(r.json(), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'a', kind: 'configmaps', uid },
    });
    assert.equal((await get(fleet, c, cm('a'))).status, 404);
    const again = await send(fleet, c, 'DELETE', cm('a'));
    assert.equal(again.status, 404);
    assert.equal(again.json<{ reason: string }>().reason, 'NotFound');
  });

  it('refuses a bad policy and a stale uid precondition', async () => {
    add('b');
    const bad = await send(fleet, c, 'DELETE', `${cm('b')}?propagationPolicy=Sometimes`);
    assert.equal(bad.status, 422);
    const stale = await send(fleet, c, 'DELETE', cm('b'), { preconditions: { uid: 'not-it' } });
    assert.equal(stale.status, 409);
    assert.match(
      stale.json<{ message: string }>().message,
      /Precondition failed: UID in precondition: not-it/,
    );
    assert.equal((await get(fleet, c, cm('b'))).status, 200);
  });

  it('keeps an object with finalizers terminating until a patch removes the last', async () => {
    add('held', { finalizers: ['example.com/a'] });
    const r = await send(fleet, c, 'DELETE', cm('held'));
    assert.equal(r.status, 200);
    const body = r.json<{ metadata: { deletionTimestamp?: string; finalizers: string[] } }>();
    assert.ok(body.metadata.deletionTimestamp);
    assert.deepEqual(body.metadata.finalizers, ['example.com/a']);
    assert.equal((await get(fleet, c, cm('held'))).status, 200);
    const more = await send(fleet, c, 'PATCH', cm('held'), {
      metadata: { finalizers: ['example.com/a', 'x/b'] },
    });
    assert.equal(more.status, 422);
    assert.match(
      more.json<{ message: string }>().message,
      /no new finalizers can be added if the object is being deleted/,
    );
    const p = await send(fleet, c, 'PATCH', cm('held'), { metadata: { finalizers: null } });
    assert.equal(p.status, 200);
    assert.equal((await get(fleet, c, cm('held'))).status, 404);
  });

  const rsOf = (deploy: string) =>
    c.store
      .list('replicasets', 'production')
      .filter((rs) => rs.metadata.name.startsWith(`${deploy}-`))
      .map((rs) => rs.metadata['ownerReferences'] as { name: string }[] | undefined);

  it('Background: the owner goes at once, then its ReplicaSets and their pods', async () => {
    assert.equal(rsOf('web').length, 1);
    const r = await send(fleet, c, 'DELETE', '/apis/apps/v1/namespaces/production/deployments/web', {
      propagationPolicy: 'Background',
    });
    assert.equal(r.json<{ kind: string }>().kind, 'Status');
    await until('the ReplicaSets are collected', () => Promise.resolve(rsOf('web').length === 0));
    assert.equal(
      c.store.list('pods', 'production').filter((p) => p.metadata.name.startsWith('web-')).length,
      0,
    );
  });

  it('Foreground answers with the terminating owner, which goes after its dependents', async () => {
    const path = '/apis/apps/v1/namespaces/production/deployments/api';
    const r = await send(fleet, c, 'DELETE', path, { propagationPolicy: 'Foreground' });
    assert.deepEqual(r.json<{ metadata: { finalizers: string[] } }>().metadata.finalizers, [
      'foregroundDeletion',
    ]);
    await until('the owner is gone', async () => (await get(fleet, c, path)).status === 404);
    assert.equal(rsOf('api').length, 0);
  });

  it('Orphan keeps the dependents without their owner reference', async () => {
    const path = '/apis/apps/v1/namespaces/production/deployments/payment';
    const r = await send(fleet, c, 'DELETE', path, { propagationPolicy: 'Orphan' });
    assert.deepEqual(r.json<{ metadata: { finalizers: string[] } }>().metadata.finalizers, ['orphan']);
    await until('the owner is gone', async () => (await get(fleet, c, path)).status === 404);
    assert.deepEqual(rsOf('payment'), [undefined]);
  });
});
