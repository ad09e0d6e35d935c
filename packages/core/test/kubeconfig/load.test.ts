import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadKubeconfig, loadKubeconfigFromString } from '../../src/kubeconfig/index.js';
import { KubeconfigError } from '../../src/errors.js';
import { kubeconfigYaml, tmpDir, write } from './helpers.js';

describe('kubeconfig loading', () => {
  it('merges KUBECONFIG files with the first file winning per name, current-context from the first that sets it', () => {
    const dir = tmpDir();
    const a = write(
      dir,
      'a.yaml',
      `clusters:
- name: shared
  cluster: {server: "https://from-a:6443"}
- name: only-a
  cluster: {server: "https://only-a:6443"}
users:
- name: shared
  user: {token: token-a}
contexts:
- name: shared
  context: {cluster: shared, user: shared, namespace: ns-a}
- name: only-a
  context: {cluster: only-a, user: shared}
`,
    );
    const b = write(
      dir,
      'b.yaml',
      `current-context: only-b
clusters:
- name: shared
  cluster: {server: "https://from-b:6443"}
- name: only-b
  cluster: {server: "https://only-b:6443"}
users:
- name: shared
  user: {token: token-b}
contexts:
- name: shared
  context: {cluster: shared, user: shared, namespace: ns-b}
- name: only-b
  context: {cluster: only-b, user: shared}
`,
    );
    const loaded = loadKubeconfig({ env: { KUBECONFIG: [a, b].join(path.delimiter) } });
    assert.deepEqual(loaded.files, [a, b]);
    assert.deepEqual(
      loaded.contexts.map((c) => c.name),
      ['shared', 'only-a', 'only-b'],
    );
    const shared = loaded.contexts[0];
    assert.equal(shared?.namespace, 'ns-a');
    assert.equal(shared?.server, 'https://from-a:6443');
    assert.equal(shared?.file, a);
    assert.equal(loaded.currentContext, 'only-b');
    const kc = loaded.kubeConfigFor('shared');
    assert.equal(kc.getCurrentCluster()?.server, 'https://from-a:6443');
    assert.equal(kc.getCurrentUser()?.token, 'token-a');
    assert.ok(loaded.warnings.some((w) => w.includes('"shared"') && w.includes(b) && w.includes('ignored')));

    const reversed = loadKubeconfig({ env: { KUBECONFIG: [b, a].join(path.delimiter) } });
    assert.equal(reversed.kubeConfigFor('shared').getCurrentCluster()?.server, 'https://from-b:6443');
    assert.equal(reversed.kubeConfigFor('shared').getCurrentUser()?.token, 'token-b');
  });

  it('skips missing KUBECONFIG files with a warning and ignores empty entries', () => {
    const dir = tmpDir();
    const a = write(dir, 'a.yaml', kubeconfigYaml(['one']));
    const missing = path.join(dir, 'nope.yaml');
    const loaded = loadKubeconfig({ env: { KUBECONFIG: ['', missing, '', a, ''].join(path.delimiter) } });
    assert.deepEqual(loaded.files, [a]);
    assert.ok(loaded.warnings.some((w) => w.includes(missing) && w.includes('does not exist')));
  });

  it('fails clearly when every KUBECONFIG file is missing', () => {
    const dir = tmpDir();
    assert.throws(
      () => loadKubeconfig({ env: { KUBECONFIG: path.join(dir, 'x') }, homeDir: dir }),
      (e: unknown) => e instanceof KubeconfigError && /none of the files in KUBECONFIG exist/.test(e.message),
    );
  });

  it('--kubeconfig is used alone, ahead of KUBECONFIG; a missing one is an error', () => {
    const dir = tmpDir();
    const a = write(dir, 'a.yaml', kubeconfigYaml(['a']));
    const b = write(dir, 'b.yaml', kubeconfigYaml(['b']));
    const loaded = loadKubeconfig({ kubeconfig: b, env: { KUBECONFIG: a } });
    assert.deepEqual(
      loaded.contexts.map((c) => c.name),
      ['b'],
    );
    assert.throws(
      () => loadKubeconfig({ kubeconfig: path.join(dir, 'missing'), env: { KUBECONFIG: a } }),
      (e: unknown) =>
        e instanceof KubeconfigError && /--kubeconfig file .*missing does not exist/.test(e.message),
    );
  });

  it('falls back to ~/.kube/config, and with none at all says so (no localhost:8080 fallback)', () => {
    const home = tmpDir();
    assert.throws(
      () => loadKubeconfig({ env: {}, homeDir: home }),
      (e: unknown) =>
        e instanceof KubeconfigError && e.message.includes('no kubeconfig') && e.message.includes('.kube'),
    );
    write(home, '.kube/config', kubeconfigYaml(['home'], { current: 'home' }));
    const loaded = loadKubeconfig({ env: { KUBECONFIG: '' }, homeDir: home });
    assert.equal(loaded.currentContext, 'home');
    assert.equal(loaded.files[0], path.join(home, '.kube', 'config'));
  });

  it('resolves relative file paths against the directory of the file that holds them', () => {
    const dir = tmpDir();
    const sub = path.join(dir, 'sub');
    const file = write(
      sub,
      'config',
      `clusters:
- name: c
  cluster: {server: "https://c:6443", certificate-authority: certs/ca.crt}
users:
- name: u
  user:
    client-certificate: ../client.crt
    client-key: /abs/client.key
    token-file: tok
    exec: {command: ./bin/get-token, apiVersion: client.authentication.k8s.io/v1}
- name: bare
  user:
    exec: {command: get-token, apiVersion: client.authentication.k8s.io/v1}
contexts:
- name: c
  context: {cluster: c, user: u}
- name: b
  context: {cluster: c, user: bare}
`,
    );
    const loaded = loadKubeconfig({ kubeconfig: file });
    const kc = loaded.kubeConfigFor('c');
    assert.equal(kc.getCurrentCluster()?.caFile, path.join(sub, 'certs/ca.crt'));
    const user = kc.getCurrentUser();
    assert.equal(user?.certFile, path.join(dir, 'client.crt'));
    assert.equal(user?.keyFile, '/abs/client.key');
    assert.equal((user?.exec as { command: string }).command, path.join(sub, 'bin/get-token'));
    // A bare command is looked up on PATH, as client-go does.
    assert.equal(
      (loaded.kubeConfigFor('b').getCurrentUser()?.exec as { command: string }).command,
      'get-token',
    );
  });

  it('names file and line for malformed YAML', () => {
    const dir = tmpDir();
    const file = write(dir, 'bad.yaml', 'clusters:\n- name: a\n  cluster: {server: x\nusers: [\n');
    assert.throws(
      () => loadKubeconfig({ kubeconfig: file }),
      (e: unknown) =>
        e instanceof KubeconfigError && e.message.includes(`${file}:`) && /:\d+:\d+:/.test(e.message),
    );
    const dup = write(dir, 'dup.yaml', 'clusters: []\nusers: []\nclusters: []\n');
    assert.throws(
      () => loadKubeconfig({ kubeconfig: dup }),
      (e: unknown) => e instanceof KubeconfigError && e.message.includes(`${dup}:3:1`),
    );
    const notList = write(dir, 'nl.yaml', 'apiVersion: v1\ncontexts: {a: b}\n');
    assert.throws(
      () => loadKubeconfig({ kubeconfig: notList }),
      (e: unknown) =>
        e instanceof KubeconfigError &&
        e.message.includes(`${notList}:2`) &&
        /must be a list/.test(e.message),
    );
  });

  it('a context referencing a missing cluster or user is a warning at load and an error naming file and key on use', () => {
    const dir = tmpDir();
    const file = write(
      dir,
      'c.yaml',
      `clusters:
- name: real
  cluster: {server: "https://real:6443"}
users:
- name: u
  user: {token: abc}
contexts:
- name: good
  context: {cluster: real, user: u}
- name: no-cluster
  context: {cluster: ghost, user: u}
- name: no-user
  context: {cluster: real, user: phantom}
`,
    );
    const loaded = loadKubeconfig({ kubeconfig: file });
    assert.ok(loaded.warnings.some((w) => w.includes('"no-cluster"') && w.includes('"ghost"')));
    assert.ok(loaded.warnings.some((w) => w.includes('"no-user"') && w.includes('"phantom"')));
    assert.throws(
      () => loaded.kubeConfigFor('no-cluster'),
      (e: unknown) =>
        e instanceof KubeconfigError &&
        e.message.includes(`${file}:10`) &&
        e.message.includes('cluster "ghost"'),
    );
    assert.throws(
      () => loaded.kubeConfigFor('no-user'),
      (e: unknown) =>
        e instanceof KubeconfigError &&
        e.message.includes(`${file}:12`) &&
        e.message.includes('user "phantom"'),
    );
    assert.equal(loaded.kubeConfigFor('good').getCurrentUser()?.token, 'abc');
  });

  it('kubeConfigFor returns a fresh object holding only that context, its cluster and its user', () => {
    const loaded = loadKubeconfigFromString(kubeconfigYaml(['a', 'b', 'c'], { current: 'a' }));
    const kb = loaded.kubeConfigFor('b');
    assert.deepEqual(
      kb.getContexts().map((c) => c.name),
      ['b'],
    );
    assert.deepEqual(
      kb.getClusters().map((c) => c.name),
      ['b'],
    );
    assert.deepEqual(
      kb.getUsers().map((u) => u.name),
      ['b'],
    );
    assert.equal(kb.getCurrentContext(), 'b');
    assert.equal(kb.getCurrentUser()?.token, 'token-of-b');
    assert.notEqual(loaded.kubeConfigFor('b'), kb);
  });

  it('reads but never writes: files are byte-for-byte and mtime unchanged after loading and use', () => {
    const dir = tmpDir();
    const a = write(dir, 'a.yaml', kubeconfigYaml(['x', 'y'], { current: 'x' }));
    const b = write(dir, 'b.yaml', kubeconfigYaml(['y', 'z']));
    const past = new Date('2020-01-02T03:04:05Z');
    fs.utimesSync(a, past, past);
    fs.utimesSync(b, past, past);
    const before = [a, b].map((f) => ({ bytes: fs.readFileSync(f), mtime: fs.statSync(f).mtimeMs }));
    const loaded = loadKubeconfig({ env: { KUBECONFIG: `${a}${path.delimiter}${b}` } });
    for (const c of loaded.contexts) loaded.kubeConfigFor(c.name);
    const after = [a, b].map((f) => ({ bytes: fs.readFileSync(f), mtime: fs.statSync(f).mtimeMs }));
    assert.deepEqual(after, before);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['a.yaml', 'b.yaml']);
  });

  it('understands YAML anchors and merge keys, as kubectl does', () => {
    const loaded = loadKubeconfigFromString(
      `clusters:
- name: a
  cluster: &base {server: "https://a:6443", tls-server-name: kube.internal}
- name: b
  cluster:
    <<: *base
    server: "https://b:6443"
contexts:
- {name: b, context: {cluster: b}}
`,
    );
    const cluster = loaded.kubeConfigFor('b').getCurrentCluster();
    assert.equal(cluster?.server, 'https://b:6443');
    assert.equal(cluster?.tlsServerName, 'kube.internal');
  });

  it('an empty file is an empty config; insecure-skip-tls-verify is reported per context', () => {
    const dir = tmpDir();
    const empty = write(dir, 'empty.yaml', '');
    const loaded = loadKubeconfig({ kubeconfig: empty });
    assert.deepEqual(loaded.contexts, []);
    const insecure = loadKubeconfigFromString(
      `clusters:
- name: c
  cluster: {server: "https://c", insecure-skip-tls-verify: true}
contexts:
- name: c
  context: {cluster: c}
`,
    );
    assert.equal(insecure.contexts[0]?.insecureSkipTlsVerify, true);
    assert.equal(insecure.contexts[0]?.user, '');
  });
});
