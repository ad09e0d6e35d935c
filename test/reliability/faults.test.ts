/**
 * Every fault kind of the simulator against `kubectl mc get` (and `contexts --check` once it exists):
 * the healthy clusters' data is printed in full, the failed one is named with its typed error on stderr,
 * exit 1 (0 with --ignore-failures), no stack trace, and a broken cluster never holds the command past
 * its --request-timeout: a cluster that never answers can only end by the deadline, so a command that
 * ends at all proves it (how fast is a figure for `npm run bench`, not an assertion here). Each case runs
 * on five clusters: four healthy ones and the faulty one.
 */
import assert from 'node:assert/strict';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import {
  assertBuilt,
  assertNoStack,
  cliEnv,
  clustersInTable,
  failedContexts,
  runCli,
  spawnCli,
  waitUntil,
} from './helpers.js';

const HEALTHY = ['h-one', 'h-two', 'h-three', 'h-four'];
/** fault → the typed error the CLI must name on stderr */
const FAULTS: Array<{ fault: string; cluster: string; what: string; expect: RegExp; status: string }> = [
  {
    fault: 'down',
    cluster: 'f-down',
    what: 'refuses connections',
    expect: /Unreachable: connection refused/,
    status: 'Unreachable',
  },
  {
    fault: 'hang',
    cluster: 'f-hang',
    what: 'accepts and never answers',
    expect: /timed out after 6s/,
    status: 'Timeout',
  },
  {
    fault: 'stall-body',
    cluster: 'f-stall',
    what: 'sends headers, then stalls the body',
    expect: /timed out after 6s/,
    status: 'Timeout',
  },
  {
    fault: 'error:500',
    cluster: 'f-500',
    what: 'answers 500 to everything',
    expect: /Error from server \(InternalError\): /,
    status: 'ServerError',
  },
  {
    fault: 'throttle',
    cluster: 'f-429',
    what: 'answers 429 + Retry-After',
    expect: /Error from server \(TooManyRequests\): /,
    status: 'Throttled',
  },
  {
    fault: 'garbage',
    cluster: 'f-garbage',
    what: 'sends malformed JSON',
    expect: /InvalidResponse: .*JSON/,
    status: 'InvalidResponse',
  },
  {
    fault: 'bad-cert',
    cluster: 'f-badcert',
    what: 'serves a certificate the kubeconfig CA did not sign',
    expect: /Unreachable: .*(certificate|x509)/,
    status: 'Unreachable',
  },
  {
    fault: 'unauthorized',
    cluster: 'f-401',
    what: 'rejects the token (401)',
    expect:
      /You must be logged in to the server \(the server has asked for the client to provide credentials\)/,
    status: 'Unauthorized',
  },
  {
    fault: 'forbid',
    cluster: 'f-403',
    what: 'forbids the list (403)',
    expect: /Error from server \(Forbidden\): .*forbidden/,
    status: 'ok',
  },
];
/** Long enough for a healthy cluster to answer on a loaded machine; the hung ones wait it out. */
const TIMEOUT_S = 6;

describe('reliability: faulty clusters in a healthy fleet', function () {
  this.timeout(180_000);
  let fleet: Fleet;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assertBuilt();
    fleet = await startFleet({
      clusters: [...HEALTHY, ...FAULTS.map((f) => f.cluster)],
      podsPerCluster: 6,
      faults: Object.fromEntries(FAULTS.map((f) => [f.cluster, f.fault])),
    });
    env = cliEnv({ KUBECONFIG: fleet.kubeconfigPath });
  });
  after(async () => {
    await fleet?.stop();
  });

  /** rows per cluster in `get pods -A` output, checked against each healthy cluster's store */
  function assertHealthyRows(stdout: string): void {
    const lines = stdout.split('\n').filter((l) => l.trim() !== '' && !/^CLUSTER\s/.test(l));
    for (const c of HEALTHY) {
      const want = fleet
        .cluster(c)
        .store.list('pods')
        .map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name}`)
        .sort();
      const got = lines
        .filter((l) => l.startsWith(`${c} `))
        .map((l) => {
          const [, ns, name] = l.split(/\s+/);
          return `${ns ?? ''}/${name ?? ''}`;
        })
        .sort();
      assert.deepEqual(got, want, `rows of healthy cluster ${c}`);
    }
  }

  for (const f of FAULTS) {
    it(`get: a cluster that ${f.what} (${f.fault}) is named with its typed error; the rest print; exit 1`, async () => {
      const r = await runCli(
        [
          'get',
          'pods',
          '-A',
          '--clusters',
          [...HEALTHY, f.cluster].join(','),
          '--request-timeout',
          `${TIMEOUT_S}s`,
        ],
        { env },
      );
      assert.equal(r.code, 1, `exit code; stderr:\n${r.stderr}`);
      assertHealthyRows(r.stdout);
      assert.deepEqual(clustersInTable(r.stdout), HEALTHY);
      assert.deepEqual(failedContexts(r.stderr), [f.cluster], r.stderr);
      const line = r.stderr.split('\n').find((l) => l.includes(`context "${f.cluster}"`)) ?? '';
      assert.match(line, f.expect);
      assertNoStack(r.stderr, 'stderr');
    });
  }

  it('get --ignore-failures: all nine failures named, every healthy row printed, exit 0', async () => {
    const r = await runCli(
      [
        'get',
        'pods',
        '-A',
        '--clusters',
        fleet.clusters.map((c) => c.name).join(','),
        '--request-timeout',
        `${TIMEOUT_S}s`,
        '--ignore-failures',
      ],
      { env },
    );
    assert.equal(r.code, 0, r.stderr);
    assertHealthyRows(r.stdout);
    assert.deepEqual(failedContexts(r.stderr).sort(), FAULTS.map((f) => f.cluster).sort());
    assertNoStack(r.stderr);
  });

  it('get -o json: a valid List of what answered; failures on stderr only', async () => {
    const r = await runCli(
      [
        'get',
        'pods',
        '-A',
        '-o',
        'json',
        '--clusters',
        fleet.clusters.map((c) => c.name).join(','),
        '--request-timeout',
        `${TIMEOUT_S}s`,
      ],
      { env },
    );
    assert.equal(r.code, 1);
    const list = JSON.parse(r.stdout) as {
      items: Array<{ metadata: { annotations: Record<string, string> } }>;
    };
    const ctxs = new Set(list.items.map((i) => i.metadata.annotations['kubectl-mc.io/context']));
    assert.deepEqual([...ctxs].sort(), [...HEALTHY].sort());
    assert.equal(failedContexts(r.stderr).length, FAULTS.length);
  });

  describe('contexts --check', function () {
    for (const f of FAULTS) {
      const reachable = f.status === 'ok';
      it(`contexts --check: a cluster that ${f.what} (${f.fault}) shows STATUS ${f.status}; the healthy ones ok; exit ${reachable ? 0 : 1}`, async () => {
        const r = await runCli(
          [
            'contexts',
            '--check',
            '--clusters',
            [...HEALTHY, f.cluster].join(','),
            '--request-timeout',
            `${TIMEOUT_S}s`,
          ],
          { env },
        );
        for (const c of HEALTHY)
          assert.match(r.stdout, new RegExp(`^[* ]\\s+${c}\\s.*\\sok\\s+v1\\.`, 'm'), r.stdout);
        assert.match(r.stdout, new RegExp(`^[* ]\\s+${f.cluster}\\s.*\\s${f.status}\\s`, 'm'), r.stdout);
        if (reachable) {
          // 403 on lists: the cluster answers and knows the user; only the node counts stay unknown
          assert.equal(r.code, 0, r.stderr);
          assert.deepEqual(failedContexts(r.stderr), []);
        } else {
          assert.equal(r.code, 1, r.stderr);
          assert.deepEqual(failedContexts(r.stderr), [f.cluster], r.stderr);
          assert.match(r.stderr.split('\n').find((l) => l.includes(`"${f.cluster}"`)) ?? '', f.expect);
        }
        assertNoStack(r.stdout + r.stderr);
      });
    }
    it('contexts --check --ignore-failures exits 0', async () => {
      const r = await runCli(
        [
          'contexts',
          '--check',
          '--clusters',
          [...HEALTHY, 'f-down'].join(','),
          '--request-timeout',
          `${TIMEOUT_S}s`,
          '--ignore-failures',
        ],
        { env },
      );
      assert.equal(r.code, 0, r.stderr);
    });
  });

  it('get -w: other streams keep flowing while one cluster is down; it is retried with backoff and said so', async () => {
    const target = 'h-four';
    const child = spawnCli(['get', 'pods', '-n', 'production', '-w', '--clusters', HEALTHY.join(',')], {
      env,
    });
    let stdout = '';
    const warnings: Array<{ at: number; line: string }> = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      for (const line of d.toString().split('\n'))
        if (line.includes(`context "${target}"`) && /reconnect|retry/i.test(line))
          warnings.push({ at: Date.now(), line });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const show = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
    try {
      await waitUntil(
        'the initial table',
        () => HEALTHY.every((c) => new RegExp(`^${c}\\s`, 'm').test(stdout)),
        show,
      );
      fleet.setFault(target, 'down');
      await waitUntil('three reconnect warnings', () => warnings.length >= 3, show, 30_000);
      // a healthy cluster's stream still flows
      const probe = (cluster: string, name: string) => {
        const store = fleet.cluster(cluster).store;
        const t = structuredClone(store.list('pods', 'production')[0]!);
        t.metadata = { name, namespace: 'production', labels: t.metadata.labels ?? {} };
        store.add('pods', t);
      };
      probe('h-one', 'flow-probe-1');
      await waitUntil('the healthy stream', () => /^h-one\s+flow-probe-1\s/m.test(stdout), show);
      // backoff: the waits between attempts grow (0.5 s, 1 s, 2 s … with ±20% jitter)
      const gaps = warnings.slice(1).map((w, i) => w.at - warnings[i]!.at);
      assert.ok(
        gaps.length >= 2 && gaps[gaps.length - 1]! > gaps[0]!,
        `reconnect gaps ${gaps.join(', ')} ms`,
      );
      // recovery: the broken stream resumes
      fleet.setFault(target, undefined);
      probe(target, 'recovery-probe-1');
      await waitUntil(
        'the recovered stream',
        () => new RegExp(`^${target}\\s+recovery-probe-1\\s`, 'm').test(stdout),
        show,
        30_000,
      );
      assertNoStack(stderr);
    } finally {
      fleet.setFault(target, undefined);
      child.kill('SIGINT');
    }
    assert.equal(await exited, 130);
  });
});
