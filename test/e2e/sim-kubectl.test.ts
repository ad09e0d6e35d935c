/**
 * The simulator against its oracle: the REAL `kubectl` (on PATH) talks to a simulated fleet over TLS and
 * we assert on what it prints and how it exits. Skipped, with a message, only when there is no kubectl.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Splits kubectl's table output into rows of cells (columns are separated by 2+ spaces). */
function table(stdout: string): { header: string[]; rows: string[][] } {
  const lines = stdout.trimEnd().split('\n');
  const [head, ...rest] = lines;
  return { header: (head ?? '').trim().split(/\s{2,}/), rows: rest.map((l) => l.trim().split(/\s{2,}/)) };
}

describe('real kubectl against the simulated fleet', function () {
  this.timeout(60_000);
  let fleet: Fleet;
  let dir: string;

  before(async function () {
    requireTool('kubectl', ['version', '--client']);
    dir = await mkdtemp(path.join(os.tmpdir(), 'sim-kubectl-'));
    fleet = await startFleet({
      clusters: ['us-east-prod', 'eu-west-prod', 'ap-south-prod'],
      podsPerCluster: 40,
      kubeconfigPath: path.join(dir, 'kubeconfig.yaml'),
    });
  });
  after(async () => {
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** kubectl with the fleet kubeconfig and a fresh discovery cache, so caching cannot mask bugs. */
  const kubectl = (args: string[], kubeconfig = fleet.kubeconfigPath): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        'kubectl',
        [
          '--kubeconfig',
          kubeconfig,
          '--cache-dir',
          path.join(dir, 'cache'),
          '--request-timeout',
          '20s',
          ...args,
        ],
        { timeout: 30_000, env: { ...process.env, KUBECONFIG: '' } },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });

  it("get pods -A lists every pod of the cluster with kubectl's columns", async () => {
    const r = await kubectl(['--context', 'us-east-prod', 'get', 'pods', '-A']);
    assert.equal(r.code, 0, r.stderr);
    const t = table(r.stdout);
    assert.deepEqual(t.header, ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    assert.equal(t.rows.length, 40);
    const payment = t.rows.filter((row) => row[1]!.startsWith('payment-'));
    assert.equal(payment.length, 5);
    assert.ok(t.rows.some((row) => row[3] === 'Running'));
    assert.ok(t.rows.every((row) => /^\d+\/\d+$/.test(row[2]!)));
    assert.ok(
      t.rows.some((row) => /^\d+ \(\S+ ago\)$/.test(row[4]!)),
      'a restarted pod shows "N (X ago)"',
    );
  });

  it('pages through limit/continue when kubectl lists in small chunks', async () => {
    const whole = await kubectl(['--context', 'us-east-prod', 'get', 'pods', '-A', '--no-headers']);
    const chunked = await kubectl([
      '--context',
      'us-east-prod',
      'get',
      'pods',
      '-A',
      '--no-headers',
      '--chunk-size',
      '7',
    ]);
    assert.equal(chunked.code, 0, chunked.stderr);
    const names = (out: string) =>
      out
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/).slice(0, 2).join('/'));
    assert.equal(names(chunked.stdout).length, 40);
    assert.deepEqual(names(chunked.stdout), names(whole.stdout));
  });

  it('get events -A prints the event columns', async () => {
    const r = await kubectl(['--context', 'us-east-prod', 'get', 'events', '-A']);
    assert.equal(r.code, 0, r.stderr);
    const t = table(r.stdout);
    assert.deepEqual(t.header, ['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    assert.ok(t.rows.length > 0);
    assert.ok(t.rows.every((row) => /^(pod|deployment|replicaset|node)\//.test(row[4]!)));
    const kinds = new Set(t.rows.map((row) => row[4]!.split('/')[0]));
    assert.ok(kinds.has('pod') && kinds.has('deployment') && kinds.has('node'), [...kinds].join());
  });

  it('works with the client-certificate user too (eu-west-prod)', async () => {
    const r = await kubectl([
      '--context',
      'eu-west-prod',
      'get',
      'pods',
      '-n',
      'production',
      '-l',
      'app=payment',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(table(r.stdout).rows.length, 3);
  });

  it("get deploy -o wide shows the server's wide columns", async () => {
    const r = await kubectl(['--context', 'us-east-prod', 'get', 'deploy', '-n', 'production', '-o', 'wide']);
    assert.equal(r.code, 0, r.stderr);
    const t = table(r.stdout);
    assert.deepEqual(t.header, [
      'NAME',
      'READY',
      'UP-TO-DATE',
      'AVAILABLE',
      'AGE',
      'CONTAINERS',
      'IMAGES',
      'SELECTOR',
    ]);
    const payment = t.rows.find((row) => row[0] === 'payment');
    assert.ok(payment, r.stdout);
    assert.match(payment[1]!, /^\d\/5$/);
    assert.equal(payment[6], 'registry.example.com/payment:v2.1.0');
    assert.match(payment[7]!, /app=payment/);
  });

  it('get nodes shows status, roles and versions', async () => {
    const r = await kubectl(['--context', 'ap-south-prod', 'get', 'nodes']);
    assert.equal(r.code, 0, r.stderr);
    const t = table(r.stdout);
    assert.deepEqual(t.header, ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    assert.ok(t.rows.some((row) => row[0] === 'ap-south-prod-control-plane' && row[2] === 'control-plane'));
    assert.ok(
      t.rows.every((row) => /^(Ready|NotReady|Unknown)/.test(row[1]!) && /^v1\.\d+\.\d+$/.test(row[4]!)),
    );
  });

  it('get federateddeployments -A finds the KubeFed payment-service by its CRD name and short name', async () => {
    for (const res of ['federateddeployments', 'fdeploy', 'federateddeployments.types.kubefed.io']) {
      const r = await kubectl(['--context', 'us-east-prod', 'get', res, '-A']);
      assert.equal(r.code, 0, r.stderr);
      const t = table(r.stdout);
      assert.deepEqual(t.header, ['NAMESPACE', 'NAME', 'AGE']);
      assert.deepEqual(
        t.rows.map((row) => row.slice(0, 2)),
        [['production', 'payment-service']],
      );
    }
  });

  it('api-resources lists the simulated resources with short names', async () => {
    const r = await kubectl(['--context', 'us-east-prod', 'api-resources']);
    assert.equal(r.code, 0, r.stderr);
    const t = table(r.stdout);
    assert.deepEqual(t.header, ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    // first row of a name: metrics.k8s.io also has `pods` and `nodes` (PodMetrics, NodeMetrics)
    const byName = new Map(t.rows.map((row) => [row[0], row]).reverse() as [string, string[]][]);
    assert.deepEqual(byName.get('pods'), ['pods', 'po', 'v1', 'true', 'Pod']);
    assert.deepEqual(byName.get('deployments'), ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
    assert.deepEqual(byName.get('federateddeployments'), [
      'federateddeployments',
      'fdeploy',
      'types.kubefed.io/v1beta1',
      'true',
      'FederatedDeployment',
    ]);
    assert.deepEqual(byName.get('nodes')?.slice(1, 4), ['no', 'v1', 'false']);
  });

  it('version reports the server version', async () => {
    const r = await kubectl(['--context', 'us-east-prod', 'version']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Server Version: v1\.32\.4-sim$/m);
  });

  it('get pods -l app=payment selects by label', async () => {
    const r = await kubectl([
      '--context',
      'us-east-prod',
      'get',
      'pods',
      '-A',
      '-l',
      'app=payment',
      '--no-headers',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const rows = table(`H\n${r.stdout}`).rows;
    assert.equal(rows.length, 5);
    assert.ok(rows.every((row) => row[0] === 'production' && row[1]!.startsWith('payment-')));
  });

  it('get pods --field-selector status.phase=Running selects by field', async () => {
    const all = await kubectl(['--context', 'us-east-prod', 'get', 'pods', '-A', '-o', 'json']);
    const running = JSON.parse(all.stdout).items.filter(
      (p: { status: { phase: string } }) => p.status.phase === 'Running',
    );
    const r = await kubectl([
      '--context',
      'us-east-prod',
      'get',
      'pods',
      '-A',
      '--field-selector',
      'status.phase=Running',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const t = table(r.stdout);
    assert.equal(t.rows.length, running.length);
    assert.ok(t.rows.length < 40, 'some pods are not Running');
    const bad = await kubectl([
      '--context',
      'us-east-prod',
      'get',
      'pods',
      '--field-selector',
      'spec.color=blue',
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /field label not supported: spec\.color/);
  });

  it('get pods -w prints an event triggered through the store', async () => {
    const east = fleet.cluster('us-east-prod');
    const child = spawn(
      'kubectl',
      [
        '--kubeconfig',
        fleet.kubeconfigPath,
        '--cache-dir',
        path.join(dir, 'cache'),
        '--context',
        'us-east-prod',
        'get',
        'pods',
        '-n',
        'default',
        '-w',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: '' } },
    );
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const waitFor = (re: RegExp): Promise<string> =>
        new Promise((resolve, reject) => {
          const check = (): void => {
            const line = out.split('\n').find((l) => re.test(l));
            if (line) {
              child.stdout.off('data', onData);
              child.off('exit', onExit);
              resolve(line);
            }
          };
          const onData = (d: Buffer): void => {
            out += d.toString();
            check();
          };
          const onExit = (): void => reject(new Error(`kubectl exited; stdout:\n${out}\nstderr:\n${err}`));
          child.stdout.on('data', onData);
          child.on('exit', onExit);
          check();
        });
      // the initial list is printed first (the header line)
      await waitFor(/^NAME\s+READY\s+STATUS/);
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'watch-me', namespace: 'default', labels: { app: 'watch-me' } },
        spec: { containers: [{ name: 'c', image: 'busybox' }], nodeName: 'us-east-prod-worker-01' },
        status: {
          phase: 'Pending',
          containerStatuses: [
            { name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
          ],
        },
      };
      east.store.add('pods', pod);
      const line = await waitFor(/^watch-me\s/);
      assert.match(line, /^watch-me\s+0\/1\s+ContainerCreating\s+0\s+\d+s$/);
    } finally {
      child.kill();
    }
  });

  it("logs prints a running pod's log, --tail included", async () => {
    const pods = JSON.parse(
      (
        await kubectl([
          '--context',
          'us-east-prod',
          'get',
          'pods',
          '-n',
          'production',
          '-l',
          'app=payment',
          '-o',
          'json',
        ])
      ).stdout,
    );
    const pod = pods.items.find(
      (p: { status: { containerStatuses: { ready: boolean }[] } }) => p.status.containerStatuses[0]!.ready,
    );
    const r = await kubectl([
      '--context',
      'us-east-prod',
      'logs',
      '-n',
      'production',
      pod.metadata.name,
      '--tail',
      '2',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.ok(
      lines.every((l) => / payment (request|starting) /.test(l)),
      r.stdout,
    );
  });

  it('a wrong token gets 401: kubectl fails and says it is unauthorized', async () => {
    const kc = parse(await readFile(fleet.kubeconfigPath, 'utf8'));
    kc.users.find((u: { name: string }) => u.name === 'us-east-prod-admin').user.token = 'wrong-token';
    const bad = path.join(dir, 'wrong-token.yaml');
    await writeFile(bad, stringify(kc), { mode: 0o600 });
    const r = await kubectl(['--context', 'us-east-prod', 'get', 'pods'], bad);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Unauthorized|must be logged in/);
  });

  it('the restricted context gets 403 across namespaces (exit 1, "forbidden") but can list in default', async () => {
    const r = await kubectl(['--context', 'us-east-prod-restricted', 'get', 'pods', '-A']);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /forbidden: User "restricted" cannot list resource "pods" in API group "" at the cluster scope/,
    );
    const ok = await kubectl(['--context', 'us-east-prod-restricted', 'get', 'pods']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(table(ok.stdout).rows.some((row) => row[0]!.startsWith('hello-')));
    const secrets = await kubectl(['--context', 'us-east-prod-restricted', 'get', 'secrets']);
    assert.equal(secrets.code, 1);
    assert.match(secrets.stderr, /forbidden/);
  });
});
