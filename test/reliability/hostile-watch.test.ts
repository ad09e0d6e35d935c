/**
 * `get -w` against servers whose watches end at once (after one event) or answer 410 Gone every time,
 * beside two healthy simulated clusters: the healthy ones keep printing, each hostile one is said to
 * keep failing on stderr, and the requests it gets stay few (counted at the server) — core's one
 * reconnect policy backs off instead of reconnecting or relisting in a tight loop.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { assertBuilt, assertNoStack, cliEnv, spawnCli, waitUntil } from './helpers.js';
import { startHostileServer, type HostileServer } from './hostile-server.js';
import { requireTool } from '../tools.js';
import { Dashboard } from './tmux.js';

const HEALTHY = ['hw-one', 'hw-two'];
const HOSTILE = ['watch-close', 'watch-gone'];
/** Lists and watches one hostile cluster may get in this test; a tight loop makes thousands. */
const BOUND = 25;

describe('reliability: watches that end at once or expire every time', function () {
  this.timeout(120_000);
  let fleet: Fleet;
  let server: HostileServer;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assertBuilt();
    fleet = await startFleet({ clusters: HEALTHY, podsPerCluster: 2 });
    server = await startHostileServer();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kmc-rel-hwatch-'));
    const hostile = path.join(dir, 'hostile.yaml');
    const ca = Buffer.from(server.caPem).toString('base64');
    writeFileSync(
      hostile,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: HOSTILE.map((m) => ({
          name: m,
          cluster: { server: `${server.url}/${m}`, 'certificate-authority-data': ca },
        })),
        users: [{ name: 'hostile-user', user: { token: 'hostile-token-0123456789' } }],
        contexts: HOSTILE.map((m) => ({
          name: m,
          context: { cluster: m, user: 'hostile-user', namespace: 'default' },
        })),
      }),
      { mode: 0o600 },
    );
    env = cliEnv({ KUBECONFIG: `${fleet.kubeconfigPath}${path.delimiter}${hostile}` });
  });
  after(async () => {
    await fleet?.stop();
    await server?.close();
  });

  const requests = (m: string) => server.count(m, 'list') + server.count(m, 'watch');

  for (const output of [[], ['-o', 'json']]) {
    it(`get -w ${output.join(' ')}: healthy clusters keep printing, the hostile ones back off and are said to keep failing`, async () => {
      const before = Object.fromEntries(HOSTILE.map((m) => [m, requests(m)]));
      const child = spawnCli(
        [
          'get',
          'pods',
          '-w',
          '-n',
          'production',
          '--clusters',
          [...HEALTHY, ...HOSTILE].join(','),
          ...output,
        ],
        { env },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const made = () => Object.fromEntries(HOSTILE.map((m) => [m, requests(m) - (before[m] ?? 0)]));
      const show = () =>
        `requests: ${JSON.stringify(made())}\nstderr:\n${stderr.slice(-3000)}\nstdout tail:\n${stdout.slice(-1500)}`;
      try {
        await waitUntil('the initial list', () => /hostile-pod/.test(stdout), show);
        // a pod created on a healthy cluster while the hostile ones misbehave is printed
        const store = fleet.cluster('hw-two').store;
        const base = structuredClone(store.list('pods', 'production')[0]!);
        const name = `fresh-${output.length}`;
        base.metadata = { name, namespace: 'production', labels: base.metadata.labels ?? {} };
        store.add('pods', base);
        await waitUntil(`the new pod ${name} printed`, () => stdout.includes(name), show);
        // each hostile cluster is named on stderr as one whose watch keeps failing
        for (const m of HOSTILE)
          await waitUntil(
            `a "keeps failing" line for ${m}`,
            () =>
              new RegExp(`^warning: context "${m}": watch keeps failing \\(.+\\); retrying in`, 'm').test(
                stderr,
              ),
            show,
          );
        for (const m of HOSTILE) {
          const n = made()[m] ?? 0;
          assert.ok(n >= 4, `${m}: ${n} requests (the watch was retried)`);
          assert.ok(
            n <= BOUND,
            `${m}: ${n} lists and watches, more than ${BOUND}: a reconnect loop\n${show()}`,
          );
        }
        assert.match(stderr, /context "watch-close": watch keeps failing \(the watch keeps ending at once/);
        assert.match(
          stderr,
          /context "watch-gone": watch keeps failing \(the watch keeps expiring \(410 Gone\)/,
        );
        // the hostile pod is not printed again and again: only its list's row (and, for json, its object)
        assert.ok((stdout.match(/hostile-pod/g) ?? []).length <= 4, stdout);
        assertNoStack(stderr);
      } finally {
        child.kill('SIGINT');
      }
      assert.equal(await exited, 130);
    });
  }

  it('the dashboard (tmux): healthy rows keep coming, the hostile clusters are not listed or watched in a loop', async () => {
    requireTool('tmux', ['-V']);
    const before = Object.fromEntries(HOSTILE.map((m) => [m, requests(m)]));
    const made = () => Object.fromEntries(HOSTILE.map((m) => [m, requests(m) - (before[m] ?? 0)]));
    const watches0 = Object.fromEntries(HOSTILE.map((m) => [m, server.count(m, 'watch')]));
    const d = new Dashboard();
    try {
      d.start(['-A', '--clusters', [...HEALTHY, ...HOSTILE].join(','), '--request-timeout', '5s'], {
        KUBECONFIG: env['KUBECONFIG']!,
      });
      await d.waitFor('the clusters view', (s) => /hw-one/.test(s) && /watch-gone/.test(s));
      d.keys(':');
      d.keys('-l', 'pods');
      d.keys('Enter');
      await d.waitFor(
        'pod rows of healthy and hostile clusters',
        (s) => /^hw-one\s/m.test(s) && /hostile-pod/.test(s),
      );
      const store = fleet.cluster('hw-one').store;
      const base = structuredClone(store.list('pods', 'production')[0]!);
      base.metadata = { name: 'dash-fresh', namespace: 'production', labels: base.metadata.labels ?? {} };
      store.add('pods', base);
      await d.waitFor('the new pod on a healthy cluster', (s) => /dash-fresh/.test(s), 30_000);
      // the hostile watches have been retried a few times: enough attempts to show a loop if there were one
      await waitUntil(
        'a few watch attempts on each hostile cluster',
        () => HOSTILE.every((m) => server.count(m, 'watch') - (watches0[m] ?? 0) >= 5),
        () => `requests: ${JSON.stringify(made())}\nscreen:\n${d.screen()}`,
        40_000,
      );
      // each hostile cluster's error line says that its watch keeps failing
      await d.waitFor(
        'the hostile clusters named as failing',
        (s) =>
          /watch-close .*the watch keeps ending at once/.test(s) &&
          /watch-gone .*the watch keeps expiring \(410 Gone\)/.test(s),
      );
      for (const m of HOSTILE) {
        const n = made()[m] ?? 0;
        assert.ok(n <= BOUND, `${m}: ${n} lists and watches from the dashboard: a reconnect loop`);
      }
      d.keys('q');
      await d.waitFor('exit', (s) => /dashboard exited \d+/.test(s));
    } finally {
      d.stop();
    }
  });
});
