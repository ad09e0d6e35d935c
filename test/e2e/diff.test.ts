/**
 * `kubectl mc diff` end to end: per cluster, its exit status and its diff equal what the real
 * `kubectl diff --server-side` prints for that cluster of the simulated fleet.
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

const manifest = (image: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: default
data:
  mode: fast
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: ${image}
`;

/** The diff without its temporary directory names and file times. */
const stable = (s: string): string =>
  s
    .replace(/\/tmp\/(LIVE|MERGED)-[^/\s]+/g, '/tmp/$1')
    .replace(/\t.*$/gm, '')
    .replace(/(creationTimestamp|uid): .*/g, '$1: X');

describe('kubectl mc diff (built CLI vs simulated fleet vs real kubectl diff)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'staging'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    // no deployment controller: these tests count events and compare snapshots taken moments apart
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 4, controllers: false });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-diff-'));
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

  it('exit status and diff per cluster equal kubectl diff --server-side (unchanged, changed, new)', async () => {
    const v1 = path.join(dir, 'v1.yaml');
    const v2 = path.join(dir, 'v2.yaml');
    await writeFile(v1, manifest('nginx:1.27'));
    await writeFile(v2, manifest('nginx:1.28'));
    // us-east-prod already has v2 (unchanged), eu-west-prod has v1 (changed), staging has nothing (new)
    const a = await kubectl(
      'apply',
      '--server-side',
      '--field-manager',
      'kubectl-mc',
      '-f',
      v2,
      '--context',
      'us-east-prod',
    );
    assert.equal(a.code, 0, a.stderr);
    const b = await kubectl(
      'apply',
      '--server-side',
      '--field-manager',
      'kubectl-mc',
      '-f',
      v1,
      '--context',
      'eu-west-prod',
    );
    assert.equal(b.code, 0, b.stderr);

    const expected = { 'us-east-prod': 0, 'eu-west-prod': 1, staging: 1 } as Record<string, number>;
    for (const ctx of CLUSTERS) {
      const real = await kubectl(
        'diff',
        '--server-side',
        '--field-manager',
        'kubectl-mc',
        '-f',
        v2,
        '--context',
        ctx,
      );
      const ours = await mc('diff', '-f', v2, '--clusters', ctx);
      assert.equal(real.code, expected[ctx], `${ctx}: kubectl diff: ${real.stderr}`);
      assert.equal(ours.code, real.code, `${ctx}: ${ours.stderr}`);
      assert.equal(stable(ours.stdout), `# cluster: ${ctx}\n${stable(real.stdout)}`);
    }
    const whole = await mc('diff', '-f', v2, '--clusters', CLUSTERS.join(','));
    assert.equal(whole.code, 1);
    assert.deepEqual(
      whole.stdout.split('\n').filter((l) => l.startsWith('# cluster: ')),
      CLUSTERS.map((c) => `# cluster: ${c}`),
    );
    assert.match(whole.stdout, /^-\s+- image: nginx:1.27$/m);
    // nothing was stored by the dry runs
    const img = await kubectl(
      'get',
      'deploy',
      'web',
      '-n',
      'default',
      '--context',
      'eu-west-prod',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    );
    assert.equal(img.stdout, 'nginx:1.27');
  });

  it('honours KUBECTL_EXTERNAL_DIFF and exits 2 for a failing cluster', async () => {
    const v2 = path.join(dir, 'v2.yaml');
    const ext = await run(bin, ['diff', '-f', v2, '--clusters', 'eu-west-prod'], {
      ...env,
      KUBECTL_EXTERNAL_DIFF: 'diff -q',
    });
    assert.equal(ext.code, 1);
    assert.match(
      ext.stdout,
      /^Files \/tmp\/LIVE-\S+\/apps.v1.Deployment.default.web and \/tmp\/MERGED-\S+ differ$/m,
    );
    fleet.setFault('staging', 'down');
    try {
      const r = await mc('diff', '-f', v2, '--clusters', 'eu-west-prod,staging');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /context "staging": .*connection refused/);
      assert.match(r.stdout, /# cluster: eu-west-prod\ndiff -u -N/);
    } finally {
      fleet.setFault('staging', undefined);
    }
  });
});
