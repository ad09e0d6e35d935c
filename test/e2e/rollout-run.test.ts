/**
 * `kubectl mc rollout run`, `rollout resume ID` and `rollout runs` end to end: the seed's regional
 * pipeline on a simulated fleet with Istio and Prometheus (`--istio --bad-image -bad`), the built CLI
 * with no terminal (one line per event), and the real kubectl as the oracle of what each cluster holds.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';
import { BAD, pipelineYaml, release, writeBase } from './helpers/mesh-app.js';
import { bin, root, run, type Run } from './helpers/run.js';

const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];
const RUN_ID = /run-\d{8}-\d{6}-[0-9a-f]{4}/;

describe('kubectl mc rollout run (regional pipeline, simulated mesh, real kubectl)', function () {
  this.timeout(180_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  before(async () => {
    requireTool('kubectl', ['version', '--client']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-rollout-run-'));
    fleet = await startFleet({
      clusters: CLUSTERS,
      podsPerCluster: 2,
      kubeconfigPath: path.join(dir, 'kubeconfig.yaml'),
      istio: true,
      badImages: [BAD],
      timeScale: 50,
    });
    await cp(path.join(root, 'examples', 'regional'), path.join(dir, 'infra'), { recursive: true });
    await writeFile(path.join(dir, 'infra', 'progressive-pipeline.yaml'), pipelineYaml());
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      KUBECTL_MC_STATE_DIR: path.join(dir, 'runs'),
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
    const base = await writeBase(dir, '1.4.0');
    for (const ctx of CLUSTERS) {
      await ok('--context', ctx, 'apply', '-f', base);
      await ok('--context', ctx, 'rollout', 'status', 'deploy/web', '-n', 'shop', '--timeout', '60s');
    }
  });
  after(async () => {
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const mc = (...args: string[]): Promise<Run> => run(bin, args, env, dir);
  const kubectl = (...args: string[]): Promise<Run> =>
    run('kubectl', ['--cache-dir', path.join(dir, 'cache'), ...args], env, dir);
  async function ok(...args: string[]): Promise<string> {
    const r = await kubectl(...args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }
  const jsonpath = (ctx: string, what: string, path: string): Promise<string> =>
    ok('--context', ctx, 'get', what, '-n', 'shop', '-o', `jsonpath=${path}`);
  const image = (ctx: string) => jsonpath(ctx, 'deploy/web', '{.spec.template.spec.containers[0].image}');
  const routes = (ctx: string) => jsonpath(ctx, 'vs/web', '{.spec.http[0].route}');
  const subsets = (ctx: string) => jsonpath(ctx, 'dr/web', '{.spec.subsets}');
  const resourceVersions = (ctx: string) =>
    ok('--context', ctx, 'get', 'deploy,vs,dr', '-n', 'shop', '-o', 'jsonpath={..metadata.resourceVersion}');
  async function noCanary(ctx: string): Promise<void> {
    const r = await kubectl('--context', ctx, 'get', 'deploy/web-canary', '-n', 'shop');
    assert.equal(r.code, 1, `${ctx}: web-canary is still there: ${r.stdout}`);
    assert.match(r.stderr, /NotFound/);
  }
  async function release_(name: string, tag: string): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, release(tag));
    return name;
  }
  const runArgs = (file: string, scale: string) => [
    'rollout',
    'run',
    '-f',
    file,
    '--pipeline',
    'infra/progressive-pipeline.yaml',
    '--topology',
    'infra',
    '--yes',
    '--include-protected',
    '--gate-duration-scale',
    scale,
  ];

  let mesh: Record<string, string>;

  it('takes a good release through every stage: new image everywhere, no canary, routing as it was', async () => {
    mesh = {};
    for (const ctx of CLUSTERS) mesh[ctx] = (await routes(ctx)) + (await subsets(ctx));
    const r = await mc(...runArgs(await release_('v150.yaml', '1.5.0'), '0.002'));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, RUN_ID);
    for (const stage of ['deploy-canary', 'deploy-primary-region', 'deploy-secondary-regions'])
      assert.match(r.stdout, new RegExp(stage));
    assert.match(r.stdout, /error-rate/);
    assert.match(r.stdout, /latency-p99/);
    for (const ctx of CLUSTERS) {
      assert.equal(await image(ctx), 'registry.example/shop/web:1.5.0', ctx);
      await noCanary(ctx);
      assert.equal((await routes(ctx)) + (await subsets(ctx)), mesh[ctx], `${ctx}: routing restored`);
    }
  });

  it('stops a bad release at the canary, rolls it back there, and never touches a later cluster', async () => {
    const before = {
      'eu-west-prod': await resourceVersions('eu-west-prod'),
      'ap-south-prod': await resourceVersions('ap-south-prod'),
    };
    const r = await mc(...runArgs(await release_('v160.yaml', `1.6.0${BAD}`), '0.002'));
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const all = r.stdout + r.stderr;
    assert.match(all, /deploy-canary/);
    assert.match(all, /us-east-prod/);
    assert.match(all, /(error-rate|latency-p99) [\d.]+(%|m?s) > /, all);
    assert.match(all, /rolled back/i);
    assert.equal(await image('us-east-prod'), 'registry.example/shop/web:1.5.0');
    await noCanary('us-east-prod');
    assert.equal((await routes('us-east-prod')) + (await subsets('us-east-prod')), mesh['us-east-prod']);
    for (const ctx of ['eu-west-prod', 'ap-south-prod'] as const) {
      assert.equal(await resourceVersions(ctx), before[ctx], `${ctx} was touched`);
      assert.equal(await image(ctx), 'registry.example/shop/web:1.5.0');
    }
  });

  it('Ctrl-C in the middle of a gate leaves a resumable run; rollout resume ID finishes it', async () => {
    const file = await release_('v170.yaml', '1.7.0');
    const child = spawn(bin, runArgs(file, '0.004'), { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`no gate line came:\n${out}`)), 90_000);
      let sent = false;
      const look = () => {
        if (!sent && /deploy-canary.*(error-rate|gates)/.test(out)) {
          sent = true;
          child.kill('SIGINT');
        }
      };
      child.stdout.on('data', look);
      child.on('exit', (c) => {
        clearTimeout(deadline);
        resolve(c);
      });
    });
    assert.equal(code, 130, out);
    const id = RUN_ID.exec(out)?.[0];
    assert.ok(id, out);
    assert.match(out, new RegExp(`rollout resume ${id}`));
    const listed = await mc('rollout', 'runs');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^${id}\\s.*interrupted`, 'm'));

    const resumed = await mc('rollout', 'resume', id);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    for (const ctx of CLUSTERS) {
      assert.equal(await image(ctx), 'registry.example/shop/web:1.7.0', ctx);
      await noCanary(ctx);
    }
    const after = await mc('rollout', 'runs', '-o', 'json');
    const runs = JSON.parse(after.stdout) as
      { id: string; status: string }[] | { items: { id: string; status: string }[] };
    const items = Array.isArray(runs) ? runs : runs.items;
    assert.equal(items.find((x) => x.id === id)?.status, 'succeeded');
    assert.ok(
      items.some((x) => x.status === 'failed'),
      'the bad release is listed as failed',
    );
  });

  it('without a terminal, a manual stage pauses the run (exit 3) and says how to go on', async () => {
    await writeFile(
      path.join(dir, 'infra', 'progressive-pipeline.yaml'),
      pipelineYaml({ approve: 'deploy-secondary-regions' }),
    );
    try {
      const before = await resourceVersions('eu-west-prod');
      const r = await mc(...runArgs(await release_('v180.yaml', '1.8.0'), '0.002'));
      assert.equal(r.code, 3, r.stdout + r.stderr);
      const id = RUN_ID.exec(r.stdout + r.stderr)?.[0];
      assert.ok(id);
      assert.match(r.stdout + r.stderr, new RegExp(`rollout resume ${id}`));
      assert.equal(await image('us-east-prod'), 'registry.example/shop/web:1.8.0');
      assert.equal(await resourceVersions('eu-west-prod'), before, 'the paused stage changed nothing');
    } finally {
      await writeFile(path.join(dir, 'infra', 'progressive-pipeline.yaml'), pipelineYaml());
    }
  });
});
