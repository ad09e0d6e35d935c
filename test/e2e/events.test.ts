/**
 * `kubectl mc events` end to end: the built `kubectl-mc` against a simulated fleet, each cluster's rows
 * checked against what the real `kubectl events` prints for it, the fleet-wide order by last seen,
 * --for, --types, -w with an event created during the watch, failing clusters and escaping.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
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

/** Split an aligned table into cells by the header's column starts. */
function parseTable(text: string): { headers: string[]; rows: string[][] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0] ?? '';
  const starts: number[] = [];
  const re = /(?:^|\s{2,})(\S)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) starts.push(m.index + m[0].length - 1);
  const cut = (line: string) =>
    starts.map((s, i) => line.slice(s, i + 1 < starts.length ? starts[i + 1] : undefined).trim());
  return { headers: cut(header), rows: lines.slice(1).map(cut) };
}

const sorted = (rows: string[][]) => rows.map((r) => r.join('\t')).sort();

interface EventJson {
  metadata: { annotations?: Record<string, string> };
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { lastObservedTime?: string } | null;
}

/** kubectl's sort key, computed here independently of core. */
function lastSeenMs(e: EventJson): number {
  const t = e.series ? e.series.lastObservedTime : e.lastTimestamp || e.eventTime;
  return t ? Date.parse(t) : Number.NEGATIVE_INFINITY;
}

function until(what: string, test: () => boolean, out: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  return (async () => {
    while (!test()) {
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; output:\n${out()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
}

describe('kubectl mc events (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 12 });
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

  const mc = (...args: string[]) => run(bin, ['events', ...args, '--clusters', CLUSTERS.join(',')], env);
  const kubectl = (...args: string[]) => run('kubectl', ['events', ...args], env);

  /**
   * For every cluster, mc's rows minus CLUSTER are kubectl's rows (as a set: kubectl's sort is not
   * stable on equal times), headers included. Ages tick by the minute for every event at once; a pair
   * of listings that straddles that instant is taken again (at most three times).
   */
  async function assertEquivalent(args: string[]): Promise<number> {
    let last = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const [out, ...reals] = await Promise.all([
        mc(...args),
        ...CLUSTERS.map((ctx) => kubectl(...args, '--context', ctx)),
      ]);
      assert.equal(out?.code, 0, `kubectl mc events ${args.join(' ')}: ${out?.stderr}`);
      const mine = parseTable(out.stdout);
      assert.equal(mine.headers[0], 'CLUSTER');
      let rows = 0;
      let same = true;
      CLUSTERS.forEach((ctx, i) => {
        const real = reals[i]!;
        assert.equal(real.code, 0, real.stderr);
        const theirs = real.stdout.trim() === '' ? { headers: [], rows: [] } : parseTable(real.stdout);
        const ours = mine.rows.filter((r) => r[0] === ctx).map((r) => r.slice(1));
        if (theirs.rows.length > 0) assert.deepEqual(mine.headers.slice(1), theirs.headers);
        if (JSON.stringify(sorted(ours)) !== JSON.stringify(sorted(theirs.rows))) {
          same = false;
          last = `${ctx}:\n${sorted(ours).join('\n')}\n--- kubectl:\n${sorted(theirs.rows).join('\n')}`;
        }
        rows += ours.length;
      });
      if (same) {
        assert.equal(mine.rows.length, rows, 'every row belongs to a selected cluster');
        return rows;
      }
    }
    assert.fail(`rows differ from kubectl events ${args.join(' ')}: ${last}`);
  }

  it('equals real kubectl per cluster: events -A', async () => {
    assert.ok((await assertEquivalent(['-A'])) > 20);
  });

  it('equals real kubectl per cluster: events -n production', async () => {
    assert.ok((await assertEquivalent(['-n', 'production'])) > 5);
  });

  it('equals real kubectl per cluster: events -A --types Warning', async () => {
    const n = await assertEquivalent(['-A', '--types', 'Warning']);
    assert.ok(n > 0);
    const out = await mc('-A', '--types', 'warning', '--no-headers');
    assert.equal(out.stdout.split('\n').filter((l) => l !== '').length, n, '--no-headers: rows only');
    assert.ok(out.stdout.split('\n').every((l) => l === '' || /\sWarning\s/.test(l)));
  });

  it('equals real kubectl per cluster: --for pod/NAME and --for deploy/NAME', async () => {
    const store = fleet.cluster('eu-west-prod').store;
    const about = (kind: string) =>
      store
        .list('events', 'production')
        .map((e) => (e as unknown as { involvedObject: { kind: string; name: string } }).involvedObject)
        .find((o) => o.kind === kind);
    const pod = about('Pod');
    const deploy = about('Deployment');
    assert.ok(pod && deploy);
    assert.ok((await assertEquivalent(['-n', 'production', '--for', `pod/${pod.name}`])) >= 1);
    // the same Deployment name exists on both clusters: each answers with its own
    assert.ok((await assertEquivalent(['-n', 'production', '--for', `deploy/${deploy.name}`])) >= 1);
  });

  it('sorts by last seen across the whole fleet, not cluster by cluster', async () => {
    const out = await mc('-A', '-o', 'json');
    assert.equal(out.code, 0, out.stderr);
    const items = (JSON.parse(out.stdout) as { items: EventJson[] }).items;
    for (let i = 1; i < items.length; i++)
      assert.ok(lastSeenMs(items[i - 1]!) <= lastSeenMs(items[i]!), `item ${i} is out of order`);
    const contexts = items.map((e) => e.metadata.annotations?.['kubectl-mc.io/context']);
    const switches = contexts.filter((c, i) => i > 0 && c !== contexts[i - 1]).length;
    assert.ok(switches > 2, `clusters interleave (${switches} switches)`);
    // the table is in the same order as the JSON
    const table = parseTable((await mc('-A')).stdout);
    assert.deepEqual(
      table.rows.map((r) => r[0]),
      contexts,
    );
  });

  it('-w prints the list, then an event created during the watch, until Ctrl-C (exit 130)', async () => {
    const child = spawn(bin, ['events', '-A', '-w', '--clusters', CLUSTERS.join(',')], { env });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    await until(
      'the initial table',
      () => /^CLUSTER\s+NAMESPACE\s+LAST SEEN/.test(stdout) && stdout.includes('eu-west-prod'),
      () => stdout,
    );
    fleet.cluster('eu-west-prod').store.add('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'watch-probe.1', namespace: 'default' },
      involvedObject: { kind: 'Node', name: 'eu-west-prod-worker-01', apiVersion: 'v1' },
      reason: 'WatchProbe',
      message: 'created during the watch',
      type: 'Normal',
      count: 1,
      firstTimestamp: new Date().toISOString(),
      lastTimestamp: new Date().toISOString(),
      source: { component: 'e2e' },
    });
    await until(
      'the watched event',
      () =>
        /\neu-west-prod\s+default\s+\d+s\s+Normal\s+WatchProbe\s+Node\/eu-west-prod-worker-01\s+created during the watch\n/.test(
          stdout,
        ),
      () => stdout,
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    assert.equal(stdout.match(/WatchProbe/g)?.length, 1, 'printed once');
  });
});

describe('kubectl mc events with failing clusters', function () {
  this.timeout(60_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    fleet = await startFleet({
      clusters: ['us-east-prod', 'dev'],
      podsPerCluster: 8,
      faults: { dev: 'down' },
    });
    env = { ...process.env, KUBECONFIG: fleet.kubeconfigPath, NO_COLOR: '1' };
  });
  after(async () => {
    await fleet?.stop();
  });

  it('names a down and a forbidden cluster on stderr after the table, exit 1', async () => {
    const out = await run(bin, ['events', '-A', '--all-clusters'], env);
    assert.equal(out.code, 1);
    assert.match(out.stdout, /^CLUSTER\s+NAMESPACE\s+LAST SEEN/);
    assert.match(out.stdout, /\nus-east-prod\s/);
    assert.doesNotMatch(out.stdout, /\n(dev|us-east-prod-restricted)\s/);
    assert.match(out.stderr, /error: context "dev": /);
    assert.match(out.stderr, /error: context "us-east-prod-restricted": Error from server \(Forbidden\): /);
  });

  it('prints control characters from a cluster escaped', async () => {
    fleet.cluster('us-east-prod').store.add('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'evil.1', namespace: 'evil' },
      involvedObject: { kind: 'Pod', name: 'evil\x1b[31m', apiVersion: 'v1', namespace: 'evil' },
      reason: 'Evil\x07',
      message: 'clear\x1b[2J\x1b]0;pwned\x07 done\u202e',
      type: 'Warning',
      count: 1,
      lastTimestamp: new Date().toISOString(),
    });
    const out = await run(bin, ['events', '-n', 'evil', '--context', 'us-east-prod'], env);
    assert.equal(out.code, 0, out.stderr);
    for (const raw of ['\x07', '\x1b', '\u202e'])
      assert.ok(!out.stdout.includes(raw), 'no raw control character');
    assert.match(out.stdout, /Evil\^G\s+Pod\/evil\^\[\[31m\s+clear\^\[\[2J\^\[\]0;pwned\^G done\\u202e\n/);
  });
});
