import assert from 'node:assert/strict';
import path from 'node:path';
import { contextInfo, loadKubeconfig, selectContexts } from '../../src/kubeconfig/index.js';
import { tmpDir, write } from './helpers.js';

const SECRETS = [
  'TOKEN-s3cr3t-AAAA',
  'PASSWORD-s3cr3t-BBBB',
  'KEYDATA-s3cr3t-CCCC',
  'EXECENV-s3cr3t-DDDD',
  'OIDC-s3cr3t-EEEE',
  'DUPTOKEN-s3cr3t-FFFF',
];

function secretConfig(): string {
  return `apiVersion: v1
current-context: ghost
clusters:
- name: c1
  cluster: {server: "https://c1:6443"}
- name: noserver
  cluster: {certificate-authority-data: Zm9v}
users:
- name: u-token
  user: {token: ${SECRETS[0]}}
- name: u-basic
  user: {username: admin, password: ${SECRETS[1]}}
- name: u-key
  user: {client-key-data: ${SECRETS[2]}, client-certificate-data: Zm9v}
- name: u-exec
  user:
    exec:
      command: get-token
      apiVersion: client.authentication.k8s.io/v1
      env: [{name: SECRET, value: ${SECRETS[3]}}]
- name: u-oidc
  user:
    auth-provider: {name: oidc, config: {id-token: ${SECRETS[4]}, client-id: x}}
contexts:
- name: ok
  context: {cluster: c1, user: u-token}
- name: no-cluster
  context: {cluster: missing, user: u-basic}
- name: no-user
  context: {cluster: c1, user: missing}
- name: no-server
  context: {cluster: noserver, user: u-key}
- name: exec
  context: {cluster: c1, user: u-exec}
- name: oidc
  context: {cluster: c1, user: u-oidc}
`;
}

describe('kubeconfig secrets never appear in messages', () => {
  it('no error or warning from any path contains a token, password, key or exec env value', () => {
    const dir = tmpDir();
    const a = write(dir, 'a.yaml', secretConfig());
    // A second file repeating names (duplicate warnings) with its own secret.
    const b = write(dir, 'b.yaml', `users:\n- name: u-token\n  user: {token: ${SECRETS[5]}}\n`);
    // Malformed files right next to secrets.
    const bad1 = write(
      dir,
      'bad1.yaml',
      `users:\n- name: u\n  user: {token: ${SECRETS[0]}\n    password: ${SECRETS[1]}]\n`,
    );
    const bad2 = write(
      dir,
      'bad2.yaml',
      `users:\n- name: u\n  user:\n    token: ${SECRETS[0]}\n    token: ${SECRETS[5]}\n`,
    );
    const bad3 = write(dir, 'bad3.yaml', `users:\n- user: {token: ${SECRETS[0]}}\n`);
    const bad4 = write(dir, 'bad4.yaml', `users:\n- name: u\n  user: ${SECRETS[0]}\n`);
    const bad5 = write(
      dir,
      'bad5.yaml',
      `users:\n- name: u\n  user: {token: a}\n- name: u\n  user: {token: ${SECRETS[0]}}\n`,
    );
    const messages: string[] = [];
    const capture = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        messages.push(String((e as Error).message), String(e));
      }
    };
    const loaded = loadKubeconfig({ env: { KUBECONFIG: [a, b].join(path.delimiter) } });
    messages.push(...loaded.warnings);
    for (const c of loaded.contexts) capture(() => loaded.kubeConfigFor(c.name));
    capture(() => selectContexts(loaded, {}));
    capture(() => selectContexts(loaded, { context: SECRETS[0] as string }));
    capture(() => contextInfo(loaded, 'nope'));
    for (const f of [bad1, bad2, bad3, bad4, bad5]) capture(() => loadKubeconfig({ kubeconfig: f }));
    messages.push(JSON.stringify(loaded.contexts));
    assert.ok(messages.length >= 12, `expected many messages, got ${messages.length}`);
    for (const m of messages) {
      for (const s of SECRETS.slice(1)) assert.ok(!m.includes(s), `secret leaked in: ${m}`);
      // The first secret is echoed back only where the user typed it as a context name.
      if (!m.includes('no context')) assert.ok(!m.includes(SECRETS[0] as string), `secret leaked in: ${m}`);
    }
  });
});
