import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { ClusterError } from '../../src/errors.js';
import { ONE_BUFFER_BYTES, readBody } from '../../src/transport/body.js';
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

/** `n` bytes of text, different at every position in a 26-byte cycle. */
function text(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = 97 + ((i * 7) % 26);
  return b;
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
  for (const size of [300_000, ONE_BUFFER_BYTES + 12_345]) {
    it(`a body of ${size} declared bytes arriving in many chunks is read byte for byte, reserved once`, async () => {
      const data = text(size);
      const { body, held } = await fetchBody((res) => {
        res.writeHead(200, { 'Content-Length': data.length });
        writeInPieces(res, data, 65_537);
      });
      assert.ok(body.equals(data));
      assert.equal(held, data.length);
    });
  }

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
    const data = text(ONE_BUFFER_BYTES / 2 + 50_000);
    await assert.rejects(
      fetchBody((res) => {
        res.writeHead(200, { 'Content-Length': data.length * 2 });
        writeInPieces(res, data, 65_536, false);
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
    const data = text(ONE_BUFFER_BYTES + 1);
    await assert.rejects(
      fetchBody((res) => {
        res.writeHead(200, { 'Content-Length': data.length });
        writeInPieces(res, data, 65_536);
      }, new MemoryBudget(1_000_000)),
      (e: unknown) =>
        e instanceof ClusterError && e.kind === 'InvalidResponse' && /memory budget/.test(e.message),
    );
  });
});
