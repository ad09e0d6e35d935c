import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { main } from '../src/cli.js';
import { get } from './helpers.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
}

describe('kubectl-mc-sim', function () {
  this.timeout(20_000);

  it('prints exactly one "ready <kubeconfig>" line, serves until told to stop, and exits 0', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sim-cli-'));
    const kubeconfig = path.join(dir, 'fleet.yaml');
    const o = io();
    let served = 0;
    const code = await main(
      [
        '--clusters',
        'one,two',
        '--kubeconfig',
        kubeconfig,
        '--pods-per-cluster',
        '7',
        '--fault',
        'two=throttle',
        '--seed',
        '3',
      ],
      {
        ...o,
        untilSignal: async (fleet) => {
          const r = await get(fleet, fleet.cluster('one'), '/api/v1/pods');
          served = r.json().items.length;
          assert.equal((await get(fleet, fleet.cluster('two'), '/api/v1/pods')).status, 429);
        },
      },
    );
    assert.equal(code, 0);
    assert.deepEqual(o.out, [`ready ${kubeconfig}\n`]);
    assert.equal(served, 7);
    const kc = parse(await readFile(kubeconfig, 'utf8'));
    assert.deepEqual(
      kc.contexts.map((c: { name: string }) => c.name),
      ['one', 'two', 'one-restricted'],
    );
    for (const u of kc.users as { user: { token?: string } }[]) {
      if (u.user.token)
        assert.ok(
          !o.out.join('').includes(u.user.token) && !o.err.join('').includes(u.user.token),
          'no token printed',
        );
    }
  });

  it('defaults to the seed regional fleet', async () => {
    const o = io();
    let names: string[] = [];
    const code = await main([], {
      ...o,
      untilSignal: async (f) => void (names = f.clusters.map((c) => c.name)),
    });
    assert.equal(code, 0);
    assert.deepEqual(names, ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'staging', 'dev']);
  });

  it('accepts a cluster count', async () => {
    const o = io();
    let names: string[] = [];
    await main(['--clusters', '3', '--pods-per-cluster', '1'], {
      ...o,
      untilSignal: async (f) => void (names = f.clusters.map((c) => c.name)),
    });
    assert.deepEqual(names, ['cluster-01', 'cluster-02', 'cluster-03']);
  });

  it('exits 2 with a clear message on usage errors', async () => {
    for (const [args, pattern] of [
      [['--fault', 'nobody=latency:1s'], /fault for unknown cluster "nobody"/],
      [['--fault', 'us-east-prod=explode'], /unknown fault "explode"/],
      [['--fault', 'latency'], /CLUSTER=SPEC/],
      [['--pods-per-cluster', 'many'], /non-negative integer/],
      [['--churn', 'often'], /invalid duration/],
      [['--bogus'], /Unknown option '--bogus'/],
      [['--server-version', 'v1.30.0'], /CLUSTER=VERSION/],
      [['--server-version', 'dev=1.30'], /invalid server version "1.30"/],
      [['--server-version', 'nobody=v1.30.0'], /version for unknown cluster "nobody"/],
    ] as const) {
      const o = io();
      const code = await main([...args], { ...o, untilSignal: async () => undefined });
      assert.equal(code, 2, String(args));
      assert.match(o.err.join(''), pattern);
      assert.deepEqual(o.out, []);
    }
  });
});
