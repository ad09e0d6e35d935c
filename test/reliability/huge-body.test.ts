/**
 * An API server that answers with an endless body: the response is cut with a clear InvalidResponse
 * error, the other clusters still print, and memory stays bounded — at the CLI by the process's memory
 * budget (320 MiB, reached before the 256 MiB cap), and in core by a small cap (request bodies and
 * stream lines).
 */
import assert from 'node:assert/strict';
import { ClusterError, createConnection, loadKubeconfig } from '@kubectl-mc/core';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { assertBuilt, assertNoStack, cliEnv, failedContexts, runCli } from './helpers.js';

const CLUSTERS = ['hb-one', 'hb-two', 'hb-three', 'hb-four', 'hb-huge'];

describe('reliability: huge and endless response bodies', function () {
  this.timeout(90_000);
  let fleet: Fleet;

  before(async () => {
    assertBuilt();
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 4, faults: { 'hb-huge': 'huge-body' } });
  });
  after(async () => {
    await fleet?.stop();
  });

  it('get: the endless body ends in InvalidResponse (the memory budget), the rest print, RSS bounded', async () => {
    const r = await runCli(
      ['get', 'pods', '-A', '--clusters', CLUSTERS.join(','), '--request-timeout', '60s'],
      {
        env: cliEnv({ KUBECONFIG: fleet.kubeconfigPath }),
        measureRss: true,
        timeoutMs: 80_000,
      },
    );
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(failedContexts(r.stderr), ['hb-huge']);
    assert.match(
      r.stderr,
      /context "hb-huge": InvalidResponse: the response does not fit the memory budget of 320 MiB shared by all clusters/,
    );
    for (const c of CLUSTERS.slice(0, 4)) assert.match(r.stdout, new RegExp(`^${c}\\s`, 'm'));
    assertNoStack(r.stderr);
    const mib = (r.peakRssKiB ?? 0) / 1024;
    console.log(`      endless body to the memory budget: ${r.ms} ms, peak RSS ${mib.toFixed(0)} MiB`);
    // the body is buffered up to the budget of the whole process, then dropped: never unbounded
    assert.ok(mib > 0 && mib < 512, `peak RSS ${mib.toFixed(0)} MiB`);
  });

  it('core: a 1 MiB cap cuts a request body and a stream line with InvalidResponse naming the cap', async () => {
    const loaded = loadKubeconfig({ kubeconfig: fleet.kubeconfigPath });
    const conn = await createConnection(loaded, 'hb-huge', { maxResponseBytes: 1024 * 1024 });
    const heap0 = process.memoryUsage().heapUsed;
    try {
      await assert.rejects(conn.request('/api/v1/pods'), (e: unknown) => {
        assert.ok(e instanceof ClusterError, String(e));
        assert.equal(e.kind, 'InvalidResponse');
        assert.equal(e.context, 'hb-huge');
        assert.match(e.message, /response larger than 1 MiB/);
        return true;
      });
      await assert.rejects(
        (async () => {
          for await (const _ of conn.stream('/api/v1/pods', { query: { watch: 'true' } })) void _;
        })(),
        (e: unknown) => {
          assert.ok(e instanceof ClusterError, String(e));
          assert.equal(e.kind, 'InvalidResponse');
          assert.match(e.message, /stream line larger than 1 MiB/);
          return true;
        },
      );
    } finally {
      conn.close();
    }
    const grown = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
    assert.ok(grown < 64, `heap grew ${grown.toFixed(0)} MiB for a 1 MiB cap`);
  });
});
