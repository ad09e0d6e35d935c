// `kubectl mc get --match-server-version`: each cluster's /version against the kubectl client's, as the
// real kubectl checks it; a mismatch is that cluster's error in kubectl's words, the others answer.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';
import { bin, run } from './helpers/run.js';

describe('kubectl mc get --match-server-version (vs real kubectl)', function () {
  this.timeout(120_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  before(async () => {
    requireTool('kubectl', ['version', '--client']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: ['one', 'two'], podsPerCluster: 2, versions: { two: 'v1.31.2' } });
    dir = mkdtempSync(path.join(tmpdir(), 'kmc-msv-'));
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await fleet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("a server that is not the client's version: kubectl's error line after the context, exit 1", async () => {
    const args = ['get', 'ns', '--match-server-version', '--context', 'one'];
    const [mc, kubectl] = await Promise.all([run(bin, args, env), run('kubectl', args, env)]);
    assert.equal(kubectl.code, 1);
    assert.equal(mc.code, 1);
    assert.match(
      kubectl.stderr,
      /^error: server version \(&version\.Info\{.*\}\) differs from client version/,
    );
    assert.equal(mc.stderr, kubectl.stderr.replace(/^error: /, 'error: context "one": '));
    assert.equal(mc.stdout, '');
    // without the flag both list
    assert.equal((await run(bin, ['get', 'ns', '--context', 'one'], env)).code, 0);
  });

  it('a server of the same version as the client answers; the one that differs is named', async () => {
    // a kubectl on PATH whose client version is cluster one's (the simulator's build): one matches, two not
    const served = await run('kubectl', ['get', '--raw', '/version', '--context', 'one'], env);
    const shim = path.join(dir, 'kubectl');
    writeFileSync(
      shim,
      `#!/bin/sh\necho '${JSON.stringify({ clientVersion: JSON.parse(served.stdout) as unknown })}'\n`,
    );
    chmodSync(shim, 0o755);
    const mc = await run(bin, ['get', 'ns', '--match-server-version', '--all-clusters'], {
      ...env,
      PATH: `${dir}:${env['PATH'] ?? ''}`,
    });
    assert.equal(mc.code, 1, mc.stderr);
    assert.match(mc.stdout, /^one\s+default\s+Active/m);
    assert.doesNotMatch(mc.stdout, /^two\s/m);
    assert.match(
      mc.stderr,
      /^error: context "two": server version \(&version\.Info\{Major:"1", Minor:"31", GitVersion:"v1\.31\.2",.*\) differs from client version \(version\.Info\{Major:"1", Minor:"32", GitVersion:"v1\.32\.4-sim"/m,
    );
    assert.doesNotMatch(mc.stderr, /context "one"/);
  });
});
