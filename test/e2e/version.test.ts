/**
 * `kubectl mc version` end to end: the built CLI against a simulated fleet of mixed versions, each row
 * checked against what the real `kubectl version -o json` says of that cluster, with the skew warnings
 * computed from the real kubectl's client version, and down/forbidden clusters named.
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
    execFile(cmd, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

function parseTable(lines: string[]): { headers: string[]; rows: string[][] } {
  const header = lines[0] ?? '';
  const starts: number[] = [];
  const re = /(?:^|\s{2,})(\S)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) starts.push(m.index + m[0].length - 1);
  const cut = (line: string) =>
    starts.map((s, i) => line.slice(s, i + 1 < starts.length ? starts[i + 1] : undefined).trim());
  return { headers: cut(header), rows: lines.slice(1).map(cut) };
}

const minorOf = (v: { major?: string; minor?: string; gitVersion?: string }): number => {
  const m = /^(\d+)/.exec(v.minor ?? '') ?? /^v?\d+\.(\d+)/.exec(v.gitVersion ?? '');
  assert.ok(m, `a minor version in ${JSON.stringify(v)}`);
  return Number(m[1]);
};

describe('kubectl mc version (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(120_000);
  // staging v1.33.1-sim and dev v1.30.9-sim are the regional defaults; legacy is far behind any kubectl.
  const ANSWER = ['us-east-prod', 'staging', 'dev', 'legacy'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let kubectlClient: { gitVersion?: string; minor?: string };

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({
      clusters: [...ANSWER, 'gone', 'denied'],
      podsPerCluster: 2,
      versions: { legacy: 'v1.25.16' },
      faults: { gone: 'down', denied: 'error:403' },
    });
    env = { ...process.env, KUBECONFIG: fleet.kubeconfigPath, NO_COLOR: '1' };
    const client = await run('kubectl', ['version', '--client', '-o', 'json'], env);
    assert.equal(client.code, 0, client.stderr);
    kubectlClient = (JSON.parse(client.stdout) as { clientVersion: typeof kubectlClient }).clientVersion;
  });
  after(async () => {
    await fleet?.stop();
  });

  it("prints each cluster's server version as kubectl sees it, and warns of the skew kubectl would", async () => {
    const out = await run(bin, ['version', '--clusters', ANSWER.join(',')], env);
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout.split('\n').filter((l) => l !== '');
    assert.match(lines[0] ?? '', /^kubectl-mc Version: v\d+\.\d+\.\d+/);
    assert.equal(lines[1], `Client Version: ${kubectlClient.gitVersion}`);
    const t = parseTable(lines.slice(2));
    assert.deepEqual(t.headers, ['CLUSTER', 'SERVER VERSION', 'PLATFORM', 'GO VERSION']);
    assert.deepEqual(
      t.rows.map((r) => r[0]),
      ANSWER,
    );
    const skewed: string[] = [];
    for (const row of t.rows) {
      const ctx = row[0]!;
      const real = await run('kubectl', ['version', '-o', 'json', '--context', ctx], env);
      const server = (JSON.parse(real.stdout) as { serverVersion: Record<string, string> }).serverVersion;
      assert.deepEqual(row.slice(1), [server.gitVersion, server.platform, server.goVersion], ctx);
      if (Math.abs(minorOf(server) - minorOf(kubectlClient)) > 1) skewed.push(ctx);
    }
    assert.ok(skewed.includes('legacy'), 'v1.25 is outside any current kubectl skew');
    const warnings = out.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    const clientMinor = `1.${minorOf(kubectlClient)}`;
    assert.deepEqual(
      warnings.filter((w) => w.includes('between client')),
      skewed.map(
        (ctx) =>
          `warning: context "${ctx}": version difference between client (${clientMinor}) and server (1.${minorOf(
            { gitVersion: t.rows.find((r) => r[0] === ctx)?.[1] ?? '' },
          )}) exceeds the supported minor version skew of +/-1`,
      ),
    );
    assert.deepEqual(
      warnings.filter((w) => w.includes('apart')),
      [
        'warning: the selected clusters are more than one minor version apart: oldest "legacy" (v1.25.16), newest "staging" (v1.33.1-sim)',
      ],
    );
  });

  it('no fleet warning when the clusters are within one minor of each other', async () => {
    const out = await run(bin, ['version', '--clusters', 'us-east-prod,staging'], env);
    assert.equal(out.code, 0, out.stderr);
    assert.doesNotMatch(out.stderr, /apart/);
  });

  it('-o json: clientVersion as kubectl reports it and per-cluster serverVersion, errors for failures', async () => {
    const out = await run(
      bin,
      ['version', '--all-clusters', '--exclude', '*-restricted', '-o', 'json', '--request-timeout', '5s'],
      env,
    );
    assert.equal(out.code, 1, out.stderr);
    const doc = JSON.parse(out.stdout) as {
      kubectlMcVersion: string;
      clientVersion: Record<string, string>;
      clientVersionSource: string;
      clusters: Array<{ context: string; serverVersion?: Record<string, string>; error?: { kind: string } }>;
      warnings: string[];
    };
    assert.equal(doc.clientVersionSource, 'kubectl');
    assert.equal(doc.clientVersion.gitVersion, kubectlClient.gitVersion);
    assert.deepEqual(
      doc.clusters.map((c) => c.context),
      [...ANSWER, 'gone', 'denied'],
    );
    for (const c of doc.clusters.slice(0, ANSWER.length)) {
      const real = await run('kubectl', ['version', '-o', 'json', '--context', c.context], env);
      assert.deepEqual(
        c.serverVersion,
        (JSON.parse(real.stdout) as { serverVersion: unknown }).serverVersion,
      );
    }
    assert.equal(doc.clusters[4]?.error?.kind, 'Unreachable');
    assert.equal(doc.clusters[5]?.error?.kind, 'Forbidden');
    assert.ok(doc.warnings.some((w) => w.includes('"legacy"')));
  });

  it('names the down and the forbidden cluster on stderr, prints the rest, exits 1', async () => {
    const out = await run(
      bin,
      ['version', '--clusters', 'us-east-prod,gone,denied', '--request-timeout', '5s'],
      env,
    );
    assert.equal(out.code, 1, out.stderr);
    const t = parseTable(
      out.stdout
        .split('\n')
        .filter((l) => l !== '')
        .slice(2),
    );
    assert.deepEqual(
      t.rows.map((r) => r[0]),
      ['us-east-prod'],
    );
    const errors = out.stderr.split('\n').filter((l) => l.startsWith('error: '));
    assert.equal(errors.length, 2, out.stderr);
    assert.match(errors[0] ?? '', /^error: context "gone": /);
    assert.match(errors[1] ?? '', /^error: context "denied": Error from server \(Forbidden\): /);
  });

  it('--client asks no cluster; without kubectl on PATH the targeted version stands in', async () => {
    const client = await run(bin, ['version', '--client', '--context', 'gone'], env);
    assert.equal(client.code, 0, client.stderr);
    assert.deepEqual(client.stdout.split('\n').filter((l) => l !== '').length, 2);
    assert.match(client.stdout, new RegExp(`^Client Version: ${kubectlClient.gitVersion ?? ''}$`, 'm'));
    const bare = await run(process.execPath, [bin, 'version', '--client', '-o', 'json'], {
      ...env,
      PATH: '/nonexistent',
    });
    assert.equal(bare.code, 0, bare.stderr);
    const doc = JSON.parse(bare.stdout) as {
      clientVersion: { gitVersion: string };
      clientVersionSource: string;
    };
    assert.equal(doc.clientVersionSource, 'target');
    assert.match(doc.clientVersion.gitVersion, /^v1\.\d+\.\d+$/);
  });
});
