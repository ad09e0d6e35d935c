/**
 * `kubectl mc delete` end to end: the built `kubectl-mc` against a simulated fleet, the real kubectl as the
 * oracle of what each cluster then holds: names, -l, -f, --cascade, --dry-run, finalizers, a down and a
 * forbidden cluster, the refusal without a terminal.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { bin, run } from './helpers/run.js';

const configMap = (name: string, labels = '', finalizers = ''): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: default
${labels ? `  labels: {${labels}}\n` : ''}${finalizers ? `  finalizers: [${finalizers}]\n` : ''}data:
  v: "1"
`;

describe('kubectl mc delete (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];
  const all = CLUSTERS.join(',');
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 6 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-delete-'));
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
  /** Create with the real kubectl on every cluster. */
  const create = async (name: string, text: string): Promise<string> => {
    const f = path.join(dir, `${name}.yaml`);
    await writeFile(f, text);
    for (const ctx of CLUSTERS) {
      const r = await kubectl('apply', '--server-side', '-f', f, '--context', ctx);
      assert.equal(r.code, 0, r.stderr);
    }
    return f;
  };
  const exists = async (ctx: string, type: string, name: string, ns = 'default'): Promise<boolean> => {
    const r = await kubectl('get', type, name, '-n', ns, '--context', ctx, '-o', 'name');
    if (r.code !== 0) assert.match(r.stderr, /NotFound|not found/);
    return r.code === 0;
  };

  it('plans what exists where, deletes it everywhere with --yes, logs each deletion', async () => {
    await create('gone', configMap('gone'));
    await kubectl('delete', 'configmap', 'gone', '-n', 'default', '--context', 'ap-south-prod');
    const r = await mc('delete', 'configmap', 'gone', '--clusters', all, '--yes');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /CLUSTER\s+OBJECT\s+NAMESPACE\s+ACTION/);
    assert.match(r.stdout, /us-east-prod\s+configmap\/gone\s+default\s+delete/);
    assert.match(r.stdout, /ap-south-prod\s+configmap\/gone\s+default\s+\(not found\)/);
    assert.match(
      r.stdout,
      /CLUSTER\s+OBJECT\s+NAMESPACE\s+RESULT\n(.*\n)*eu-west-prod\s+configmap\/gone\s+default\s+deleted/,
    );
    assert.match(r.stderr, /us-east-prod: configmap\/gone -n default deleted/);
    assert.match(r.stderr, /eu-west-prod: configmap\/gone -n default deleted/);
    for (const ctx of CLUSTERS) assert.equal(await exists(ctx, 'configmap', 'gone'), false, ctx);
  });

  it('a name no cluster has: exit 1 as kubectl, 0 with --ignore-not-found', async () => {
    const r = await mc('delete', 'cm', 'never-was', '--clusters', all, '--yes');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /eu-west-prod\s+configmap\/never-was\s+default\s+\(not found\)/);
    const ignored = await mc('delete', 'cm', 'never-was', '--clusters', all, '--yes', '--ignore-not-found');
    assert.equal(ignored.code, 0, ignored.stderr);
  });

  it('refuses without a terminal unless --yes; --dry-run deletes nothing', async () => {
    await create('kept', configMap('kept'));
    const refused = await mc('delete', 'cm/kept', '--clusters', all);
    assert.equal(refused.code, 2);
    assert.match(
      refused.stderr,
      /Delete 3 objects on 3 clusters \(us-east-prod, eu-west-prod, ap-south-prod\)\? No terminal/,
    );
    for (const dry of ['server', 'client']) {
      const r = await mc('delete', 'cm/kept', '--clusters', all, `--dry-run=${dry}`);
      assert.equal(r.code, 0, r.stderr);
      if (dry === 'server')
        assert.match(r.stdout, /us-east-prod\s+configmap\/kept\s+default\s+deleted \(server dry run\)/);
      else assert.match(r.stderr, /Dry run: would delete 3 objects on 3 clusters/);
    }
    for (const ctx of CLUSTERS) assert.equal(await exists(ctx, 'configmap', 'kept'), true, ctx);
  });

  it('-l and -f name the objects as kubectl does', async () => {
    await create('sel-a', configMap('sel-a', 'batch: old'));
    await create('sel-b', configMap('sel-b', 'batch: old'));
    const keep = await create('sel-c', configMap('sel-c', 'batch: new'));
    const r = await mc('delete', 'cm', '-l', 'batch=old', '--clusters', all, '--yes');
    assert.equal(r.code, 0, r.stderr);
    for (const ctx of CLUSTERS) {
      assert.equal(await exists(ctx, 'configmap', 'sel-a'), false);
      assert.equal(await exists(ctx, 'configmap', 'sel-b'), false);
      assert.equal(await exists(ctx, 'configmap', 'sel-c'), true);
    }
    const f = await mc('delete', '-f', keep, '--clusters', 'us-east-prod', '--yes');
    assert.equal(f.code, 0, f.stderr);
    assert.equal(await exists('us-east-prod', 'configmap', 'sel-c'), false);
    assert.equal(await exists('eu-west-prod', 'configmap', 'sel-c'), true);
    const usage = await mc('delete', 'cm', '--clusters', all, '--yes');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /resource\(s\) were provided, but no name was specified/);
  });

  it('--cascade: background deletes the ReplicaSets, orphan keeps them without their owner', async () => {
    const rsOf = async (ctx: string, deploy: string): Promise<string> => {
      const r = await kubectl(
        'get',
        'rs',
        '-n',
        'production',
        '--context',
        ctx,
        '-o',
        `jsonpath={range .items[?(@.metadata.name)]}{.metadata.name} {.metadata.ownerReferences[0].name}{"\\n"}{end}`,
      );
      assert.equal(r.code, 0, r.stderr);
      return r.stdout
        .split('\n')
        .filter((l) => l.startsWith(`${deploy}-`))
        .join('\n');
    };
    assert.match(await rsOf('us-east-prod', 'web'), /^web-\S+ web$/);
    const bg = await mc('delete', 'deploy', 'web', '-n', 'production', '--clusters', 'us-east-prod', '--yes');
    assert.equal(bg.code, 0, bg.stderr);
    assert.equal(await exists('us-east-prod', 'deploy', 'web', 'production'), false);
    // the collector removes dependents in the background: wait for the condition
    for (let i = 0; (await rsOf('us-east-prod', 'web')) !== ''; i++) {
      assert.ok(i < 200, 'the ReplicaSet of web was never collected');
      await new Promise((r) => setTimeout(r, 50));
    }
    const orphan = await mc(
      'delete',
      'deploy',
      'web',
      '-n',
      'production',
      '--clusters',
      'eu-west-prod',
      '--cascade=orphan',
      '--yes',
    );
    assert.equal(orphan.code, 0, orphan.stderr);
    assert.equal(await exists('eu-west-prod', 'deploy', 'web', 'production'), false);
    assert.match(await rsOf('eu-west-prod', 'web'), /^web-\S+ $/);
    const fg = await mc(
      'delete',
      'deploy',
      'web',
      '-n',
      'production',
      '--clusters',
      'ap-south-prod',
      '--cascade=foreground',
      '--yes',
    );
    assert.equal(fg.code, 0, fg.stderr);
    assert.equal(await exists('ap-south-prod', 'deploy', 'web', 'production'), false);
    assert.equal(await rsOf('ap-south-prod', 'web'), '');
  });

  it('an object with a finalizer stays terminating with --wait=false', async () => {
    await create('held', configMap('held', '', 'example.com/hold'));
    const r = await mc('delete', 'cm', 'held', '--clusters', 'us-east-prod', '--wait=false', '--yes');
    assert.equal(r.code, 0, r.stderr);
    const got = await kubectl(
      'get',
      'cm',
      'held',
      '-n',
      'default',
      '--context',
      'us-east-prod',
      '-o',
      'jsonpath={.metadata.deletionTimestamp}',
    );
    assert.equal(got.code, 0, got.stderr);
    assert.match(got.stdout, /^\d{4}-\d\d-\d\dT/);
    const patched = await kubectl(
      'patch',
      'cm',
      'held',
      '-n',
      'default',
      '--context',
      'us-east-prod',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":null}}',
    );
    assert.equal(patched.code, 0, patched.stderr);
    assert.equal(await exists('us-east-prod', 'configmap', 'held'), false);
  });

  it('names a down and a forbidden cluster, deletes on the others, exits 1', async () => {
    await create('partial', configMap('partial'));
    fleet.setFault('ap-south-prod', 'down');
    fleet.setFault('eu-west-prod', 'forbid');
    try {
      const r = await mc(
        'delete',
        'cm',
        'partial',
        '--clusters',
        `${all},${fleet.restrictedContext}`,
        '--yes',
        '--request-timeout=3s',
      );
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /error: context "ap-south-prod": /);
      assert.match(
        r.stderr,
        /error: context "eu-west-prod": configmap\/partial -n default: Forbidden: .*cannot delete resource "configmaps"/,
      );
      assert.match(r.stderr, new RegExp(`error: context "${fleet.restrictedContext}": .*forbidden`));
      assert.match(r.stdout, /us-east-prod\s+configmap\/partial\s+default\s+deleted/);
      assert.match(r.stdout, /eu-west-prod\s+configmap\/partial\s+default\s+error: Forbidden/);
    } finally {
      fleet.setFault('ap-south-prod', undefined);
      fleet.setFault('eu-west-prod', undefined);
    }
    assert.equal(await exists('us-east-prod', 'configmap', 'partial'), false);
    assert.equal(await exists('eu-west-prod', 'configmap', 'partial'), true);
    assert.equal(await exists('ap-south-prod', 'configmap', 'partial'), true);
  });
});
