import assert from 'node:assert/strict';
import { ClusterApi, checkCluster } from '../../src/api/index.js';
import type { WatchEvent, KubeObject, Table } from '../../src/api/index.js';
import { ClusterError } from '../../src/errors.js';
import { FakeConnection, pods } from './fake.js';

function obj(name: string, rv: string) {
  return { metadata: { name, resourceVersion: rv } };
}

async function take<T>(it: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) {
    out.push(x);
    if (out.length >= n) break;
  }
  return out;
}

describe('api: watch', () => {
  it('lists first (RELIST), then streams events from the list resourceVersion with bookmarks', async () => {
    const conn = new FakeConnection(
      'a',
      () => ({ metadata: { resourceVersion: '10' }, items: [obj('a', '9')] }),
      async function* () {
        yield { type: 'ADDED', object: obj('b', '11') };
        yield { type: 'BOOKMARK', object: obj('', '12') };
        yield { type: 'DELETED', object: obj('a', '13') };
      },
    );
    const events = await take(new ClusterApi(conn).watch<KubeObject>(pods, {}), 4);
    assert.deepEqual(
      events.map((e) => e.type),
      ['RELIST', 'ADDED', 'BOOKMARK', 'DELETED'],
    );
    const q = conn.streams[0]?.options?.query;
    assert.equal(q?.['resourceVersion'], '10');
    assert.equal(q?.['watch'], 'true');
    assert.equal(q?.['allowWatchBookmarks'], 'true');
    assert.equal((events[1] as { object: KubeObject }).object.kind, 'Pod');
  });

  it('reconnects after a broken stream from the last resourceVersion, yielding RECONNECTING', async () => {
    let n = 0;
    const conn = new FakeConnection(
      'a',
      () => ({}),
      async function* () {
        n++;
        if (n === 1) {
          yield { type: 'ADDED', object: obj('a', '21') };
          throw new ClusterError('Unreachable', 'a', 'connection reset');
        }
        yield { type: 'MODIFIED', object: obj('a', '22') };
      },
    );
    const events = await take(
      new ClusterApi(conn).watch<KubeObject>(pods, { resourceVersion: '20', backoffMs: 1 }),
      3,
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['ADDED', 'RECONNECTING', 'MODIFIED'],
    );
    const r = events[1] as Extract<WatchEvent<KubeObject>, { type: 'RECONNECTING' }>;
    assert.equal(r.attempt, 1);
    assert.equal(r.error.kind, 'Unreachable');
    assert.equal(conn.streams[1]?.options?.query?.['resourceVersion'], '21');
  });

  it('relists after a 410 ERROR event and resumes from the new list', async () => {
    let n = 0;
    const conn = new FakeConnection(
      'a',
      () => ({ metadata: { resourceVersion: '50' }, items: [obj('x', '49'), obj('y', '50')] }),
      async function* () {
        n++;
        if (n === 1) {
          yield {
            type: 'ERROR',
            object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' },
          };
          return;
        }
        yield { type: 'ADDED', object: obj('z', '51') };
      },
    );
    const events = await take(
      new ClusterApi(conn).watch<KubeObject>(pods, { resourceVersion: '1', backoffMs: 1 }),
      2,
    );
    assert.equal(events[0]?.type, 'RELIST');
    assert.equal((events[0] as { items: KubeObject[] }).items.length, 2);
    assert.equal(events[1]?.type, 'ADDED');
    assert.equal(conn.streams[1]?.options?.query?.['resourceVersion'], '50');
  });

  it('throws what retrying cannot fix (Forbidden)', async () => {
    const conn = new FakeConnection(
      'a',
      () => ({}),
      () => {
        throw new ClusterError('Forbidden', 'a', 'pods is forbidden', { status: 403 });
      },
    );
    await assert.rejects(take(new ClusterApi(conn).watch(pods, { resourceVersion: '1' }), 1), /forbidden/);
  });

  it('in table mode yields one-row Tables, keeping columns from the first event', async () => {
    const cols = [{ name: 'Name', type: 'string', format: 'name', priority: 0 }];
    const conn = new FakeConnection(
      'a',
      () => ({}),
      async function* () {
        yield {
          type: 'ADDED',
          object: { kind: 'Table', columnDefinitions: cols, rows: [{ cells: ['a'], object: obj('a', '2') }] },
        };
        yield {
          type: 'MODIFIED',
          object: { kind: 'Table', columnDefinitions: [], rows: [{ cells: ['a'], object: obj('a', '3') }] },
        };
      },
    );
    const events = await take(
      new ClusterApi(conn).watch<Table>(pods, { resourceVersion: '1', table: true }),
      2,
    );
    const t = (events[1] as { object: Table }).object;
    assert.deepEqual(t.columns, cols);
    assert.deepEqual(t.rows[0]?.cells, ['a']);
    assert.equal(t.resourceVersion, '3');
  });

  it('stops when its signal aborts', async () => {
    const ac = new AbortController();
    const conn = new FakeConnection(
      'a',
      () => ({}),
      () => ({
        [Symbol.asyncIterator]: () => ({
          next: () => Promise.reject(new ClusterError('Unreachable', 'a', 'down')),
        }),
      }),
    );
    const seen: string[] = [];
    for await (const e of new ClusterApi(conn).watch(pods, {
      resourceVersion: '1',
      signal: ac.signal,
      backoffMs: 1,
    })) {
      seen.push(e.type);
      if (seen.length === 2) ac.abort();
    }
    assert.deepEqual(seen, ['RECONNECTING', 'RECONNECTING']);
  });
});

describe('api: checkCluster', () => {
  it('reports version, latency and ready/total nodes', async () => {
    const conn = new FakeConnection('a', (path) => {
      if (path === '/version') return { gitVersion: 'v1.31.0', major: '1', minor: '31' };
      return {
        metadata: {},
        items: [
          { status: { conditions: [{ type: 'Ready', status: 'True' }] } },
          { status: { conditions: [{ type: 'Ready', status: 'False' }] } },
        ],
      };
    });
    const h = await checkCluster(conn);
    assert.equal(h.context, 'a');
    assert.equal(h.version, 'v1.31.0');
    assert.equal(h.nodesReady, 1);
    assert.equal(h.nodesTotal, 2);
    assert.ok(h.latencyMs >= 0);
  });

  it('leaves node counts out when nodes are forbidden, but fails when /version fails', async () => {
    const forbidden = new FakeConnection('r', (path) => {
      if (path === '/version') return { gitVersion: 'v1.30.1' };
      throw new ClusterError('Forbidden', 'r', 'nodes is forbidden', { status: 403 });
    });
    const h = await checkCluster(forbidden);
    assert.equal(h.nodesTotal, undefined);
    const down = new FakeConnection('d', () => {
      throw new ClusterError('Unreachable', 'd', 'connection refused');
    });
    await assert.rejects(
      checkCluster(down),
      (e: unknown) => e instanceof ClusterError && e.kind === 'Unreachable',
    );
  });
});
