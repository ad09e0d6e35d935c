import assert from 'node:assert/strict';
import { ResourceStore, type KubeObject } from '../src/store.js';
import { isNamespaced } from '../src/resources.js';
import { podTraffic } from '../src/prometheus/traffic.js';
import { currentSeries } from '../src/prometheus/series.js';
import { query } from '../src/prometheus/eval.js';

function pod(
  name: string,
  hash: string,
  image: string,
  ready = true,
  extra: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'web',
      labels: { app: 'web', 'pod-template-hash': hash, ...extra },
    },
    spec: { containers: [{ name: 'web', image }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  } as KubeObject;
}

function store(): ResourceStore {
  const s = new ResourceStore(isNamespaced);
  s.load('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  } as KubeObject);
  for (const name of ['web-s-1', 'web-s-2', 'web-s-3']) s.load('pods', pod(name, 'stable1', 'shop/web:1.0'));
  s.load('pods', pod('web-s-4', 'stable1', 'shop/web:1.0', false)); // not ready: no traffic
  s.load('pods', pod('web-c-1', 'canary1', 'shop/web:2.0-bad', true, { 'kubectl-mc.io/track': 'canary' }));
  s.load('pods', pod('other-1', 'x', 'other:1', true, { app: 'other' })); // no Service selects it
  return s;
}

const rates = (s: ResourceStore, rate?: number): Record<string, number> =>
  Object.fromEntries(podTraffic(s, rate).map((t) => [t.pod.metadata.name, Math.round(t.rate * 1000) / 1000]));

function routeTo(s: ResourceStore, host: string, stable: number | undefined, canary?: number): void {
  s.load('destinationrules', {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'web', namespace: 'web' },
    spec: {
      host: 'web',
      subsets: [
        { name: 'stable', labels: { 'pod-template-hash': 'stable1' } },
        { name: 'canary', labels: { 'pod-template-hash': 'canary1' } },
      ],
    },
  } as KubeObject);
  const route: unknown[] = [
    { destination: { host: 'web', subset: 'stable' }, ...(stable !== undefined ? { weight: stable } : {}) },
  ];
  if (canary !== undefined) route.push({ destination: { host: 'web', subset: 'canary' }, weight: canary });
  s.load('virtualservices', {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'web', namespace: 'web' },
    spec: { hosts: [host], http: [{ route }] },
  } as KubeObject);
}

describe('the simulated mesh: traffic split and health', () => {
  it('spreads a Service rate evenly over its ready pods without a VirtualService', () => {
    assert.deepEqual(rates(store()), { 'web-s-1': 25, 'web-s-2': 25, 'web-s-3': 25, 'web-c-1': 25 });
    assert.deepEqual(rates(store(), 40), { 'web-s-1': 10, 'web-s-2': 10, 'web-s-3': 10, 'web-c-1': 10 });
  });

  it('splits by VirtualService weights over DestinationRule subsets (any host form)', () => {
    for (const host of ['web', 'web.web', 'web.web.svc.cluster.local']) {
      const s = store();
      routeTo(s, host, 90, 10);
      assert.deepEqual(rates(s), { 'web-s-1': 30, 'web-s-2': 30, 'web-s-3': 30, 'web-c-1': 10 }, host);
    }
    const s = store();
    routeTo(s, 'web', 100, 0);
    assert.deepEqual(rates(s), { 'web-s-1': 33.333, 'web-s-2': 33.333, 'web-s-3': 33.333 });
    const one = store();
    routeTo(one, 'web', undefined); // a single destination without weight takes it all
    assert.deepEqual(rates(one), { 'web-s-1': 33.333, 'web-s-2': 33.333, 'web-s-3': 33.333 });
    const elsewhere = store();
    routeTo(elsewhere, 'web.other', 90, 10); // names another namespace's Service: not this one's
    assert.deepEqual(Object.keys(rates(elsewhere)).length, 4);
  });

  it('makes pods running a bad image fail: 5% errors and a 1.5 s p99; good ones none', () => {
    const s = store();
    routeTo(s, 'web', 90, 10);
    const series = currentSeries(s, { badImages: ['2.0-bad'] });
    const sel = (h: string): string => `namespace="web",pod_template_hash="${h}"`;
    const err = (h: string): number[] =>
      query(
        `sum(rate(http_requests_total{${sel(h)},code=~"5.."}[1m])) / sum(rate(http_requests_total{${sel(h)}}[1m]))`,
        series,
      ).map((x) => x.value);
    const p99 = (h: string): number =>
      query(
        `histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{${sel(h)}}[1m])) by (le))`,
        series,
      )[0]!.value;
    assert.deepEqual(
      err('canary1').map((v) => Math.round(v * 1e6) / 1e6),
      [0.05],
    );
    assert.deepEqual(err('stable1'), []);
    assert.ok(Math.abs(p99('canary1') - 1.5) < 1e-6);
    assert.ok(Math.abs(p99('stable1') - 0.12) < 0.001);
    // pod labels become Prometheus labels with their names sanitized
    const c = series.find((x) => x.labels['pod'] === 'web-c-1')!;
    assert.equal(c.labels['kubectl_mc_io_track'], 'canary');
    assert.equal(c.labels['pod_template_hash'], 'canary1');
    // without bad images every pod is good
    const clean = currentSeries(s, { badImages: [] });
    assert.equal(clean.filter((x) => x.labels['code'] === '500').length, 0);
  });
});
