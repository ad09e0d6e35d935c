/**
 * Protected contexts in a real terminal (tmux): with `.kubectl-mc.yaml` protecting `*-prod`, `kubectl mc
 * apply` names the protected cluster and needs its environment's name typed; `y` is not enough, even
 * with --yes. Without a terminal, --yes alone refuses and --yes --include-protected goes ahead. The
 * clusters' state is read with the real kubectl.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
const CLUSTERS = ['staging', 'us-east-prod'];

describe('protected contexts: the typed environment name in a real terminal (tmux)', function () {
  this.timeout(90_000);
  const socket = `kmc-prot-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let fleet: Awaited<ReturnType<typeof startFleet>> | undefined;
  let dir = '';
  let started = false;

  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = (s: string) => tmux('capture-pane', '-p', '-J', '-t', s);
  async function waitFor(session: string, what: string, test: (s: string) => boolean): Promise<string> {
    const deadline = Date.now() + 30_000;
    let s = '';
    while (Date.now() < deadline) {
      s = screen(session);
      if (test(s)) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`timed out waiting for ${what}; the screen was:\n${s}`);
  }
  const kubectlGet = (ctx: string, name: string): Promise<string> =>
    new Promise((resolve) => {
      execFile(
        'kubectl',
        ['get', 'configmap', name, '-n', 'default', '--context', ctx, '-o', 'jsonpath={.data.v}'],
        { encoding: 'utf8', env: { ...process.env, KUBECONFIG: fleet!.kubeconfigPath }, timeout: 20_000 },
        (err, stdout) => resolve(err ? 'absent' : stdout),
      );
    });
  const mc = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [bin, ...args, '--kubeconfig', fleet!.kubeconfigPath],
        { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });
  const start = (session: string, args: string): void => {
    const cmd = [
      `cd ${dir} && env NO_COLOR=1 PATH=${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      bin,
      `${args} --clusters ${CLUSTERS.join(',')} --kubeconfig ${fleet!.kubeconfigPath}`,
      '; echo "mc exited $?"; sleep 60',
    ].join(' ');
    tmux('new-session', '-d', '-s', session, '-x', '220', '-y', '40', cmd);
    started = true;
  };
  const manifest = async (name: string): Promise<string> => {
    const f = path.join(dir, `${name}.yaml`);
    await writeFile(
      f,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\ndata:\n  v: "1"\n`,
    );
    return f;
  };

  before(async () => {
    requireTool('tmux', ['-V']);
    requireTool('kubectl', ['version', '--client']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 1 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-protected-'));
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, '.kubectl-mc.yaml'), 'protected:\n  - "*-prod"\n');
  });
  after(async () => {
    if (started) {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
      const uid = process.getuid?.() ?? 0;
      rmSync(path.join(process.env['TMUX_TMPDIR'] ?? '/tmp', `tmux-${uid}`, socket), { force: true });
    }
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('y is not enough for a protected cluster: nothing changes', async () => {
    const f = await manifest('typed-y');
    start('y', `apply -f ${f} --yes`);
    await waitFor('y', 'the question', (s) => s.includes('Type "production" to continue:'));
    const q = screen('y');
    assert.match(q, /Apply 2 changes to 2 clusters \(staging, us-east-prod\)\?/);
    assert.match(q, /Protected \(production\): us-east-prod\./);
    tmux('send-keys', '-t', 'y', 'y', 'Enter');
    const s = await waitFor('y', 'the exit', (s) => /mc exited \d+/.test(s));
    assert.match(s, /Nothing was applied\./);
    assert.match(s, /mc exited 1/);
    for (const ctx of CLUSTERS) assert.equal(await kubectlGet(ctx, 'typed-y'), 'absent');
  });

  it("n changes nothing; the environment's name typed applies everywhere", async () => {
    const f = await manifest('typed-name');
    start('n', `apply -f ${f}`);
    await waitFor('n', 'the question', (s) => s.includes('Type "production" to continue:'));
    tmux('send-keys', '-t', 'n', 'n', 'Enter');
    await waitFor('n', 'the exit', (s) => /mc exited 1/.test(s));
    for (const ctx of CLUSTERS) assert.equal(await kubectlGet(ctx, 'typed-name'), 'absent');

    start('typed', `apply -f ${f}`);
    await waitFor('typed', 'the question', (s) => s.includes('Type "production" to continue:'));
    tmux('send-keys', '-t', 'typed', 'production', 'Enter');
    const s = await waitFor('typed', 'the exit', (s) => /mc exited \d+/.test(s));
    assert.match(s, /mc exited 0/);
    for (const ctx of CLUSTERS) assert.equal(await kubectlGet(ctx, 'typed-name'), '1');
  });

  it('without a terminal, --yes alone refuses; --yes --include-protected applies', async () => {
    const f = await manifest('scripted');
    const sel = ['--clusters', CLUSTERS.join(',')];
    const refused = await mc(['apply', '-f', f, '--yes', ...sel]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /--yes alone never includes protected clusters/);
    assert.match(refused.stderr, /us-east-prod/);
    for (const ctx of CLUSTERS) assert.equal(await kubectlGet(ctx, 'scripted'), 'absent');

    const staging = await mc(['apply', '-f', f, '--yes', '--clusters', 'staging']);
    assert.equal(staging.code, 0, staging.stderr);
    assert.equal(await kubectlGet('staging', 'scripted'), '1');
    assert.equal(await kubectlGet('us-east-prod', 'scripted'), 'absent');

    const all = await mc(['apply', '-f', f, '--yes', '--include-protected', ...sel]);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stderr, /Included by --include-protected/);
    assert.equal(await kubectlGet('us-east-prod', 'scripted'), '1');
  });

  it("delete asks the same way: n deletes nothing, the environment's name deletes", async () => {
    const f = await manifest('doomed');
    const made = await mc([
      'apply',
      '-f',
      f,
      '--yes',
      '--include-protected',
      '--clusters',
      CLUSTERS.join(','),
    ]);
    assert.equal(made.code, 0, made.stderr);
    start('del-n', 'delete configmap doomed');
    await waitFor('del-n', 'the question', (s) => s.includes('Type "production" to continue:'));
    assert.match(screen('del-n'), /Delete 2 objects on 2 clusters \(staging, us-east-prod\)\?/);
    tmux('send-keys', '-t', 'del-n', 'n', 'Enter');
    const n = await waitFor('del-n', 'the exit', (s) => /mc exited \d+/.test(s));
    assert.match(n, /Nothing was deleted\./);
    for (const ctx of CLUSTERS) assert.equal(await kubectlGet(ctx, 'doomed'), '1');

    start('del-y', 'delete configmap doomed');
    await waitFor('del-y', 'the question', (s) => s.includes('Type "production" to continue:'));
    tmux('send-keys', '-t', 'del-y', 'production', 'Enter');
    const y = await waitFor('del-y', 'the exit', (s) => /mc exited \d+/.test(s));
    assert.match(y, /mc exited 0/);
    for (const ctx of CLUSTERS) assert.equal(await kubectlGet(ctx, 'doomed'), 'absent');
  });

  it('Ctrl-C at the question deletes nothing', async () => {
    const f = await manifest('interrupted');
    const made = await mc(['apply', '-f', f, '--yes', '--clusters', 'staging']);
    assert.equal(made.code, 0, made.stderr);
    const cmd = [
      `cd ${dir} && env NO_COLOR=1 PATH=${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      bin,
      `delete cm interrupted --clusters staging --kubeconfig ${fleet!.kubeconfigPath}`,
      '; echo "mc exited $?"; sleep 60',
    ].join(' ');
    tmux('new-session', '-d', '-s', 'ctrl-c', '-x', '220', '-y', '40', cmd);
    await waitFor('ctrl-c', 'the question', (s) =>
      s.includes('Delete 1 object on 1 cluster (staging)? [y/N]'),
    );
    tmux('send-keys', '-t', 'ctrl-c', 'C-c');
    const s = await waitFor('ctrl-c', 'the exit', (s) => /mc exited \d+/.test(s));
    assert.match(s, /Nothing was deleted\./);
    assert.doesNotMatch(s, /mc exited 0/);
    assert.equal(await kubectlGet('staging', 'interrupted'), '1');
  });
});
