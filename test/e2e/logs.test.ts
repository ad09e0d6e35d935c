/**
 * `kubectl mc logs` end to end: the built `kubectl-mc` against a simulated fleet, each source's lines
 * (prefix stripped) checked against what the real `kubectl logs` prints for that pod and container on its
 * cluster; failures named; -f merged from every cluster until Ctrl-C; escapes in a log made visible.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';
import { escapeTerminal } from '@kubectl-mc/core/util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** mc's output by source: `cluster/pod/container` → its lines, prefix and alignment stripped. */
function bySource(stdout: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const m = /^(\S+) +(.*)$/.exec(line);
    assert.ok(m, `a prefixed line: ${JSON.stringify(line)}`);
    const list = out.get(m[1]!) ?? [];
    list.push(m[2]!);
    out.set(m[1]!, list);
  }
  return out;
}

const linesOf = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

describe('kubectl mc logs (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(180_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS });
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await fleet?.stop();
  });

  const mc = (...args: string[]) => run(bin, args, env);
  const kubectl = (...args: string[]) => run('kubectl', args, env);

  /** The containers kubectl would read per pod of `selector` on `ctx`. */
  async function podsOf(ctx: string, selector: string): Promise<{ pod: string; containers: string[] }[]> {
    const r = await kubectl(
      'get',
      'pods',
      '-n',
      'production',
      '-l',
      selector,
      '--context',
      ctx,
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}{" "}{.spec.containers[*].name}{"\\n"}{end}',
    );
    assert.equal(r.code, 0, r.stderr);
    return linesOf(r.stdout).map((l) => {
      const [pod, ...containers] = l.split(' ');
      return { pod: pod!, containers };
    });
  }

  /**
   * mc over every cluster equals, source by source, `kubectl logs POD -c C` on that cluster with the same
   * flags; a source kubectl refuses is named on mc's stderr with kubectl's message.
   */
  async function assertEquivalent(
    selector: string,
    flags: string[],
    pick: (containers: string[]) => string[],
  ): Promise<void> {
    const out = await mc(
      'logs',
      '-l',
      selector,
      '-n',
      'production',
      '--clusters',
      CLUSTERS.join(','),
      ...flags,
    );
    const got = bySource(out.stdout);
    let compared = 0;
    let refused = 0;
    const expected = new Set<string>();
    for (const ctx of CLUSTERS) {
      for (const { pod, containers } of await podsOf(ctx, selector)) {
        for (const c of pick(containers)) {
          const key = `${ctx}/${pod}/${c}`;
          const cFlags = flags.filter(
            (f, i) => f !== '--all-containers' && f !== '-c' && flags[i - 1] !== '-c',
          );
          const real = await kubectl('logs', pod, '-c', c, '-n', 'production', '--context', ctx, ...cFlags);
          if (real.code !== 0) {
            const msg = real.stderr.replace(/^(Error from server \(\w+\)|error): /, '').trim();
            assert.ok(
              out.stderr.includes(`context "${ctx}": production/${pod}/${c}: ${msg}`),
              `${key}: ${msg}\n${out.stderr}`,
            );
            assert.equal(got.get(key), undefined, key);
            refused++;
            continue;
          }
          expected.add(key);
          assert.deepEqual(got.get(key) ?? [], linesOf(real.stdout), key);
          compared++;
        }
      }
    }
    assert.ok(compared > 0, 'some source was compared');
    for (const k of got.keys()) assert.ok(expected.has(k), `unexpected source ${k}`);
    assert.equal(out.code, refused > 0 ? 1 : 0, out.stderr);
  }

  const first = (cs: string[]) => cs.slice(0, 1);

  it('-l with --tail: each source equals kubectl logs on its cluster', async () => {
    await assertEquivalent('app=payment', ['--tail', '3'], first);
  });

  it('--previous: a restarted container has its previous log, others are refused as kubectl is', async () => {
    await assertEquivalent('tier in (backend,database)', ['--previous', '--tail', '4'], first);
  });

  it('-c, --all-containers and --timestamps on two-container pods', async () => {
    await assertEquivalent('app=postgres', ['-c', 'exporter', '--tail', '2'], () => ['exporter']);
    await assertEquivalent('app=postgres', ['--all-containers', '--tail', '2', '--timestamps'], (cs) => cs);
    // without -c: the default (first) container, as kubectl
    await assertEquivalent('app=postgres', ['--tail', '2', '--since-time', '2020-01-01T00:00:00Z'], first);
  });

  it('POD: printed from the cluster that has it; the others named; exit 1 only when none has it', async () => {
    const pod = (await podsOf('eu-west-prod', 'app=web'))[0]!.pod;
    const out = await mc('logs', pod, '-n', 'production', '--clusters', CLUSTERS.join(','));
    const real = await kubectl('logs', pod, '-n', 'production', '--context', 'eu-west-prod');
    assert.deepEqual([...bySource(out.stdout).keys()], [`eu-west-prod/${pod}/web`]);
    assert.deepEqual(bySource(out.stdout).get(`eu-west-prod/${pod}/web`), linesOf(real.stdout));
    assert.match(
      out.stderr,
      new RegExp(`context "us-east-prod": Error from server \\(NotFound\\): pods "${pod}" not found`),
    );
    assert.match(
      out.stderr,
      new RegExp(`context "ap-south-prod": Error from server \\(NotFound\\): pods "${pod}" not found`),
    );
    assert.equal(out.code, 0, out.stderr);
    const none = await mc('logs', 'no-such-pod', '-n', 'production', '--clusters', CLUSTERS.join(','));
    assert.equal(none.code, 1);
    assert.equal(none.stdout, '');
  });

  it('deploy/NAME reads every pod of the Deployment on every cluster', async () => {
    const out = await mc(
      'logs',
      'deploy/payment',
      '-n',
      'production',
      '--clusters',
      CLUSTERS.join(','),
      '--tail',
      '1',
    );
    const sources = new Set([...bySource(out.stdout).keys()].map((k) => k.replace(/\/payment$/, '')));
    for (const ctx of CLUSTERS) {
      for (const { pod } of await podsOf(ctx, 'app=payment')) {
        const real = await kubectl('logs', pod, '-n', 'production', '--context', ctx, '--tail', '1');
        assert.equal(sources.has(`${ctx}/${pod}`), real.code === 0, `${ctx}/${pod}`);
      }
    }
  });

  it('a down and a forbidden cluster are named on stderr, the others print, exit 1', async () => {
    fleet.setFault('ap-south-prod', 'down');
    fleet.setFault('eu-west-prod', 'forbid');
    try {
      const out = await mc(
        'logs',
        '-l',
        'app=payment',
        '-n',
        'production',
        '--clusters',
        CLUSTERS.join(','),
        '--tail',
        '1',
      );
      assert.equal(out.code, 1);
      assert.match(out.stderr, /error: context "ap-south-prod": .*(refused|unreachable)/i);
      assert.match(
        out.stderr,
        /error: context "eu-west-prod": Error from server \(Forbidden\): pods is forbidden/,
      );
      const clusters = new Set([...bySource(out.stdout).keys()].map((k) => k.split('/')[0]));
      assert.deepEqual([...clusters], ['us-east-prod']);
    } finally {
      fleet.setFault('ap-south-prod', undefined);
      fleet.setFault('eu-west-prod', undefined);
    }
  });

  it('escapes control characters a pod writes into its log', async () => {
    const evil = 'registry.example.com/evil:\x1b[2J\x1b]0;pwned\x07';
    const now = new Date().toISOString();
    fleet.cluster('us-east-prod').store.add('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'evil', namespace: 'default' },
      spec: { containers: [{ name: 'evil', image: evil }] },
      status: {
        phase: 'Running',
        startTime: now,
        containerStatuses: [
          { name: 'evil', ready: true, restartCount: 0, state: { running: { startedAt: now } } },
        ],
      },
    });
    const out = await mc('logs', 'evil', '--context', 'us-east-prod');
    assert.equal(out.code, 0, out.stderr);
    assert.ok(![...out.stdout].some((ch) => ch < ' ' && ch !== '\n'), JSON.stringify(out.stdout));
    assert.ok(out.stdout.includes(escapeTerminal(evil)), out.stdout);
  });

  it('-f: one live stream from every cluster, until Ctrl-C (exit 130)', async () => {
    const child = spawn(
      bin,
      [
        'logs',
        '-l',
        'app=payment',
        '-n',
        'production',
        '--clusters',
        CLUSTERS.join(','),
        '-f',
        '--tail',
        '0',
      ],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        stdout += d;
        // --tail 0: only lines written since the start; wait for every cluster's
        if (CLUSTERS.every((c) => stdout.split('\n').some((l) => l.startsWith(`${c}/`)))) resolve();
      });
      void exited.then((code) => reject(new Error(`exited early (${code}): ${stdout}`)));
    });
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    for (const l of linesOf(stdout))
      assert.match(l, /^\S+\/payment-\S+\/payment +\S+Z (INFO|ERROR) payment request /);
  });

  it('-f: a dropped stream is said on stderr and resumed without repeating a line', async () => {
    fleet.setFault('eu-west-prod', 'drop-watch:1500ms');
    const child = spawn(
      bin,
      ['logs', '-l', 'app=payment', '-n', 'production', '--context', 'eu-west-prod', '-f', '--tail', '1'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding('utf8');
        child.stderr.setEncoding('utf8');
        let linesAtResume = -1;
        const check = () => {
          const n = linesOf(stdout).length;
          if (linesAtResume < 0 && /resuming from \S+Z/.test(stderr)) linesAtResume = n;
          // lines came after a resume
          if (linesAtResume >= 0 && n > linesAtResume + 3) resolve();
        };
        child.stdout.on('data', (d: string) => {
          stdout += d;
          check();
        });
        child.stderr.on('data', (d: string) => {
          stderr += d;
          check();
        });
        void exited.then((code) => reject(new Error(`exited early (${code}): ${stderr}`)));
      });
      child.kill('SIGINT');
      assert.equal(await exited, 130);
    } finally {
      fleet.setFault('eu-west-prod', undefined);
    }
    assert.match(
      stderr,
      /warning: context "eu-west-prod": production\/payment-\S+\/payment: .*log stream dropped, resuming from/,
    );
    const lines = linesOf(stdout);
    assert.equal(new Set(lines).size, lines.length, 'no line twice');
  });
});
