/**
 * The dashboard in a real terminal: tmux runs the built `kubectl-mc dashboard` against a simulated fleet
 * with one cluster down; keys go in with send-keys, the screen comes back with capture-pane.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'staging', 'dev'];
// The simulated kubeconfig also has a context whose user may list only in `default`: 6 contexts in all.

describe('kubectl mc dashboard in a real terminal (tmux)', function () {
  this.timeout(60_000);
  const socket = `kmc-dash-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let fleet: Awaited<ReturnType<typeof startFleet>> | undefined;
  let started = false;

  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', 'dash');
  const keys = (...k: string[]) => tmux('send-keys', '-t', 'dash', ...k);
  /** Poll the screen until `test` passes: a bounded wait, never a fixed sleep. */
  async function waitFor(what: string, test: (s: string) => boolean, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let s = '';
    while (Date.now() < deadline) {
      s = screen();
      if (test(s)) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`timed out waiting for ${what}; the screen was:\n${s}`);
  }

  before(async function () {
    requireTool('tmux', ['-V']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    assert.ok(
      existsSync(path.join(root, 'packages', 'cli', 'dist', 'commands', 'dashboard.js')),
      'the CLI is not built: run "npm run build" first',
    );
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 20, faults: { dev: 'down' } });
    // CI set makes Ink print only the last frame; a user's terminal has no CI.
    // The bin's `#!/usr/bin/env node` must find this Node (24), whatever tmux's PATH is.
    const cmd = [
      `env -u CI NO_COLOR=1 PATH=${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      bin,
      'dashboard --all-clusters --refresh 2',
      `--kubeconfig ${fleet.kubeconfigPath}`,
      '; echo "dashboard exited $?"; sleep 120',
    ].join(' ');
    tmux('new-session', '-d', '-s', 'dash', '-x', '120', '-y', '40', cmd);
    started = true;
  });

  after(async () => {
    if (started) {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
      // tmux can leave its socket file behind.
      const uid = process.getuid?.() ?? 0;
      rmSync(path.join(process.env['TMUX_TMPDIR'] ?? '/tmp', `tmux-${uid}`, socket), { force: true });
    }
    await fleet?.stop();
  });

  it('lists every cluster, the down one marked unreachable', async () => {
    const s = await waitFor(
      'every cluster with a status',
      (s) =>
        CLUSTERS.every((c) => new RegExp(`^${c} .*(ok|unreachable)`, 'm').test(s)) &&
        /clusters 5\/6 healthy/.test(s),
    );
    assert.match(s, /^dev .*unreachable/m);
    for (const c of CLUSTERS.filter((c) => c !== 'dev')) assert.match(s, new RegExp(`^${c} .* ok `, 'm'));
  });

  let allRows = 0;
  it('shows pod rows across the clusters after :pods Enter', async () => {
    keys(':');
    keys('-l', 'pods');
    keys('Enter');
    const s = await waitFor(
      'pod rows',
      (s) => /CLUSTER +NAMESPACE +NAME +READY +STATUS/.test(s) && / (\d+) rows/.test(s),
    );
    const m = / (\d+) rows/.exec(s)!;
    allRows = Number(m[1]);
    assert.ok(allRows >= 40, `pods from the four healthy clusters, got ${allRows}`);
    assert.match(s, /^(us-east-prod|eu-west-prod|ap-south-prod|staging) +\S+ +\S+/m);
    assert.match(s, /^dev unreachable/m);
  });

  it('shows fewer rows after /payment', async () => {
    keys('/');
    keys('-l', 'payment');
    const s = await waitFor('the filtered count', (s) => /filter \/payment/.test(s));
    const n = Number(/ (\d+) rows/.exec(s)![1]);
    assert.ok(n > 0 && n < allRows, `filtered ${n} of ${allRows}`);
    const rows = s.split('\n').filter((l) => /^(us-east|eu-west|ap-south)-prod |^staging /.test(l));
    assert.ok(rows.length > 0 && rows.every((l) => l.includes('payment')), rows.join('\n'));
  });

  it('quits cleanly on q, giving the terminal back, exit 0', async () => {
    keys('Enter'); // keep the filter, leave the prompt
    keys('q');
    const s = await waitFor('the shell', (s) => /dashboard exited \d+/.test(s));
    assert.match(s, /dashboard exited 0/);
    assert.doesNotMatch(s, /CLUSTER +NAMESPACE/, 'the alternate screen is gone');
  });
});
