/**
 * No credential ever reaches a byte of output. A kubeconfig holding bearer tokens, a client key, basic
 * auth, exec plugins (one answering a working token, one a refused token, one failing with its token in
 * its own output) and a token for a 401 cluster goes through get (table, json, yaml, name), contexts
 * (table, json, --check), the error paths, and the dashboard in tmux (screen and raw bytes); every
 * stdout/stderr byte is searched for each secret and its base64 form.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';
import { assertBuilt, assertNoSecrets, assertNoStack, cliEnv, runCli } from './helpers.js';
import { Dashboard } from './tmux.js';

const CLUSTERS = ['k-one', 'k-two', 'k-three', 'k-four', 'k-five', 'k-401'];

interface Kubeconfig {
  clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
  contexts: Array<{ name: string; context: Record<string, unknown> }>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
}

describe('reliability: credentials never printed', function () {
  this.timeout(300_000);
  let fleet: Fleet;
  let env: NodeJS.ProcessEnv;
  let kubeconfig: string;
  const secrets: string[] = [];
  let outputs: Record<string, Buffer | string> = {};
  beforeEach(() => {
    outputs = {};
  });

  before(async () => {
    assertBuilt();
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 4, faults: { 'k-401': 'unauthorized' } });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kmc-rel-creds-'));
    const kc = parse(readFileSync(fleet.kubeconfigPath, 'utf8')) as Kubeconfig;
    for (const u of kc.users) {
      for (const k of ['token', 'client-key-data', 'client-certificate-data'] as const) {
        const v = u.user[k];
        if (typeof v === 'string') secrets.push(v);
        if (k === 'client-key-data' && typeof v === 'string') {
          // the decoded PEM body too, line by line
          const pem = Buffer.from(v, 'base64').toString('utf8');
          for (const line of pem.split('\n')) if (/^[A-Za-z0-9+/=]{40,}$/.test(line)) secrets.push(line);
        }
      }
    }
    const workingToken = fleet.cluster('k-four').token!;
    const refused = `exec-refused-${'r'.repeat(20)}`;
    const printedByPlugin = `plugin-printed-${'p'.repeat(20)}`;
    const password = `basic-pass-${'w'.repeat(16)}`;
    const envSecret = `exec-env-secret-${'e'.repeat(12)}`;
    secrets.push(refused, printedByPlugin, password, envSecret);
    const plugin = (name: string, body: string) => {
      const p = path.join(dir, name);
      writeFileSync(p, `#!/bin/sh\n${body}\n`);
      chmodSync(p, 0o755);
      return p;
    };
    const cred = (token: string) =>
      `cat <<'JSON'\n{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${token}"}}\nJSON`;
    const execUser = (command: string) => ({
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command,
        interactiveMode: 'Never',
        env: [{ name: 'PLUGIN_SECRET', value: envSecret }],
      },
    });
    const ctx = (name: string, cluster: string, user: string) => ({
      name,
      context: { cluster, user, namespace: 'default' },
    });
    kc.users.push(
      { name: 'exec-good', user: execUser(plugin('good.sh', cred(workingToken))) },
      { name: 'exec-refused', user: execUser(plugin('refused.sh', cred(refused))) },
      {
        name: 'exec-broken',
        user: execUser(
          plugin(
            'broken.sh',
            `echo "not json, token=${printedByPlugin}"\necho "token=${printedByPlugin}" >&2\nexit 1`,
          ),
        ),
      },
      {
        name: 'exec-garbled',
        user: execUser(plugin('garbled.sh', `echo '{"status":{"token":"${printedByPlugin}"'`)),
      },
      { name: 'basic', user: { username: 'admin', password } },
      // never answers within the deadline (a plugin waiting for a browser login); exits by itself soon after
      { name: 'exec-stuck', user: execUser(plugin('stuck.sh', 'exec sleep 6')) },
    );
    kc.contexts.push(
      ctx('via-exec', 'k-four', 'exec-good'),
      ctx('via-exec-refused', 'k-five', 'exec-refused'),
      ctx('via-exec-broken', 'k-five', 'exec-broken'),
      ctx('via-exec-garbled', 'k-five', 'exec-garbled'),
      ctx('via-basic', 'k-three', 'basic'),
      ctx('via-exec-stuck', 'k-two', 'exec-stuck'),
    );
    kubeconfig = path.join(dir, 'kubeconfig.yaml');
    writeFileSync(kubeconfig, stringify(kc), { mode: 0o600 });
    env = cliEnv({ KUBECONFIG: kubeconfig });
  });
  after(async () => {
    await fleet?.stop();
  });

  // via-exec-broken has its own case below (was known bug R3): it is left out of the fleet-wide runs
  const all = () => [
    '--all-clusters',
    '--exclude',
    'via-exec-broken,via-exec-stuck',
    '--request-timeout',
    '5s',
  ];
  const record = async (label: string, args: string[]) => {
    const r = await runCli(args, { env });
    outputs[`${label} stdout`] = r.out;
    outputs[`${label} stderr`] = r.err;
    assertNoStack(r.stderr, label);
    return r;
  };

  it('get (table, -o json, -o yaml, -o name, -o wide) prints the working exec context and no secret', async () => {
    const t = await record('get', ['get', 'pods', '-A', ...all()]);
    assert.equal(t.code, 1);
    assert.match(t.stdout, /^via-exec\s/m, 'the exec plugin credential works');
    assert.match(t.stderr, /context "via-exec-refused": You must be logged in to the server/);
    assert.match(t.stderr, /context "via-basic": You must be logged in to the server/);
    assert.match(t.stderr, /context "via-exec-garbled": Auth: exec plugin/);
    assert.match(t.stderr, /context "k-401": You must be logged in to the server/);
    for (const o of ['json', 'yaml', 'name', 'wide'])
      await record(`get -o ${o}`, ['get', 'pods', '-A', '-o', o, ...all()]);
    await record('get by name', ['get', 'pods', 'no-such-pod', ...all()]);
    assertNoSecrets(secrets, outputs);
  });

  it('contexts (table, -o json, --check) lists every context and no secret', async function () {
    const t = await record('contexts', ['contexts', '--no-check']);
    assert.match(t.stdout, /via-exec-garbled/);
    await record('contexts -o json', ['contexts', '--no-check', '-o', 'json']);
    await record('contexts --check', ['contexts', '--check', ...all()]);
    await record('contexts --check -o json', ['contexts', '--check', '-o', 'json', ...all()]);
    assertNoSecrets(secrets, outputs);
  });

  it('error paths: a single failing context, a usage error, an unknown type — no secret', async () => {
    await record('exec-garbled', ['get', 'pods', '--context', 'via-exec-garbled']);
    await record('exec-refused', ['get', 'nodes', '--context', 'via-exec-refused']);
    await record('unknown type', ['get', 'widgets', ...all()]);
    await record('usage', ['get', 'pods', '-o', 'jsonpath={.x}', ...all()]);
    assertNoSecrets(secrets, outputs);
  });

  it('request logs (-v=6, -v=8 on get, -v=9 on contexts --check): every request logged, credentials masked, no secret', async () => {
    const v6 = await record('get -v=6', ['get', 'pods', '-A', '-v=6', ...all()]);
    // one line per request that names its context, for each context in the selection
    for (const c of ['via-exec', 'via-basic', 'via-exec-refused']) {
      assert.match(
        v6.stderr,
        new RegExp(`^I\\d{4} [\\d:.]+ \\[${c}\\] GET https://\\S+/pods\\S* \\d{3} `, 'm'),
        c,
      );
    }
    assert.doesNotMatch(v6.stderr, /Request Headers/);
    const v8 = await record('get -v=8', ['get', 'pods', '-A', '-v=8', ...all()]);
    assert.match(v8.stderr, /\[via-exec\] {5}Authorization: Bearer <masked>/);
    assert.match(v8.stderr, /\[via-basic\] {5}Authorization: Basic <masked>/);
    assert.match(v8.stderr, /\[via-exec\] Response Headers:/);
    assert.doesNotMatch(v8.stdout, /^I\d{4} /m, 'logs go to stderr only');
    await record('contexts -v=9', ['contexts', '--check', '-v=9', ...all()]);
    assertNoSecrets(secrets, outputs);
  });

  it('the dashboard (tmux: screen and every raw byte) shows contexts and pods, no secret', async function () {
    requireTool('tmux', ['-V']);
    const d = new Dashboard();
    try {
      d.start(
        [
          '--all-clusters',
          '-A',
          '--exclude',
          'via-exec-broken,via-exec-stuck',
          '--refresh',
          '2',
          '--request-timeout',
          '5s',
        ],
        { KUBECONFIG: kubeconfig },
      );
      const clusters = await d.waitFor(
        'the clusters view',
        (s) => /via-exec-garbled/.test(s) && /via-exec\s.*ok/.test(s),
      );
      d.keys(':');
      d.keys('-l', 'pods');
      d.keys('Enter');
      const pods = await d.waitFor(
        'pod rows',
        (s) => /CLUSTER +NAMESPACE +NAME/.test(s) && /^via-exec\s/m.test(s),
      );
      d.keys('q');
      await d.waitFor('exit', (s) => /dashboard exited \d+/.test(s));
      assertNoSecrets(secrets, {
        'dashboard clusters': clusters,
        'dashboard pods': pods,
        'dashboard raw': d.raw(),
      });
      assert.ok(d.raw().length > 1000, 'raw terminal bytes were captured');
    } finally {
      d.stop();
    }
  });

  it('an exec plugin that never answers: its context times out at the deadline, the others print', async () => {
    const r = await runCli(
      ['get', 'nodes', '--clusters', 'k-one,k-two,k-three,k-four,via-exec-stuck', '--request-timeout', '6s'],
      {
        env,
      },
    );
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^error: context "via-exec-stuck": timed out after 6s$/m);
    for (const c of ['k-one', 'k-two', 'k-three', 'k-four'])
      assert.match(r.stdout, new RegExp(`^${c}\\s`, 'm'));
    assertNoStack(r.stderr);
  });

  it('a failing exec plugin: its stdout/stderr (holding a token) is not echoed into the error', async () => {
    const r = await record('exec-broken', ['get', 'pods', '--context', 'via-exec-broken']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /context "via-exec-broken": Auth: exec plugin "broken\.sh" failed/);
    assertNoSecrets(secrets, outputs);
  });
});
