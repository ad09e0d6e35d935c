import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startFleet } from '../src/index.js';
import { watch } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const refused = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });

describe('fleet lifecycle', function () {
  this.timeout(20_000);

  it('churn makes pods restart or be replaced, and watches see it', async () => {
    const fleet = await startFleet({ clusters: 1, podsPerCluster: 10, churnIntervalMs: 30 });
    try {
      const c = fleet.clusters[0]!;
      const w = watch(fleet, c, `/api/v1/pods?watch=1&resourceVersion=${c.store.resourceVersion}`);
      const events = await w.next(3);
      w.close();
      assert.ok(events.every((e) => ['ADDED', 'MODIFIED', 'DELETED'].includes(e.type)));
      assert.ok(c.store.events().some((e) => e.resource === 'pods'));
      assert.equal(c.store.count('pods'), 10, 'replacement keeps the pod count');
    } finally {
      await fleet.stop();
    }
  });

  it('stop() closes every port and removes the temp kubeconfig it created', async () => {
    const fleet = await startFleet({ clusters: 3, podsPerCluster: 5 });
    assert.ok(existsSync(fleet.kubeconfigPath));
    const ports = fleet.clusters.map((c) => c.port);
    assert.equal(new Set(ports).size, 3);
    await fleet.stop();
    for (const p of ports) assert.equal(await refused(p), true, `port ${p} closed`);
    assert.equal(existsSync(fleet.kubeconfigPath), false);
    await fleet.stop(); // idempotent
  });

  it('the command serves until SIGTERM, then exits 0 and closes its ports', async () => {
    const cli = pathToFileURL(path.join(here, '..', 'src', 'cli.ts')).href;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { main } from ${JSON.stringify(cli)}; process.exitCode = await main(process.argv.slice(1));`,
        '--',
        '--clusters',
        'a,b',
        '--pods-per-cluster',
        '3',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    const ready = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: string) => {
        out += d;
        if (out.includes('\n')) resolve(out);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code} before ready: ${out}`)));
    });
    const m = /^ready (\S+)\n$/.exec(ready);
    assert.ok(m, `one ready line, got ${JSON.stringify(ready)}`);
    const { parse } = await import('yaml');
    const { readFile } = await import('node:fs/promises');
    const kc = parse(await readFile(m[1]!, 'utf8'));
    const port = Number(new URL(kc.clusters[0].cluster.server).port);
    assert.equal(await refused(port), false, 'serving');
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    assert.equal(code, 0);
    assert.equal(out, ready, 'nothing else printed');
    assert.equal(await refused(port), true, 'port closed after exit');
  });
});
