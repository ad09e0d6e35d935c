/**
 * 200 clusters, 10% of them faulty, at --concurrency 16: the command finishes, prints exactly the
 * healthy clusters' rows, names each faulty one, and its memory stays bounded (peak RSS from
 * /proc/<pid>/status VmHWM; the figure is printed, the bound asserted is deliberately loose).
 * Timing and memory figures over more runs live in bench/scale.js.
 */
import assert from 'node:assert/strict';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { assertBuilt, assertNoStack, cliEnv, failedContexts, runCli } from './helpers.js';

const N = 200;
const FAULT_KINDS = [
  'down',
  'hang',
  'error:500',
  'garbage',
  'unauthorized',
  'bad-cert',
  'throttle',
  'stall-body',
];
/** loose on purpose: a regression to "one buffer per cluster kept forever" or a leak shows up far above it */
const RSS_BOUND_MIB = 600;

describe('reliability: 200 clusters, 10% faulty, --concurrency 16', function () {
  this.timeout(120_000);
  let fleet: Fleet;
  const faulty = new Map<string, string>();

  before(async () => {
    assertBuilt();
    const names = Array.from({ length: N }, (_, i) => `c-${String(i + 1).padStart(3, '0')}`);
    names.forEach((n, i) => {
      if (i % 10 === 7) faulty.set(n, FAULT_KINDS[((i / 10) % FAULT_KINDS.length) | 0]!);
    });
    fleet = await startFleet({ clusters: names, podsPerCluster: 8, faults: Object.fromEntries(faulty) });
  });
  after(async () => {
    await fleet?.stop();
  });

  it('finishes with every healthy row, names the 20 faulty clusters, exit 1, bounded memory', async () => {
    const r = await runCli(
      [
        'get',
        'pods',
        '-A',
        '--all-clusters',
        '--exclude',
        '*-restricted',
        '--concurrency',
        '16',
        '--request-timeout',
        '2s',
      ],
      {
        env: cliEnv({ KUBECONFIG: fleet.kubeconfigPath }),
        measureRss: true,
        timeoutMs: 100_000,
      },
    );
    assert.equal(r.code, 1, r.stderr.slice(0, 2000));
    assert.deepEqual(failedContexts(r.stderr).sort(), [...faulty.keys()].sort());
    const rows = r.stdout.split('\n').filter((l) => l.trim() !== '' && !/^CLUSTER\s/.test(l));
    const perCluster = new Map<string, number>();
    for (const l of rows) {
      const c = l.split(/\s+/)[0] ?? '';
      perCluster.set(c, (perCluster.get(c) ?? 0) + 1);
    }
    for (const c of fleet.clusters) {
      const want = faulty.has(c.name) ? 0 : c.store.list('pods').length;
      assert.equal(perCluster.get(c.name) ?? 0, want, `rows of ${c.name}`);
    }
    assertNoStack(r.stderr);
    const peakMiB = (r.peakRssKiB ?? 0) / 1024;
    console.log(
      `      200 clusters (20 faulty): ${rows.length} rows in ${r.ms} ms, peak RSS ${peakMiB.toFixed(0)} MiB`,
    );
    assert.ok(r.peakRssKiB !== undefined && peakMiB > 10, 'peak RSS was measured');
    assert.ok(peakMiB < RSS_BOUND_MIB, `peak RSS ${peakMiB.toFixed(0)} MiB`);
  });
});
