/** kubectl-mc as a real kubectl plugin: `kubectl mc …` dispatches to the built binary found on PATH. */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binDir = path.join(root, 'node_modules', '.bin');

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(cmd, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

describe('kubectl-mc as a kubectl plugin', function () {
  this.timeout(60_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assert.ok(existsSync(path.join(binDir, 'kubectl-mc')), 'run "npm run build" first');
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 4 });
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      // node_modules/.bin first (the plugin), then this Node for its shebang, then the system's kubectl
      PATH: [binDir, path.dirname(process.execPath), process.env['PATH'] ?? ''].join(':'),
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await fleet?.stop();
  });

  it('kubectl plugin list shows kubectl-mc', async () => {
    const out = await run('kubectl', ['plugin', 'list'], env);
    assert.match(
      out.stdout,
      new RegExp(`^${binDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/kubectl-mc$`, 'm'),
    );
  });

  it('kubectl mc get pods --all-clusters dispatches to the plugin, same output as calling it directly', async () => {
    const viaKubectl = await run('kubectl', ['mc', 'get', 'pods', '-A', '--all-clusters'], env);
    const direct = await run(path.join(binDir, 'kubectl-mc'), ['get', 'pods', '-A', '--all-clusters'], env);
    // the simulated kubeconfig has a restricted context that may not list across namespaces: exit 1, named
    assert.equal(viaKubectl.code, 1);
    assert.match(
      viaKubectl.stderr,
      new RegExp(`error: context "${fleet.restrictedContext}": Error from server \\(Forbidden\\)`),
    );
    assert.match(viaKubectl.stdout, /^CLUSTER\s+NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    const clusters = new Set(
      viaKubectl.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/)[0]),
    );
    assert.deepEqual([...clusters], CLUSTERS);
    // same objects (cluster, namespace, name) as calling the binary directly
    const keys = (out: string) =>
      out
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/).slice(0, 3).join(' '));
    assert.deepEqual(keys(viaKubectl.stdout), keys(direct.stdout));
  });

  it('answers -h, --help and "help COMMAND" as kubectl does', async () => {
    const forms = [
      ['get', '-h'],
      ['get', '--help'],
      ['help', 'get'],
    ];
    const outs = await Promise.all(forms.map((args) => run('kubectl', ['mc', ...args], env)));
    for (const [i, out] of outs.entries()) {
      assert.equal(out.code, 0, `${forms[i]?.join(' ')}: ${out.stderr}`);
      assert.match(out.stdout, /^Display resources from many clusters/);
      assert.equal(out.stdout, outs[0]?.stdout);
    }
    const top = await run('kubectl', ['mc', 'help'], env);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /COMMANDS[\s\S]*\bget\b/);
  });

  it('calls itself "kubectl mc" when kubectl runs it, "kubectl-mc" when run directly', async () => {
    // kubectl sets nothing for its plugins; a shell sets `_` to the program it starts, as a user's shell does
    const sh = (line: string) => run('bash', ['-c', line], env);
    const viaKubectl = await Promise.all([
      sh('kubectl mc help get'),
      sh('kubectl mc get'),
      sh('kubectl mc get --bogus'),
      sh('kubectl mc gett'),
    ]);
    assert.match(viaKubectl[0]!.stdout, /^ {2}\$ kubectl mc get \[TYPE/m);
    assert.doesNotMatch(viaKubectl[0]!.stdout, /kubectl-mc get/);
    assert.match(viaKubectl[1]!.stderr, /e\.g\. "kubectl mc get pods"/);
    assert.match(viaKubectl[2]!.stderr, /^See 'kubectl mc get --help' for usage\.$/m);
    assert.match(viaKubectl[3]!.stderr, /unknown command "gett" for "kubectl mc"/);
    const direct = await Promise.all([sh('kubectl-mc help get'), sh('kubectl-mc get')]);
    assert.match(direct[0]!.stdout, /^ {2}\$ kubectl-mc get \[TYPE/m);
    assert.match(direct[1]!.stderr, /e\.g\. "kubectl-mc get pods"/);
    // the completion script completes the binary, however it was started
    const completion = await sh('kubectl mc completion bash');
    assert.match(completion.stdout, /kubectl-mc/);
    assert.doesNotMatch(completion.stdout, /kubectl mc __complete/);
  });

  it('exits 0, with nothing on stderr, when the reader of its output is gone (| head -1)', async () => {
    // The reader's end is closed before the command writes, so its first write fails with EPIPE (before
    // the fix, Node exited 13: "unsettled top-level await").
    const child = spawn(path.join(binDir, 'kubectl-mc'), ['--help'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
  });
});
