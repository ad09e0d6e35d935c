import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { ClusterError } from '../../src/errors.js';
import { readBody } from '../../src/transport/body.js';
import { MemoryBudget } from '../../src/transport/budget.js';

type Serve = (res: http.ServerResponse) => void;

/** One request to a loopback server answering with `serve`; the body read by `readBody`. */
async function fetchBody(
  serve: Serve,
  budget = new MemoryBudget(1 << 30),
): Promise<{ body: Buffer; held: number }> {
  const server = http.createServer((_req, res) => serve(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const reservation = budget.open('c');
  try {
    return await new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, agent: false }, (res) => {
        const peer = { context: 'c', hostPort: `127.0.0.1:${port}`, secrets: [] };
        readBody(req, res, undefined, 1 << 28, peer, reservation).then(
          (body) => resolve({ body, held: reservation.held }),
          reject,
        );
      });
      req.on('error', reject);
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** `n` bytes of JSON-ish text, different at every position. */
function text(n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join(''));
}

/** Write `data` in pieces of `size` bytes, each on a later turn, so the client sees many chunks. */
function writeInPieces(res: http.ServerResponse, data: Buffer, size: number, end = true): void {
  let at = 0;
  const next = (): void => {
    if (at >= data.length) {
      if (end) res.end();
      else res.destroy();
      return;
    }
    res.write(data.subarray(at, at + size), next);
    at += size;
  };
  next();
}

describe('transport: readBody into one buffer', () => {
  it('a body with a declared length arriving in many chunks is read byte for byte, reserved once', async () => {
    const data = text(300_000);
    const { body, held } = await fetchBody((res) => {
      res.writeHead(200, { 'Content-Length': data.length });
      writeInPieces(res, data, 7_001);
    });
    assert.ok(body.equals(data));
    assert.equal(held, data.length);
  });

  it('a body without a declared length (chunked) and a gzip body are read as before', async () => {
    const data = text(100_000);
    const chunked = await fetchBody((res) => {
      res.writeHead(200);
      writeInPieces(res, data, 9_999);
    });
    assert.ok(chunked.body.equals(data));
    const zipped = zlib.gzipSync(data);
    const gz = await fetchBody((res) => {
      res.writeHead(200, { 'Content-Length': zipped.length, 'Content-Encoding': 'gzip' });
      res.end(zipped);
    });
    assert.ok(gz.body.equals(data));
  });

  it('a body cut short of its declared length is Unreachable, not a shorter body', async () => {
    const data = text(50_000);
    await assert.rejects(
      fetchBody((res) => {
        res.writeHead(200, { 'Content-Length': data.length * 2 });
        writeInPieces(res, data, 5_000, false);
      }),
      (e: unknown) => {
        assert.ok(e instanceof ClusterError);
        assert.equal(e.kind, 'Unreachable');
        assert.match(e.message, /mid-response|reset/);
        return true;
      },
    );
  });

  it('a declared body over the shared budget is refused as it arrives', async () => {
    const data = text(200_000);
    await assert.rejects(
      fetchBody((res) => {
        res.writeHead(200, { 'Content-Length': data.length });
        writeInPieces(res, data, 10_000);
      }, new MemoryBudget(50_000)),
      (e: unknown) =>
        e instanceof ClusterError && e.kind === 'InvalidResponse' && /memory budget/.test(e.message),
    );
  });
});
