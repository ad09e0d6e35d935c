import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coreBackend, traceRequests } from '../src/fleet/core-backend.js';

describe('request trace for the output channel (log level Trace)', () => {
  it('one line per API request of a health check, naming the context, the token masked; none once off', async () => {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url === '/version' ? '{"gitVersion":"v1.32.0"}' : '{"kind":"NodeList","items":[]}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'kmc-trace-'));
    const kubeconfig = join(dir, 'config');
    writeFileSync(
      kubeconfig,
      `clusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]
users: [{name: u, user: {token: trace-secret-token}}]
contexts: [{name: edge-1, context: {cluster: c, user: u}}]
`,
    );
    const lines: string[] = [];
    try {
      const backend = coreBackend([kubeconfig], {});
      traceRequests((l) => lines.push(l));
      await backend.fleet().probe('edge-1', new AbortController().signal);
      const seen = lines.length;
      traceRequests(undefined);
      await backend.fleet().probe('edge-1', new AbortController().signal);
      assert.ok(seen >= 1, 'requests were traced');
      assert.equal(lines.length, seen, 'nothing after tracing was turned off');
      assert.ok(
        lines.some((l) =>
          /^\[edge-1\] GET http:\/\/127\.0\.0\.1:\d+\/version 200 OK in \d+ milliseconds$/.test(l),
        ),
        lines.join('\n'),
      );
      assert.ok(!lines.join('\n').includes('trace-secret-token'));
    } finally {
      traceRequests(undefined);
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
