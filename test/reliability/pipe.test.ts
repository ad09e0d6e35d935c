/**
 * Output piped into a slow reader (`| less`, `| grep` on a busy machine) is complete: the CLI must not
 * exit while stdout still holds unwritten data. The reader here stalls (see runSlowReader): everything
 * the CLI printed must still arrive.
 * History: docs/reliability.md, R5.
 */
import assert from 'node:assert/strict';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { assertBuilt, cliEnv, spawnCli } from './helpers.js';

const CLUSTERS = ['p-one', 'p-two', 'p-three', 'p-four', 'p-down'];

describe('reliability: stdout into a slow pipe', function () {
  this.timeout(60_000);
  let fleet: Fleet;

  before(async () => {
    assertBuilt();
    // ~440 KB of table: more than the ~180 KB a socketpair (Node's 'pipe' stdio) holds with no reader
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 1000, faults: { 'p-down': 'down' } });
  });
  after(async () => {
    await fleet?.stop();
  });

  /**
   * Run with a stalled consumer: it starts reading only when the process has exited, or after 2 s
   * (a pager the user has not scrolled yet). A CLI that exits with unwritten output loses it; a correct
   * one waits for the reader and then exits with everything delivered.
   * The 'data' listener is attached before the pause: when a child exits, Node resumes its stdout
   * streams, and a stream without a listener then drops what the pipe held (that, not the CLI, was
   * what the first version of this test saw as R5).
   */
  async function runSlowReader(args: string[]): Promise<{ code: number | null; stdout: string }> {
    const child = spawnCli(args, { env: cliEnv({ KUBECONFIG: fleet.kubeconfigPath }) });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stdout.pause();
    child.stderr.resume();
    const ended = new Promise<void>((resolve) => child.stdout.on('end', () => resolve()));
    const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([code, new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]);
    clearTimeout(timer);
    child.stdout.resume();
    await ended;
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
    it(`get pods -A | slow reader: every row arrives when ${label}`, async () => {
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
