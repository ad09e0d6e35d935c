// The standalone channel: `scripts/build-binary.mjs` builds one executable (Node's single-executable
// application, esbuild bundle, explicit oclif command map); it runs with no node_modules and no Node
// on PATH. The build takes ~10 s: the test really builds it (once, shared with krew.test.ts). Needs `npm run build` first.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repo, run, sharedBinary } from './helpers/channels.js';
import { requireTool } from '../tools.js';

describe('install: standalone binary (Node single-executable application)', function () {
  this.timeout(120_000);
  let work: string;
  let bin: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'kmc-bin-'));
    bin = await sharedBinary();
    // No Node, no node_modules: only the system directories (kubectl lives there) and a cwd outside the repo.
    env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: work, KUBECONFIG: path.join(work, 'none') };
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('is one executable file', async () => {
    const s = await stat(bin);
    assert.ok(s.isFile() && (s.mode & 0o111) !== 0);
    assert.ok(!existsSync(path.join(work, 'node_modules')));
  });

  it('prints its version', async () => {
    const r = await run(bin, ['--version'], env, { cwd: work });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^kubectl-mc\/\d+\.\d+\.\d+ linux-x64 node-v24\./);
    assert.equal(r.stderr, '', 'no experimental-feature warning');
  });

  it('lists every compiled command in its help, as the npm CLI does', async () => {
    const r = await run(bin, ['--help'], env, { cwd: work });
    assert.equal(r.code, 0, r.stderr);
    const listed = r.stdout.split('COMMANDS')[1] ?? '';
    const npmHelp = await run(
      process.execPath,
      [path.join(repo, 'packages/cli/bin/run.js'), '--help'],
      process.env,
    );
    const expected = (npmHelp.stdout.split('COMMANDS')[1] ?? '').trim();
    assert.ok(expected.length > 0);
    assert.equal(listed.trim(), expected);
  });

  it('shows `get --help` with its flags', async () => {
    const r = await run(bin, ['get', '--help'], env, { cwd: work });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /USAGE\s+\$ kubectl-mc get/);
    assert.match(r.stdout, /--all-clusters/);
  });

  it('names an unknown command as the npm CLI does, with a suggestion, exit 2', async () => {
    const r = await run(bin, ['gett', 'pods'], env, { cwd: work });
    const npm = await run(
      process.execPath,
      [path.join(repo, 'packages/cli/bin/run.js'), 'gett', 'pods'],
      env,
    );
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^error: unknown command "gett" for "kubectl-mc"\n\nDid you mean this\?\n\tget\n/);
    assert.equal(r.stderr, npm.stderr);
    assert.equal(r.stdout, '');
  });

  it('completes through the bundled __complete command', async () => {
    const r = await run(bin, ['__complete', '--', 'completion', 'b'], env, { cwd: work });
    assert.equal(r.stdout, 'bash\n:4\n');
  });

  it('runs `get pods --all-clusters` against a simulated fleet', async () => {
    const { startFleet } = await import('@kubectl-mc/sim');
    const fleet = await startFleet({ clusters: ['bin-east', 'bin-west'] });
    try {
      const r = await run(bin, ['get', 'pods', '--all-clusters', '--kubeconfig', fleet.kubeconfigPath], env, {
        cwd: work,
      });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.match(lines[0] ?? '', /^CLUSTER\s+/);
      assert.ok(
        lines.some((l) => l.startsWith('bin-east')) && lines.some((l) => l.startsWith('bin-west')),
        r.stdout,
      );
    } finally {
      await fleet.stop();
    }
  });
  it('draws the Ink dashboard (bundled with its dynamic imports) in a terminal', async function () {
    requireTool('tmux', ['-V']);
    const { startFleet } = await import('@kubectl-mc/sim');
    const fleet = await startFleet({ clusters: ['dash-east', 'dash-west'] });
    const session = `kmc-bin-${process.pid}`;
    try {
      const cmd = `${bin} dashboard --all-clusters --kubeconfig ${fleet.kubeconfigPath}`;
      await run('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '40', cmd], env);
      let screen = '';
      for (let i = 0; i < 100 && !/dash-west/.test(screen); i++) {
        await new Promise((r) => setTimeout(r, 200));
        screen = (await run('tmux', ['capture-pane', '-p', '-t', session], env)).stdout;
      }
      assert.match(screen, /dash-east/);
      assert.match(screen, /dash-west/);
      await run('tmux', ['send-keys', '-t', session, 'q'], env);
    } finally {
      await run('tmux', ['kill-session', '-t', session], env);
      await fleet.stop();
    }
  });
});
