import assert from 'node:assert/strict';
import { ClusterApi, TABLE_ACCEPT } from '../../src/api/index.js';
import type { ResolvedResource } from '../../src/api/index.js';
import { ClusterError } from '../../src/errors.js';
import { FakeConnection, pods } from './fake.js';

const deploys: ResolvedResource = { ...pods, group: 'apps', resource: 'deployments', kind: 'Deployment' };
const nodes: ResolvedResource = { ...pods, resource: 'nodes', kind: 'Node', namespaced: false };
const cols = [
  { name: 'Name', type: 'string', format: 'name', priority: 0 },
  { name: 'IP', type: 'string', priority: 1 },
];

function page(names: string[], cont?: string, rv = '100') {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: rv, ...(cont ? { continue: cont } : {}) },
    columnDefinitions: cols,
    rows: names.map((n) => ({ cells: [n, '10.0.0.1'], object: { metadata: { name: n } } })),
  };
}

describe('api: lists, tables and pagination', () => {
  it('asks for Tables exactly as kubectl does, with limit=500 and the selectors', async () => {
    const conn = new FakeConnection('a', () => page(['x']));
    await new ClusterApi(conn).listTable(pods, {
      namespace: 'web',
      labelSelector: 'app=x',
      fieldSelector: 'status.phase=Running',
    });
    const call = conn.calls[0];
    assert.equal(call?.path, '/api/v1/namespaces/web/pods');
    assert.equal(call?.options?.accept, TABLE_ACCEPT);
    assert.equal(
      TABLE_ACCEPT,
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
    );
    assert.equal(call?.options?.query?.['limit'], 500);
    assert.equal(call?.options?.query?.['labelSelector'], 'app=x');
    assert.equal(call?.options?.query?.['fieldSelector'], 'status.phase=Running');
  });

  it('builds paths for all namespaces, groups and cluster-scoped resources', async () => {
    const conn = new FakeConnection('a', () => page([]));
    const api = new ClusterApi(conn);
    await api.listTable(pods, { allNamespaces: true });
    await api.listTable(deploys, {});
    await api.listTable(nodes, { namespace: 'ignored' });
    assert.deepEqual(
      conn.calls.map((c) => c.path),
      ['/api/v1/pods', '/apis/apps/v1/namespaces/default/deployments', '/api/v1/nodes'],
    );
  });

  it('follows continue tokens and keeps server order across pages', async () => {
    const conn = new FakeConnection('a', (_p, o) => {
      const c = o?.query?.['continue'];
      if (c === undefined) return page(['a', 'b'], 't1', '7');
      if (c === 't1') return page(['c', 'd'], 't2', '8');
      return page(['e'], undefined, '9');
    });
    const t = await new ClusterApi(conn).listTable(pods, { limit: 2 });
    assert.deepEqual(
      t.rows.map((r) => r.cells[0]),
      ['a', 'b', 'c', 'd', 'e'],
    );
    assert.equal(t.resourceVersion, '7');
    assert.equal(t.columns.length, 2);
    assert.equal(conn.calls.length, 3);
  });

  it('maxRows: a list with more rows than that, over its pages, is InvalidResponse; up to it is kept', async () => {
    const conn = new FakeConnection('a', (_p, o) =>
      o?.query?.['continue'] === undefined ? page(['a', 'b'], 't1') : page(['c', 'd']),
    );
    const api = new ClusterApi(conn);
    assert.equal((await api.listTable(pods, { limit: 2, maxRows: 4 })).rows.length, 4);
    await assert.rejects(
      api.listTable(pods, { limit: 2, maxRows: 3 }),
      (e: unknown) =>
        e instanceof ClusterError &&
        e.kind === 'InvalidResponse' &&
        /the list has more than 3 rows \(a page of 2\); narrow it/.test(e.message),
    );
    // a server ignoring limit: the one big page is refused
    const big = new FakeConnection('a', () => page(Array.from({ length: 50 }, (_, i) => `p${i}`)));
    await assert.rejects(new ClusterApi(big).listTable(pods, { maxRows: 10 }), /a page of 50/);
  });

  it("listTablePages hands over each page as it arrives, with the first page's columns", async () => {
    const seen: string[][] = [];
    let callsAtPage: number[] = [];
    const conn = new FakeConnection('a', (_p, o) => {
      const c = o?.query?.['continue'];
      if (c === undefined) return page(['a', 'b'], 't1', '7');
      return { ...page(['c'], undefined, '8'), columnDefinitions: [] };
    });
    const r = await new ClusterApi(conn).listTablePages(
      pods,
      { limit: 2 },
      (p) => {
        seen.push(p.rows.map((row) => String(row.cells[0])));
        callsAtPage.push(conn.calls.length);
        assert.equal(p.columns.length, 2);
      },
      () => {
        callsAtPage = [];
      },
    );
    assert.deepEqual(seen, [['a', 'b'], ['c']]);
    assert.deepEqual(callsAtPage, [1, 2], 'each page before the next is asked for');
    assert.equal(r.resourceVersion, '7');
  });

  it('restarts the list from the beginning when a continue token expired (410)', async () => {
    let expired = false;
    const conn = new FakeConnection('a', (_p, o) => {
      const c = o?.query?.['continue'];
      if (c === undefined) return page(expired ? ['a2', 'b2'] : ['a', 'b'], 't1');
      if (!expired) {
        expired = true;
        throw new ClusterError('Expired', 'a', 'continue token expired', { status: 410 });
      }
      return page(['c2']);
    });
    const t = await new ClusterApi(conn).listTable(pods, {});
    assert.deepEqual(
      t.rows.map((r) => r.cells[0]),
      ['a2', 'b2', 'c2'],
    );
  });

  it('gives up after repeated 410s with the Expired error', async () => {
    const conn = new FakeConnection('a', (_p, o) => {
      if (o?.query?.['continue'] === undefined) return page(['a'], 't');
      throw new ClusterError('Expired', 'a', 'expired', { status: 410 });
    });
    await assert.rejects(
      new ClusterApi(conn).listTable(pods, {}),
      (e: unknown) => e instanceof ClusterError && e.kind === 'Expired',
    );
  });

  it('falls back to NAME/AGE rows when the server answers objects instead of a Table', async () => {
    const created = new Date(Date.now() - 5 * 60_000 - 200).toISOString();
    const conn = new FakeConnection('a', () => ({
      kind: 'PodList',
      metadata: {},
      items: [{ metadata: { name: 'p', creationTimestamp: created } }],
    }));
    const t = await new ClusterApi(conn).listTable(pods, {});
    assert.deepEqual(
      t.columns.map((c) => c.name),
      ['Name', 'Age'],
    );
    assert.deepEqual(t.rows[0]?.cells, ['p', '5m']);
  });

  it('list returns full objects with apiVersion and kind filled in, across pages', async () => {
    const conn = new FakeConnection('a', (_p, o) => {
      assert.equal(o?.accept, 'application/json');
      if (o?.query?.['continue'] === undefined)
        return { metadata: { resourceVersion: '5', continue: 'n' }, items: [{ metadata: { name: 'a' } }] };
      return { metadata: { resourceVersion: '6' }, items: [{ metadata: { name: 'b' } }] };
    });
    const l = await new ClusterApi(conn).list(deploys, {});
    assert.equal(l.resourceVersion, '5');
    assert.deepEqual(l.items, [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'b' } },
    ]);
  });

  it('listPages hands over each page of objects as it arrives, and resets when a token expired', async () => {
    let expired = false;
    const conn = new FakeConnection('a', (_p, o) => {
      assert.equal(o?.accept, 'application/json');
      const c = o?.query?.['continue'];
      if (c === undefined)
        return {
          metadata: { resourceVersion: expired ? '9' : '5', continue: 'n' },
          items: [{ metadata: { name: 'a' } }],
        };
      if (!expired) {
        expired = true;
        throw new ClusterError('Expired', 'a', 'continue token expired', { status: 410 });
      }
      return { metadata: { resourceVersion: '10' }, items: [{ metadata: { name: 'b' } }] };
    });
    let pages: string[][] = [];
    const callsAtPage: number[] = [];
    const r = await new ClusterApi(conn).listPages(
      deploys,
      {},
      (items, cost) => {
        assert.ok(cost >= 0);
        callsAtPage.push(conn.calls.length);
        pages.push(items.map((i) => `${i.apiVersion} ${i.kind} ${i.metadata?.name ?? ''}`));
      },
      () => {
        pages = [];
      },
    );
    assert.deepEqual(pages, [['apps/v1 Deployment a'], ['apps/v1 Deployment b']]);
    assert.deepEqual(callsAtPage, [1, 3, 4], 'each page before the next is asked for');
    assert.equal(r.resourceVersion, '9');
  });

  it('getTable returns rows in the order asked and lists names not found', async () => {
    const conn = new FakeConnection('a', (path) => {
      const name = path.split('/').pop() ?? '';
      if (name === 'missing')
        throw new ClusterError('NotFound', 'a', 'pods "missing" not found', { status: 404 });
      return page([name]);
    });
    const t = await new ClusterApi(conn).getTable(pods, ['b', 'missing', 'a'], { namespace: 'ns' });
    assert.deepEqual(
      t.rows.map((r) => r.cells[0]),
      ['b', 'a'],
    );
    assert.deepEqual(t.notFound, ['missing']);
    assert.equal(conn.calls[0]?.path, '/api/v1/namespaces/ns/pods/b');
  });

  it('version reads /version', async () => {
    const conn = new FakeConnection('a', () => ({
      major: '1',
      minor: '31',
      gitVersion: 'v1.31.2',
      platform: 'linux/amd64',
    }));
    assert.deepEqual(await new ClusterApi(conn).version(), {
      major: '1',
      minor: '31',
      gitVersion: 'v1.31.2',
      platform: 'linux/amd64',
    });
    assert.equal(conn.calls[0]?.path, '/version');
  });
});
