/**
 * Broken kubeconfigs: malformed YAML, a context naming a cluster or user that is not there, KUBECONFIG
 * lists with a missing file or a directory, duplicate names across files, a 10 MB file. Each gives a
 * clear error naming the file (and key) or loads as kubectl would, with a documented exit code, never a
 * stack trace — and leaves every file's bytes and mtime as they were (the kubeconfig is read, never written).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { assertBuilt, assertNoStack, cliEnv, runCli } from './helpers.js';

interface Kc {
  clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
  contexts: Array<{ name: string; context: Record<string, unknown> }>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
  'current-context'?: string;
  [k: string]: unknown;
}

describe('reliability: broken kubeconfigs', function () {
  this.timeout(60_000);
  let fleet: Fleet;
  let dir: string;
  let base: Kc;
  const files: string[] = [];
  const before0 = new Map<string, { bytes: Buffer; mtimeMs: number }>();

  const write = (name: string, content: string | Kc): string => {
    const p = path.join(dir, name);
    writeFileSync(p, typeof content === 'string' ? content : stringify(content), { mode: 0o600 });
    files.push(p);
    return p;
  };

  before(async () => {
    assertBuilt();
    fleet = await startFleet({
      clusters: ['kc-one', 'kc-two', 'kc-three', 'kc-four', 'kc-five'],
      podsPerCluster: 3,
    });
    dir = mkdtempSync(path.join(os.tmpdir(), 'kmc-rel-kc-'));
    base = parse(readFileSync(fleet.kubeconfigPath, 'utf8')) as Kc;
    files.push(fleet.kubeconfigPath);
    write(
      'malformed.yaml',
      'apiVersion: v1\nkind: Config\nclusters: [\n  - name: a\n    cluster: {server: x\n',
    );
    const dangling = structuredClone(base);
    dangling.contexts.push(
      { name: 'no-cluster', context: { cluster: 'missing-cluster', user: 'kc-one-admin' } },
      { name: 'no-user', context: { cluster: 'kc-one', user: 'missing-user' } },
    );
    write('dangling.yaml', dangling);
    // a second file redefining kc-one's context and cluster: the first file wins, as in kubectl
    const dup = structuredClone(base);
    dup.clusters = [{ name: 'kc-one', cluster: { server: 'https://127.0.0.1:1' } }];
    dup.contexts = [{ name: 'kc-one', context: { cluster: 'kc-one', user: 'kc-one-admin' } }];
    dup.users = [{ name: 'kc-one-admin', user: { token: 'second-file-token' } }];
    write('dup.yaml', dup);
    // 10 MB: a valid kubeconfig whose bulk is 2,000 extra contexts plus a large extension blob
    const big = structuredClone(base);
    for (let i = 0; i < 2000; i++)
      big.contexts.push({
        name: `bulk-${i}`,
        context: { cluster: 'kc-two', user: 'kc-two-admin', namespace: `ns-${i}` },
      });
    big['extensions'] = [{ name: 'padding', extension: { blob: 'x'.repeat(10 * 1024 * 1024) } }];
    write('big.yaml', big);
    mkdirSync(path.join(dir, 'a-directory'));
    for (const f of files) before0.set(f, { bytes: readFileSync(f), mtimeMs: statSync(f).mtimeMs });
  });
  after(async () => {
    await fleet?.stop();
  });

  const mc = (kubeconfig: string, ...args: string[]) =>
    runCli(args, { env: cliEnv({ KUBECONFIG: kubeconfig }) });

  it('malformed YAML: one error line naming the file and position, exit 1, for get and contexts', async () => {
    const f = path.join(dir, 'malformed.yaml');
    const cmds = [['get', 'pods'], ['contexts']];
    for (const args of cmds) {
      const r = await mc(f, ...args);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^error: .*${f.replace(/[.]/g, '\\.')}(:\\d+:\\d+)?`));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assertNoStack(r.stderr);
    }
  });

  it('a context naming a missing cluster or user: named with the key, the other contexts still answer, exit 1', async () => {
    const f = path.join(dir, 'dangling.yaml');
    const r = await mc(f, 'get', 'nodes', '--clusters', 'kc-one,kc-two,kc-three,kc-four,no-cluster,no-user');
    assert.equal(r.code, 1, r.stderr);
    for (const c of ['kc-one', 'kc-two', 'kc-three', 'kc-four'])
      assert.match(r.stdout, new RegExp(`^${c}\\s`, 'm'));
    assert.match(r.stderr, /context "no-cluster": .*cluster "missing-cluster"/);
    assert.match(r.stderr, /context "no-user": .*user "missing-user"/);
    assertNoStack(r.stderr);
    const one = await mc(f, 'get', 'nodes', '--context', 'no-user');
    assert.equal(one.code, 1);
    assert.match(one.stderr, /user "missing-user"/);
    assertNoStack(one.stderr);
  });

  it('KUBECONFIG with a missing file: skipped as kubectl does; the others load', async () => {
    const r = await mc(
      `${path.join(dir, 'does-not-exist.yaml')}:${fleet.kubeconfigPath}`,
      'get',
      'nodes',
      '--clusters',
      'kc-one,kc-two,kc-three,kc-four,kc-five',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^kc-five\s/m);
    assertNoStack(r.stderr);
  });

  it('KUBECONFIG naming only missing files, or a directory: a clear error naming the path, exit 1', async () => {
    const missing = path.join(dir, 'nothing-here.yaml');
    const m = await mc(missing, 'get', 'pods');
    assert.equal(m.code, 1, m.stderr);
    assert.match(m.stderr, /^error: /);
    assert.match(m.stderr, /nothing-here\.yaml|no kubeconfig|not found/i, m.stderr);
    assertNoStack(m.stderr);
    const d = path.join(dir, 'a-directory');
    for (const k of [d, `${d}:${fleet.kubeconfigPath}`]) {
      const r = await mc(k, 'get', 'pods');
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(`^error: .*${d.replace(/[.]/g, '\\.')}.*(directory|regular file)`),
        r.stderr,
      );
      assertNoStack(r.stderr);
    }
  });

  it('duplicate names across files: the first file wins (kubectl merge rules), no crash', async () => {
    const r = await mc(
      `${fleet.kubeconfigPath}:${path.join(dir, 'dup.yaml')}`,
      'get',
      'nodes',
      '--clusters',
      'kc-one,kc-two,kc-three,kc-four,kc-five',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^kc-one\s/m, 'kc-one reached through the first file');
    assertNoStack(r.stderr);
    const rev = await mc(
      `${path.join(dir, 'dup.yaml')}:${fleet.kubeconfigPath}`,
      'get',
      'nodes',
      '--context',
      'kc-one',
      '--request-timeout',
      '3s',
    );
    assert.equal(rev.code, 1, 'with the other order the first file (port 1) wins and is unreachable');
    assert.match(rev.stderr, /context "kc-one": Unreachable/);
  });

  it('a 10 MB kubeconfig loads in bounded time and memory', async () => {
    const r = await runCli(['get', 'nodes', '--clusters', 'kc-one,kc-two,kc-three,kc-four,kc-five'], {
      env: cliEnv({ KUBECONFIG: path.join(dir, 'big.yaml') }),
      measureRss: true,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^kc-five\s/m);
    assertNoStack(r.stderr);
    console.log(
      `      10 MB kubeconfig: ${r.ms} ms, peak RSS ${((r.peakRssKiB ?? 0) / 1024).toFixed(0)} MiB`,
    );
    assert.ok((r.peakRssKiB ?? 0) / 1024 < 800, `peak RSS ${r.peakRssKiB} KiB`);
  });

  it('every kubeconfig file read above keeps its bytes and mtime (read, never written)', () => {
    assert.ok(before0.size >= 5);
    for (const [f, was] of before0) {
      assert.ok(readFileSync(f).equals(was.bytes), `${f} was modified`);
      assert.equal(statSync(f).mtimeMs, was.mtimeMs, `${f} mtime changed`);
    }
  });
});
