/**
 * `kubectl mc rollout` end to end: the built `kubectl-mc` against a simulated fleet whose deployment
 * controller runs 50 times faster than the clock, the real kubectl as the oracle (its own `rollout
 * status|restart|undo|history` against the simulator, and what each cluster holds after ours); a down
 * cluster, a forbidden context, a rollout that never finishes.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { bin, run } from './helpers/run.js';

const NS = ['-n', 'production'];

describe('kubectl mc rollout (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'staging'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 4, timeScale: 50 });
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  });
  after(() => fleet?.stop());

  const mc = (...args: string[]) => run(bin, args, env);
  const kubectl = (...args: string[]) => run('kubectl', args, env);
  const jsonpath = async (ctx: string, name: string, expr: string): Promise<string> => {
    const r = await kubectl('get', 'deploy', name, ...NS, '--context', ctx, '-o', `jsonpath=${expr}`);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };
  /** kubectl rollout history's revision numbers. */
  const kubectlRevisions = async (ctx: string, name: string): Promise<number[]> => {
    const r = await kubectl('rollout', 'history', `deploy/${name}`, ...NS, '--context', ctx);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout
      .split('\n')
      .map((l) => /^(\d+)\s/.exec(l)?.[1])
      .filter((x): x is string => x !== undefined)
      .map(Number);
  };
  /** Our history's revision numbers on one cluster. */
  const mcRevisions = (stdout: string, ctx: string): number[] =>
    stdout
      .split('\n')
      .filter((l) => l.split(/\s+/)[0] === ctx)
      .map((l) => Number(l.split(/\s+/)[1]));

  it('the real kubectl rolls out against the simulator: restart, status, undo, history', async () => {
    const ctx = 'staging';
    const before = await kubectlRevisions(ctx, 'web');
    let r = await kubectl('rollout', 'restart', 'deploy/web', ...NS, '--context', ctx);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /deployment.apps\/web restarted/);
    r = await kubectl('rollout', 'status', 'deploy/web', ...NS, '--context', ctx, '--timeout=60s');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /deployment "web" successfully rolled out\n$/);
    const after = await kubectlRevisions(ctx, 'web');
    assert.deepEqual(after, [...before, Math.max(...before) + 1]);
    r = await kubectl('rollout', 'undo', 'deploy/web', ...NS, '--context', ctx);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /deployment.apps\/web rolled back/);
    r = await kubectl('rollout', 'status', 'deploy/web', ...NS, '--context', ctx, '--timeout=60s');
    assert.equal(r.code, 0, r.stderr);
    // the undone revision comes back as the newest, as kube renumbers it
    assert.deepEqual(await kubectlRevisions(ctx, 'web'), [Math.max(...before) + 1, Math.max(...before) + 2]);
    assert.equal(await jsonpath(ctx, 'web', '{.spec.template.metadata.annotations}'), '');
  });

  it('restart: refuses without a terminal, then restarts with --yes as kubectl does', async () => {
    const targets = ['us-east-prod', 'eu-west-prod'];
    const gen = await jsonpath('us-east-prod', 'payment', '{.metadata.generation}');
    let r = await mc('rollout', 'restart', 'deploy/payment', ...NS, '--clusters', targets.join(','));
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /Restart deployment.apps\/payment on 2 clusters \(us-east-prod, eu-west-prod\)\? No terminal/,
    );
    assert.equal(await jsonpath('us-east-prod', 'payment', '{.metadata.generation}'), gen);

    const before = await Promise.all(targets.map((c) => kubectlRevisions(c, 'payment')));
    r = await mc('rollout', 'restart', 'deploy/payment', ...NS, '--clusters', targets.join(','), '--yes');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^CLUSTER\s+OBJECT\s+NAMESPACE\s+CHANGE\n/);
    assert.match(r.stdout, /us-east-prod\s+deployment.apps\/payment\s+production\s+restarted/);
    assert.match(r.stdout, /eu-west-prod\s+deployment.apps\/payment\s+production\s+restarted/);
    const stamps = await Promise.all(
      targets.map((c) =>
        jsonpath(c, 'payment', '{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}'),
      ),
    );
    assert.match(stamps[0]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    assert.equal(stamps[1], stamps[0]);
    // untouched outside the selection
    assert.equal(await jsonpath('staging', 'payment', '{.spec.template.metadata.annotations}'), '');

    r = await mc(
      'rollout',
      'status',
      'deploy/payment',
      ...NS,
      '--clusters',
      targets.join(','),
      '--timeout=60s',
    );
    assert.equal(r.code, 0, r.stderr);
    for (const c of targets)
      assert.match(r.stdout, new RegExp(`^${c}\\s*\\| deployment "payment" successfully rolled out$`, 'm'));
    for (const [i, c] of targets.entries()) {
      const now = await kubectlRevisions(c, 'payment');
      assert.deepEqual(now, [...before[i]!, Math.max(...before[i]!) + 1]);
      const k = await kubectl('rollout', 'status', 'deploy/payment', ...NS, '--context', c, '--watch=false');
      assert.equal(k.code, 0, k.stderr);
      assert.match(k.stdout, /successfully rolled out/);
    }
  });

  it('undo --to-revision: kubectl rollout history and the template agree afterwards', async () => {
    const ctx = 'eu-west-prod';
    let r = await kubectl(
      'set',
      'image',
      'deploy/api',
      'api=registry.example.com/api:v9.9.9',
      ...NS,
      '--context',
      ctx,
    );
    assert.equal(r.code, 0, r.stderr);
    r = await kubectl('rollout', 'status', 'deploy/api', ...NS, '--context', ctx, '--timeout=60s');
    assert.equal(r.code, 0, r.stderr);
    const revs = await kubectlRevisions(ctx, 'api');
    const first = revs[0]!;
    r = await mc('rollout', 'history', 'deploy/api', ...NS, '--clusters', ctx);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(mcRevisions(r.stdout, ctx), revs);
    assert.match(r.stdout, /registry.example.com\/api:v9.9.9/);

    r = await mc(
      'rollout',
      'undo',
      'deploy/api',
      ...NS,
      '--clusters',
      ctx,
      `--to-revision=${first}`,
      '--yes',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        `${ctx}\\s+deployment.apps/api\\s+production\\s+revision ${revs[1]} → ${first} \\(image registry.example.com/api:v9.9.9 → registry.example.com/api:v3.4.2\\)`,
      ),
    );
    assert.match(r.stdout, /rolled back/);
    r = await mc('rollout', 'status', 'deploy/api', ...NS, '--clusters', ctx, '--timeout=60s');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      await jsonpath(ctx, 'api', '{.spec.template.spec.containers[0].image}'),
      'registry.example.com/api:v3.4.2',
    );
    const after = await kubectlRevisions(ctx, 'api');
    assert.deepEqual(after, [revs[1]!, revs[1]! + 1]);
    r = await mc('rollout', 'history', 'deploy/api', ...NS, '--clusters', ctx);
    assert.deepEqual(mcRevisions(r.stdout, ctx), after);

    // --revision prints what kubectl prints for that revision
    const k = await kubectl(
      'rollout',
      'history',
      'deploy/api',
      ...NS,
      '--context',
      ctx,
      `--revision=${after[0]}`,
    );
    assert.equal(k.code, 0, k.stderr);
    r = await mc('rollout', 'history', 'deploy/api', ...NS, '--clusters', ctx, `--revision=${after[0]}`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `=== ${ctx} ===\n${k.stdout}`);

    // the template already matches: skipped, nothing changed
    r = await mc(
      'rollout',
      'undo',
      'deploy/api',
      ...NS,
      '--clusters',
      ctx,
      `--to-revision=${after[1]}`,
      '--yes',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /unchanged \(skipped rollback \(current template already matches revision \d+\)\)/,
    );
    r = await mc('rollout', 'undo', 'deploy/api', ...NS, '--clusters', ctx, '--to-revision=999', '--yes');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /context "eu-west-prod": .*unable to find specified revision 999 in history/);
  });

  it('status: one cluster past its progress deadline fails the command as kubectl does', async () => {
    const bad = 'ap-south-prod';
    let r = await kubectl(
      'patch',
      'deploy/web',
      ...NS,
      '--context',
      bad,
      '-p',
      '{"spec":{"progressDeadlineSeconds":15}}',
    );
    assert.equal(r.code, 0, r.stderr);
    r = await kubectl(
      'set',
      'image',
      'deploy/web',
      'web=registry.example.com/web:doesnotexist',
      ...NS,
      '--context',
      bad,
    );
    assert.equal(r.code, 0, r.stderr);
    const k = await kubectl('rollout', 'status', 'deploy/web', ...NS, '--context', bad, '--timeout=60s');
    assert.equal(k.code, 1, k.stdout);
    assert.match(k.stderr, /error: deployment "web" exceeded its progress deadline/);

    r = await mc(
      'rollout',
      'status',
      'deploy/web',
      ...NS,
      '--clusters',
      `us-east-prod,${bad}`,
      '--timeout=60s',
    );
    assert.equal(r.code, k.code);
    assert.match(r.stderr, /error: context "ap-south-prod": deployment "web" exceeded its progress deadline/);
    // us-east-prod's web (the seed has fewer pods than replicas) stops being watched once one cluster failed
    assert.doesNotMatch(r.stderr, /context "us-east-prod"/);
    assert.match(r.stdout, /^ap-south-prod\s*\| deployment "web" exceeded its progress deadline$/m);

    // undo brings it back
    r = await mc('rollout', 'undo', 'deploy/web', ...NS, '--clusters', bad, '--yes');
    assert.equal(r.code, 0, r.stderr);
    r = await mc('rollout', 'status', 'deploy/web', ...NS, '--clusters', bad, '--timeout=60s');
    assert.equal(r.code, 0, r.stderr);
  });

  it('status --timeout: a rollout still going is given up, exit 1', async () => {
    const ctx = 'staging';
    let r = await kubectl(
      'set',
      'image',
      'deploy/api',
      'api=registry.example.com/api:doesnotexist',
      ...NS,
      '--context',
      ctx,
    );
    assert.equal(r.code, 0, r.stderr);
    r = await mc('rollout', 'status', 'deploy/api', ...NS, '--clusters', ctx, '--timeout=1s');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error: context "staging": timed out waiting for the condition/);
    assert.match(
      r.stdout,
      /staging\s*\| Waiting for deployment "api" rollout to finish: \d out of \d new replicas have been updated\.\.\./,
    );
    await mc('rollout', 'undo', 'deploy/api', ...NS, '--clusters', ctx, '--yes');
  });

  it('pause and resume: spec.paused as kubectl sees it; a paused deployment is not restarted', async () => {
    const ctx = 'us-east-prod';
    let r = await mc('rollout', 'pause', 'deploy/web', ...NS, '--clusters', ctx, '--yes');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /spec.paused: false → true/);
    assert.equal(await jsonpath(ctx, 'web', '{.spec.paused}'), 'true');
    r = await mc('rollout', 'pause', 'deploy/web', ...NS, '--clusters', ctx, '--yes');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /unchanged \(already paused\)/);
    r = await mc('rollout', 'restart', 'deploy/web', ...NS, '--clusters', ctx, '--yes');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /can't restart paused deployment \(run rollout resume first\)/);
    r = await mc('rollout', 'resume', 'deploy/web', ...NS, '--clusters', ctx, '--yes');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await jsonpath(ctx, 'web', '{.spec.paused}'), 'false');
  });

  it('a down cluster and a forbidden context are named; the others answer', async () => {
    fleet.setFault('staging', 'down');
    try {
      const sel = ['us-east-prod', 'staging', fleet.restrictedContext].join(',');
      let r = await mc(
        'rollout',
        'status',
        'deploy/payment',
        ...NS,
        '--clusters',
        sel,
        '--request-timeout=3s',
      );
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^us-east-prod\s*\| deployment "payment" successfully rolled out$/m);
      assert.match(r.stderr, /error: context "staging": /);
      assert.match(r.stderr, /error: context "us-east-prod-restricted": Error from server \(Forbidden\): /);

      r = await mc('rollout', 'history', 'deploy/payment', ...NS, '--clusters', sel, '--request-timeout=3s');
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^us-east-prod\s+\d+\s/m);
      assert.match(r.stderr, /error: context "staging": /);
      assert.match(r.stderr, /error: context "us-east-prod-restricted": Error from server \(Forbidden\): /);
      r = await mc(
        'rollout',
        'restart',
        'deploy/api',
        ...NS,
        '--clusters',
        sel,
        '--request-timeout=3s',
        '--yes',
      );
      assert.equal(r.code, 1);
      assert.match(r.stdout, /us-east-prod\s+deployment.apps\/api\s+production\s+restarted/);
      assert.doesNotMatch(r.stdout, /staging\s+deployment/);
      assert.match(r.stderr, /error: context "staging": /);
      assert.match(r.stderr, /error: context "us-east-prod-restricted": Error from server \(Forbidden\): /);
      assert.notEqual(await jsonpath('us-east-prod', 'api', '{.spec.template.metadata.annotations}'), '');
    } finally {
      fleet.setFault('staging', undefined);
    }
  });
});
