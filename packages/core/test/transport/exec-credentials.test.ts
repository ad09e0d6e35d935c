import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type https from 'node:https';
import path from 'node:path';
import type { Cluster, User } from '@kubernetes/client-node';
import { ExecCredentials, ExecPluginError } from '../../src/transport/exec-credentials.js';
import { credentialError } from '../../src/transport/credentials.js';
import { tmpDir } from '../kubeconfig/helpers.js';

const cluster: Cluster = {
  name: 'c',
  server: 'https://127.0.0.1:6443',
  caData: 'Q0E=',
  tlsServerName: 'api.internal',
  skipTLSVerify: false,
};

function plugin(dir: string, name: string, body: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}
const cred = (status: string, apiVersion = 'client.authentication.k8s.io/v1') =>
  `echo '{"apiVersion":"${apiVersion}","kind":"ExecCredential","status":${status}}'`;
const user = (command: string, exec: Record<string, unknown> = {}): User => ({
  name: 'u',
  exec: { apiVersion: 'client.authentication.k8s.io/v1', command, interactiveMode: 'Never', ...exec },
});
async function apply(source: ExecCredentials): Promise<https.RequestOptions> {
  const o: https.RequestOptions = {};
  await source.applyToHTTPSOptions(o);
  return o;
}

describe('transport: exec credential plugins (as client-go runs them)', () => {
  const dir = tmpDir('kmc-exec-');

  it('passes KUBERNETES_EXEC_INFO, with the cluster when provideClusterInfo is set', async () => {
    const out = path.join(dir, 'info.json');
    const p = plugin(
      dir,
      'info.sh',
      `printf '%s' "$KUBERNETES_EXEC_INFO" > ${out}\n${cred('{"token":"t"}')}`,
    );
    await apply(new ExecCredentials(cluster, user(p, { provideClusterInfo: true }), false));
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), {
      kind: 'ExecCredential',
      apiVersion: 'client.authentication.k8s.io/v1',
      spec: {
        cluster: {
          server: cluster.server,
          'tls-server-name': 'api.internal',
          'certificate-authority-data': 'Q0E=',
        },
        interactive: false,
      },
    });
    await apply(new ExecCredentials(cluster, user(p), false));
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')).spec, { interactive: false });
  });

  it("passes the cluster's exec extension as spec.cluster.config (KEP-5339's ClusterProfile data)", async () => {
    const out = path.join(dir, 'info-config.json');
    const p = plugin(
      dir,
      'info-config.sh',
      `printf '%s' "$KUBERNETES_EXEC_INFO" > ${out}\n${cred('{"token":"t"}')}`,
    );
    const config = { clusterName: 'fleet/c1', region: 'eu' };
    await apply(
      new ExecCredentials(cluster, user(p, { provideClusterInfo: true }), false, Date.now, { config }),
    );
    const info = JSON.parse(readFileSync(out, 'utf8')) as { spec: { cluster: { config: unknown } } };
    assert.deepEqual(info.spec.cluster.config, config);
  });

  it('applies the token, the certificate and key, the CA and the kubeconfig env', async () => {
    const p = plugin(
      dir,
      'cert.sh',
      cred('{"token":"tok-\'"$SUFFIX"\'","clientCertificateData":"CERT","clientKeyData":"KEY"}'),
    );
    const o = await apply(
      new ExecCredentials(cluster, user(p, { env: [{ name: 'SUFFIX', value: 'x1' }] }), false),
    );
    assert.equal((o.headers as Record<string, string>)['Authorization'], 'Bearer tok-x1');
    assert.equal(o.cert, 'CERT');
    assert.equal(o.key, 'KEY');
    assert.equal(String(o.ca), 'CA');
    assert.equal(o.servername, 'api.internal');
  });

  it('caches the credential until its expirationTimestamp', async () => {
    const count = path.join(dir, 'count');
    writeFileSync(count, '');
    const p = plugin(
      dir,
      'exp.sh',
      `echo x >> ${count}\n${cred('{"token":"t","expirationTimestamp":"2030-01-01T00:00:00Z"}')}`,
    );
    let now = Date.parse('2029-12-31T23:59:00Z');
    const source = new ExecCredentials(cluster, user(p), false, () => now);
    await apply(source);
    await apply(source);
    assert.equal(readFileSync(count, 'utf8').split('\n').filter(Boolean).length, 1);
    now = Date.parse('2030-01-01T00:00:01Z');
    await apply(source);
    assert.equal(readFileSync(count, 'utf8').split('\n').filter(Boolean).length, 2);
  });

  it('refuses a v1 config without interactiveMode, and Always without a terminal, as kubectl does', async () => {
    const p = plugin(dir, 'ok.sh', cred('{"token":"t"}'));
    const noMode: User = { name: 'u', exec: { apiVersion: 'client.authentication.k8s.io/v1', command: p } };
    await assert.rejects(
      apply(new ExecCredentials(cluster, noMode, false)),
      /interactiveMode must be specified for client.authentication.k8s.io\/v1/,
    );
    const beta: User = {
      name: 'u',
      exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: p },
    };
    await assert.rejects(
      apply(new ExecCredentials(cluster, beta, false)),
      /API version client.authentication.k8s.io\/v1beta1, plugin returned version client.authentication.k8s.io\/v1/,
    );
    await assert.rejects(
      apply(new ExecCredentials(cluster, user(p, { interactiveMode: 'Always' }), false)),
      /standard input is not a terminal/,
    );
  });

  it('names a failure whole: the command, its exit code and what it wrote, credentials masked', async () => {
    const p = plugin(
      dir,
      'fail.sh',
      `echo "error: your session expired for user alice@example.com" >&2\necho "run: login --org acme" >&2\necho "token=abc123secret" >&2\nexit 3`,
    );
    const source = new ExecCredentials(cluster, user(p), false);
    const e = await apply(source).then(
      () => assert.fail('expected a failure'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof ExecPluginError);
    const msg = credentialError(e, 'ctx', cluster, user(p), []).message;
    assert.match(msg, /exec plugin "fail\.sh" failed: executable .*fail\.sh exited with code 3/);
    assert.match(
      msg,
      /your session expired for user alice@example\.com \| run: login --org acme \| token=\[redacted\]/,
    );
    assert.ok(!msg.includes('abc123secret'));
  });

  it('kills a hung plugin and everything it started when disposed', async () => {
    const pidFile = path.join(dir, 'child.pid');
    const p = plugin(dir, 'hang.sh', `sleep 600 &\necho $! > ${pidFile}\nwait`);
    const source = new ExecCredentials(cluster, user(p), false);
    const pending = apply(source);
    const deadline = Date.now() + 30_000;
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') {
      if (Date.now() > deadline) assert.fail('the plugin never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    const grandchild = Number(readFileSync(pidFile, 'utf8').trim());
    source.dispose();
    await assert.rejects(pending, /was killed \(SIGKILL\)/);
    // the plugin's own child (same process group) is gone too
    while (alive(grandchild)) {
      if (Date.now() > deadline) assert.fail('the plugin’s child survived');
      await new Promise((r) => setTimeout(r, 20));
    }
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
