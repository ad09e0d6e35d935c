/**
 * `kubectl mc apply` end to end: the built `kubectl-mc` against a simulated fleet, the real kubectl as the
 * oracle of what each cluster then holds; refusals, failing clusters and field-manager conflicts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
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
    const child = execFile(cmd, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end();
  });
}

const deployment = (name: string, image: string, replicas = 2): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: default
  labels:
    app: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: app
        image: ${image}
`;

describe('kubectl mc apply (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    // no deployment controller: these tests count events and compare snapshots taken moments apart
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 4, controllers: false });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-apply-'));
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

  const mc = (...args: string[]) => run(bin, args, env);
  const kubectl = (...args: string[]) => run('kubectl', args, env);
  const file = async (name: string, text: string): Promise<string> => {
    const p = path.join(dir, name);
    await writeFile(p, text);
    return p;
  };
  const image = async (ctx: string, name: string): Promise<string> => {
    const r = await kubectl('get', 'deploy', name, '-n', 'default', '--context', ctx, '-o', 'yaml');
    if (r.code !== 0) return `absent (${r.stderr.trim()})`;
    return /image: (\S+)/.exec(r.stdout)?.[1] ?? '';
  };
  const all = ['--clusters', CLUSTERS.join(',')];

  it('applies to every cluster with --yes; kubectl get shows the change; a second run changes nothing', async () => {
    const f = await file('web.yaml', deployment('web', 'nginx:1.27'));
    const r = await mc('apply', '-f', f, ...all, '--yes');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^CLUSTER\s+OBJECT\s+NAMESPACE\s+RESULT\s+CHANGES/);
    for (const ctx of CLUSTERS) {
      assert.match(r.stdout, new RegExp(`${ctx}\\s+deployment.apps/web\\s+default\\s+created`));
      assert.match(r.stderr, new RegExp(`${ctx}: deployment.apps/web -n default created`));
      assert.equal(await image(ctx, 'web'), 'nginx:1.27');
      const y = await kubectl(
        'get',
        'deploy',
        'web',
        '--context',
        ctx,
        '--show-managed-fields',
        '-o',
        'yaml',
      );
      assert.match(y.stdout, /manager: kubectl-mc\n\s+operation: Apply/);
      // watches see the write: the store logged it as an event
      const added = fleet
        .cluster(ctx)
        .store.events()
        .filter((e) => e.resource === 'deployments' && e.name === 'web');
      assert.deepEqual(
        added.map((e) => e.type),
        ['ADDED'],
      );
    }
    const again = await mc('apply', '-f', f, ...all, '--yes');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /No changes/);
    assert.equal((again.stdout.match(/unchanged/g) ?? []).length, CLUSTERS.length);
    // an unchanged apply writes nothing: no new event
    assert.equal(
      fleet
        .cluster('us-east-prod')
        .store.events()
        .filter((e) => e.name === 'web').length,
      1,
    );
  });

  it('plans the changed fields; --dry-run=server and a refusal without a terminal change nothing', async () => {
    const f = await file('web2.yaml', deployment('web', 'nginx:1.28', 3));
    const dry = await mc('apply', '-f', f, ...all, '--dry-run=server', '--show-diff');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(
      dry.stdout,
      /us-east-prod\s+deployment.apps\/web\s+default\s+configured\s+spec.replicas, spec.template.spec.containers\[app\].image/,
    );
    assert.match(dry.stdout, /^-\s+- image: nginx:1.27$/m);
    assert.match(dry.stdout, /^\+\s+- image: nginx:1.28$/m);
    const refused = await mc('apply', '-f', f, ...all);
    assert.equal(refused.code, 2);
    assert.match(
      refused.stderr,
      /Apply 3 changes to 3 clusters \(us-east-prod, eu-west-prod, ap-south-prod\)\? No terminal/,
    );
    for (const ctx of CLUSTERS) assert.equal(await image(ctx, 'web'), 'nginx:1.27');
  });

  it('names a down and a forbidden cluster, applies the others, exits 1', async () => {
    const f = await file('api.yaml', deployment('api2', 'api:2'));
    fleet.setFault('ap-south-prod', 'down');
    try {
      const r = await mc(
        'apply',
        '-f',
        f,
        '--clusters',
        `${CLUSTERS.join(',')},${fleet.restrictedContext}`,
        '--yes',
      );
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /context "ap-south-prod": .*connection refused/);
      assert.match(
        r.stderr,
        new RegExp(
          `context "${fleet.restrictedContext}": (Error from server \\(Forbidden\\): )?deployment.apps/api2 -n default: Forbidden: .*cannot patch`,
        ),
      );
      assert.equal(await image('us-east-prod', 'api2'), 'api:2');
      assert.equal(await image('eu-west-prod', 'api2'), 'api:2');
    } finally {
      fleet.setFault('ap-south-prod', undefined);
    }
    assert.match(await image('ap-south-prod', 'api2'), /^absent/);
  });

  it('names the manager of a conflicting field (kubectl scale) and --force-conflicts takes it', async () => {
    const f = await file('web.yaml', deployment('web', 'nginx:1.27'));
    const scaled = await kubectl(
      'scale',
      'deploy',
      'web',
      '--replicas=5',
      '-n',
      'default',
      '--context',
      'eu-west-prod',
    );
    assert.equal(scaled.code, 0, scaled.stderr);
    const f3 = await file('web3.yaml', deployment('web', 'nginx:1.27', 4));
    const r = await mc('apply', '-f', f3, '--clusters', 'eu-west-prod,us-east-prod', '--yes');
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /context "eu-west-prod": (Error from server \(Conflict\): )?deployment.apps\/web -n default: Conflict: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps\/v1 at \S+: .spec.replicas/,
    );
    assert.match(r.stdout, /us-east-prod\s+deployment.apps\/web\s+default\s+configured/);
    const replicas = async (ctx: string) =>
      (
        await kubectl(
          'get',
          'deploy',
          'web',
          '-n',
          'default',
          '--context',
          ctx,
          '-o',
          'jsonpath={.spec.replicas}',
        )
      ).stdout;
    assert.equal(await replicas('eu-west-prod'), '5');
    assert.equal(await replicas('us-east-prod'), '4');
    // the real kubectl sees the same conflict
    const real = await kubectl(
      'apply',
      '--server-side',
      '--field-manager',
      'kubectl-mc',
      '-f',
      f3,
      '--context',
      'eu-west-prod',
    );
    assert.notEqual(real.code, 0);
    assert.match(real.stderr, /conflict with "kubectl" with subresource "scale"/);
    const forced = await mc('apply', '-f', f3, '--clusters', 'eu-west-prod', '--yes', '--force-conflicts');
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(await replicas('eu-west-prod'), '4');
    void f;
  });

  it('a field set by another apply manager is a conflict naming it', async () => {
    const other = await file('other.yaml', deployment('web', 'nginx:9', 4));
    const r0 = await kubectl(
      'apply',
      '--server-side',
      '--field-manager',
      'other',
      '--force-conflicts',
      '-f',
      other,
      '--context',
      'us-east-prod',
    );
    assert.equal(r0.code, 0, r0.stderr);
    const mine = await file('mine.yaml', deployment('web', 'nginx:10', 4));
    const r = await mc('apply', '-f', mine, '--clusters', 'us-east-prod', '--dry-run=server');
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /Apply failed with 1 conflict: conflict with "other": .spec.template.spec.containers\[name="app"\].image/,
    );
  });
});
