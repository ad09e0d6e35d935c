/**
 * The simulator's mesh against its oracle, the REAL `kubectl`: a Deployment, a Service, a DestinationRule
 * and a VirtualService applied with `kubectl apply -f`, a canary beside the stable version, weights
 * changed with `kubectl patch`, and the cluster's Prometheus read through the API server's service proxy
 * with `kubectl get --raw` and the rollout gates' default queries (docs/rollout-gates.md): the weights move the traffic, a bad image
 * fails the gates, a good one passes them.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface PromResult {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

const PROM = '/api/v1/namespaces/monitoring/services/prometheus:9090/proxy/api/v1/query';
const errorRate = (sel: string): string =>
  `sum(rate(http_requests_total{${sel},code=~"5.."}[1m])) / sum(rate(http_requests_total{${sel}}[1m]))`;
const requests = (sel: string): string => `sum(rate(http_requests_total{${sel}}[1m]))`;
const p99 = (sel: string): string =>
  `histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{${sel}}[1m])) by (le))`;

function deployment(name: string, image: string, replicas: number, track?: string): string {
  const labels = track ? `{app: web, kubectl-mc.io/track: ${track}}` : '{app: web}';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
      - name: web
        image: ${image}
`;
}

const APP = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
${deployment('web', 'registry.example/shop/web:1.4.0', 3)}---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
  - name: http
    port: 80
    targetPort: 8080
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: web
  namespace: shop
spec:
  host: web.shop.svc.cluster.local
  subsets:
  - name: stable
    labels: {app: web}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: shop
spec:
  hosts: [web]
  http:
  - route:
    - destination: {host: web, subset: stable}
      weight: 100
`;

describe('real kubectl against the simulated mesh (--istio, --bad-image)', function () {
  this.timeout(120_000);
  let fleet: Fleet;
  let dir: string;

  before(async function () {
    requireTool('kubectl', ['version', '--client']);
    dir = await mkdtemp(path.join(os.tmpdir(), 'sim-istio-'));
    fleet = await startFleet({
      clusters: ['us-east-prod', 'eu-west-prod'],
      podsPerCluster: 10,
      kubeconfigPath: path.join(dir, 'kubeconfig.yaml'),
      istio: true,
      badImages: ['-bad'],
      timeScale: 50,
    });
  });
  after(async () => {
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const kubectl = (args: string[], context = 'us-east-prod'): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        'kubectl',
        [
          '--kubeconfig',
          fleet.kubeconfigPath,
          '--context',
          context,
          '--cache-dir',
          path.join(dir, 'cache'),
          ...args,
        ],
        { timeout: 60_000, env: { ...process.env, KUBECONFIG: '' } },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  const ok = async (args: string[]): Promise<string> => {
    const r = await kubectl(args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const apply = async (name: string, text: string): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return ok(['apply', '-f', file]);
  };
  const query = async (q: string): Promise<PromResult['data']['result']> => {
    const body = JSON.parse(
      await ok(['get', '--raw', `${PROM}?query=${encodeURIComponent(q)}`]),
    ) as PromResult;
    assert.equal(body.status, 'success');
    assert.equal(body.data.resultType, 'vector');
    return body.data.result;
  };
  const scalar = async (q: string): Promise<number | undefined> => {
    const r = await query(q);
    assert.ok(r.length <= 1, JSON.stringify(r));
    return r[0] ? Number(r[0].value[1]) : undefined;
  };
  const hashOf = async (track: 'stable' | 'canary'): Promise<string> => {
    const sel = track === 'canary' ? 'kubectl-mc.io/track=canary' : 'app=web,kubectl-mc.io/track!=canary';
    const out = await ok([
      'get',
      'rs',
      '-n',
      'shop',
      '-l',
      sel,
      '-o',
      'jsonpath={range .items[?(@.spec.replicas>0)]}{.metadata.labels.pod-template-hash}{"\\n"}{end}',
    ]);
    const hashes = out.split('\n').filter(Boolean);
    assert.equal(hashes.length, 1, out);
    return hashes[0]!;
  };
  const route = (stable: number, canary: number): Promise<string> =>
    ok([
      'patch',
      'vs',
      'web',
      '-n',
      'shop',
      '--type',
      'merge',
      '-p',
      JSON.stringify({
        spec: {
          http: [
            {
              route: [
                { destination: { host: 'web', subset: 'stable' }, weight: stable },
                { destination: { host: 'web', subset: 'canary' }, weight: canary },
              ],
            },
          ],
        },
      }),
    ]);
  const subsets = (stable: string, canary: string): Promise<string> =>
    ok([
      'patch',
      'dr',
      'web',
      '-n',
      'shop',
      '--type',
      'merge',
      '-p',
      JSON.stringify({
        spec: {
          subsets: [
            { name: 'stable', labels: { 'pod-template-hash': stable } },
            { name: 'canary', labels: { 'pod-template-hash': canary } },
          ],
        },
      }),
    ]);

  it('applies Istio objects with kubectl and lists, prints, patches and deletes them', async () => {
    const applied = await apply('app.yaml', APP);
    assert.match(applied, /destinationrule.networking.istio.io\/web created/);
    assert.match(applied, /virtualservice.networking.istio.io\/web created/);
    await ok(['rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout', '60s']);
    const listed = await ok(['get', 'vs,dr', '-A']);
    assert.match(listed, /NAMESPACE\s+NAME\s+GATEWAYS\s+HOSTS\s+AGE/);
    assert.match(listed, /shop\s+virtualservice.networking.istio.io\/web\s+\["web"\]/);
    assert.match(listed, /shop\s+destinationrule.networking.istio.io\/web\s+web.shop.svc.cluster.local/);
    assert.match(await ok(['get', 'crd']), /virtualservices.networking.istio.io/);
    // re-applying the same file changes nothing
    assert.match(await apply('app.yaml', APP), /virtualservice.networking.istio.io\/web unchanged/);
    const other = await kubectl(['get', 'vs', '-A'], 'eu-west-prod');
    assert.equal(other.code, 0, other.stderr);
    assert.match(other.stderr, /No resources found/);
  });

  it('sends traffic by the weights and shows a bad canary failing the gates, a good one passing', async () => {
    const stable = await hashOf('stable');
    await apply('canary.yaml', deployment('web-canary', 'registry.example/shop/web:1.5.0-bad', 1, 'canary'));
    await ok(['rollout', 'status', 'deployment/web-canary', '-n', 'shop', '--timeout', '60s']);
    const canary = await hashOf('canary');
    await subsets(stable, canary);
    await route(90, 10);
    const yaml = await ok(['get', 'vs', 'web', '-n', 'shop', '-o', 'yaml']);
    assert.match(yaml, /^apiVersion: networking.istio.io\/v1$/m);
    assert.match(yaml, /subset: canary\n\s+weight: 10/);

    const byHash = await query(
      'sum by (pod_template_hash) (rate(http_requests_total{namespace="shop"}[1m]))',
    );
    const share = Object.fromEntries(byHash.map((s) => [s.metric['pod_template_hash'], Number(s.value[1])]));
    const total = (share[stable] ?? 0) + (share[canary] ?? 0);
    assert.ok(total > 0, JSON.stringify(byHash));
    assert.ok(Math.abs(share[canary]! / total - 0.1) < 0.01, JSON.stringify(share));

    const canarySel = `namespace="shop",pod_template_hash="${canary}"`;
    const stableSel = `namespace="shop",pod_template_hash="${stable}"`;
    assert.ok((await scalar(errorRate(canarySel)))! > 0.01);
    assert.ok((await scalar(p99(canarySel)))! > 1);
    assert.equal(await scalar(errorRate(stableSel)), undefined, 'no 5xx on the stable pods');
    assert.ok((await scalar(requests(stableSel)))! > 0);
    assert.ok((await scalar(p99(stableSel)))! < 0.25);

    // all traffic back on stable: the canary gets none, so its gates have no data
    await route(100, 0);
    assert.equal(await scalar(requests(canarySel)), undefined);

    // a good canary: no errors at all, a p99 far under a second
    await apply('canary.yaml', deployment('web-canary', 'registry.example/shop/web:1.5.1', 1, 'canary'));
    await ok(['rollout', 'status', 'deployment/web-canary', '-n', 'shop', '--timeout', '60s']);
    const good = await hashOf('canary');
    assert.notEqual(good, canary);
    await subsets(stable, good);
    await route(80, 20);
    const goodSel = `namespace="shop",pod_template_hash="${good}"`;
    assert.equal(await scalar(errorRate(goodSel)), undefined);
    assert.ok(Math.abs((await scalar(requests(goodSel)))! - 20) < 1e-9);
    assert.ok((await scalar(p99(goodSel)))! < 0.25);
  });

  it('answers a bad query with bad_data and refuses the restricted user', async () => {
    const bad = await kubectl(['get', '--raw', `${PROM}?query=${encodeURIComponent('irate(x[1m])')}`]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /BadRequest/);
    const restricted = await kubectl(
      ['get', '--raw', `${PROM}?query=${encodeURIComponent(requests('namespace="shop"'))}`],
      'us-east-prod-restricted',
    );
    assert.notEqual(restricted.code, 0);
    assert.match(
      restricted.stderr,
      /cannot get resource "services\/proxy" in API group "" in the namespace "monitoring"/,
    );
  });

  it('deletes them with kubectl', async () => {
    assert.match(
      await ok(['delete', 'vs,dr', 'web', '-n', 'shop']),
      /virtualservice.networking.istio.io "web" deleted/,
    );
    const after = await kubectl(['get', 'vs,dr', '-n', 'shop']);
    assert.match(after.stderr, /No resources found/);
  });
});
