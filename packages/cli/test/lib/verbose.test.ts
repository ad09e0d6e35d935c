import assert from 'node:assert/strict';
import net from 'node:net';
import { loadKubeconfigFromString } from '@kubectl-mc/core/kubeconfig';
import { createConnection } from '@kubectl-mc/core/transport';
import { klogHeader, requestLogActive, startRequestLog } from '../../src/lib/verbose.js';

describe('-v request log lines', () => {
  it("klog's header: I, month and day, local time with microseconds", () => {
    const t = new Date(2026, 10, 5, 9, 8, 7, 6).getTime() + 0.5;
    assert.equal(klogHeader(t), 'I1105 09:08:07.006500');
  });

  it('below 6 nothing is logged; from 6 each request of a real connection is written, escaped', async () => {
    // a raw server: its header carries a C1 control (CSI), which HTTP parsers accept as obs-text
    const server = net.createServer((sock) => {
      sock.once('data', () =>
        sock.end(
          Buffer.from(
            'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nX-Evil: a\x9b31mb\r\nContent-Length: 2\r\n\r\n{}',
            'latin1',
          ),
        ),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const loaded = loadKubeconfigFromString(
      `clusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]
users: [{name: u, user: {token: secret-token-1234}}]
contexts: [{name: ctx, context: {cluster: c, user: u}}]
`,
    );
    const out: string[] = [];
    try {
      const quiet = startRequestLog(5, (t) => out.push(t));
      const conn = await createConnection(loaded, 'ctx');
      await conn.request('/version');
      quiet();
      assert.equal(out.length, 0);
      const stop = startRequestLog(8, (t) => out.push(t));
      assert.equal(requestLogActive(), true);
      await conn.request('/version');
      stop();
      assert.equal(requestLogActive(), false);
      await conn.request('/version');
      conn.close();
    } finally {
      server.close();
    }
    assert.equal(out.length, 1, 'one write per request, none after stop');
    const text = out.join('');
    assert.match(
      text,
      /^I\d{4} \d\d:\d\d:\d\d\.\d{6} \[ctx\] GET http:\/\/127\.0\.0\.1:\d+\/version 200 OK in \d+ milliseconds\n/,
    );
    assert.match(text, /Authorization: Bearer <masked>/);
    assert.ok(!text.includes('secret-token-1234'));
    assert.ok(!text.includes('\x9b'), 'the C1 control is escaped');
    assert.match(text, /x-evil: a.+31mb/);
  });
});
