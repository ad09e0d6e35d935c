/**
 * The gate checker against the simulator's mesh (`istio`, `badImages`): a stable Deployment behind a
 * DestinationRule and a VirtualService, a canary beside it; the sim's Prometheus is read through the
 * API server's service proxy as a real cluster's would be.
 */
import assert from 'node:assert/strict';
import { startFleet, type Fleet as SimFleet } from '@kubectl-mc/sim';
import type { ClusterApi } from '../../../src/api/client.js';
import type { KubeObject } from '../../../src/api/types.js';
import {
  defaultRolloutSettings,
  Fleet,
  gateChecker,
  waitForRollout,
  type Gate,
  type GateReading,
  type GateTarget,
} from '../../../src/fleet/index.js';
import { preloadTransport } from '../../../src/transport/index.js';

const GATES: Gate[] = [
  { kind: 'pods-ready' },
  { kind: 'error-rate', max: 0.001, text: '0.1%' },
  { kind: 'latency-p99', maxMs: 500, text: '500ms' },
];

const deployment = (name: string, image: string, replicas: number, canary: boolean): KubeObject => {
  const labels = canary ? { app: 'web', 'kubectl-mc.io/track': 'canary' } : { app: 'web' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'web', image }] } },
    },
  } as KubeObject;
};

describe('fleet/pipeline/gates: checker against the simulated mesh', function () {
  this.timeout(120_000);
  let sim: SimFleet;
  let fleet: Fleet;
  let api: ClusterApi;
  const signal = new AbortController().signal;

  const apply = async (type: string, obj: KubeObject) =>
    api.apply(await api.resolve(type), obj, { fieldManager: 'gates-test', force: true, namespace: 'shop' });
  const rolledOut = async (name: string) => {
    const r = await waitForRollout(api, await api.resolve('deployments'), name, {
      namespace: 'shop',
      timeoutMs: 60_000,
    });
    assert.equal(r.outcome, 'done', r.status.message);
  };
  const hashOf = async (canary: boolean): Promise<string> => {
    const sel = canary ? 'kubectl-mc.io/track=canary' : 'app=web,kubectl-mc.io/track!=canary';
    const rs = await api.list<KubeObject & { spec?: { replicas?: number } }>(
      await api.resolve('replicasets'),
      {
        namespace: 'shop',
        labelSelector: sel,
      },
    );
    const live = rs.items.filter((r) => (r.spec?.replicas ?? 0) > 0);
    assert.equal(live.length, 1);
    return live[0]!.metadata!.labels!['pod-template-hash']!;
  };
  const route = async (stable: string, canary: string, weight: number) => {
    await apply('destinationrules', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        host: 'web.shop.svc.cluster.local',
        subsets: [
          { name: 'stable', labels: { 'pod-template-hash': stable } },
          { name: 'canary', labels: { 'pod-template-hash': canary } },
        ],
      },
    } as KubeObject);
    await apply('virtualservices', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        hosts: ['web'],
        http: [
          {
            route: [
              { destination: { host: 'web', subset: 'stable' }, weight: 100 - weight },
              { destination: { host: 'web', subset: 'canary' }, weight },
            ],
          },
        ],
      },
    } as KubeObject);
  };
  /** Deploy `image` as the canary, route `weight`% to it; its gate target. */
  const canary = async (image: string, weight: number): Promise<GateTarget> => {
    await apply('deployments', deployment('web-canary', image, 1, true));
    await rolledOut('web-canary');
    const hash = await hashOf(true);
    await route(await hashOf(false), hash, weight);
    return {
      context: 'us-east-prod',
      api,
      namespace: 'shop',
      deployment: 'web-canary',
      podTemplateHash: hash,
    };
  };
  const states = (r: GateReading[]) => r.map((x) => `${x.gate}=${x.state}`).join(' ');

  before(async () => {
    sim = await startFleet({
      clusters: ['us-east-prod'],
      podsPerCluster: 10,
      istio: true,
      badImages: ['-bad'],
      timeScale: 50,
    });
    fleet = Fleet.open({ files: [sim.kubeconfigPath], selection: { clusters: ['us-east-prod'] } });
    preloadTransport(fleet.kubeconfig, fleet.contexts);
    api = await fleet.api('us-east-prod');
    await apply('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    } as KubeObject);
    await apply('deployments', deployment('web', 'registry.example/shop/web:1.4.0', 3, false));
    await apply('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    } as KubeObject);
    await rolledOut('web');
  });
  after(async () => {
    fleet?.close();
    await sim?.stop();
  });

  it('passes every gate of a good canary', async () => {
    const target = await canary('registry.example/shop/web:1.5.1', 10);
    const r = await gateChecker(GATES, defaultRolloutSettings()).check(target, signal);
    assert.equal(states(r), 'pods-ready=ok error-rate=ok latency-p99=ok', JSON.stringify(r));
    assert.equal(r[0]!.text, 'pods-ready 1/1, 0 restarts');
    assert.equal(r[1]!.text, 'error-rate 0.00% ≤ 0.1%');
    assert.match(r[2]!.text, /^latency-p99 \d+ms ≤ 500ms$/);
  });

  it('fails error-rate and latency of a bad-image canary, naming the values', async () => {
    const target = await canary('registry.example/shop/web:1.5.0-bad', 10);
    const r = await gateChecker(GATES, defaultRolloutSettings()).check(target, signal);
    assert.equal(states(r), 'pods-ready=ok error-rate=failing latency-p99=failing', JSON.stringify(r));
    assert.ok(r[1]!.value! > 0.01, r[1]!.text);
    assert.match(r[1]!.text, /^error-rate \d+\.\d\d% > 0\.1%$/);
    assert.ok(r[2]!.value! > 1000, r[2]!.text);
    assert.match(r[2]!.text, /^latency-p99 \d\.\d\ds > 500ms$/);
  });

  it('has no data for a canary that gets no traffic', async () => {
    const target = await canary('registry.example/shop/web:1.5.2', 0);
    const r = await gateChecker(GATES, defaultRolloutSettings()).check(target, signal);
    assert.equal(states(r), 'pods-ready=ok error-rate=no-data latency-p99=no-data', JSON.stringify(r));
    assert.equal(r[1]!.text, 'error-rate no data (no requests)');
  });

  it('fails the metric gates naming the Prometheus that cannot be read', async () => {
    const target = await canary('registry.example/shop/web:1.5.2', 10);
    const settings = defaultRolloutSettings();
    settings.prometheus.service = 'prom-missing';
    const r = await gateChecker(GATES, settings).check(target, signal);
    assert.equal(states(r), 'pods-ready=ok error-rate=failing latency-p99=failing', JSON.stringify(r));
    assert.match(
      r[1]!.text,
      /^error-rate: cannot read Prometheus monitoring\/prom-missing:9090: .*prom-missing/,
    );
  });

  it('fails pods-ready while the pod cannot start', async () => {
    const labels = { app: 'broken' };
    await apply('deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'broken', namespace: 'shop' },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'web', image: 'registry.example/shop/web:doesnotexist' }] },
        },
      },
    } as KubeObject);
    const pods = await api.resolve('pods');
    const deadline = Date.now() + 60_000;
    let hash: string | undefined;
    while (hash === undefined) {
      // wait for the condition: the ReplicaSet's pod exists (it never gets ready)
      assert.ok(Date.now() < deadline, 'the pod never appeared');
      const list = await api.list(pods, { namespace: 'shop', labelSelector: 'app=broken' });
      hash = list.items[0]?.metadata?.labels?.['pod-template-hash'];
      if (hash === undefined) await new Promise((r) => setImmediate(r));
    }
    const target = {
      context: 'us-east-prod',
      api,
      namespace: 'shop',
      deployment: 'broken',
      podTemplateHash: hash,
    };
    const r = await gateChecker([{ kind: 'pods-ready' }], defaultRolloutSettings()).check(target, signal);
    assert.deepEqual(
      [r[0]!.state, r[0]!.text, r[0]!.value, r[0]!.threshold],
      ['failing', 'pods-ready 0/1 (1 not ready)', 0, 1],
    );
  });

  it('fails a gate whose query Prometheus refuses, naming why', async () => {
    const target = await canary('registry.example/shop/web:1.5.2', 10);
    const settings = defaultRolloutSettings();
    settings.queries.latencyP99 = 'irate(nope{{{selector}}}[1m])';
    const r = await gateChecker(GATES, settings).check(target, signal);
    assert.equal(states(r), 'pods-ready=ok error-rate=ok latency-p99=failing', JSON.stringify(r));
    assert.match(
      r[2]!.text,
      /^latency-p99: cannot read Prometheus monitoring\/prometheus:9090: .*400.*\(Prometheus refused the query\)$/,
    );
  });
});
