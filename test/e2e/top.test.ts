/**
 * `kubectl mc top pods|nodes` end to end: the built `kubectl-mc` against a simulated fleet whose clusters
 * serve metrics.k8s.io, checked row for row against the real `kubectl top` on each cluster; a cluster
 * without the metrics API, a down one and a forbidden one are named on stderr while the others print.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Whitespace-split lines (no cell of these tables holds a space). */
const cells = (text: string): string[][] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/));

describe('kubectl mc top (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(120_000);
  const ORACLE = ['us-east-prod', 'eu-west-prod'];
  const ALL = [...ORACLE, 'no-metrics', 'down', 'forbidden'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({
      clusters: ALL,
      podsPerCluster: 70,
      noMetrics: ['no-metrics'],
      faults: { down: 'down', forbidden: 'forbid' },
    });
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await fleet?.stop();
  });

  const mc = (...args: string[]) => run(bin, ['top', ...args, '--request-timeout', '5s'], env);
  const kubectl = (...args: string[]) => run('kubectl', ['top', ...args], env);

  /** mc's rows for each oracle cluster, CLUSTER stripped, equal kubectl's rows on that cluster. */
  async function assertEquivalent(args: string[]): Promise<string[][]> {
    const [out, ...reals] = await Promise.all([
      mc(...args, '--clusters', ORACLE.join(',')),
      ...ORACLE.map((ctx) => kubectl(...args, '--context', ctx)),
    ]);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stderr, '');
    const [header, ...rows] = cells(out.stdout);
    assert.equal(header?.[0], 'CLUSTER');
    ORACLE.forEach((ctx, i) => {
      const real = reals[i]!;
      assert.equal(real.code, 0, real.stderr);
      const [realHeader, ...realRows] = cells(real.stdout);
      assert.deepEqual(header?.slice(1), realHeader, `${args.join(' ')}: headers`);
      const mine = rows.filter((r) => r[0] === ctx).map((r) => r.slice(1));
      assert.ok(mine.length > 0, `${ctx} printed rows`);
      assert.deepEqual(mine, realRows, `${args.join(' ')} on ${ctx}`);
    });
    return rows;
  }

  it('top pods -A: each cluster its rows as kubectl top prints them', async () => {
    const rows = await assertEquivalent(['pods', '-A']);
    assert.ok(rows.some((r) => /^\d+m$/.test(r[3]!) && /^\d+Mi$/.test(r[4]!)));
  });

  it('top pods in a namespace, with a selector, per container, and the pod / po aliases', async () => {
    await assertEquivalent(['pods', '-n', 'kube-system']);
    await assertEquivalent(['pod', '-A', '-l', 'app=api']);
    await assertEquivalent(['po', '-A', '--containers']);
  });

  it('top nodes: CPU and memory with percent of allocatable; node / no aliases', async () => {
    const rows = await assertEquivalent(['nodes']);
    assert.ok(rows.every((r) => r.length === 6));
    await assertEquivalent(['no', '-l', 'node-role.kubernetes.io/worker=']);
  });

  it('--sort-by memory and cpu sort across the fleet, largest first', async () => {
    const bytes = (c: string) => Number(c.replace(/Mi$/, ''));
    const milli = (c: string) => Number(c.replace(/m$/, ''));
    const out = await mc('pods', '-A', '--sort-by', 'memory', '--clusters', ORACLE.join(','));
    assert.equal(out.code, 0, out.stderr);
    const rows = cells(out.stdout).slice(1);
    const mem = rows.map((r) => bytes(r[4]!));
    assert.deepEqual(
      mem,
      [...mem].sort((a, b) => b - a),
    );
    // interleaved: not one cluster after the other
    const firstOther = rows.findIndex((r) => r[0] !== rows[0]![0]);
    const lastFirst = rows.map((r) => r[0]).lastIndexOf(rows[0]![0]);
    assert.ok(firstOther < lastFirst, 'clusters are interleaved by memory');
    // the same rows as unsorted, per cluster the same as kubectl's --sort-by memory (as sets: ties may differ)
    const plain = cells((await mc('pods', '-A', '--clusters', ORACLE.join(','))).stdout).slice(1);
    assert.deepEqual([...rows].sort(), [...plain].sort());
    for (const ctx of ORACLE) {
      const real = cells((await kubectl('pods', '-A', '--sort-by', 'memory', '--context', ctx)).stdout).slice(
        1,
      );
      const realMem = real.map((r) => bytes(r[3]!));
      assert.deepEqual(
        realMem,
        [...realMem].sort((a, b) => b - a),
      );
      assert.deepEqual(
        rows.filter((r) => r[0] === ctx).map((r) => bytes(r[4]!)),
        realMem,
        `${ctx}: the same memory order as kubectl`,
      );
    }
    const nodes = cells((await mc('nodes', '--sort-by', 'cpu', '--clusters', ORACLE.join(','))).stdout).slice(
      1,
    );
    const known = nodes.filter((r) => r[2] !== '<unknown>').map((r) => milli(r[2]!));
    assert.deepEqual(
      known,
      [...known].sort((a, b) => b - a),
    );
  });

  it("names the cluster without metrics in kubectl's words, and a down and a forbidden one; exit 1", async () => {
    const real = await kubectl('pods', '-A', '--context', 'no-metrics');
    assert.equal(real.code, 1);
    assert.equal(real.stderr.trim(), 'error: Metrics API not available');
    for (const what of ['pods', 'nodes']) {
      const out = await mc(what, ...(what === 'pods' ? ['-A'] : []), '--clusters', ALL.join(','));
      assert.equal(out.code, 1, out.stderr);
      const printed = new Set(
        cells(out.stdout)
          .slice(1)
          .map((r) => r[0]),
      );
      assert.deepEqual([...printed].sort(), [...ORACLE].sort());
      const lines = out.stderr.trim().split('\n');
      assert.ok(lines.includes('error: context "no-metrics": Metrics API not available'), out.stderr);
      assert.ok(
        lines.some((l) => l.startsWith('error: context "down": ')),
        out.stderr,
      );
      assert.ok(
        lines.some((l) => l.startsWith('error: context "forbidden": Error from server (Forbidden): ')),
        out.stderr,
      );
      assert.equal(lines.length, 3, out.stderr);
    }
    const ignored = await mc('nodes', '--clusters', 'us-east-prod,no-metrics', '--ignore-failures');
    assert.equal(ignored.code, 0);
  });

  it('--no-headers, --sum, an empty namespace and a bad --sort-by as kubectl', async () => {
    const out = await mc('pods', '-A', '--no-headers', '--clusters', 'us-east-prod');
    const real = await kubectl('pods', '-A', '--no-headers', '--context', 'us-east-prod');
    assert.deepEqual(
      cells(out.stdout).map((r) => r.slice(1)),
      cells(real.stdout),
    );
    const sum = cells((await mc('pods', '-n', 'production', '--sum', '--clusters', 'us-east-prod')).stdout);
    const realSum = cells(
      (await kubectl('pods', '-n', 'production', '--sum', '--context', 'us-east-prod')).stdout,
    );
    assert.deepEqual(sum.slice(-2), realSum.slice(-2));
    const empty = await mc('pods', '-n', 'nosuch', '--clusters', ORACLE.join(','));
    assert.equal(empty.code, 0);
    assert.equal(empty.stdout, '');
    assert.equal(empty.stderr.trim(), 'No resources found in nosuch namespace.');
    const bad = await mc('pods', '--sort-by', 'name', '--clusters', 'us-east-prod');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--sort-by accepts only cpu or memory/);
  });
});
