import assert from 'node:assert/strict';
import { bucketQuantile, formatValue, query } from '../src/prometheus/eval.js';
import { PromQLError } from '../src/prometheus/parse.js';
import { BUCKETS, type Series } from '../src/prometheus/series.js';

const good = [0.7, 0.9885, 1, 1, 1, 1, 1, 1];
const bad = [0.3, 0.6, 0.85, 0.95, 0.985, 1, 1, 1];

function pod(name: string, hash: string, rate: number, cdf: number[], errors = 0): Series[] {
  const base = { namespace: 'web', pod: name, pod_template_hash: hash, app: 'web' };
  return [
    { labels: { __name__: 'http_requests_total', ...base, code: '200' }, rate: rate - errors },
    ...(errors ? [{ labels: { __name__: 'http_requests_total', ...base, code: '500' }, rate: errors }] : []),
    ...BUCKETS.map((le, i) => ({
      labels: { __name__: 'http_request_duration_seconds_bucket', ...base, le },
      rate: rate * cdf[i]!,
    })),
  ];
}

const series: Series[] = [
  ...pod('web-a-1', 'aaa', 45, good),
  ...pod('web-a-2', 'aaa', 45, good),
  ...pod('web-b-1', 'bbb', 10, bad, 0.5),
];

const ERROR_RATE = (sel: string): string =>
  `sum(rate(http_requests_total{${sel},code=~"5.."}[1m])) / sum(rate(http_requests_total{${sel}}[1m]))`;
const P99 = (sel: string): string =>
  `histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{${sel}}[1m])) by (le))`;

const values = (q: string): number[] => query(q, series).map((s) => s.value);

describe('the simulated Prometheus: PromQL subset', () => {
  it('sums rates, by labels in either position, with each matcher kind', () => {
    assert.deepEqual(values('sum(rate(http_requests_total[1m]))'), [100]);
    assert.deepEqual(values('sum(rate(http_requests_total{code="500"}[5m]))'), [0.5]);
    assert.deepEqual(values('sum(rate(http_requests_total{code!="200"}[1m]))'), [0.5]);
    assert.deepEqual(values('sum(rate(http_requests_total{code=~"5.."}[1m]))'), [0.5]);
    // regexes are anchored: "5" matches no code
    assert.deepEqual(values('sum(rate(http_requests_total{code=~"5"}[1m]))'), []);
    assert.deepEqual(values('sum(rate(http_requests_total{pod!~"web-a-.*"}[1m]))'), [10]);
    const byHash = query('sum by (pod_template_hash) (rate(http_requests_total[1m]))', series);
    assert.deepEqual(byHash, [
      { metric: { pod_template_hash: 'aaa' }, value: 90 },
      { metric: { pod_template_hash: 'bbb' }, value: 10 },
    ]);
    assert.deepEqual(query('sum(rate(http_requests_total[1m])) by (pod_template_hash)', series), byHash);
    assert.deepEqual(values('sum(rate(http_requests_total{namespace="other"}[1m]))'), []);
  });

  it('divides matching series: the contract error rate, empty when either side is', () => {
    assert.deepEqual(values(ERROR_RATE('namespace="web",pod_template_hash="bbb"')), [0.05]);
    // good pods answer no 500s: no numerator series, an empty result
    assert.deepEqual(values(ERROR_RATE('namespace="web",pod_template_hash="aaa"')), []);
    assert.deepEqual(values(ERROR_RATE('namespace="web",pod_template_hash="none"')), []);
    const byPod = query(
      'sum by (pod) (rate(http_requests_total{code="200"}[1m])) / sum by (pod) (rate(http_requests_total[1m]))',
      series,
    );
    assert.deepEqual(
      byPod.map((s) => [s.metric['pod'], s.value]),
      [
        ['web-a-1', 1],
        ['web-a-2', 1],
        ['web-b-1', 0.95],
      ],
    );
  });

  it('takes histogram quantiles: p99 ≈ 120 ms on good pods, 1.5 s on bad ones', () => {
    const [g] = values(P99('namespace="web",pod_template_hash="aaa"'));
    assert.ok(Math.abs(g! - 0.12) < 0.001, String(g));
    const [b] = values(P99('namespace="web",pod_template_hash="bbb"'));
    assert.ok(Math.abs(b! - 1.5) < 1e-9, String(b));
    assert.deepEqual(values(P99('namespace="nowhere"')), []);
    assert.equal(
      bucketQuantile(0.5, [
        { le: 1, count: 0 },
        { le: 2, count: 10 },
        { le: Infinity, count: 10 },
      ]),
      1.5,
    );
    assert.equal(
      bucketQuantile(0.99, [
        { le: 1, count: 1 },
        { le: Infinity, count: 10 },
      ]),
      1,
    );
  });

  it('names what it does not support as a parse error', () => {
    const cases: [string, RegExp][] = [
      ['', /no expression/],
      ['irate(http_requests_total[1m])', /function "irate" is not supported/],
      ['avg(rate(x[1m]))', /aggregation "avg" is not supported/],
      ['sum without (pod) (rate(x[1m]))', /"without" is not supported/],
      ['http_requests_total', /selector outside rate\(\)/],
      ['sum(rate(x[1m])) + sum(rate(x[1m]))', /binary operator "\+"/],
      ['sum(rate(x[1m] offset 5m))', /"offset" is not supported/],
      ['sum(rate(x{a=~"("}[1m]))', /invalid regular expression/],
      ['sum(rate(x[1q]))', /bad duration/],
      ['sum(rate(x[1m:10s]))', /subqueries/],
      ['sum(rate(x[1m])) )', /unexpected "\)"/],
      ['sum(rate(x{a="b"[1m]))', /expected "," or "}"/],
      ['rate(x)', /range vector/],
    ];
    for (const [q, re] of cases) {
      assert.throws(
        () => query(q, series),
        (e: unknown) => e instanceof PromQLError && re.test(e.message),
        q,
      );
    }
  });

  it('writes values as Prometheus does', () => {
    assert.equal(formatValue(90), '90');
    assert.equal(formatValue(0.05), '0.05');
    assert.equal(formatValue(1e-7), '0.0000001');
    assert.equal(formatValue(1.5e21), '1500000000000000000000');
    assert.equal(formatValue(NaN), 'NaN');
    assert.equal(formatValue(Infinity), '+Inf');
    assert.equal(formatValue(-Infinity), '-Inf');
  });
});
