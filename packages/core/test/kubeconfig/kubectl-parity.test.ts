import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { tokenFileOf } from '../../src/kubeconfig/client-node.js';
import { loadKubeconfig } from '../../src/kubeconfig/index.js';
import { tmpDir, write } from './helpers.js';

/** kubectl is the oracle here: `npm test` installs it first (scripts/test-setup.mjs), so it is never skipped. */
function requireKubectl(): void {
  try {
    execFileSync('kubectl', ['version', '--client', '-o', 'json'], { stdio: 'ignore', timeout: 30_000 });
  } catch (err) {
    throw new Error(
      `kubectl is missing or broken (${(err as Error).message}): \`node scripts/test-setup.mjs\``,
    );
  }
}

interface Named {
  name: string;
  [k: string]: unknown;
}

describe('kubeconfig merging matches real kubectl', function () {
  this.timeout(60_000);
  before(requireKubectl);

  it('same contexts, clusters, users, current-context and resolved paths as `kubectl config view`', () => {
    const dir = tmpDir();
    const first = write(
      dir,
      'one/config',
      `clusters:
- name: shared
  cluster: {server: "https://one:6443", certificate-authority: ca/one.crt}
- name: c1
  cluster: {server: "https://c1:6443"}
users:
- name: shared
  user: {token: one, client-certificate: certs/u.crt, client-key: certs/u.key}
contexts:
- name: shared
  context: {cluster: shared, user: shared, namespace: ns-one}
- name: c1
  context: {cluster: c1, user: shared}
`,
    );
    const second = write(
      dir,
      'two/config',
      `current-context: c2
clusters:
- name: shared
  cluster: {server: "https://two:6443"}
- name: c2
  cluster: {server: "https://c2:6443", certificate-authority: ../ca/two.crt}
users:
- name: shared
  user: {token: two}
- name: u2
  user: {tokenFile: tok}
contexts:
- name: shared
  context: {cluster: shared, user: shared, namespace: ns-two}
- name: c2
  context: {cluster: c2, user: u2}
`,
    );
    const third = write(dir, 'three/config', 'current-context: c1\n');
    const KUBECONFIG = [path.join(dir, 'missing'), first, second, third].join(path.delimiter);
    const view = JSON.parse(
      execFileSync('kubectl', ['config', 'view', '--raw', '-o', 'json'], {
        env: { ...process.env, KUBECONFIG },
        encoding: 'utf8',
        timeout: 20_000,
      }),
    ) as {
      'current-context': string;
      clusters: Named[];
      users: Named[];
      contexts: Named[];
    };
    const loaded = loadKubeconfig({ env: { KUBECONFIG } });

    assert.equal(loaded.currentContext, view['current-context']);
    const theirs = Object.fromEntries(
      view.contexts.map((c) => {
        const ctx = c['context'] as { cluster: string; user: string; namespace?: string };
        return [c.name, { cluster: ctx.cluster, user: ctx.user, namespace: ctx.namespace }];
      }),
    );
    const ours = Object.fromEntries(
      loaded.contexts.map((c) => [c.name, { cluster: c.cluster, user: c.user, namespace: c.namespace }]),
    );
    assert.deepEqual(ours, theirs);
    // `config view` prints paths as written; kubectl resolves them against the file that holds them.
    const origin: Record<string, string> = { shared: first, c1: first, c2: second, u2: second };
    const resolved = (name: string, p: string | undefined) =>
      p === undefined ? undefined : path.resolve(path.dirname(origin[name] as string), p);
    for (const c of view.clusters) {
      const cl = c['cluster'] as { server: string; 'certificate-authority'?: string };
      const info = loaded.contexts.find((x) => x.cluster === c.name);
      assert.ok(info, `cluster ${c.name}`);
      const kc = loaded.kubeConfigFor(info.name).getCurrentCluster();
      assert.equal(kc?.server, cl.server);
      assert.equal(kc?.caFile, resolved(c.name, cl['certificate-authority']));
    }
    for (const u of view.users) {
      const usr = u['user'] as {
        token?: string;
        tokenFile?: string;
        'client-certificate'?: string;
        'client-key'?: string;
      };
      const info = loaded.contexts.find((x) => x.user === u.name);
      assert.ok(info, `user ${u.name}`);
      const kcUser = loaded.kubeConfigFor(info.name).getCurrentUser();
      assert.equal(kcUser?.token, usr.token);
      assert.equal(kcUser?.certFile, resolved(u.name, usr['client-certificate']));
      assert.equal(kcUser?.keyFile, resolved(u.name, usr['client-key']));
      // kubectl's spelling, resolved against its file like the other paths
      assert.equal(tokenFileOf(loaded.connectionConfigFor(info.name).user), resolved(u.name, usr.tokenFile));
    }
    assert.ok(
      view.users.some((u) => (u['user'] as { tokenFile?: string }).tokenFile === 'tok'),
      'kubectl reads tokenFile',
    );
  });
});
