import assert from 'node:assert/strict';
import { main } from '../src/cli.js';
import { get } from './helpers.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
}

const ERRORS =
  '/api/v1/namespaces/monitoring/services/prometheus:9090/proxy/api/v1/query?query=' +
  encodeURIComponent('sum(rate(http_requests_total{code="500"}[1m]))');

describe('kubectl-mc-sim --istio --bad-image', function () {
  this.timeout(20_000);

  it('serves Istio and a Prometheus that sees pods running a bad image fail', async () => {
    const seen: Record<string, string[]> = {};
    const o = io();
    // the seed's workloads run registry.example.com/payment:v2.1.0 among others
    for (const bad of [[], ['payment:v2.1.0']]) {
      const code = await main(
        [
          '--clusters',
          'one',
          '--pods-per-cluster',
          '12',
          '--istio',
          ...bad.flatMap((b) => ['--bad-image', b]),
        ],
        {
          ...o,
          untilSignal: async (fleet) => {
            const one = fleet.cluster('one');
            assert.equal((await get(fleet, one, '/apis/networking.istio.io/v1/virtualservices')).status, 200);
            const r = await get(fleet, one, ERRORS);
            assert.equal(r.status, 200, r.text);
            seen[bad.join()] = (r.json().data.result as { value: [number, string] }[]).map((x) => x.value[1]);
          },
        },
      );
      assert.equal(code, 0, o.err.join(''));
    }
    assert.deepEqual(seen[''], []);
    assert.equal(seen['payment:v2.1.0']!.length, 1);
    assert.ok(Number(seen['payment:v2.1.0']![0]) > 0);
  });

  it('refuses --bad-image without --istio, or an empty one', async () => {
    for (const args of [
      ['--bad-image', 'x'],
      ['--istio', '--bad-image', ' '],
    ]) {
      const o = io();
      assert.equal(await main(['--clusters', 'one', ...args], o), 2);
      assert.match(o.err.join(''), /--bad-image/);
    }
  });
});
