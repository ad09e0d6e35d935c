import assert from 'node:assert/strict';
import { ClusterError } from '../../../src/errors.js';
import {
  defaultRolloutSettings,
  gateChecker,
  gateReadingsText,
  parseAnswer,
  PrometheusError,
  type Gate,
  type GateReading,
} from '../../../src/fleet/index.js';
import { fakeApi, pod, replicaSet, vector } from './fake-api.js';

const ERR: Gate = { kind: 'error-rate', max: 0.001, text: '0.1%' };
const LAT: Gate = { kind: 'latency-p99', maxMs: 500, text: '500ms' };
const signal = new AbortController().signal;
const settings = defaultRolloutSettings();

/** Answers by query: the error-rate, request-rate and p99 queries as the defaults spell them. */
function prom(errorRate: string | null, requests: string | null, p99: string | null) {
  return fakeApi((q) => {
    const v = q.startsWith('histogram_quantile') ? p99 : q.includes('code=~') ? errorRate : requests;
    return v === null ? vector() : vector(v);
  });
}

async function read(fake: ReturnType<typeof fakeApi>, gates: Gate[] = [ERR, LAT]): Promise<GateReading[]> {
  return gateChecker(gates, settings).check(fake.target(), signal);
}

describe('fleet/pipeline/gates: checker on Prometheus answers', () => {
  it('passes low error rates and latencies and asks the service proxy with the selector', async () => {
    const fake = prom('0.0001', '10', '0.12');
    const r = await read(fake);
    assert.deepEqual(
      r.map((x) => [x.gate, x.state, x.value, x.threshold]),
      [
        ['error-rate', 'ok', 0.0001, 0.001],
        ['latency-p99', 'ok', 120, 500],
      ],
    );
    assert.equal(gateReadingsText(r), 'error-rate 0.01% ≤ 0.1%, latency-p99 120ms ≤ 500ms');
    assert.ok(
      fake.paths[0]!.startsWith(
        '/api/v1/namespaces/monitoring/services/prometheus:9090/proxy/api/v1/query?query=',
      ),
    );
    assert.ok(
      fake.paths.every((p) => decodeURIComponent(p).includes('namespace="shop",pod_template_hash="abc123"')),
    );
  });

  it('fails a bad canary with the value named', async () => {
    const r = await read(prom('0.05', '10', '1.5'));
    assert.deepEqual(
      r.map((x) => x.state),
      ['failing', 'failing'],
    );
    assert.deepEqual(
      r.map((x) => x.text),
      ['error-rate 5.00% > 0.1%', 'latency-p99 1.50s > 500ms'],
    );
  });

  it('counts no 5xx series with requests as 0 and no requests as no data', async () => {
    const zero = await read(prom(null, '10', '0.1'), [ERR]);
    assert.equal(zero[0]!.state, 'ok');
    assert.equal(zero[0]!.value, 0);
    assert.equal(zero[0]!.text, 'error-rate 0.00% ≤ 0.1%');
    const none = await read(prom(null, null, null));
    assert.deepEqual(
      none.map((x) => [x.state, x.text]),
      [
        ['no-data', 'error-rate no data (no requests)'],
        ['no-data', 'latency-p99 no data'],
      ],
    );
    const nan = await read(prom('NaN', '0', 'NaN'));
    assert.deepEqual(
      nan.map((x) => x.state),
      ['no-data', 'no-data'],
    );
    const inf = await read(prom('0', '1', '+Inf'), [LAT]);
    assert.deepEqual([inf[0]!.state, inf[0]!.text], ['failing', 'latency-p99 +Inf > 500ms']);
  });

  it('fails the gate naming why when Prometheus answers nonsense, and never crashes', async () => {
    const cases: [string | Buffer, RegExp][] = [
      ['<html>502 Bad Gateway</html>', /the answer is not JSON/],
      ['[]', /not a JSON object/],
      [
        '{"status":"error","errorType":"bad_data","error":"parse error\\u001b[31m"}',
        /bad_data: parse error\\x1b\[31m/,
      ],
      [
        '{"status":"success","data":{"resultType":"matrix","result":[]}}',
        /not a vector \(resultType matrix\)/,
      ],
      ['{"status":"success","data":{"resultType":"vector","result":{}}}', /no result list/],
      [
        '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,0.5]}]}}',
        /series 0 has no \[time, "value"\] sample/,
      ],
      [
        '{"status":"success","data":{"resultType":"vector","result":[{"value":[1,"1"]}]}}',
        /series 0 has no metric/,
      ],
      [vector('12abc'), /series 0 has a value that is not a number: "12abc"/],
      [vector('9'.repeat(100_000)), /series 0 has a value that is not a number$/],
      [Buffer.alloc(2 * 1024 * 1024, 0x20), /larger than 1 MiB/],
    ];
    for (const [body, re] of cases) {
      const r = await read(
        fakeApi(() => body),
        [ERR],
      );
      assert.equal(r[0]!.state, 'failing', String(body).slice(0, 80));
      assert.match(r[0]!.text, /^error-rate: cannot read Prometheus monitoring\/prometheus:9090: /);
      assert.match(r[0]!.text, re);
      assert.ok(r[0]!.text.length < 400);
    }
  });

  it('fails the gate naming the service when the proxy answers 404, rethrows an unreachable cluster', async () => {
    const notFound = fakeApi(() => {
      throw new ClusterError('NotFound', 'us-east-prod', 'services "prometheus" not found', { status: 404 });
    });
    const r = await read(notFound, [LAT]);
    assert.equal(r[0]!.state, 'failing');
    assert.equal(
      r[0]!.text,
      'latency-p99: cannot read Prometheus monitoring/prometheus:9090: services "prometheus" not found',
    );
    const down = fakeApi(() => {
      throw new ClusterError('Unreachable', 'us-east-prod', 'connection refused');
    });
    await assert.rejects(
      read(down, [LAT]),
      (e: unknown) => e instanceof ClusterError && e.kind === 'Unreachable',
    );
  });

  it('parses NaN and infinities as Prometheus spells them', () => {
    assert.deepEqual(parseAnswer(vector('NaN', '+Inf', '-Inf', '1e-3')), [NaN, Infinity, -Infinity, 0.001]);
    assert.throws(() => parseAnswer('{"status":"success"}'), PrometheusError);
  });
});

describe('fleet/pipeline/gates: pods-ready', () => {
  const PODS: Gate[] = [{ kind: 'pods-ready' }];
  it('passes when every pod of the ReplicaSet is ready, fails when one is not', async () => {
    const fake = fakeApi(() => vector());
    fake.replicaSets.push(replicaSet(1));
    fake.pods.push(pod('web-canary-abc123-x', true));
    const ok = await gateChecker(PODS, settings).check(fake.target(), signal);
    assert.deepEqual(
      [ok[0]!.state, ok[0]!.text, ok[0]!.value, ok[0]!.threshold],
      ['ok', 'pods-ready 1/1, 0 restarts', 1, 1],
    );
    fake.pods.splice(0, 1, pod('web-canary-abc123-x', false));
    const bad = await gateChecker(PODS, settings).check(fake.target(), signal);
    assert.deepEqual([bad[0]!.state, bad[0]!.text], ['failing', 'pods-ready 0/1 (1 not ready)']);
    fake.pods.length = 0;
    const none = await gateChecker(PODS, settings).check(fake.target(), signal);
    assert.deepEqual([none[0]!.state, none[0]!.text], ['failing', 'pods-ready 0/1']);
    fake.replicaSets.length = 0;
    const noRs = await gateChecker(PODS, settings).check(fake.target(), signal);
    assert.equal(noRs[0]!.text, 'pods-ready: no ReplicaSet of web-canary with pod-template-hash abc123');
  });

  it('fails a pod that restarted after the first check (the baseline)', async () => {
    const fake = fakeApi(() => vector());
    fake.replicaSets.push(replicaSet(1));
    fake.pods.push(pod('web-canary-abc123-x', true, 2));
    const checker = gateChecker(PODS, settings);
    const target = fake.target();
    assert.equal(
      (await checker.check(target, signal))[0]!.state,
      'ok',
      'restarts before the window count not',
    );
    assert.equal(target.restarts?.get('web-canary-abc123-x'), 2);
    fake.pods.splice(0, 1, pod('web-canary-abc123-x', true, 3));
    const r = await checker.check(target, signal);
    assert.deepEqual([r[0]!.state, r[0]!.text], ['failing', 'pod web-canary-abc123-x restarted (2 → 3)']);
  });
});
