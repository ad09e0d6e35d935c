/**
 * `kubectl mc rollout run | resume | runs` refusals end to end: the built CLI (`npx tsc -b packages/cli`
 * first), run as a process, before any cluster is asked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = join(cliRoot, 'bin', 'run.js');
const regional = join(cliRoot, '..', '..', 'examples', 'regional');

function mc(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    input: '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', KUBECONFIG: join(cwd, 'no-kubeconfig'), KUBECTL_MC_STATE_DIR: cwd },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kubectl mc rollout run refusals', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mc-rollout-run-'));
    writeFileSync(
      join(dir, 'app.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {}\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a --gate-duration-scale that is not a number above 0 (usage, exit 2)', () => {
    const r = mc(dir, ['rollout', 'run', '-f', 'app.yaml', '--gate-duration-scale', '0']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--gate-duration-scale must be a number above 0, got "0"/);
  });

  it('refuses --pause-before naming no stage of the pipeline, listing the stages', () => {
    const r = mc(dir, [
      'rollout',
      'run',
      '-f',
      'app.yaml',
      '--topology',
      regional,
      '--pause-before',
      'nosuch',
    ]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      r.stderr,
      /--pause-before nosuch: no such stage in .*progressive-pipeline\.yaml \(stages: deploy-canary, /,
    );
  });

  it('keeps kubectl’s resume for an argument that is not a run id', () => {
    const r = mc(dir, ['rollout', 'resume']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /required resource not specified/);
  });

  it('refuses an -o that rollout runs does not print', () => {
    const r = mc(dir, ['rollout', 'runs', '-o', 'wide']);
    assert.equal(r.status, 2, r.stderr);
  });
});
