/**
 * `kubectl mc apply`'s question in a real terminal (tmux): `n` applies nothing, `y` applies. The screen
 * comes back with capture-pane; the clusters' state is read with the real kubectl.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
const CLUSTERS = ['us-east-prod', 'eu-west-prod'];

describe('kubectl mc apply: the question in a real terminal (tmux)', function () {
  this.timeout(60_000);
  const socket = `kmc-apply-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let fleet: Awaited<ReturnType<typeof startFleet>> | undefined;
  let dir = '';
  let started = false;

  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = (s: string) => tmux('capture-pane', '-p', '-t', s);
  async function waitFor(session: string, what: string, test: (s: string) => boolean): Promise<string> {
    const deadline = Date.now() + 20_000;
    let s = '';
    while (Date.now() < deadline) {
      s = screen(session);
      if (test(s)) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`timed out waiting for ${what}; the screen was:\n${s}`);
  }
  /** Async: the simulated fleet answers from this process, so a synchronous kubectl would block it. */
  const kubectlGet = (ctx: string): Promise<string> =>
    new Promise((resolve) => {
      execFile(
        'kubectl',
        ['get', 'configmap', 'asked', '-n', 'default', '--context', ctx, '-o', 'jsonpath={.data.v}'],
        { encoding: 'utf8', env: { ...process.env, KUBECONFIG: fleet!.kubeconfigPath }, timeout: 20_000 },
        (err, stdout) => resolve(err ? 'absent' : stdout),
      );
    });
  const start = (session: string, file: string): void => {
    const cmd = [
      `env NO_COLOR=1 PATH=${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      bin,
      `apply -f ${file} --clusters ${CLUSTERS.join(',')} --kubeconfig ${fleet!.kubeconfigPath}`,
      '; echo "apply exited $?"; sleep 60',
    ].join(' ');
    tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '40', cmd);
    started = true;
  };

  before(async () => {
    requireTool('tmux', ['-V']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 2 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-apply-tty-'));
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

  it('asks once naming the clusters; n applies nothing, y applies', async () => {
    const f = path.join(dir, 'cm.yaml');
    await writeFile(
      f,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: asked\n  namespace: default\ndata:\n  v: "1"\n',
    );
    start('no', f);
    await waitFor('no', 'the question', (s) =>
      s.includes('Apply 2 changes to 2 clusters (us-east-prod, eu-west-prod)? [y/N]'),
    );
    tmux('send-keys', '-t', 'no', 'n', 'Enter');
    const s = await waitFor('no', 'the exit', (s) => /apply exited \d+/.test(s));
    assert.match(s, /Nothing was applied\./);
    assert.match(s, /apply exited 1/);
    for (const ctx of CLUSTERS) assert.equal(await kubectlGet(ctx), 'absent');

    start('yes', f);
    await waitFor('yes', 'the question', (s) => s.includes('[y/N]'));
    tmux('send-keys', '-t', 'yes', 'y', 'Enter');
    const y = await waitFor('yes', 'the exit', (s) => /apply exited \d+/.test(s));
    assert.match(y, /apply exited 0/);
    for (const ctx of CLUSTERS) assert.equal(await kubectlGet(ctx), '1');
  });
});
