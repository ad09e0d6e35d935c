/**
 * The dashboard's actions in a real terminal: tmux runs the built `kubectl-mc dashboard` against a
 * simulated fleet; ctrl-d on a pod asks, naming the pod and its cluster, `n` keeps it and `y` deletes it,
 * as the real kubectl then sees; ctrl-k kills (gone at once, not terminating); a question wider than the
 * terminal keeps its keys; `l` on a pod with several containers offers them (init containers too) and
 * reads the one picked; `--readonly` refuses and says so.
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

/** The parts of a simulated pod the container picker test changes. */
interface MultiPod {
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string };
  spec: {
    containers: { name: string; image?: string }[];
    initContainers?: { name: string; image?: string }[];
  };
  status: {
    containerStatuses: { name: string }[];
    initContainerStatuses?: { name: string; state: unknown }[];
  };
}

describe('kubectl mc dashboard actions in a real terminal (tmux)', function () {
  this.timeout(90_000);
  const socket = `kmc-dact-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let fleet: Awaited<ReturnType<typeof startFleet>> | undefined;
  let started = false;
  let session = 0;

  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', `dash${session}`);
  const keys = (...k: string[]) => tmux('send-keys', '-t', `dash${session}`, ...k);
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

  /** Gone, or terminating (a deletionTimestamp set), as the real kubectl sees it. */
  function deleted(context: string, pod: string): Promise<boolean> {
    const args = ['--kubeconfig', fleet!.kubeconfigPath, '--context', context];
    args.push('get', 'pod', pod, '-n', 'production', '-o', 'jsonpath={.metadata.deletionTimestamp}');
    return new Promise((resolve, reject) => {
      execFile('kubectl', args, { timeout: 30_000 }, (err, stdout, stderr) => {
        if (!err) return resolve(stdout.trim() !== '');
        if (/NotFound/.test(stderr)) return resolve(true);
        reject(new Error(`kubectl: ${stderr}`));
      });
    });
  }

  /** Gone altogether, as the real kubectl sees it. */
  function gone(context: string, pod: string): Promise<boolean> {
    const args = ['--kubeconfig', fleet!.kubeconfigPath, '--context', context];
    args.push('get', 'pod', pod, '-n', 'production', '-o', 'name');
    return new Promise((resolve, reject) => {
      execFile('kubectl', args, { timeout: 30_000 }, (err, _stdout, stderr) => {
        if (!err) return resolve(false);
        if (/NotFound/.test(stderr)) return resolve(true);
        reject(new Error(`kubectl: ${stderr}`));
      });
    });
  }

  function dashboard(...flags: string[]): void {
    session++;
    const cmd = [
      `env -u CI NO_COLOR=1 PATH=${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      bin,
      'dashboard --all-clusters -n production',
      ...flags,
      `--kubeconfig ${fleet!.kubeconfigPath}`,
      '; echo "dashboard exited $?"; sleep 120',
    ].join(' ');
    tmux('new-session', '-d', '-s', `dash${session}`, '-x', '140', '-y', '30', cmd);
    started = true;
  }

  async function selectPod(name: string): Promise<void> {
    await waitFor('the clusters', (s) => /clusters \d\/\d healthy/.test(s));
    keys(':');
    keys('-l', 'pods');
    keys('Enter');
    await waitFor('the pods', (s) => /^us-east-prod +production /m.test(s));
    keys('/');
    keys('-l', name);
    keys('Enter');
    await waitFor(`the pod ${name} alone`, (s) => /· {2}1 rows/.test(s) && s.includes(name));
  }

  before(async function () {
    requireTool('tmux', ['-V']);
    requireTool('kubectl', ['version', '--client']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 10 });
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

  it('ctrl-d asks naming the pod and its cluster; n keeps it, y deletes it (kubectl agrees)', async () => {
    const pod = fleet!.cluster('us-east-prod').store.list('pods', 'production')[0]!.metadata!.name!;
    dashboard();
    await selectPod(pod);
    keys('C-d');
    const question = `Delete pods/${pod} -n production on cluster us-east-prod? [y/N]`;
    await waitFor('the question', (s) => s.includes(question));
    keys('n');
    await waitFor('nothing deleted', (s) => s.includes('Nothing was deleted.') && !s.includes(question));
    assert.equal(await deleted('us-east-prod', pod), false, 'n kept the pod');
    keys('C-d');
    await waitFor('the question again', (s) => s.includes(question));
    keys('y');
    await waitFor('the result', (s) =>
      s.includes(`pods/${pod} -n production on cluster us-east-prod: deleted`),
    );
    assert.equal(await deleted('us-east-prod', pod), true, 'y deleted the pod');
    keys('q');
    await waitFor('the shell', (s) => /dashboard exited 0/.test(s));
  });

  it('ctrl-k asks (grace period 0); n keeps the pod, y removes it at once (kubectl: NotFound)', async () => {
    const pod = fleet!.cluster('eu-west-prod').store.list('pods', 'production')[1]!.metadata!.name!;
    dashboard();
    await selectPod(pod);
    keys('C-k');
    const question = `Kill pods/${pod} -n production on cluster eu-west-prod now (grace period 0)? [y/N]`;
    await waitFor('the question', (s) => s.includes(question));
    keys('n');
    await waitFor('nothing killed', (s) => s.includes('Nothing was killed.') && !s.includes(question));
    assert.equal(await deleted('eu-west-prod', pod), false, 'n kept the pod');
    keys('C-k');
    await waitFor('the question again', (s) => s.includes(question));
    keys('y');
    await waitFor('the result', (s) =>
      s.includes(`pods/${pod} -n production on cluster eu-west-prod: force deleted`),
    );
    // Not terminating: gone (a plain delete leaves a deletionTimestamp for the grace period).
    assert.equal(await gone('eu-west-prod', pod), true, 'y removed the pod at once');
    keys('q');
    await waitFor('the shell', (s) => /dashboard exited 0/.test(s));
  });

  it('a pod name wider than the terminal: the dialog keeps the question and [y/N]', async () => {
    const pod = fleet!.cluster('us-east-prod').store.list('pods', 'production')[2]!.metadata!.name!;
    dashboard();
    await selectPod(pod);
    tmux('resize-window', '-t', `dash${session}`, '-x', '50', '-y', '30');
    keys('C-d');
    const s = await waitFor('the fitted question', (t) =>
      /^Delete pod.*….* on cluster .*\? \[y\/N\]\s*$/m.test(t),
    );
    const line = s.split('\n').find((l) => l.startsWith('Delete '))!;
    assert.ok(line.trimEnd().length <= 50, line);
    keys('n');
    await waitFor('nothing deleted', (t) => t.includes('Nothing was deleted.'));
    assert.equal(await deleted('us-east-prod', pod), false);
    keys('q');
    await waitFor('the shell', (t) => /dashboard exited 0/.test(t));
  });

  it('l on a pod with several containers: a picker (init too); Enter reads the one picked', async () => {
    const store = fleet!.cluster('us-east-prod').store;
    const base = structuredClone(store.list('pods', 'production')[3]!) as unknown as MultiPod;
    const main = base.spec.containers[0]!;
    const status = base.status.containerStatuses[0]!;
    const pod: MultiPod = {
      ...base,
      metadata: { ...base.metadata, name: 'multi-box-1', uid: undefined, resourceVersion: undefined },
      spec: {
        ...base.spec,
        initContainers: [{ name: 'migrate', image: 'registry.example.com/migrate:v3' }],
        containers: [main, { name: 'sidecar', image: 'registry.example.com/envoy:v1.30' }],
      },
      status: {
        ...base.status,
        containerStatuses: [status, { ...status, name: 'sidecar' }],
        initContainerStatuses: [
          { name: 'migrate', state: { terminated: { reason: 'Completed', exitCode: 0 } } },
        ],
      },
    };
    store.add('pods', pod as unknown as Parameters<typeof store.add>[1]);
    dashboard();
    await selectPod('multi-box-1');
    keys('l');
    await waitFor(
      'the container picker',
      (s) =>
        /Containers of us-east-prod\/pods\/production\/multi-box-1/.test(s) && s.includes('migrate (init)'),
    );
    const items = screen().split('\n');
    const at = (label: string) => items.findIndex((l) => l.trim() === label);
    assert.ok(at('(all containers)') < at('migrate (init)'), 'all first, then init containers');
    assert.ok(at('migrate (init)') < at(main.name) && at(main.name) < at('sidecar'), 'then in spec order');
    keys('j', 'j', 'j', 'Enter');
    const s = await waitFor(
      'the sidecar log',
      (t) => /multi-box-1 \[sidecar\] \(logs, following, lines/.test(t) && / INFO sidecar /.test(t),
    );
    assert.doesNotMatch(s, new RegExp(` (INFO|WARN|ERROR) ${main.name} `), 'only the container picked');
    keys('Escape');
    await waitFor('the pods view', (t) => /· {2}1 rows/.test(t) && !t.includes('(logs'));
    keys('q');
    await waitFor('the shell', (t) => /dashboard exited 0/.test(t));
  });

  it('--readonly: ctrl-d refuses and says so; the pod stays', async () => {
    const pod = fleet!.cluster('eu-west-prod').store.list('pods', 'production')[0]!.metadata!.name!;
    dashboard('--readonly');
    await selectPod(pod);
    keys('C-d');
    await waitFor('the refusal', (s) => s.includes('read-only (--readonly): delete is disabled'));
    keys('y');
    assert.doesNotMatch(screen(), /\[y\/N\]/);
    assert.equal(await deleted('eu-west-prod', pod), false, '--readonly kept the pod');
    keys('q');
    await waitFor('the shell', (s) => /dashboard exited 0/.test(s));
  });
});
