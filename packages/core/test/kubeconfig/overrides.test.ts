import assert from 'node:assert/strict';
import https from 'node:https';
import { UsageError } from '../../src/errors.js';
import {
  loadKubeconfigFromString,
  rawEntriesOf,
  secretsOf,
  withOverrides,
} from '../../src/kubeconfig/load.js';
import { checkOverridesForSelection } from '../../src/kubeconfig/overrides.js';
import { applyCredentials, credentialSource } from '../../src/transport/credentials.js';

const KC = `apiVersion: v1
kind: Config
current-context: one
clusters:
- name: c1
  cluster:
    server: https://one.example:6443
    certificate-authority-data: Q0E=
    tls-server-name: one.internal
- name: c2
  cluster:
    server: https://two.example:6443
users:
- name: u1
  user:
    token: kubeconfig-token
- name: u2
  user:
    username: alice
    password: pw
- name: plugin
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: get-token
      interactiveMode: Never
contexts:
- name: one
  context: {cluster: c1, user: u1}
- name: two
  context: {cluster: c2, user: u2}
- name: three
  context: {cluster: c2, user: plugin}
`;

const base = () => loadKubeconfigFromString(KC, '/tmp/kc');

/** The headers a request of `context` would carry. */
async function headersOf(loaded: ReturnType<typeof base>, context: string) {
  const c = loaded.connectionConfigFor(context);
  const creds = await applyCredentials(
    credentialSource(c.cluster, c.user, c.context, context, c.impersonate),
    c.cluster,
  );
  return creds.headers;
}

describe('kubeconfig overrides (kubectl global flags)', () => {
  it('--cluster and --user choose other entries for the context', () => {
    const o = withOverrides(base(), { cluster: 'c2', user: 'u2' });
    const c = o.connectionConfigFor('one');
    assert.equal(c.cluster.server, 'https://two.example:6443');
    assert.equal(c.user.username, 'alice');
    assert.equal(o.contexts.find((x) => x.name === 'one')?.server, 'https://two.example:6443');
  });

  it('--server replaces the server and clears the kubeconfig tls-server-name, as clientcmd does', () => {
    const c = withOverrides(base(), { server: 'https://other:443' }).connectionConfigFor('one');
    assert.equal(c.cluster.server, 'https://other:443');
    assert.equal(c.cluster.tlsServerName, undefined);
    assert.equal(c.cluster.caData, 'Q0E=');
    const named = withOverrides(base(), { server: 'https://o', tlsServerName: 'x.y' }).connectionConfigFor(
      'one',
    );
    assert.equal(named.cluster.tlsServerName, 'x.y');
  });

  it('--disable-compression: no gzip asked of any selected context, as the kubeconfig field', () => {
    assert.equal(base().connectionConfigFor('one').disableCompression, undefined);
    const o = withOverrides(base(), { disableCompression: true });
    assert.equal(o.connectionConfigFor('one').disableCompression, true);
    assert.equal(o.connectionConfigFor('two').disableCompression, true);
  });

  it('--insecure-skip-tls-verify drops the kubeconfig CA; --certificate-authority replaces it', () => {
    const skip = withOverrides(base(), { insecureSkipTlsVerify: true }).connectionConfigFor('one').cluster;
    assert.equal(skip.skipTLSVerify, true);
    assert.equal(skip.caData, undefined);
    const ca = withOverrides(base(), { certificateAuthority: 'ca.pem' }).connectionConfigFor('one').cluster;
    assert.equal(ca.skipTLSVerify, false);
    assert.equal(ca.caData, undefined);
    assert.equal(ca.caFile, `${process.cwd()}/ca.pem`);
  });

  it('--token replaces the token and stands in for an exec plugin', async () => {
    const o = withOverrides(base(), { token: 'flag-token' });
    assert.equal((await headersOf(o, 'one'))['Authorization'], 'Bearer flag-token');
    const three = o.connectionConfigFor('three').user;
    assert.equal(three.exec, undefined);
    assert.equal(three.token, 'flag-token');
  });

  it('--username/--password replace basic auth', async () => {
    const o = withOverrides(base(), { username: 'bob', password: 'secret' });
    assert.equal(
      (await headersOf(o, 'two'))['Authorization'],
      `Basic ${Buffer.from('bob:secret').toString('base64')}`,
    );
  });

  it('--as, --as-group (one header per group) and --as-uid become impersonation headers', async () => {
    const o = withOverrides(base(), { as: 'jane', asGroups: ['dev', 'ops'], asUid: '42' });
    const h = await headersOf(o, 'one');
    assert.equal(h['Impersonate-User'], 'jane');
    assert.deepEqual(h['Impersonate-Group'], ['dev', 'ops']);
    assert.equal(h['Impersonate-Uid'], '42');
    assert.equal(h['Authorization'], 'Bearer kubeconfig-token');
  });

  it('sends each group as its own header line on the wire', async () => {
    const o = withOverrides(base(), { as: 'jane', asGroups: ['dev', 'ops'] });
    const h = await headersOf(o, 'one');
    const req = https.request('https://127.0.0.1:9', { headers: h });
    req.on('error', () => undefined);
    assert.deepEqual(req.getHeader('Impersonate-Group'), ['dev', 'ops']);
    req.destroy();
  });

  it('refuses groups or a uid without a user to impersonate, as kubectl does', () => {
    assert.throws(
      () => withOverrides(base(), { asGroups: ['dev'] }).connectionConfigFor('one'),
      /requesting uid, groups or user-extra for user "u1" without impersonating a user/,
    );
  });

  it('reads as-groups, as-uid and as-user-extra from the kubeconfig user', async () => {
    const kc = KC.replace(
      '    token: kubeconfig-token',
      '    token: kubeconfig-token\n    as: sa\n    as-groups: [g1]\n    as-uid: u-1\n    as-user-extra: {"scopes.example/x": [a, b]}',
    );
    const h = await headersOf(loadKubeconfigFromString(kc, '/tmp/kc'), 'one');
    assert.equal(h['Impersonate-User'], 'sa');
    assert.deepEqual(h['Impersonate-Group'], ['g1']);
    assert.equal(h['Impersonate-Uid'], 'u-1');
    assert.deepEqual(h['Impersonate-Extra-scopes.example%2Fx'], ['a', 'b']);
  });

  it('redacts an overriding token and password like kubeconfig secrets', () => {
    const o = withOverrides(base(), { token: 'flag-token', password: 'flag-pw' });
    const secrets = secretsOf(rawEntriesOf(o, 'two')?.user);
    assert.ok(secrets.includes('flag-token') && secrets.includes('flag-pw'));
  });

  it('refuses endpoint flags (--server, …) for more than one context, not auth flags', () => {
    assert.throws(
      () => checkOverridesForSelection({ server: 'https://x', tlsServerName: 'y' }, ['a', 'b']),
      (e: unknown) =>
        e instanceof UsageError &&
        /--server, --tls-server-name names one API server, but 2 contexts/.test(e.message),
    );
    checkOverridesForSelection({ server: 'https://x' }, ['a']);
    checkOverridesForSelection({ token: 't', as: 'u', asGroups: ['g'] }, ['a', 'b']);
  });

  it('lets --server stand for a cluster entry the kubeconfig lacks', () => {
    const kc = KC.replace('context: {cluster: c2, user: u2}', 'context: {cluster: missing, user: u2}');
    const plain = loadKubeconfigFromString(kc, '/tmp/kc');
    assert.throws(() => plain.connectionConfigFor('two'), /refers to cluster "missing"/);
    assert.equal(
      withOverrides(plain, { server: 'https://s' }).connectionConfigFor('two').cluster.server,
      'https://s',
    );
  });
});
