/**
 * `kubectl mc scale` end to end: the built `kubectl-mc` against a simulated fleet through the scale
 * subresource, the real kubectl as the oracle of the replicas each cluster then holds; --current-replicas,
 * --dry-run, a down and a forbidden cluster.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { bin, run } from './helpers/run.js';

describe('kubectl mc scale (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];
  const all = CLUSTERS.join(',');
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 4 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-scale-'));
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const mc = (...args: string[]) => run(bin, args, env, dir);
  const kubectl = (...args: string[]) => run('kubectl', args, env);
  const replicas = async (ctx: string, name: string): Promise<number> => {
    const r = await kubectl(
      'get',
      'deploy',
      name,
      '-n',
      'production',
      '--context',
      ctx,
      '-o',
      'jsonpath={.spec.replicas}',
    );
    assert.equal(r.code, 0, r.stderr);
    return Number(r.stdout);
  };
  const setReplicas = async (ctx: string, name: string, n: number): Promise<void> => {
    const r = await kubectl('scale', 'deploy', name, `--replicas=${n}`, '-n', 'production', '--context', ctx);
    assert.equal(r.code, 0, r.stderr);
  };

  it('plans now -> after per cluster, scales everywhere, as kubectl then reads it', async () => {
    await setReplicas('us-east-prod', 'web', 2);
    await setReplicas('eu-west-prod', 'web', 5);
    const r = await mc(
      'scale',
      'deploy',
      'web',
      '--replicas=5',
      '-n',
      'production',
      '--clusters',
      all,
      '--yes',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /us-east-prod\s+deployment.apps\/web\s+production\s+scale 2 -> 5/);
    assert.match(r.stdout, /eu-west-prod\s+deployment.apps\/web\s+production\s+\(already 5 replicas\)/);
    assert.match(r.stderr, /us-east-prod: deployment.apps\/web -n production scaled/);
    for (const ctx of CLUSTERS) assert.equal(await replicas(ctx, 'web'), 5, ctx);
    // the scale subresource's field manager, as kubectl scale leaves it
    const mf = await kubectl(
      'get',
      'deploy',
      'web',
      '-n',
      'production',
      '--context',
      'us-east-prod',
      '--show-managed-fields',
      '-o',
      'jsonpath={.metadata.managedFields[*].subresource}',
    );
    assert.match(mf.stdout, /scale/);
  });

  it('--current-replicas is a precondition per cluster; --dry-run and no terminal change nothing', async () => {
    await setReplicas('us-east-prod', 'api', 3);
    await setReplicas('eu-west-prod', 'api', 4);
    await setReplicas('ap-south-prod', 'api', 3);
    const refused = await mc('scale', 'deploy/api', '--replicas=1', '-n', 'production', '--clusters', all);
    assert.equal(refused.code, 2);
    for (const dry of ['client', 'server']) {
      const d = await mc(
        'scale',
        'deploy/api',
        '--replicas=1',
        '-n',
        'production',
        '--clusters',
        all,
        `--dry-run=${dry}`,
      );
      assert.equal(d.code, 0, d.stderr);
    }
    assert.deepEqual([await replicas('us-east-prod', 'api'), await replicas('eu-west-prod', 'api')], [3, 4]);
    const r = await mc(
      'scale',
      'deploy/api',
      '--replicas=1',
      '--current-replicas=3',
      '-n',
      'production',
      '--clusters',
      all,
      '--yes',
    );
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /error: context "eu-west-prod": deployment.apps\/api -n production: Conflict: Expected replicas to be 3, was 4/,
    );
    assert.equal(await replicas('us-east-prod', 'api'), 1);
    assert.equal(await replicas('eu-west-prod', 'api'), 4);
    assert.equal(await replicas('ap-south-prod', 'api'), 1);
  });

  it('names a down and a forbidden cluster, scales the others, exits 1', async () => {
    fleet.setFault('ap-south-prod', 'down');
    fleet.setFault('eu-west-prod', 'forbid');
    try {
      const r = await mc(
        'scale',
        'deploy',
        'payment',
        '--replicas=7',
        '-n',
        'production',
        '--clusters',
        all,
        '--yes',
        '--request-timeout=3s',
      );
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /error: context "ap-south-prod": /);
      assert.match(
        r.stderr,
        /error: context "eu-west-prod": deployment.apps\/payment -n production: Forbidden: .*cannot patch resource "deployments\/scale"/,
      );
      assert.match(r.stdout, /us-east-prod\s+deployment.apps\/payment\s+production\s+scaled/);
    } finally {
      fleet.setFault('ap-south-prod', undefined);
      fleet.setFault('eu-west-prod', undefined);
    }
    assert.equal(await replicas('us-east-prod', 'payment'), 7);
    assert.notEqual(await replicas('eu-west-prod', 'payment'), 7);
    assert.notEqual(await replicas('ap-south-prod', 'payment'), 7);
  });
});
