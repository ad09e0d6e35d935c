/**
 * Output piped into a slow reader (`| less`, `| grep` on a busy machine) is complete: the CLI must not
 * exit while stdout still holds unwritten data. The reader here stalls (see runSlowReader): everything
 * the CLI printed must still arrive.
 * Cause and fix: docs/reliability.md, known bug R5.
 */
import assert from 'node:assert/strict';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { assertBuilt, cliEnv, itKnownBug, spawnCli } from './helpers.js';

const CLUSTERS = ['p-one', 'p-two', 'p-three', 'p-four', 'p-down'];

describe('reliability: stdout into a slow pipe', function () {
  this.timeout(60_000);
  let fleet: Fleet;

  before(async () => {
    assertBuilt();
    // ~250 KB of table: several times a pipe's 64 KiB buffer
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 300, faults: { 'p-down': 'down' } });
  });
  after(async () => {
    await fleet?.stop();
  });

  /**
   * Run with a stalled consumer: it starts reading only when the process has exited, or after 2 s
   * (a pager the user has not scrolled yet). A CLI that exits with unwritten output loses it; a correct
   * one waits for the reader and then exits with everything delivered.
   */
  async function runSlowReader(args: string[]): Promise<{ code: number | null; stdout: string }> {
    const child = spawnCli(args, { env: cliEnv({ KUBECONFIG: fleet.kubeconfigPath }) });
    child.stdout.pause();
    child.stderr.resume();
    const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([code, new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]);
    clearTimeout(timer);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stdout.resume();
    await new Promise<void>((resolve) => child.stdout.on('end', () => resolve()));
    return { code: await code, stdout: Buffer.concat(chunks).toString('utf8') };
  }

  const expectedRows = () =>
    CLUSTERS.filter((c) => c !== 'p-down').reduce(
      (n, c) => n + fleet.cluster(c).store.list('pods').length,
      0,
    );

  for (const [label, clusters, exit] of [
    ['every cluster answered (exit 0)', CLUSTERS.slice(0, 4), 0],
    ['a cluster failed (exit 1)', CLUSTERS, 1],
  ] as const) {
    itKnownBug('R5', `get pods -A | slow reader: every row arrives when ${label}`, async () => {
      const r = await runSlowReader([
        'get',
        'pods',
        '-A',
        '--clusters',
        clusters.join(','),
        '--request-timeout',
        '3s',
      ]);
      assert.equal(r.code, exit);
      const rows = r.stdout.split('\n').filter((l) => l.trim() !== '' && !/^CLUSTER\s/.test(l));
      assert.ok(r.stdout.endsWith('\n'), `output cut mid-line after ${r.stdout.length} bytes`);
      assert.equal(rows.length, expectedRows(), `rows received (of ${r.stdout.length} bytes)`);
    });
  }
});
