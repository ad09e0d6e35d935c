import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coreBackend } from '../src/fleet/core-backend.js';
import { FleetHealth } from '../src/fleet/health.js';
import { statusBar } from '../src/status/model.js';

function recorder() {
  const lines: string[] = [];
  return {
    lines,
    log: {
      info: (m: string) => lines.push(`info ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
      error: (m: string) => lines.push(`error ${m}`),
    },
  };
}

const settings = () => ({ timeoutMs: 5000, concurrency: 4 });

describe('fleet/health: the health rounds behind the tree and the status bar', () => {
  let server: http.Server;
  let dir: string;
  let port: number;

  before(async () => {
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        req.url === '/version'
          ? '{"gitVersion":"v1.32.0"}'
          : '{"kind":"NodeList","items":[{"status":{"conditions":[{"type":"Ready","status":"True"}]}}]}',
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    dir = mkdtempSync(join(tmpdir(), 'kmc-health-'));
  });
  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every context pending, then fills in each one as core checks it', async () => {
    const kubeconfig = join(dir, 'config');
    writeFileSync(
      kubeconfig,
      `clusters:
- {name: up, cluster: {server: "http://127.0.0.1:${port}"}}
- {name: gone, cluster: {server: "http://127.0.0.1:1"}}
users: [{name: u, user: {token: t}}]
contexts:
- {name: edge-1, context: {cluster: up, user: u, namespace: shop}}
- {name: edge-2, context: {cluster: gone, user: u}}
`,
    );
    const { lines, log } = recorder();
    const health = new FleetHealth(log, settings);
    const changed: (string | undefined)[] = [];
    let finished = 0;
    health.onDidChange((c) => changed.push(c));
    health.onDidFinish(() => finished++);
    const backend = coreBackend([kubeconfig], {});
    try {
      health.setBackend(backend);
      assert.deepEqual(health.contexts(), ['edge-1', 'edge-2']);
      assert.deepEqual(
        health.snapshot().map((e) => [e.context, e.health.state]),
        [
          ['edge-1', 'pending'],
          ['edge-2', 'pending'],
        ],
      );
      await health.done;
      const [up, down] = health.snapshot();
      assert.equal(up?.namespace, 'shop');
      assert.equal(up?.server, `http://127.0.0.1:${port}`);
      assert.ok(up?.health.state === 'ok', JSON.stringify(up));
      assert.equal(up.health.version, 'v1.32.0');
      assert.equal(up.health.nodesReady, 1);
      assert.ok(down?.health.state === 'error', JSON.stringify(down));
      assert.equal(down.health.error.kind, 'Unreachable');
      // One change for the reload, one per cluster; one finished round.
      assert.deepEqual(changed.slice(0, 1), [undefined]);
      assert.deepEqual(changed.slice(1).sort(), ['edge-1', 'edge-2']);
      assert.equal(finished, 1);
      assert.ok(
        lines.some((l) => /^warn health: edge-2: Unreachable: /.test(l)),
        lines.join('\n'),
      );
      assert.equal(statusBar(health.snapshot()).text, '⎈ 1/2 clusters');
    } finally {
      health.dispose();
      backend.dispose();
    }
  });

  it('an unusable kubeconfig is the problem the view shows, with no cluster', async () => {
    const bad = join(dir, 'bad');
    writeFileSync(bad, 'clusters: [unclosed\n');
    const { lines, log } = recorder();
    const health = new FleetHealth(log, settings);
    let finished = 0;
    health.onDidFinish(() => finished++);
    const backend = coreBackend([bad], {});
    try {
      health.setBackend(backend);
      await health.done;
      assert.deepEqual(health.snapshot(), []);
      assert.match(health.problem ?? '', /bad/);
      assert.ok(lines.some((l) => l.startsWith('error kubeconfig: ')));
      assert.equal(finished, 1);
      health.setBackend(undefined, 'Workspace not trusted');
      assert.equal(health.problem, 'Workspace not trusted');
    } finally {
      health.dispose();
      backend.dispose();
    }
  });
});
