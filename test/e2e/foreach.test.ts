/**
 * `kubectl mc foreach` end to end: the built `kubectl-mc` runs the real kubectl against a simulated
 * fleet; what it prints per cluster must be exactly what `kubectl … --context X` prints, prefixed.
 * Also: a down cluster, the question before a change (refused without a terminal, answered `n` in
 * tmux), Ctrl-C, and a missing kubectl.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { env, timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(); // no terminal, no input
  });
}

/** Lines of `text` that belong to `ctx` (prefix padded to `width`), with the prefix removed. */
function linesOf(text: string, ctx: string, width: number): string[] {
  const prefix = `${ctx.padEnd(width)} |`;
  return text
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length).replace(/^ /, ''));
}

const kubectlLines = (text: string) => text.replace(/\n$/, '').split('\n');

describe('kubectl mc foreach (built CLI, real kubectl, simulated fleet)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];
  const RESTRICTED = 'us-east-prod-restricted';
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let tmp: string;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    requireTool('kubectl', ['version', '--client']);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 4, faults: { 'ap-south-prod': 'down' } });
    tmp = mkdtempSync(path.join(tmpdir(), 'kmc-foreach-'));
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
    delete env['KUBECTL_MC_KUBECTL'];
  });
  after(async () => {
    await fleet?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const mc = (...args: string[]) => run(bin, args, env);
  const kubectl = (...args: string[]) => run('kubectl', args, env);

  it('get ns: each cluster prints exactly what kubectl prints, prefixed', async () => {
    const up = ['us-east-prod', 'eu-west-prod'];
    const out = await mc('foreach', '--clusters', up.join(','), '--', 'get', 'ns');
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stderr, '');
    let total = 0;
    for (const ctx of up) {
      const real = await kubectl('get', 'ns', '--context', ctx);
      assert.equal(real.code, 0, real.stderr);
      assert.deepEqual(linesOf(out.stdout, ctx, 12), kubectlLines(real.stdout), ctx);
      total += kubectlLines(real.stdout).length;
    }
    assert.equal(kubectlLines(out.stdout).length, total, 'no line without its cluster');
  });

  it('auth can-i: yes where allowed, no where not, exit code the worst', async () => {
    const ctxs = ['us-east-prod', RESTRICTED];
    const pods = await mc('foreach', '--clusters', ctxs.join(','), '--', 'auth', 'can-i', 'list', 'pods');
    assert.equal(pods.code, 0, pods.stderr);
    for (const ctx of ctxs) assert.deepEqual(linesOf(pods.stdout, ctx, RESTRICTED.length), ['yes']);

    const secrets = await mc(
      'foreach',
      '--clusters',
      ctxs.join(','),
      '--',
      'auth',
      'can-i',
      'list',
      'secrets',
    );
    for (const ctx of ctxs) {
      const real = await kubectl('auth', 'can-i', 'list', 'secrets', '--context', ctx);
      assert.deepEqual(linesOf(secrets.stdout, ctx, RESTRICTED.length), kubectlLines(real.stdout), ctx);
    }
    assert.deepEqual(linesOf(secrets.stdout, RESTRICTED, RESTRICTED.length), ['no']);
    assert.equal(secrets.code, 1);
    assert.match(secrets.stderr, /^error: context "us-east-prod-restricted": kubectl exited with code 1$/m);
    assert.doesNotMatch(secrets.stderr, /context "us-east-prod":/);
  });

  it("a down cluster: kubectl's error on stderr, prefixed; the others answer; exit 1", async () => {
    const out = await mc('foreach', '--clusters', 'us-east-prod,ap-south-prod', '--', 'get', 'ns');
    assert.equal(out.code, 1);
    const real = await kubectl('get', 'ns', '--context', 'us-east-prod');
    assert.deepEqual(linesOf(out.stdout, 'us-east-prod', 13), kubectlLines(real.stdout));
    assert.deepEqual(linesOf(out.stdout, 'ap-south-prod', 13), []);
    const errLines = linesOf(out.stderr, 'ap-south-prod', 13);
    assert.match(errLines.at(-1) ?? '', /The connection to the server 127\.0\.0\.1:\d+ was refused/);
    assert.match(out.stderr, /^error: context "ap-south-prod": kubectl exited with code 1$/m);
    assert.equal(linesOf(out.stderr, 'us-east-prod', 13).length, 0);
  });

  it('a changing verb without a terminal and without --yes is refused, and nothing runs', async () => {
    // a kubectl that leaves a mark when it runs
    const marker = path.join(tmp, 'ran');
    const wrapper = path.join(tmp, 'kubectl-wrapper.sh');
    writeFileSync(wrapper, `#!/bin/sh\necho "$@" >> '${marker}'\nexec kubectl "$@"\n`, { mode: 0o755 });
    const withWrapper = { ...env, KUBECTL_MC_KUBECTL: wrapper };
    const out = await run(
      bin,
      ['foreach', '--clusters', 'us-east-prod,eu-west-prod', '--', 'label', 'ns', 'default', 'a=b'],
      withWrapper,
    );
    assert.equal(out.code, 2);
    assert.equal(out.stdout, '');
    assert.match(out.stderr, /us-east-prod, eu-west-prod\. Continue\? No terminal to ask on: pass --yes/);
    assert.equal(existsSync(marker), false, 'kubectl ran');
    const labels = await kubectl('get', 'ns', 'default', '--context', 'us-east-prod', '--show-labels');
    assert.doesNotMatch(labels.stdout, /a=b/);

    // a read-only verb through the same wrapper runs without a question (the wrapper works)
    const ro = await run(
      bin,
      ['foreach', '--clusters', 'us-east-prod', '--', 'get', 'ns', 'default'],
      withWrapper,
    );
    assert.equal(ro.code, 0, ro.stderr);
    assert.equal(existsSync(marker), true);

    // --yes runs it: the simulator serves the patch, and kubectl's answer comes back prefixed
    const yes = await mc(
      'foreach',
      '--clusters',
      'us-east-prod',
      '--yes',
      '--',
      'label',
      'ns',
      'default',
      'a=b',
    );
    assert.equal(yes.code, 0, yes.stderr);
    assert.match(yes.stdout, /^us-east-prod \| namespace\/default labeled/m);
  });

  it('Ctrl-C stops every kubectl and exits 130', async () => {
    const mark = `--chunk-size=${700 + Math.floor(Math.random() * 200)}`;
    const child = spawn(
      bin,
      ['foreach', '--clusters', 'us-east-prod,eu-west-prod', '--', 'get', 'ns', '-w', mark],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (/^us-east-prod \| NAME/m.test(stdout) && /^eu-west-prod \| NAME/m.test(stdout)) resolve();
      });
      child.on('exit', () => reject(new Error(`foreach ended early: ${stderr}`)));
    });
    const watching = () =>
      execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes(mark) && l.includes('--context') && !l.includes('kubectl-mc'));
    assert.equal(watching().length, 2, 'two kubectl watches run');
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    // the kubectl processes are gone once foreach has exited (it waits for them)
    assert.deepEqual(watching(), []);
  });

  it('a missing kubectl is one clear line', async () => {
    const bare = path.join(tmp, 'bin');
    execFileSync('mkdir', ['-p', bare]);
    symlinkSync(process.execPath, path.join(bare, 'node'));
    const out = await run(bin, ['foreach', '--clusters', 'us-east-prod', '--', 'get', 'ns'], {
      ...env,
      PATH: bare,
    });
    assert.equal(out.code, 1);
    assert.equal(out.stderr, 'error: kubectl not found on PATH; foreach runs it for each cluster\n');
  });

  describe('the question in a real terminal (tmux)', () => {
    const socket = `kmc-foreach-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    let started = false;
    after(() => {
      if (!started) return;
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
      const uid = process.getuid?.() ?? 0;
      rmSync(path.join(process.env['TMUX_TMPDIR'] ?? '/tmp', `tmux-${uid}`, socket), { force: true });
    });

    async function waitFor(session: string, what: string, test: (s: string) => boolean): Promise<string> {
      const deadline = Date.now() + 20_000;
      let s = '';
      while (Date.now() < deadline) {
        s = tmux('capture-pane', '-p', '-J', '-t', session);
        if (test(s)) return s;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.fail(`timed out waiting for ${what}; the screen was:\n${s}`);
    }

    /** Run a changing foreach in tmux through a kubectl that leaves a mark, answer, return the screen. */
    async function answer(session: string, key: string): Promise<{ screen: string; ran: boolean }> {
      requireTool('tmux', ['-V']);
      const marker = path.join(tmp, `ran-${session}`);
      const wrapper = path.join(tmp, `kubectl-wrapper-${session}.sh`);
      writeFileSync(wrapper, `#!/bin/sh\necho "$@" >> '${marker}'\nexec kubectl "$@"\n`, { mode: 0o755 });
      const cmd = [
        `env NO_COLOR=1 KUBECTL_MC_KUBECTL=${wrapper} KUBECONFIG=${fleet.kubeconfigPath}`,
        `PATH=${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
        bin,
        'foreach --clusters us-east-prod,eu-west-prod -- rollout restart deploy/web',
        '; echo "foreach exited $?"; sleep 120',
      ].join(' ');
      tmux(
        ...(started ? ['new-window', '-d', '-n'] : ['new-session', '-d', '-x', '200', '-y', '20', '-s']),
        session,
        cmd,
      );
      started = true;
      const q = await waitFor(session, 'the question', (s) => /Continue\? \[y\/N\]/.test(s));
      assert.match(
        q,
        /"kubectl rollout restart deploy\/web" can change clusters; it will run on 2 clusters: us-east-prod, eu-west-prod\./,
      );
      tmux('send-keys', '-t', session, key, 'Enter');
      const screen = await waitFor(session, 'the exit', (s) => /foreach exited \d+/.test(s));
      return { screen, ran: existsSync(marker) };
    }

    it('answering n runs nothing', async () => {
      const { screen, ran } = await answer('no', 'n');
      assert.match(screen, /Nothing was run\./);
      assert.match(screen, /foreach exited 1/);
      assert.equal(ran, false, 'kubectl ran');
    });

    it('answering y runs it on every cluster', async () => {
      const { screen, ran } = await answer('yes', 'y');
      assert.equal(ran, true);
      for (const c of ['us-east-prod', 'eu-west-prod']) {
        // what kubectl itself says (the simulator does not take writes)
        const real = await kubectl('rollout', 'restart', 'deploy/web', '--context', c);
        const last = kubectlLines(real.stderr).at(-1) ?? '';
        assert.ok(last !== '', 'kubectl said something');
        assert.ok(screen.split('\n').includes(`${c} | ${last}`), `${c} | ${last}\n${screen}`);
      }
      assert.match(screen, /foreach exited 1/);
    });
  });
});
