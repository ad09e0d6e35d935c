/**
 * StaticCredentials must apply a static user exactly as client-node's KubeConfig would (the oracle):
 * the same TLS material, headers and basic auth for every static credential kind kubeconfig allows.
 */
import assert from 'node:assert/strict';
import type https from 'node:https';
import { loadKubeconfig } from '../../src/kubeconfig/index.js';
import { usesAuthPlugin } from '../../src/kubeconfig/client-node.js';
import { StaticCredentials } from '../../src/transport/static-credentials.js';
import { tmpDir, write } from '../kubeconfig/helpers.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/**
 * The fields of https.RequestOptions a request is made with. Not compared: the agent client-node also
 * sets, and `rejectUnauthorized`, which the connection decides itself from the cluster entry (the one
 * reviewed place, see test/reliability/tls.test.ts).
 */
function applied(o: https.RequestOptions): Record<string, unknown> {
  const pick = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v);
  return {
    ca: pick(o.ca),
    cert: pick(o.cert),
    key: pick(o.key),
    servername: o.servername,
    auth: o.auth,
    headers: { ...o.headers },
  };
}

describe('StaticCredentials (static users without client-node)', () => {
  const dir = tmpDir('kmc-static-');
  write(dir, 'ca.crt', 'CA FROM FILE');
  write(dir, 'client.crt', 'CERT FROM FILE');
  write(dir, 'client.key', 'KEY FROM FILE');
  const users: Record<string, string> = {
    token: '{token: tok-123}',
    'cert-files': '{client-certificate: client.crt, client-key: client.key}',
    'cert-data': `{client-certificate-data: ${b64('CERT DATA')}, client-key-data: ${b64('KEY DATA')}}`,
    basic: '{username: alice, password: s3cret}',
    impersonate: '{token: tok-9, as: bob}',
    'token-and-cert': `{token: tok-7, client-certificate-data: ${b64('C')}, client-key-data: ${b64('K')}}`,
    empty: '{}',
  };
  const clusters: Record<string, string> = {
    'ca-file': '{server: "https://a:6443", certificate-authority: ca.crt}',
    'ca-data': `{server: "https://b:6443", certificate-authority-data: ${b64('CA DATA')}, tls-server-name: api.b}`,
    insecure: '{server: "https://c:6443", insecure-skip-tls-verify: true}',
  };
  const lines = ['clusters:'];
  for (const [n, c] of Object.entries(clusters)) lines.push(`- name: ${n}`, `  cluster: ${c}`);
  lines.push('users:');
  for (const [n, u] of Object.entries(users)) lines.push(`- name: ${n}`, `  user: ${u}`);
  lines.push('contexts:');
  for (const c of Object.keys(clusters))
    for (const u of Object.keys(users))
      lines.push(`- name: ${c}.${u}`, `  context: {cluster: ${c}, user: ${u}}`);
  const loaded = loadKubeconfig({ kubeconfig: write(dir, 'config', lines.join('\n')) });

  it('covers every static kind in this kubeconfig, none of them a plugin user', () => {
    assert.equal(loaded.contexts.length, Object.keys(users).length * Object.keys(clusters).length);
    for (const c of loaded.contexts)
      assert.equal(usesAuthPlugin(loaded.connectionConfigFor(c.name).user), false);
  });

  it('applies CA, client certificate and key, token, basic auth, impersonation and TLS server name as client-node does', async () => {
    for (const { name } of loaded.contexts) {
      const { cluster, user } = loaded.connectionConfigFor(name);
      const ours: https.RequestOptions = {};
      await new StaticCredentials(cluster, user).applyToHTTPSOptions(ours);
      const theirs: https.RequestOptions = {};
      await loaded.kubeConfigFor(name).applyToHTTPSOptions(theirs);
      assert.deepEqual(applied(ours), applied(theirs), name);
    }
  });

  it('the bearer token, the basic auth and the file contents are what the kubeconfig says', async () => {
    const o: https.RequestOptions = {};
    const { cluster, user } = loaded.connectionConfigFor('ca-file.token');
    await new StaticCredentials(cluster, user).applyToHTTPSOptions(o);
    assert.equal((o.headers as Record<string, string>)['Authorization'], 'Bearer tok-123');
    assert.equal(String(o.ca), 'CA FROM FILE');
    const b: https.RequestOptions = {};
    const basic = loaded.connectionConfigFor('insecure.basic');
    await new StaticCredentials(basic.cluster, basic.user).applyToHTTPSOptions(b);
    assert.equal(b.auth, 'alice:s3cret');
  });

  it('a username without password sends "user:" (as kubectl does), not "user:undefined"', async () => {
    const o: https.RequestOptions = {};
    await new StaticCredentials(
      { name: 'x', server: 'https://x', skipTLSVerify: false },
      {
        name: 'u',
        username: 'alice',
      },
    ).applyToHTTPSOptions(o);
    assert.equal(o.auth, 'alice:');
  });

  it('a client key file that cannot be read rejects with the error naming the path (for the Auth message)', async () => {
    const missing = `${dir}/gone.key`;
    const creds = new StaticCredentials(
      { name: 'x', server: 'https://x', skipTLSVerify: false },
      { name: 'u', certData: b64('C'), keyFile: missing },
    );
    await assert.rejects(creds.applyToHTTPSOptions({}), (e: NodeJS.ErrnoException) => {
      assert.equal(e.syscall, 'open');
      assert.equal(e.path, missing);
      return true;
    });
  });

  it('exec and auth-provider users are plugin users (client-node handles them); tokenFile is not', () => {
    const d = tmpDir('kmc-static-');
    const l = loadKubeconfig({
      kubeconfig: write(
        d,
        'config',
        `clusters: [{name: c, cluster: {server: "https://c"}}]
users:
- {name: exec, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x}}}
- {name: ap, user: {auth-provider: {name: oidc, config: {}}}}
- {name: tf, user: {tokenFile: /tmp/token}}
- {name: tok, user: {token: t}}
contexts:
- {name: exec, context: {cluster: c, user: exec}}
- {name: ap, context: {cluster: c, user: ap}}
- {name: tf, context: {cluster: c, user: tf}}
- {name: tok, context: {cluster: c, user: tok}}
`,
      ),
    });
    const plugin = l.contexts.map((c) => c.name).filter((n) => usesAuthPlugin(l.connectionConfigFor(n).user));
    assert.deepEqual(plugin, ['exec', 'ap']);
  });

  it('reads a tokenFile trimmed, and again once a minute has passed (client-go caches it that long)', async () => {
    const d = tmpDir('kmc-tokenfile-');
    write(d, 'token', 'first\n');
    const l = loadKubeconfig({
      kubeconfig: write(
        d,
        'config',
        `clusters: [{name: c, cluster: {server: "https://c"}}]
users: [{name: u, user: {tokenFile: token}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
`,
      ),
    });
    const { cluster, user } = l.connectionConfigFor('c');
    let now = 1_000_000;
    const creds = new StaticCredentials(cluster, user, () => now);
    const auth = async () => {
      const o: https.RequestOptions = {};
      await creds.applyToHTTPSOptions(o);
      return (o.headers as Record<string, string>)['Authorization'];
    };
    assert.equal(await auth(), 'Bearer first');
    write(d, 'token', '  second  \n');
    now += 59_999;
    assert.equal(await auth(), 'Bearer first', 'still the cached token');
    now += 1;
    assert.equal(await auth(), 'Bearer second');
  });
});
