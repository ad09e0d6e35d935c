/**
 * `kubectl mc get --raw PATH`: the bytes of each cluster's answer equal the real kubectl's, bodies headed
 * by `=== <context> ===` when several clusters are selected, kubectl's refusals, a down cluster named.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { env, timeout: 60_000, encoding: 'buffer' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr: stderr.toString('utf8') });
    });
    child.stdin?.end();
  });
}

describe('kubectl mc get --raw (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'staging', 'dev'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 3, faults: { dev: 'down' } });
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

  for (const p of ['/version', '/healthz', '/api/v1/namespaces/default/pods?limit=2', '/apis/apps/v1']) {
    it(`one cluster: the same bytes as kubectl for ${p}`, async () => {
      const [ours, theirs] = await Promise.all([
        mc('get', '--raw', p, '--context', 'us-east-prod'),
        kubectl('get', '--raw', p, '--context', 'us-east-prod'),
      ]);
      assert.equal(theirs.code, 0, theirs.stderr);
      assert.equal(ours.code, 0, ours.stderr);
      // the pod list's resourceVersion is the same on both: nothing changed in between
      assert.equal(ours.stdout.toString('utf8'), theirs.stdout.toString('utf8'));
    });
  }

  it('several clusters: each body headed by its context; a down cluster named; exit 1', async () => {
    const r = await mc(
      'get',
      '--raw',
      '/healthz',
      '--clusters',
      CLUSTERS.join(','),
      '--request-timeout',
      '3s',
    );
    assert.equal(r.stdout.toString('utf8'), '=== us-east-prod ===\nok\n=== staging ===\nok\n');
    assert.match(r.stderr, /^error: context "dev": /m);
    assert.equal(r.code, 1);
  });

  it("a path the server does not have is that cluster's error, worded from the server's Status", async () => {
    const p = '/api/v1/namespaces/default/pods/nope';
    const [ours, theirs] = await Promise.all([
      mc('get', '--raw', p, '--context', 'staging'),
      kubectl('get', '--raw', p, '--context', 'staging'),
    ]);
    assert.equal(theirs.code, 1);
    assert.equal(ours.code, 1);
    assert.match(theirs.stderr, /pods "nope" not found/);
    assert.match(
      ours.stderr,
      /^error: context "staging": Error from server \(NotFound\): pods "nope" not found$/m,
    );
    assert.equal(ours.stdout.length, 0);
  });

  const refusals: [string, string[]][] = [
    ['arguments', ['get', 'pods', '--raw', '/version']],
    ['--output', ['get', '--raw', '/version', '-o', 'json']],
    ['a selector', ['get', '--raw', '/version', '-l', 'a=b']],
    ['--watch', ['get', '--raw', '/version', '-w']],
    ['a path that is no URL path', ['get', '--raw', 'version']],
  ];
  for (const [what, args] of refusals) {
    it(`refuses ${what} with kubectl's words (usage error: exit 2, kubectl's 1)`, async () => {
      const [ours, theirs] = await Promise.all([
        mc(...args, '--context', 'staging'),
        kubectl(...args, '--context', 'staging'),
      ]);
      assert.equal(theirs.code, 1);
      assert.equal(ours.code, 2);
      assert.equal(ours.stderr.trim(), theirs.stderr.trim());
      assert.equal(ours.stdout.length, 0);
    });
  }
});
