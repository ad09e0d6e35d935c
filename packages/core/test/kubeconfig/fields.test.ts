/**
 * Every field of kubectl's kubeconfig is honoured, or is one kubectl itself does not act on (said why).
 * The list of fields is not written here: it is what the real `kubectl config view` keeps of a kubeconfig
 * that sets everything, so a field a newer kubectl reads fails this test until it is handled.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Cluster, User } from '@kubernetes/client-node';
import { loadKubeconfig } from '../../src/kubeconfig/index.js';
import type { ConnectionConfig, LoadedKubeconfig } from '../../src/kubeconfig/index.js';
import { ExecCredentials } from '../../src/transport/exec-credentials.js';
import { tmpDir, write } from './helpers.js';

const EVERYTHING = `apiVersion: v1
kind: Config
preferences: {colors: true, extensions: [{name: p, extension: {a: 1}}]}
extensions: [{name: top, extension: {a: 1}}]
clusters:
- name: c
  cluster:
    server: https://127.0.0.1:6443
    tls-server-name: "srv"
    insecure-skip-tls-verify: true
    certificate-authority: ca.crt
    certificate-authority-data: Y2E=
    proxy-url: http://proxy.example:3128
    disable-compression: true
    extensions:
    - {name: client.authentication.k8s.io/exec, extension: {audience: fleet}}
    - {name: other, extension: {a: 1}}
contexts:
- name: x
  context: {cluster: c, user: u, namespace: ns, extensions: [{name: e, extension: {a: 1}}]}
current-context: x
users:
- name: u
  user:
    client-certificate: cc.crt
    client-certificate-data: Y2M=
    client-key: ck.key
    client-key-data: Y2s=
    token: t0
    tokenFile: token.txt
    as: alice
    as-uid: "42"
    as-groups: ["g1"]
    as-user-extra: {scopes: ["s1"]}
    username: un
    password: pw
    auth-provider: {name: oidc, config: {client-id: k}}
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: plugin
      args: ["a1"]
      env: [{name: "NN", value: "VV"}]
      installHint: "install plugin"
      provideClusterInfo: true
      interactiveMode: Never
    extensions: [{name: e, extension: {a: 1}}]
`;

/** `clusters[].cluster.server`-style paths of every field kubectl kept; extension payloads are leaves. */
function fieldPaths(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => fieldPaths(x, `${prefix}[]`));
  if (v === null || typeof v !== 'object') return [prefix];
  const out: string[] = [];
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const p = prefix ? `${prefix}.${k}` : k;
    const leaf =
      k === 'extension' || k === 'as-user-extra' || (/auth-provider$/.test(prefix) && k === 'config');
    out.push(...(leaf ? [p] : fieldPaths(x, p)));
  }
  return [...new Set(out)];
}

interface Loaded {
  kc: LoadedKubeconfig;
  conn: ConnectionConfig;
  dir: string;
}

type Check = (l: Loaded) => void;

const cluster = (l: Loaded): Cluster => l.conn.cluster;
const user = (l: Loaded): User => l.conn.user;
const exec = (l: Loaded): Record<string, unknown> => l.conn.user.exec as Record<string, unknown>;

/** What kubectl does not act on when it talks to a cluster; nor do we. */
const NOT_ACTED_ON_BY_KUBECTL = (why: string): Check => {
  const check: Check = () => undefined;
  return Object.assign(check, { why });
};

const FIELDS: Record<string, Check> = {
  kind: NOT_ACTED_ON_BY_KUBECTL('kubectl reads any kind; the file is a Config by position'),
  apiVersion: NOT_ACTED_ON_BY_KUBECTL('only v1 exists'),
  'preferences.colors': NOT_ACTED_ON_BY_KUBECTL('unused by kubectl since 1.x; colour follows NO_COLOR here'),
  'preferences.extensions[].name': NOT_ACTED_ON_BY_KUBECTL('extensions are for other tools'),
  'preferences.extensions[].extension': NOT_ACTED_ON_BY_KUBECTL('extensions are for other tools'),
  'extensions[].name': NOT_ACTED_ON_BY_KUBECTL('extensions are for other tools'),
  'extensions[].extension': NOT_ACTED_ON_BY_KUBECTL('extensions are for other tools'),
  'contexts[].context.extensions[].name': NOT_ACTED_ON_BY_KUBECTL('extensions are for other tools'),
  'contexts[].context.extensions[].extension': NOT_ACTED_ON_BY_KUBECTL('extensions are for other tools'),
  'users[].user.extensions[].name': NOT_ACTED_ON_BY_KUBECTL('extensions are for other tools'),
  'users[].user.extensions[].extension': NOT_ACTED_ON_BY_KUBECTL('extensions are for other tools'),
  'current-context': (l) => assert.equal(l.kc.currentContext, 'x'),
  'clusters[].name': (l) => assert.equal(cluster(l).name, 'c'),
  'clusters[].cluster.server': (l) => assert.equal(cluster(l).server, 'https://127.0.0.1:6443'),
  'clusters[].cluster.tls-server-name': (l) => assert.equal(cluster(l).tlsServerName, 'srv'),
  'clusters[].cluster.insecure-skip-tls-verify': (l) => {
    assert.equal(cluster(l).skipTLSVerify, true);
    assert.equal(l.kc.contexts[0]?.insecureSkipTlsVerify, true);
  },
  'clusters[].cluster.certificate-authority': (l) =>
    assert.equal(cluster(l).caFile, path.join(l.dir, 'ca.crt')),
  'clusters[].cluster.certificate-authority-data': (l) => assert.equal(cluster(l).caData, 'Y2E='),
  'clusters[].cluster.proxy-url': (l) => assert.equal(cluster(l).proxyUrl, 'http://proxy.example:3128'),
  'clusters[].cluster.disable-compression': (l) => assert.equal(l.conn.disableCompression, true),
  'clusters[].cluster.extensions[].name': (l) =>
    assert.deepEqual(l.conn.execClusterConfig, { audience: 'fleet' }),
  'clusters[].cluster.extensions[].extension': (l) =>
    assert.deepEqual(l.conn.execClusterConfig, { audience: 'fleet' }),
  'contexts[].name': (l) => assert.equal(l.kc.contexts[0]?.name, 'x'),
  'contexts[].context.cluster': (l) => assert.equal(l.conn.context.cluster, 'c'),
  'contexts[].context.user': (l) => assert.equal(l.conn.context.user, 'u'),
  'contexts[].context.namespace': (l) => assert.equal(l.kc.contexts[0]?.namespace, 'ns'),
  'users[].name': (l) => assert.equal(user(l).name, 'u'),
  'users[].user.client-certificate': (l) => assert.equal(user(l).certFile, path.join(l.dir, 'cc.crt')),
  'users[].user.client-certificate-data': (l) => assert.equal(user(l).certData, 'Y2M='),
  'users[].user.client-key': (l) => assert.equal(user(l).keyFile, path.join(l.dir, 'ck.key')),
  'users[].user.client-key-data': (l) => assert.equal(user(l).keyData, 'Y2s='),
  'users[].user.token': (l) => assert.equal(user(l).token, 't0'),
  // With a token set the file is not read (client-go: token wins); alone it is (load.test.ts).
  'users[].user.tokenFile': (l) => {
    const only = loadKubeconfigText(
      EVERYTHING.replace(/\n {4}token: t0/, '')
        .replace(/\n {4}auth-provider: .*/, '')
        .replace(/\n {4}exec:(\n {6}.*)*/, ''),
    );
    assert.deepEqual(only.conn.user.authProvider, {
      name: 'tokenFile',
      config: { tokenFile: path.join(only.dir, 'token.txt') },
    });
    assert.ok(l);
  },
  'users[].user.as': (l) => assert.equal(user(l).impersonateUser, 'alice'),
  'users[].user.as-uid': (l) => assert.equal(l.conn.impersonate?.uid, '42'),
  'users[].user.as-groups[]': (l) => assert.deepEqual(l.conn.impersonate?.groups, ['g1']),
  'users[].user.as-user-extra': (l) => assert.deepEqual(l.conn.impersonate?.extra, { scopes: ['s1'] }),
  'users[].user.username': (l) => assert.equal(user(l).username, 'un'),
  'users[].user.password': (l) => assert.equal(user(l).password, 'pw'),
  'users[].user.auth-provider.name': (l) => assert.equal(user(l).authProvider?.name, 'oidc'),
  'users[].user.auth-provider.config': (l) =>
    assert.deepEqual(user(l).authProvider?.config, { 'client-id': 'k' }),
  'users[].user.exec.command': (l) => assert.equal(exec(l)['command'], 'plugin'),
  'users[].user.exec.args[]': (l) => assert.deepEqual(exec(l)['args'], ['a1']),
  'users[].user.exec.env[].name': (l) => assert.deepEqual(exec(l)['env'], [{ name: 'NN', value: 'VV' }]),
  'users[].user.exec.env[].value': (l) => assert.deepEqual(exec(l)['env'], [{ name: 'NN', value: 'VV' }]),
  'users[].user.exec.apiVersion': (l) =>
    assert.equal(exec(l)['apiVersion'], 'client.authentication.k8s.io/v1'),
  // installHint's text in the error of a missing plugin: exec-credentials.test.ts.
  'users[].user.exec.installHint': (l) => assert.equal(exec(l)['installHint'], 'install plugin'),
  'users[].user.exec.provideClusterInfo': (l) => {
    const info = JSON.parse(
      new ExecCredentials(cluster(l), user(l), false, Date.now, execExtra(l)).execInfo(false),
    ) as {
      spec: { cluster?: Record<string, unknown> };
    };
    assert.deepEqual(info.spec.cluster, {
      server: 'https://127.0.0.1:6443',
      'tls-server-name': 'srv',
      'insecure-skip-tls-verify': true,
      'certificate-authority-data': 'Y2E=',
      'proxy-url': 'http://proxy.example:3128',
      'disable-compression': true,
      config: { audience: 'fleet' },
    });
  },
  'users[].user.exec.interactiveMode': (l) => assert.equal(exec(l)['interactiveMode'], 'Never'),
};

function execExtra(l: Loaded): { config?: unknown; disableCompression?: boolean } {
  return {
    ...(l.conn.execClusterConfig !== undefined && { config: l.conn.execClusterConfig }),
    ...(l.conn.disableCompression && { disableCompression: true }),
  };
}

function loadKubeconfigText(text: string): Loaded {
  const dir = tmpDir();
  const file = write(dir, 'config', text);
  const kc = loadKubeconfig({ kubeconfig: file });
  return { kc, conn: kc.connectionConfigFor('x'), dir };
}

describe('kubeconfig: every field kubectl reads is honoured', function () {
  this.timeout(60_000);

  it('kubectl config view keeps no field this loader does not handle, and each check holds', () => {
    const l = loadKubeconfigText(EVERYTHING);
    const file = path.join(l.dir, 'config');
    const viewed = JSON.parse(
      execFileSync('kubectl', ['config', 'view', '--raw', '-o', 'json', '--kubeconfig', file], {
        encoding: 'utf8',
      }),
    ) as unknown;
    const fields = fieldPaths(viewed);
    const unhandled = fields.filter((f) => !(f in FIELDS));
    assert.deepEqual(
      unhandled,
      [],
      `kubectl reads fields this project ignores silently: ${unhandled.join(', ')}`,
    );
    // Every field this test knows is one kubectl kept: the fixture sets all of them.
    assert.deepEqual(
      Object.keys(FIELDS).filter((f) => !fields.includes(f)),
      [],
      'fields the fixture does not set or kubectl does not know',
    );
    for (const f of fields) {
      try {
        FIELDS[f]!(l);
      } catch (e) {
        throw new Error(`${f}: ${(e as Error).message}`, { cause: e });
      }
    }
  });

  it('a cluster without disable-compression asks for gzip; the exec extension of another name is not passed', () => {
    const l = loadKubeconfigText(
      EVERYTHING.replace('    disable-compression: true\n', '').replace(
        'client.authentication.k8s.io/exec',
        'x',
      ),
    );
    assert.equal(l.conn.disableCompression, undefined);
    assert.equal(l.conn.execClusterConfig, undefined);
  });
});
