/**
 * `kubectl mc label` and `annotate` end to end: the built `kubectl-mc` against a simulated fleet, the real
 * kubectl as the oracle: the same change made by `kubectl label` on one object and by `kubectl mc label`
 * on another leaves the same labels; --overwrite, key-, -l, --all, a down and a forbidden cluster.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { bin, run } from './helpers/run.js';

describe('kubectl mc label / annotate (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];
  const all = CLUSTERS.join(',');
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 2 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-label-'));
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
    const f = path.join(dir, 'cms.yaml');
    const cm = (name: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n  labels: {app: web, tier: front}\n  annotations: {note: old}\ndata: {v: "1"}\n`;
    await writeFile(f, ['oracle', 'mine', 'other'].map(cm).join('---\n'));
    for (const ctx of CLUSTERS) {
      const r = await run('kubectl', ['apply', '--server-side', '-f', f, '--context', ctx], env);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(async () => {
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const mc = (...args: string[]) => run(bin, args, env, dir);
  const kubectl = (...args: string[]) => run('kubectl', args, env);
  const meta = async (
    ctx: string,
    name: string,
    field: 'labels' | 'annotations',
  ): Promise<Record<string, string>> => {
    const r = await kubectl(
      'get',
      'cm',
      name,
      '-n',
      'default',
      '--context',
      ctx,
      '-o',
      `jsonpath={.metadata.${field}}`,
    );
    assert.equal(r.code, 0, r.stderr);
    return r.stdout ? (JSON.parse(r.stdout) as Record<string, string>) : {};
  };

  it('leaves the labels kubectl label leaves: key=value, key-, --overwrite', async () => {
    const changes = ['owner=team-a', 'tier-', 'app=api'];
    const oracle = await kubectl(
      'label',
      'cm',
      'oracle',
      ...changes,
      '--overwrite',
      '-n',
      'default',
      '--context',
      'us-east-prod',
    );
    assert.equal(oracle.code, 0, oracle.stderr);
    const r = await mc('label', 'cm', 'mine', ...changes, '--overwrite', '--clusters', all, '--yes');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /us-east-prod\s+configmap\/mine\s+default\s+label owner=team-a app=api tier-/);
    assert.match(r.stderr, /ap-south-prod: configmap\/mine -n default labeled/);
    const expected = await meta('us-east-prod', 'oracle', 'labels');
    assert.deepEqual(expected, { app: 'api', owner: 'team-a' });
    for (const ctx of CLUSTERS) assert.deepEqual(await meta(ctx, 'mine', 'labels'), expected, ctx);
    const again = await mc('label', 'cm', 'mine', ...changes, '--overwrite', '--clusters', all, '--yes');
    assert.equal(again.code, 0);
    assert.match(again.stdout, /us-east-prod\s+configmap\/mine\s+default\s+\(unchanged\)/);
    assert.match(again.stderr, /No changes: nothing to label\./);
  });

  it('refuses to change a value without --overwrite, as kubectl does', async () => {
    const oracle = await kubectl(
      'label',
      'cm',
      'other',
      'app=db',
      '-n',
      'default',
      '--context',
      'us-east-prod',
    );
    assert.notEqual(oracle.code, 0);
    assert.match(oracle.stderr, /'app' already has a value \(web\), and --overwrite is false/);
    const r = await mc('label', 'cm/other', 'app=db', '--clusters', all, '--yes');
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /context "eu-west-prod": configmap\/other -n default: Conflict: 'app' already has a value \(web\), and --overwrite is false/,
    );
    for (const ctx of CLUSTERS) assert.equal((await meta(ctx, 'other', 'labels'))['app'], 'web');
  });

  it('annotate with -l; a down and a forbidden cluster are named, the rest annotated, exit 1', async () => {
    fleet.setFault('ap-south-prod', 'down');
    fleet.setFault('eu-west-prod', 'forbid');
    try {
      const r = await mc(
        'annotate',
        'cm',
        '-l',
        'app=web',
        'note=new',
        'extra=1',
        '--overwrite',
        '--clusters',
        all,
        '--yes',
        '--request-timeout=3s',
      );
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /error: context "ap-south-prod": /);
      // with -l the plan lists, and the forbidden cluster refuses the list
      assert.match(
        r.stderr,
        /error: context "eu-west-prod": Error from server \(Forbidden\): .*cannot list resource "configmaps"/,
      );
      assert.match(r.stdout, /us-east-prod\s+configmap\/other\s+default\s+annotated/);
      // a named object is read, and the forbidden cluster refuses the patch
      const named = await mc(
        'annotate',
        'cm',
        'other',
        'extra=2',
        '--overwrite',
        '--clusters',
        'eu-west-prod',
        '--yes',
      );
      assert.equal(named.code, 1);
      assert.match(
        named.stderr,
        /error: context "eu-west-prod": configmap\/other -n default: Forbidden: .*cannot patch resource "configmaps"/,
      );
    } finally {
      fleet.setFault('ap-south-prod', undefined);
      fleet.setFault('eu-west-prod', undefined);
    }
    assert.deepEqual(await meta('us-east-prod', 'other', 'annotations'), { extra: '1', note: 'new' });
    assert.equal((await meta('eu-west-prod', 'other', 'annotations'))['note'], 'old');
    assert.equal((await meta('ap-south-prod', 'other', 'annotations'))['note'], 'old');
    // mine's app label is api now: -l app=web left it alone
    assert.equal((await meta('us-east-prod', 'mine', 'annotations'))['note'], 'old');
  });

  it('--all labels every object of the type in the namespace', async () => {
    const r = await mc('label', 'cm', '--all', 'swept=yes', '--clusters', 'us-east-prod', '--yes');
    assert.equal(r.code, 0, r.stderr);
    const names = await kubectl('get', 'cm', '-n', 'default', '--context', 'us-east-prod', '-o', 'name');
    const unswept = await kubectl(
      'get',
      'cm',
      '-n',
      'default',
      '--context',
      'us-east-prod',
      '-l',
      '!swept',
      '-o',
      'name',
    );
    assert.ok(names.stdout.includes('configmap/mine'));
    assert.equal(unswept.code, 0, unswept.stderr);
    assert.equal(unswept.stdout, '');
    for (const ctx of ['eu-west-prod', 'ap-south-prod'])
      assert.equal((await meta(ctx, 'mine', 'labels'))['swept'], undefined);
  });

  it('usage errors exit 2 before any cluster is asked', async () => {
    const bad = await mc('label', 'cm', 'mine', 'Bad Key=x', '--clusters', all, '--yes');
    assert.equal(bad.code, 2);
    const none = await mc('annotate', 'cm', 'mine', '--clusters', all, '--yes');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /at least one annotation update is required/);
  });
});
