/**
 * `kubectl mc rollout run` in a real terminal (tmux): the live view of stages and gates, and a manual
 * approval stage that waits for `y` and then goes on. The clusters' state is read with the real kubectl.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';
import { pipelineYaml, release, writeBase } from './helpers/mesh-app.js';
import { bin, root, run } from './helpers/run.js';
import { Tmux } from './helpers/tmux.js';

const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];

describe('kubectl mc rollout run in a real terminal (tmux)', function () {
  this.timeout(120_000);
  const tmux = new Tmux();
  let fleet: Awaited<ReturnType<typeof startFleet>> | undefined;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    requireTool('tmux', ['-V']);
    requireTool('kubectl', ['version', '--client']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-rollout-tty-'));
    fleet = await startFleet({
      clusters: CLUSTERS,
      podsPerCluster: 2,
      kubeconfigPath: path.join(dir, 'kubeconfig.yaml'),
      istio: true,
      timeScale: 50,
    });
    await cp(path.join(root, 'examples', 'regional'), path.join(dir, 'infra'), { recursive: true });
    await writeFile(
      path.join(dir, 'infra', 'progressive-pipeline.yaml'),
      pipelineYaml({ approve: 'deploy-secondary-regions' }),
    );
    await writeFile(path.join(dir, 'v2.yaml'), release('2.0.0'));
    env = { ...process.env, KUBECONFIG: fleet.kubeconfigPath };
    const base = await writeBase(dir, '1.0.0');
    for (const ctx of CLUSTERS) {
      const r = await run('kubectl', ['--context', ctx, 'apply', '-f', base], env);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(async () => {
    tmux.stop();
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const image = async (ctx: string): Promise<string> => {
    const r = await run(
      'kubectl',
      [
        '--context',
        ctx,
        'get',
        'deploy/web',
        '-n',
        'shop',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].image}',
      ],
      env,
    );
    return r.stdout;
  };

  it('draws the stages live, waits at the manual stage, and goes on at y', async () => {
    const cmd = [
      `cd ${dir} && env NO_COLOR=1 KUBECONFIG=${fleet!.kubeconfigPath} KUBECTL_MC_STATE_DIR=${dir}/runs`,
      `PATH=${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      bin,
      'rollout run -f v2.yaml --pipeline infra/progressive-pipeline.yaml --topology infra --yes --include-protected',
      '--gate-duration-scale 0.002',
      '; echo "mc exited $?"; sleep 60',
    ].join(' ');
    tmux.start('run', cmd);
    const asking = await tmux.waitFor(
      'run',
      'the approval question',
      (s) => /approv/i.test(s) && /\[y\/N\]/.test(s),
      90_000,
    );
    assert.match(asking, /deploy-secondary-regions/);
    assert.match(asking, /deploy-canary/);
    assert.equal(await image('us-east-prod'), 'registry.example/shop/web:2.0.0');
    assert.equal(await image('eu-west-prod'), 'registry.example/shop/web:1.0.0', 'nothing before the yes');
    tmux.keys('run', 'y', 'Enter');
    const done = await tmux.waitFor('run', 'the exit', (s) => /mc exited \d+/.test(s), 90_000);
    assert.match(done, /mc exited 0/);
    for (const ctx of CLUSTERS) assert.equal(await image(ctx), 'registry.example/shop/web:2.0.0', ctx);
  });
});
