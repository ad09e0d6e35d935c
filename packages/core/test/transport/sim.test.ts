import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startFleet } from '@kubectl-mc/sim';
import type { Fleet } from '@kubectl-mc/sim';
import { fanOut, fanOutCollect } from '../../src/fanout/index.js';
import { loadKubeconfig, selectContexts } from '../../src/kubeconfig/index.js';
import type { LoadedKubeconfig } from '../../src/kubeconfig/index.js';
import { closeAllConnections, getConnection, preloadTransport } from '../../src/transport/index.js';

interface PodList {
  kind: string;
  items: { metadata: { name: string; namespace: string } }[];
}

const FAULTS: Record<string, string> = {
  down: 'down',
  hang: 'hang',
  err: 'error:500',
  throttle: 'throttle',
  garbage: 'garbage',
  badcert: 'bad-cert',
  unauth: 'unauthorized',
  forbid: 'forbid',
  huge: 'huge-body',
  stall: 'stall-body',
  slow: 'latency:300ms',
};
const EXPECTED: Record<string, string> = {
  ok: 'ok',
  certuser: 'ok',
  slow: 'ok',
  down: 'Unreachable',
  hang: 'Timeout',
  err: 'ServerError',
  throttle: 'Throttled',
  garbage: 'InvalidResponse',
  badcert: 'Unreachable',
  unauth: 'Unauthorized',
  forbid: 'Forbidden',
  huge: 'InvalidResponse',
  stall: 'Timeout',
};

describe('transport + fan-out against the simulated fleet', function () {
  this.timeout(30_000);
  let fleet: Fleet;
  let loaded: LoadedKubeconfig;

  before(async () => {
    fleet = await startFleet({ clusters: Object.keys(EXPECTED), faults: FAULTS, podsPerCluster: 5 });
    loaded = loadKubeconfig({ kubeconfig: fleet.kubeconfigPath, env: {} });
    // The deadlines below measure the clusters, not the first load of client-node on a busy machine.
    preloadTransport();
  });
  after(async () => {
    closeAllConnections();
    await fleet?.stop();
  });

  it('every cluster yields its value or the error kind its fault calls for, within the deadline', async () => {
    const contexts = selectContexts(loaded, { allClusters: true, exclude: [fleet.restrictedContext] });
    assert.deepEqual(contexts, Object.keys(EXPECTED));
    const before = fs.statSync(fleet.kubeconfigPath).mtimeMs;
    const results = await fanOutCollect(
      contexts,
      async (context, signal) => {
        const conn = await getConnection(loaded, context, { maxResponseBytes: 1024 * 1024 });
        return (await conn.request<PodList>('/api/v1/pods', { signal })).body;
      },
      { timeoutMs: 3000 },
    );
    const kinds = Object.fromEntries(results.map((r) => [r.context, r.ok ? 'ok' : r.error.kind]));
    assert.deepEqual(kinds, EXPECTED);
    for (const r of results) {
      if (r.ok) {
        assert.equal(r.value.kind, 'PodList');
        assert.ok(r.value.items.length > 0);
      } else {
        assert.equal(r.error.context, r.context);
        assert.ok(!r.error.message.includes('\n'));
        for (const c of fleet.clusters) if (c.token) assert.ok(!r.error.message.includes(c.token));
      }
    }
    const byCtx = new Map(results.map((r) => [r.context, r]));
    const msg = (c: string) => {
      const r = byCtx.get(c);
      return r && !r.ok ? r.error.message : '';
    };
    assert.match(msg('badcert'), /certificate/);
    assert.match(msg('huge'), /response larger than 1 MiB/);
    assert.match(msg('throttle'), /Too many requests/);
    assert.equal(fs.statSync(fleet.kubeconfigPath).mtimeMs, before);
  });

  it('streams watch events and stops at once on abort', async () => {
    const conn = await getConnection(loaded, 'ok');
    const list = (await conn.request<PodList & { metadata: { resourceVersion: string } }>('/api/v1/pods'))
      .body;
    const victim = list.items[0]?.metadata;
    assert.ok(victim);
    const ac = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      try {
        for await (const ev of conn.stream<{ type: string; object: { metadata: { name: string } } }>(
          `/api/v1/namespaces/${victim.namespace}/pods`,
          { query: { watch: 1, resourceVersion: list.metadata.resourceVersion }, signal: ac.signal },
        )) {
          seen.push(`${ev.type} ${ev.object.metadata.name}`);
          if (seen.length === 1) ac.abort();
        }
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(fleet.cluster('ok').store.delete('pods', victim.namespace, victim.name));
    const err = (await watching) as { kind?: string } | undefined;
    assert.equal(err?.kind, 'Cancelled');
    assert.deepEqual(seen, [`DELETED ${victim.name}`]);
  });

  it('a cancelled fan-out over the fleet ends promptly with one result per context', async () => {
    const ac = new AbortController();
    const contexts = selectContexts(loaded, { clusters: ['hang', 'stall', 'ok'] });
    const got: string[] = [];
    for await (const r of fanOut(
      contexts,
      async (context, signal) => (await getConnection(loaded, context)).request('/api/v1/pods', { signal }),
      { signal: ac.signal, timeoutMs: 0 },
    )) {
      got.push(`${r.context}:${r.ok ? 'ok' : r.error.kind}`);
      if (r.context === 'ok') ac.abort();
    }
    assert.deepEqual(got.sort(), ['hang:Cancelled', 'ok:ok', 'stall:Cancelled']);
  });
});
