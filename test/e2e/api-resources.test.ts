/**
 * `kubectl mc api-resources` end to end: the built CLI against a simulated fleet whose KubeFed CRD is on
 * some clusters only. For every cluster, the merged rows that list it must be exactly the rows the real
 * `kubectl api-resources --context X` prints, with the same flags, in the same order.
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

/** Cells by the header's column starts (SHORTNAMES, CATEGORIES and MISSING may be empty). */
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

const KUBECTL_HEADERS = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];

describe('kubectl mc api-resources (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(180_000);
  // KubeFed's types.kubefed.io is served by the -prod clusters only.
  const ANSWER = ['us-east-prod', 'eu-west-prod', 'staging', 'dev'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({
      clusters: [...ANSWER, 'gone', 'denied'],
      podsPerCluster: 2,
      faults: { gone: 'down', denied: 'error:403' },
    });
    env = { ...process.env, KUBECONFIG: fleet.kubeconfigPath, NO_COLOR: '1' };
  });
  after(async () => {
    await fleet?.stop();
  });

  /** Our -o wide rows that list `ctx` (it answered and is not MISSING), as kubectl's wide columns. */
  function rowsOf(ours: { headers: string[]; rows: string[][] }, ctx: string): string[][] {
    const missing = ours.headers.indexOf('MISSING');
    const verbs = ours.headers.indexOf('VERBS');
    return ours.rows
      .filter((r) => !(r[missing] ?? '').split(',').includes(ctx))
      .map((r) => [...r.slice(0, 5), r[verbs] ?? '', r[verbs + 1] ?? '']);
  }

  async function assertEquivalent(flags: string[]): Promise<void> {
    const out = await run(
      bin,
      ['api-resources', '--clusters', ANSWER.join(','), '-o', 'wide', ...flags],
      env,
    );
    assert.equal(out.code, 0, out.stderr);
    const ours = parseTable(out.stdout);
    assert.deepEqual(ours.headers, [...KUBECTL_HEADERS, 'CLUSTERS', 'VERBS', 'CATEGORIES', 'MISSING']);
    for (const ctx of ANSWER) {
      const real = await run('kubectl', ['api-resources', '--context', ctx, '-o', 'wide', ...flags], env);
      assert.equal(real.code, 0, real.stderr);
      const theirs = parseTable(real.stdout);
      if (theirs.rows.length > 0)
        assert.deepEqual(theirs.headers, [...KUBECTL_HEADERS, 'VERBS', 'CATEGORIES']);
      assert.deepEqual(rowsOf(ours, ctx), theirs.rows, `${flags.join(' ')} on ${ctx}`);
    }
    for (const r of ours.rows) {
      const missing = (r[8] ?? '').split(',').filter((c) => c !== '');
      assert.equal(r[5], `${ANSWER.length - missing.length}/${ANSWER.length}`, r.join(' '));
    }
  }

  const matrix: string[][] = [
    [],
    ['--namespaced=false'],
    ['--namespaced=true', '--api-group', 'apps'],
    ['--api-group', 'types.kubefed.io'],
    ['--api-group='],
    ['--verbs', 'list,watch'],
    ['--categories', 'all'],
    ['--sort-by', 'name'],
    ['--sort-by', 'kind'],
  ];
  for (const flags of matrix) {
    it(`equals real kubectl per cluster: api-resources -o wide ${flags.join(' ')}`, () =>
      assertEquivalent(flags));
  }

  it('shows the CRD missing from some clusters at a glance: CLUSTERS 2/4', async () => {
    const out = await run(bin, ['api-resources', '--clusters', ANSWER.join(',')], env);
    assert.equal(out.code, 0, out.stderr);
    const t = parseTable(out.stdout);
    assert.deepEqual(t.headers, [...KUBECTL_HEADERS, 'CLUSTERS']);
    const byName = new Map(t.rows.map((r) => [r[0], r]));
    assert.deepEqual(byName.get('federateddeployments'), [
      'federateddeployments',
      'fdeploy',
      'types.kubefed.io/v1beta1',
      'true',
      'FederatedDeployment',
      '2/4',
    ]);
    assert.equal(byName.get('pods')?.[5], '4/4');
    const wide = await run(bin, ['api-resources', '--clusters', ANSWER.join(','), '-o', 'wide'], env);
    const fed = parseTable(wide.stdout).rows.find((r) => r[0] === 'federateddeployments');
    assert.equal(fed?.[8], 'staging,dev');
  });

  it('-o name: the union of what kubectl prints per cluster; --no-headers drops the header only', async () => {
    const out = await run(bin, ['api-resources', '--clusters', ANSWER.join(','), '-o', 'name'], env);
    assert.equal(out.code, 0, out.stderr);
    const union = new Set<string>();
    for (const ctx of ANSWER) {
      const real = await run('kubectl', ['api-resources', '--context', ctx, '-o', 'name'], env);
      for (const l of real.stdout.split('\n')) if (l) union.add(l);
    }
    const ours = out.stdout.split('\n').filter((l) => l !== '');
    assert.deepEqual([...ours].sort(), [...union].sort());
    assert.ok(ours.includes('federateddeployments.types.kubefed.io') && ours.includes('deployments.apps'));
    const plain = await run(bin, ['api-resources', '--clusters', ANSWER.join(',')], env);
    const bare = await run(bin, ['api-resources', '--clusters', ANSWER.join(','), '--no-headers'], env);
    assert.equal(bare.stdout.split('\n').length, plain.stdout.split('\n').length - 1);
    assert.doesNotMatch(bare.stdout, /^NAME/);
  });

  it('names the down and the forbidden cluster on stderr, counts only those that answered, exits 1', async () => {
    const out = await run(
      bin,
      ['api-resources', '--clusters', 'us-east-prod,dev,gone,denied', '--request-timeout', '5s'],
      env,
    );
    assert.equal(out.code, 1, out.stderr);
    const t = parseTable(out.stdout);
    assert.equal(t.rows.find((r) => r[0] === 'pods')?.[5], '2/2');
    assert.equal(t.rows.find((r) => r[0] === 'federateddeployments')?.[5], '1/2');
    const errors = out.stderr.split('\n').filter((l) => l.startsWith('error: '));
    assert.equal(errors.length, 2, out.stderr);
    assert.match(errors[0] ?? '', /^error: context "gone": /);
    assert.match(errors[1] ?? '', /^error: context "denied": Error from server \(Forbidden\): /);
  });

  it('rejects an unknown output format and sort key as usage errors (exit 2)', async () => {
    for (const args of [
      ['-o', 'json'],
      ['--sort-by', 'group'],
    ]) {
      const out = await run(bin, ['api-resources', '--context', 'dev', ...args], env);
      assert.equal(out.code, 2, `${args.join(' ')}: ${out.stderr}`);
    }
  });
});
