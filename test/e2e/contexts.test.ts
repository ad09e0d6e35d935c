/** `kubectl mc contexts` end to end: the built CLI against a simulated fleet with one cluster down. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

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

describe('kubectl mc contexts (built CLI vs simulated fleet)', function () {
  this.timeout(60_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 4, faults: { 'ap-south-prod': 'down' } });
    env = { ...process.env, KUBECONFIG: fleet.kubeconfigPath, NO_COLOR: '1' };
  });
  after(async () => {
    await fleet?.stop();
  });

  it('lists every context with its cluster, server, user and namespace; no check when piped', async () => {
    const out = await run(['contexts'], env);
    assert.equal(out.code, 0, out.stderr);
    const t = parseTable(out.stdout);
    assert.deepEqual(t.headers, ['CURRENT', 'NAME', 'CLUSTER', 'SERVER', 'USER', 'NAMESPACE']);
    assert.deepEqual(
      t.rows.map((r) => r[1]),
      [...CLUSTERS, fleet.restrictedContext],
    );
    const first = t.rows[0];
    assert.equal(first?.[0], '*');
    assert.equal(first?.[2], 'us-east-prod');
    assert.equal(first?.[3], fleet.cluster('us-east-prod').server);
    assert.equal(t.rows.filter((r) => r[0] === '*').length, 1);
    // no secret from the kubeconfig is ever printed
    const token = fleet.cluster('eu-west-prod').token;
    if (token) assert.ok(!out.stdout.includes(token));
    assert.ok(readFileSync(fleet.kubeconfigPath, 'utf8').length > 0);
  });

  it('--check adds STATUS, VERSION, LATENCY and NODES; the down cluster is named on stderr, exit 1', async () => {
    const out = await run(['contexts', '--check', '--request-timeout', '3s'], env);
    assert.equal(out.code, 1, out.stderr);
    const t = parseTable(out.stdout);
    assert.deepEqual(t.headers.slice(6), ['STATUS', 'VERSION', 'LATENCY', 'NODES']);
    const byName = new Map(t.rows.map((r) => [r[1], r]));
    const ok = byName.get('us-east-prod');
    assert.equal(ok?.[6], 'ok');
    assert.match(ok?.[7] ?? '', /^v1\.\d+\.\d+/);
    assert.match(ok?.[8] ?? '', /^\d+ms$/);
    assert.match(ok?.[9] ?? '', /^\d+\/\d+$/);
    assert.equal(byName.get('ap-south-prod')?.[6], 'Unreachable');
    // the restricted user may not list nodes: the check still passes, without node counts
    assert.equal(byName.get(fleet.restrictedContext)?.[6], 'ok');
    assert.equal(byName.get(fleet.restrictedContext)?.[9], '');
    assert.equal(out.stderr.trim().split('\n').length, 1);
    assert.match(out.stderr, /^error: context "ap-south-prod": Unreachable: /);
  });

  it('on a terminal, --check is the default and the status is coloured unless NO_COLOR', async () => {
    const cmd = `${bin} contexts --clusters us-east-prod --request-timeout 3s`;
    const tty = await new Promise<string>((resolve) => {
      execFile(
        'script',
        ['-q', '-e', '-c', cmd, '/dev/null'],
        { env: { ...env, NO_COLOR: undefined, TERM: 'xterm' }, timeout: 60_000 },
        (_e, stdout) => resolve(stdout),
      );
    });
    assert.match(tty, /STATUS\s+VERSION\s+LATENCY\s+NODES/);
    assert.ok(tty.includes('\x1b[32mok\x1b[39m'), JSON.stringify(tty));
    const plain = await new Promise<string>((resolve) => {
      execFile(
        'script',
        ['-q', '-e', '-c', cmd, '/dev/null'],
        { env: { ...env, NO_COLOR: '1', TERM: 'xterm' }, timeout: 60_000 },
        (_e, stdout) => resolve(stdout),
      );
    });
    assert.match(plain, /STATUS/);
    assert.ok(!plain.includes('\x1b[32m'));
  });

  it('-o json with --check gives structured results; --ignore-failures exits 0', async () => {
    const out = await run(
      ['contexts', '--check', '-o', 'json', '--clusters', 'us-east-prod,ap-south-prod', '--ignore-failures'],
      env,
    );
    assert.equal(out.code, 0, out.stderr);
    const list = JSON.parse(out.stdout) as Array<{
      name: string;
      current: boolean;
      server: string;
      check: { status: string; nodesTotal?: number; error?: string };
    }>;
    assert.deepEqual(
      list.map((c) => [c.name, c.current, c.check.status]),
      [
        ['us-east-prod', true, 'ok'],
        ['ap-south-prod', false, 'Unreachable'],
      ],
    );
    assert.equal(typeof list[0]?.check.nodesTotal, 'number');
    assert.ok(list[1]?.check.error);
  });

  it('--no-check -o json has no check; a bad -o is a usage error (exit 2)', async () => {
    const out = await run(['contexts', '--no-check', '-o', 'json'], env);
    assert.equal(out.code, 0);
    const list = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
    assert.equal(list.length, CLUSTERS.length + 1);
    assert.ok(list.every((c) => !('check' in c)));
    const bad = await run(['contexts', '-o', 'yaml'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^error: /);
  });
});
