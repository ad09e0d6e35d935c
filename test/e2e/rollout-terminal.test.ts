/**
 * `kubectl mc rollout` in a real terminal (tmux): restart's question (`n` changes nothing, `y` restarts)
 * and status's live table, one row per cluster redrawn in place until every cluster is done. The
 * screen comes back with capture-pane; the clusters' state is read with the real kubectl.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
const CLUSTERS = ['us-east-prod', 'eu-west-prod'];

describe('kubectl mc rollout in a real terminal (tmux)', function () {
  this.timeout(60_000);
  const socket = `kmc-rollout-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let fleet: Awaited<ReturnType<typeof startFleet>> | undefined;
  let started = false;

  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = (s: string) => tmux('capture-pane', '-p', '-t', s);
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
  /** Async: the simulated fleet answers from this process, so a synchronous kubectl would block it. */
  const restartedAt = (ctx: string): Promise<string> =>
    new Promise((resolve) => {
      execFile(
        'kubectl',
        [
          'get',
          'deploy',
          'payment',
          '-n',
          'production',
          '--context',
          ctx,
          '-o',
          'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}',
        ],
        { encoding: 'utf8', env: { ...process.env, KUBECONFIG: fleet!.kubeconfigPath }, timeout: 20_000 },
        (err, stdout) => resolve(err ? 'error' : stdout),
      );
    });
  const start = (session: string, args: string): void => {
    const cmd = [
      `env NO_COLOR=1 PATH=${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      bin,
      `${args} -n production --clusters ${CLUSTERS.join(',')} --kubeconfig ${fleet!.kubeconfigPath}`,
      '; echo "mc exited $?"; sleep 60',
    ].join(' ');
    tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '40', cmd);
    started = true;
  };

  before(async () => {
    requireTool('tmux', ['-V']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    // slow enough (5x) that the live table is seen before the rollout ends
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 40, timeScale: 5 });
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
  });

  it('restart asks once; n changes nothing, y restarts; status draws one live row per cluster', async () => {
    start('no', 'rollout restart deploy/payment');
    await waitFor('no', 'the question', (s) =>
      s.includes('Restart deployment.apps/payment on 2 clusters (us-east-prod, eu-west-prod)? [y/N]'),
    );
    tmux('send-keys', '-t', 'no', 'n', 'Enter');
    const s = await waitFor('no', 'the exit', (s) => /mc exited \d+/.test(s));
    assert.match(s, /Nothing was changed\./);
    assert.match(s, /mc exited 1/);
    for (const ctx of CLUSTERS) assert.equal(await restartedAt(ctx), '');

    start('yes', 'rollout restart deploy/payment');
    await waitFor('yes', 'the question', (s) => s.includes('[y/N]'));
    tmux('send-keys', '-t', 'yes', 'y', 'Enter');
    const y = await waitFor('yes', 'the exit', (s) => /mc exited \d+/.test(s));
    assert.match(y, /mc exited 0/);
    for (const ctx of CLUSTERS) assert.match(await restartedAt(ctx), /^\d{4}-/);

    start('status', 'rollout status deploy/payment');
    await waitFor('status', 'the table', (s) => /^CLUSTER\s+UPDATED\s+READY\s+AVAILABLE\s+STATE/m.test(s));
    // one header, one row per cluster: redrawn in place, never scrolled
    const done = await waitFor('status', 'the exit', (s) => /mc exited \d+/.test(s));
    assert.match(done, /mc exited 0/);
    assert.equal((done.match(/^CLUSTER\s+UPDATED/gm) ?? []).length, 1, done);
    for (const ctx of CLUSTERS) {
      assert.equal((done.match(new RegExp(`^${ctx}\\s`, 'gm')) ?? []).length, 1, done);
      assert.match(
        done,
        new RegExp(
          `^${ctx}\\s+(\\d+)/\\1\\s+\\1/\\1\\s+\\1/\\1\\s+done\\s+ReplicaSet "payment-[a-z0-9]+" has successfully progressed\\.`,
          'm',
        ),
      );
    }
  });
});
