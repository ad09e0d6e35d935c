// The npm channel: `npm run pack:cli` → `npm install -g <tarball> --prefix <fresh dir>` → the real
// kubectl finds the plugin on PATH and runs it. Needs `npm run build` first (npm test does it).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readlink, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repo, run } from './helpers/channels.js';

describe('install: npm tarball into a clean prefix', function () {
  this.timeout(180_000);
  let work: string;
  let prefix: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'kmc-npm-'));
    prefix = path.join(work, 'prefix');
    // PATH: the fresh prefix, then a directory holding only Node 24 (not the work tree's .bin, which
    // has its own kubectl-mc link), then the system.
    const nodeDir = path.join(work, 'node-bin');
    await mkdir(nodeDir);
    await symlink(process.execPath, path.join(nodeDir, 'node'));
    const system = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((p) => p && !p.includes('node_modules'))
      .join(path.delimiter);
    env = {
      ...process.env,
      PATH: [path.join(prefix, 'bin'), nodeDir, system].join(path.delimiter),
      HOME: work,
      KUBECONFIG: path.join(work, 'no-such-kubeconfig'),
      npm_config_cache: process.env.npm_config_cache ?? path.join(process.env.HOME ?? work, '.npm'),
    };
    const pack = await run(process.execPath, [path.join(repo, 'scripts/pack-cli.mjs'), '--out', work], env);
    assert.equal(pack.code, 0, pack.stderr);
    const tarball = pack.stdout.trim();
    assert.ok(existsSync(tarball), `tarball ${tarball}`);
    const install = await run(
      'npm',
      ['install', '-g', tarball, '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund'],
      env,
      { timeout: 150_000 },
    );
    assert.equal(install.code, 0, install.stderr);
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('puts kubectl-mc and the kubectl_complete-mc helper on the prefix’s bin', async () => {
    for (const bin of ['kubectl-mc', 'kubectl_complete-mc']) {
      const target = await readlink(path.join(prefix, 'bin', bin));
      assert.match(target, /node_modules\/kubectl-mc\/bin\//);
    }
  });

  it('ships no workspace link: core is inside the package', async () => {
    const pkgDir = path.join(prefix, 'lib', 'node_modules', 'kubectl-mc');
    // One module per subpath of core's exports (the CLI imports `@kubectl-mc/core/api`, …), and the root.
    for (const entry of ['index.js', 'api.js', 'render.js', 'topology.js'])
      assert.ok(existsSync(path.join(pkgDir, 'dist', 'vendor', 'core', entry)), entry);
    assert.ok(existsSync(path.join(pkgDir, 'oclif.manifest.json')), 'oclif.manifest.json is in the tarball');
    assert.ok(!existsSync(path.join(pkgDir, 'node_modules', '@kubectl-mc', 'core')));
  });

  it("tells npm the Node it needs (the workspace packages carry no engines; the tarball's does)", async () => {
    const pkgDir = path.join(prefix, 'lib', 'node_modules', 'kubectl-mc');
    const manifest = JSON.parse(await readFile(path.join(pkgDir, 'package.json'), 'utf8')) as {
      engines?: { node?: string };
    };
    assert.equal(manifest.engines?.node, '>=22.15');
  });

  it('is listed by the real `kubectl plugin list`', async () => {
    const r = await run('kubectl', ['plugin', 'list'], env);
    assert.ok(r.stdout.includes(path.join(prefix, 'bin', 'kubectl-mc')), r.stdout + r.stderr);
  });

  it('answers `kubectl mc --version` with its name and version', async () => {
    const r = await run('kubectl', ['mc', '--version'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^kubectl-mc\/\d+\.\d+\.\d+ linux-x64 node-v\d+/);
  });

  it('completes through kubectl: `kubectl __complete mc ""` lists kubectl-mc’s commands', async () => {
    const r = await run('kubectl', ['__complete', 'mc', ''], env);
    assert.equal(r.code, 0, r.stderr);
    const names = r.stdout.split('\n').map((l) => l.split('\t')[0]);
    assert.ok(names.includes('completion'), r.stdout);
    assert.ok(names.includes('get'), r.stdout);
  });

  it('runs `kubectl mc get pods --all-clusters` against a simulated fleet', async () => {
    const { startFleet } = await import('@kubectl-mc/sim');
    const fleet = await startFleet({ clusters: ['npm-east', 'npm-west'] });
    try {
      const r = await run(
        'kubectl',
        ['mc', 'get', 'pods', '--all-clusters', '--kubeconfig', fleet.kubeconfigPath],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.match(lines[0] ?? '', /^CLUSTER\s+/);
      assert.ok(
        lines.some((l) => l.startsWith('npm-east')) && lines.some((l) => l.startsWith('npm-west')),
        r.stdout,
      );
    } finally {
      await fleet.stop();
    }
  });
});
