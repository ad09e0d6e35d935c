/**
 * `--cache-dir`: discovery kept on disk as kubectl keeps it, so a second `get` of a CRD sends no
 * discovery request (counted from the `-v 6` request log), and prints the same.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const discoveryRequests = (log: string) =>
  log.split('\n').filter((l) => / GET https:\/\/\S+\/apis? /.test(l));

describe('kubectl mc get --cache-dir (discovery on disk)', function () {
  this.timeout(120_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let cacheDir: string;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: ['us-east-prod', 'eu-west-prod'], podsPerCluster: 3 });
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'kmc-cache-dir-'));
    env = { ...process.env, KUBECONFIG: fleet.kubeconfigPath, NO_COLOR: '1' };
  });
  after(async () => {
    await fleet?.stop();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('the second run of a CRD get asks no cluster for discovery, and prints the same', async () => {
    const args = ['get', 'fdeploy', '-A', '--clusters', 'us-east-prod,eu-west-prod', '--cache-dir', cacheDir];
    const first = await run([...args, '-v', '6'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(discoveryRequests(first.stderr).length, 4, first.stderr);
    const dirs = await readdir(path.join(cacheDir, 'discovery'));
    assert.deepEqual(
      dirs.sort(),
      fleet.clusters.map((c) => `127.0.0.1_${c.port}`).sort(),
      'one directory per server, named as kubectl names it',
    );
    const second = await run([...args, '-v', '6'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(discoveryRequests(second.stderr), []);
    const plain1 = await run(args, env);
    const plain2 = await run(args, env);
    assert.equal(plain2.stdout, plain1.stdout);
    assert.match(plain1.stdout, /^CLUSTER\s+NAMESPACE\s+NAME/);
  });
});
