/**
 * The dashboard on a hub fleet in a real terminal (tmux): it follows the hub's ClusterProfiles, so a
 * profile added on the hub appears in the running dashboard (its pods too) and one deleted disappears,
 * without a restart; the clusters view is grouped by the --cluster-selector's keys.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';
import { bin } from './helpers/run.js';

describe('kubectl mc dashboard --hub follows the hub (tmux)', function () {
  this.timeout(120_000);
  const socket = `kmc-hubdash-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let fleet: Awaited<ReturnType<typeof startFleet>> | undefined;
  let started = false;

  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', 'dash');
  const keys = (...k: string[]) => tmux('send-keys', '-t', 'dash', ...k);
  /** Poll the screen until `test` passes: a bounded wait, never a fixed sleep. */
  async function waitFor(what: string, test: (s: string) => boolean, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let s = '';
    while (Date.now() < deadline) {
      s = screen();
      if (test(s)) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`timed out waiting for ${what}; the screen was:\n${s}`);
  }
  const row = (name: string) => new RegExp(`^${name} `, 'm');

  /** A copy of a member's profile under another name (and display name), with labels changed. */
  function addProfile(from: string, name: string, labels: Record<string, string>) {
    const src = fleet!.hub!.store.get('clusterprofiles', 'fleet', from);
    assert.ok(src);
    const copy = JSON.parse(JSON.stringify(src)) as {
      metadata: Record<string, unknown> & { labels: Record<string, string> };
      spec: Record<string, unknown>;
    };
    copy.metadata = {
      ...copy.metadata,
      name,
      uid: `uid-${name}`,
      labels: { ...copy.metadata.labels, ...labels },
    };
    delete copy.metadata['resourceVersion'];
    copy.spec = { ...copy.spec, displayName: name };
    fleet!.hub!.store.add('clusterprofiles', copy as never);
  }

  before(async function () {
    requireTool('tmux', ['-V']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({
      clusters: ['us-east-prod', 'eu-west-prod', 'staging'],
      podsPerCluster: 4,
      hub: true,
    });
    const cmd = [
      `env -u CI NO_COLOR=1 PATH=${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      `KUBECONFIG=${fleet.kubeconfigPath}`,
      bin,
      'dashboard -A --refresh 2 --hub hub',
      `--cluster-providers ${fleet.hub!.providersPath}`,
      `--cluster-selector 'environment in (production,staging)'`,
      '; echo "dashboard exited $?"; sleep 120',
    ].join(' ');
    tmux('new-session', '-d', '-s', 'dash', '-x', '140', '-y', '40', cmd);
    started = true;
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

  it('lists the selected profiles by display name, grouped by the selector (production before staging)', async () => {
    const s = await waitFor(
      'the hub clusters with a status',
      (s) => /^us-east-prod .* ok /m.test(s) && /^eu-west-prod .* ok /m.test(s) && /^staging .* ok /m.test(s),
    );
    assert.match(s, /^onprem-prod .*auth/m);
    assert.doesNotMatch(s, row('lab'));
    // the hub lists by namespace and name; staging, between them by name, comes after the production group
    const order = ['eu-west-prod', 'onprem-prod', 'us-east-prod', 'staging'].map((n) => s.search(row(n)));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      `the profiles are listed in hub order within their group, the staging group last:\n${s}`,
    );
  });

  it('a profile added on the hub appears, its pods too; one outside the selector does not', async () => {
    addProfile('us-east-prod', 'lab-two', { environment: 'lab' });
    addProfile('us-east-prod', 'ap-south-prod', {});
    const s = await waitFor('ap-south-prod in the clusters view', (s) => /^ap-south-prod .* ok /m.test(s));
    assert.doesNotMatch(s, row('lab-two'));
    assert.ok(s.search(row('ap-south-prod')) < s.search(row('staging')), `grouped with production:\n${s}`);
    keys(':');
    keys('-l', 'pods');
    keys('Enter');
    await waitFor(
      'ap-south-prod pods',
      (s) => /CLUSTER +NAMESPACE +NAME/.test(s) && row('ap-south-prod').test(s),
    );
    keys('Escape');
    await waitFor('the clusters view again', (s) => /^us-east-prod .* ok /m.test(s));
  });

  it('a profile deleted on the hub disappears', async () => {
    fleet!.hub!.store.delete('clusterprofiles', 'fleet', 'eu-west-prod');
    const s = await waitFor(
      'eu-west-prod gone',
      (s) => !row('eu-west-prod').test(s) && /^us-east-prod .* ok /m.test(s),
    );
    assert.match(s, /^ap-south-prod .* ok /m);
    assert.doesNotMatch(s, /dashboard exited/);
  });
});
