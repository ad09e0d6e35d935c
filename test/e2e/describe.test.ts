/**
 * `kubectl mc describe` end to end: the built `kubectl-mc` against a simulated fleet; for every kind with
 * a describer, and for the generic one, each cluster's blocks equal what the real `kubectl describe …
 * --context <cluster>` prints, byte for byte (Go's random map order in ConfigMap/Secret data aside).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
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
    execFile(cmd, args, { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** mc's output as [context, body] per block (`=== <context> ===` heads each; a blank line separates them). */
function parseBlocks(out: string): [string, string][] {
  const parts = out.split(/^(?==== .+ ===$)/m).filter((p) => p !== '');
  return parts.map((p, i) => {
    const nl = p.indexOf('\n');
    const m = /^=== (.+) ===$/.exec(p.slice(0, nl));
    assert.ok(m, `block header: ${p.slice(0, 80)}`);
    const body = p.slice(nl + 1);
    return [m[1] ?? '', i < parts.length - 1 ? body.replace(/\n$/, '') : body];
  });
}

/** Go prints map entries (ConfigMap and Secret data) in random order: sort them on both sides. */
function normalizeData(text: string): string {
  return text.replace(
    /(\nData\n====\n)([\s\S]*?)(\n\nBinaryData\n|\n*$)/g,
    (_m, head: string, body: string, tail: string) => {
      const entries = /^[^\n]+:\n----\n/m.test(body)
        ? body.split(/\n(?=[^\n]+:\n----\n)/)
        : body.split('\n').filter((l) => l !== '');
      return head + entries.sort().join(body.includes('\n----\n') ? '\n' : '\n') + tail;
    },
  );
}

describe('kubectl mc describe (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(180_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({
      clusters: [...CLUSTERS, 'ap-south-prod'],
      podsPerCluster: 12,
      faults: { 'ap-south-prod': 'down' },
    });
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await fleet?.stop();
  });

  const mc = (...args: string[]) => run(bin, args, env);
  const kubectl = (...args: string[]) => run('kubectl', args, env);

  /** Per cluster, mc's blocks (joined as kubectl joins objects) equal kubectl's stdout for that context. */
  async function compare(args: string[], prefixMatch: boolean): Promise<string | undefined> {
    const [out, ...reals] = await Promise.all([
      mc('describe', ...args, '--clusters', CLUSTERS.join(',')),
      ...CLUSTERS.map((ctx) => kubectl('describe', ...args, '--context', ctx)),
    ]);
    assert.ok(out);
    assert.equal(out.code, 0, `kubectl mc describe ${args.join(' ')}: ${out.stderr}`);
    const blocks = parseBlocks(out.stdout);
    for (const [i, ctx] of CLUSTERS.entries()) {
      const real = reals[i];
      assert.ok(real);
      assert.equal(real.code, 0, real.stderr);
      const bodies = blocks.filter(([c]) => c === ctx).map(([, b]) => b);
      // kubectl separates listed objects by a blank line; objects found by name prefix each end with one
      const mine = prefixMatch ? bodies.map((b) => `${b}\n`).join('') : bodies.join('\n\n');
      if (normalizeData(mine) !== normalizeData(real.stdout))
        return `${ctx}:\n--- kubectl\n${real.stdout}\n--- mc\n${mine}`;
    }
    return undefined;
  }

  /** Ages ("3m4s") tick between the two runs: a difference is retried once, then is a failure. */
  async function assertSame(args: string[], prefixMatch = false): Promise<void> {
    const first = await compare(args, prefixMatch);
    if (first === undefined) return;
    const second = await compare(args, prefixMatch);
    assert.equal(second, undefined, second);
  }

  const cases: string[][] = [
    ['deploy', 'payment', '-n', 'production'],
    ['deployments.apps', 'coredns', '-n', 'kube-system'],
    ['pods', '-l', 'app=api', '-n', 'production'],
    ['pods', '-n', 'production', '-l', 'app=payment'],
    ['svc', 'web', '-n', 'production'],
    ['service/kubernetes'],
    ['services', '-n', 'staging'],
    ['cm', 'payment-config', '-n', 'production'],
    ['configmap', 'coredns', '-n', 'kube-system'],
    ['secret', 'payment-db', '-n', 'production'],
    ['secrets', '-n', 'production'],
    ['ns', 'production'],
    ['namespaces'],
    ['rs', '-n', 'production'],
    ['nodes'],
    ['no', '-l', 'node-role.kubernetes.io/worker'],
    ['statefulset', 'postgres', '-n', 'production'],
    ['ds', 'node-exporter', '-n', 'kube-system'],
    ['federateddeployments', '-n', 'production'],
    ['events', '-n', 'production'],
  ];
  it('the comparison sees objects on every cluster', async () => {
    const out = await mc('describe', 'deploy', '-n', 'production', '--clusters', CLUSTERS.join(','));
    assert.equal(out.code, 0, out.stderr);
    for (const ctx of CLUSTERS) assert.ok(parseBlocks(out.stdout).filter(([c]) => c === ctx).length >= 3);
  });

  for (const args of cases) {
    it(`each cluster's blocks equal kubectl describe ${args.join(' ')}`, () => assertSame(args));
  }

  it('a pod with env, probes, volumes, init containers and tolerations prints as kubectl prints it', async () => {
    const created = new Date(Date.now() - 3_600_000).toISOString();
    for (const c of fleet.clusters.filter((x) => CLUSTERS.includes(x.name))) {
      c.store.add('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'rich-pod',
          namespace: 'production',
          uid: `0000000-rich-${c.name}`,
          creationTimestamp: created,
          labels: { app: 'rich', 'x.example.com/team': 'payments' },
          annotations: {
            'example.com/note': 'line one\nline two',
            'example.com/long': 'v'.repeat(160),
            'kubectl.kubernetes.io/last-applied-configuration': '{"a":1}',
          },
        },
        spec: {
          nodeName: `${c.name}-worker-01`,
          serviceAccountName: 'payments',
          priorityClassName: 'high',
          priority: 1000,
          initContainers: [
            {
              name: 'migrate',
              image: 'registry.example.com/migrate:1',
              command: ['sh', '-c'],
              args: ['run\nmigrations'],
            },
          ],
          containers: [
            {
              name: 'app',
              image: 'registry.example.com/app:2',
              ports: [
                { name: 'http', containerPort: 8080, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9090, protocol: 'TCP', hostPort: 19090 },
              ],
              env: [
                { name: 'PLAIN', value: 'one\ntwo' },
                {
                  name: 'POD_NAME',
                  valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } },
                },
                {
                  name: 'POD_NS',
                  valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
                },
                { name: 'POD_UID', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.uid' } } },
                { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
                {
                  name: 'TEAM',
                  valueFrom: {
                    fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['x.example.com/team']" },
                  },
                },
                { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
                { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
                { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'payment-db', key: 'password' } } },
                {
                  name: 'REGION',
                  valueFrom: { configMapKeyRef: { name: 'payment-config', key: 'REGION', optional: true } },
                },
              ],
              envFrom: [
                { configMapRef: { name: 'payment-config' } },
                { secretRef: { name: 'payment-db', optional: true }, prefix: 'DB_' },
              ],
              resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m' } },
              livenessProbe: {
                httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
                initialDelaySeconds: 5,
                timeoutSeconds: 1,
                periodSeconds: 10,
                successThreshold: 1,
                failureThreshold: 3,
              },
              readinessProbe: {
                tcpSocket: { port: 8080 },
                timeoutSeconds: 1,
                periodSeconds: 5,
                successThreshold: 1,
                failureThreshold: 3,
              },
              startupProbe: {
                exec: { command: ['cat', '/tmp/ready'] },
                timeoutSeconds: 1,
                periodSeconds: 10,
                successThreshold: 1,
                failureThreshold: 30,
              },
              volumeMounts: [
                { name: 'data', mountPath: '/var/data' },
                { name: 'config', mountPath: '/etc/app', readOnly: true },
                { name: 'tls', mountPath: '/etc/tls', subPath: 'tls.crt', readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: 'data', persistentVolumeClaim: { claimName: 'rich-data' } },
            { name: 'config', configMap: { name: 'payment-config' } },
            { name: 'tls', secret: { secretName: 'web-tls', optional: false } },
            { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
            { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux', disktype: 'ssd' },
          tolerations: [
            {
              key: 'node.kubernetes.io/not-ready',
              operator: 'Exists',
              effect: 'NoExecute',
              tolerationSeconds: 300,
            },
            { key: 'dedicated', operator: 'Equal', value: 'payments', effect: 'NoSchedule' },
          ],
        },
        status: {
          phase: 'Pending',
          hostIP: '10.0.0.1',
          qosClass: 'Burstable',
          startTime: created,
          conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: created }],
          initContainerStatuses: [
            {
              name: 'migrate',
              ready: false,
              restartCount: 2,
              image: 'registry.example.com/migrate:1',
              imageID: '',
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: {
                terminated: {
                  exitCode: 1,
                  reason: 'Error',
                  message: 'boom',
                  startedAt: created,
                  finishedAt: created,
                },
              },
            },
          ],
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 0,
              image: 'registry.example.com/app:2',
              imageID: '',
              state: { waiting: { reason: 'PodInitializing' } },
            },
          ],
        },
      });
    }
    await assertSame(['pod', 'rich-pod', '-n', 'production']);
  });

  it('a name prefix describes every matching object, as kubectl falls back to', async () => {
    await assertSame(['pod', 'web', '-n', 'production'], true);
  });

  it('--show-events=false leaves the events out, as kubectl does', async () => {
    await assertSame(['pods', '-l', 'app=api', '-n', 'production', '--show-events=false']);
    const out = await mc(
      'describe',
      'pods',
      '-n',
      'production',
      '--show-events=false',
      '--clusters',
      CLUSTERS.join(','),
    );
    assert.equal(out.code, 0, out.stderr);
    assert.doesNotMatch(out.stdout, /^Events:/m);
  });

  it('escapes control characters from a cluster before the terminal', async () => {
    const c = fleet.clusters.find((x) => x.name === 'us-east-prod');
    assert.ok(c);
    c.store.add('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'hostile',
        namespace: 'default',
        uid: '0000000-hostile',
        annotations: { note: 'title\u001b]0;pwned\u0007' },
      },
      data: { script: 'echo \u001b[2Jcleared\u009b31m' },
    });
    const out = await mc('describe', 'cm', 'hostile', '-n', 'default', '--clusters', 'us-east-prod');
    assert.equal(out.code, 0, out.stderr);
    // eslint-disable-next-line no-control-regex -- the point: no raw control byte reaches the terminal
    assert.doesNotMatch(out.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    assert.match(out.stdout, /note: title\^\[\]0;pwned\^G/);
    assert.match(out.stdout, /echo \^\[\[2Jcleared\\u009b31m/);
  });

  it('names a cluster without the object on stderr and prints the others', async () => {
    const gone = fleet.clusters.find((c) => c.name === 'eu-west-prod');
    assert.ok(gone);
    const cm = gone.store.get('configmaps', 'production', 'payment-config');
    assert.ok(cm);
    gone.store.delete('configmaps', 'production', 'payment-config');
    try {
      const out = await mc(
        'describe',
        'configmap/payment-config',
        '-n',
        'production',
        '--clusters',
        CLUSTERS.join(','),
      );
      assert.equal(out.code, 1);
      assert.deepEqual(
        parseBlocks(out.stdout).map(([c]) => c),
        ['us-east-prod'],
      );
      assert.match(
        out.stderr,
        /^eu-west-prod: Error from server \(NotFound\): configmaps "payment-config" not found$/m,
      );
    } finally {
      gone.store.add('configmaps', cm);
    }
  });

  it('names a down cluster and a forbidden one, prints the rest, exits 1', async () => {
    const out = await mc('describe', 'deploy', 'payment', '-n', 'production', '--all-clusters');
    assert.equal(out.code, 1);
    assert.deepEqual(
      parseBlocks(out.stdout).map(([c]) => c),
      CLUSTERS,
    );
    assert.match(out.stderr, /^error: context "ap-south-prod": /m);
    assert.match(
      out.stderr,
      new RegExp(
        `^error: context "${fleet.restrictedContext}": Error from server \\(Forbidden\\): .*forbidden`,
        'm',
      ),
    );
  });

  it('-l with no match says so per cluster and exits 0', async () => {
    const out = await mc(
      'describe',
      'pods',
      '-n',
      'production',
      '-l',
      'app=nothing',
      '--clusters',
      CLUSTERS.join(','),
    );
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, '');
    for (const ctx of CLUSTERS)
      assert.match(out.stderr, new RegExp(`^${ctx}: No resources found in production namespace\\.$`, 'm'));
  });
});
