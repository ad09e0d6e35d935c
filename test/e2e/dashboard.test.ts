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
  this.timeout(90_000);
  const socket = `kmc-dash-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let fleet: Awaited<ReturnType<typeof startFleet>> | undefined;
  let started = false;
  let crash: { cluster: string; namespace: string; name: string } | undefined;

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
    // A crashlooping pod (the simulator's own), a pod whose name a hostile server made unprintable and a
    // pod created now, whose age the screen must advance without any event.
    for (const c of fleet.clusters) {
      const p = c.store.list('pods').find((x) => JSON.stringify(x).includes('"reason":"CrashLoopBackOff"'));
      if (p) {
        crash = { cluster: c.name, namespace: p.metadata!.namespace!, name: p.metadata!.name! };
        break;
      }
    }
    assert.ok(crash, 'the simulated fleet has a crashlooping pod');
    const east = fleet.cluster('us-east-prod').store;
    const running = east.list('pods', 'production').find((p) => JSON.stringify(p).includes('"running"'))!;
    for (const [name, created] of [
      ['evil\u001b]0;pwned\u0007pod', running.metadata!.creationTimestamp],
      ['fresh-pod', new Date().toISOString()],
    ] as const) {
      east.add('pods', {
        ...running,
        metadata: { ...running.metadata, name, uid: `uid-${name.length}`, creationTimestamp: created },
      });
    }
    // The one pod the restricted user (on us-east-prod) may see: in default.
    east.add('pods', {
      ...running,
      metadata: { ...running.metadata, name: 'default-pod', namespace: 'default', uid: 'uid-default' },
    });
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

  it("a restricted context sees its namespace's pods: :pods starts in each context's namespace", async () => {
    keys(':');
    keys('-l', 'pods');
    keys('Enter');
    const s = await waitFor(
      'default pods of every healthy context, the restricted one included',
      (s) =>
        /CLUSTER +NAMESPACE +NAME +READY +STATUS/.test(s) &&
        /^us-east-prod-restricted +default +default-pod /m.test(s) &&
        /^us-east-prod +default +default-pod /m.test(s),
    );
    assert.match(s, /pods \(all clusters, default\)/);
    assert.doesNotMatch(s, /forbidden/i);
    assert.match(s, /^dev unreachable/m);
  });

  let allRows = 0;
  it(':ns lists namespaces; Enter on production switches every cluster to it', async () => {
    keys(':');
    keys('-l', 'ns');
    keys('Enter');
    await waitFor(
      'the namespaces',
      (s) => /namespaces \(all clusters/.test(s) && /production +Active/.test(s),
    );
    keys('/');
    keys('-l', 'production');
    keys('Enter');
    await waitFor('one namespace per cluster', (s) => /filter \/production/.test(s));
    keys('Enter');
    const s = await waitFor(
      'production pods',
      (s) => /pods \(all clusters, production\)/.test(s) && /^us-east-prod +production +\S+/m.test(s),
    );
    allRows = Number(/ (\d+) rows/.exec(s)![1]);
    assert.ok(allRows >= 20, `production pods from the healthy clusters, got ${allRows}`);
    assert.match(s, /^(us-east-prod|eu-west-prod|ap-south-prod|staging) +production +\S+/m);
  });

  it('shows fewer rows after /payment', async () => {
    keys('/');
    keys('-l', 'payment');
    const s = await waitFor('the filtered count', (s) => /filter \/payment/.test(s));
    const n = Number(/ (\d+) rows/.exec(s)![1]);
    assert.ok(n > 0 && n < allRows, `filtered ${n} of ${allRows}`);
    const rows = s.split('\n').filter((l) => /^(us-east|eu-west|ap-south)-prod |^staging /.test(l));
    assert.ok(rows.length > 0 && rows.every((l) => l.includes('payment')), rows.join('\n'));
    keys('Enter'); // keep the filter, leave the prompt
    keys('Escape'); // clear it
    await waitFor('every row', (s) => !/filter \//.test(s) && new RegExp(` ${allRows} rows`).test(s));
  });

  it('ages move without events: a pod created now ages on screen', async () => {
    const age = (s: string) =>
      /^us-east-prod +production +fresh-pod +\d+\/\d+ +\S+ +\d+(?: \([^)]*\))? +(\d+)s\b/m.exec(s)?.[1];
    const first = await waitFor('the fresh pod', (s) => age(s) !== undefined);
    const a = Number(age(first));
    const later = await waitFor('an older age', (s) => Number(age(s) ?? -1) >= a + 2);
    assert.ok(Number(age(later)) >= a + 2);
  });

  it('shift-T sorts by RESTARTS descending', async () => {
    keys('T');
    const s = await waitFor('the sort', (s) => /sort RESTARTS↓/.test(s));
    const restarts = s
      .split('\n')
      .filter((l) => /^(us-east|eu-west|ap-south)-prod +production|^staging +production/.test(l))
      .map((l) => Number(/^\S+ +production +\S+ +\d+\/\d+ +\S+ +(\d+)/.exec(l)?.[1] ?? NaN));
    assert.ok(restarts.length > 3 && restarts.every((n) => !Number.isNaN(n)), s);
    assert.deepEqual(
      restarts,
      [...restarts].sort((x, y) => y - x),
    );
    assert.ok(restarts[0]! > 0, 'a restarted pod first');
  });

  it('the crashlooping pod: l shows its log, p its previous one, d its describe with events', async () => {
    const c = crash!;
    keys(':');
    keys('-l', `pods ${c.namespace}`);
    keys('Enter');
    keys('/');
    keys('-l', c.name);
    keys('Enter');
    await waitFor(
      'the pod',
      (s) =>
        new RegExp(`^${c.cluster} +${c.namespace} +${c.name} .*CrashLoopBackOff`, 'm').test(s) &&
        / 1 rows/.test(s),
    );
    keys('l');
    await waitFor('its log', (s) => /\(logs, following, lines \d+-\d+ of \d+/.test(s));
    keys('p');
    const prev = await waitFor('its previous log', (s) => /\(logs, previous/.test(s) && /fatal/.test(s));
    assert.match(prev, /ERROR \S+ fatal: .*\(exit code \d+\)/);
    keys('Escape');
    await waitFor('the pods', (s) => new RegExp(`filter /${c.name}`).test(s));
    keys('d');
    const d = await waitFor('the describe', (s) => /\(describe, lines/.test(s) && /^Name: /m.test(s));
    assert.match(d, new RegExp(`^Name: +${c.name}$`, 'm'));
    keys('G');
    await waitFor('its events', (s) => /Back-off restarting failed container/.test(s));
    keys('Escape');
    keys('Escape'); // clear the filter
    await waitFor('the pods', (s) => !/filter \//.test(s) && /^\S+ +\S+ +\S+ +\d+\/\d+/m.test(s));
  });

  it('a pod whose name needed escaping shows escaped and opens', async () => {
    keys(':');
    keys('-l', 'pods production');
    keys('Enter');
    keys('/');
    keys('-l', 'evil');
    keys('Enter');
    await waitFor('the escaped name', (s) => /evil\^\[\]0;pwned\^Gpod/.test(s) && / 1 rows/.test(s));
    keys('y');
    const s = await waitFor('its YAML', (s) => /^kind: Pod$/m.test(s) || /^error:/m.test(s));
    assert.doesNotMatch(s, /^error:/m);
    keys('Escape');
    await waitFor('the pods', (s) => /filter \/evil/.test(s));
  });

  it('quits cleanly on q, giving the terminal back, exit 0', async () => {
    keys('q');
    const s = await waitFor('the shell', (s) => /dashboard exited \d+/.test(s));
    assert.match(s, /dashboard exited 0/);
    assert.doesNotMatch(s, /CLUSTER +NAMESPACE/, 'the alternate screen is gone');
  });
});
