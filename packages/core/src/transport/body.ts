/**
 * Reading what a cluster sends, under the size budget: a whole body (gzip decoded, the cap applying to
 * the decoded size), its JSON, and newline-delimited JSON streams (watch), the cap applying per line.
 */
import type http from 'node:http';
import zlib from 'node:zlib';
import { ClusterError } from '../errors.js';
import { oneLine } from '../util/text.js';
import { memoryBudget, type Reservation } from './budget.js';
import { abortError, formatBytes, networkError } from './errors.js';
import { parseBounded, parseBoundedCost } from './json.js';
import type { TextLine } from './types.js';

/** The cluster at the other end, for error messages. */
export interface Peer {
  readonly context: string;
  /** `host:port` of the server. */
  readonly hostPort: string;
  /** Values never to show in a message (the context's credentials). */
  readonly secrets: readonly string[];
}

function tooLarge(limit: number, context: string): ClusterError {
  return new ClusterError('InvalidResponse', context, `response larger than ${formatBytes(limit)}`);
}

/** Cap on one line of a watch stream: one event, one object (etcd stores at most ~1.5 MiB a value). */
export const MAX_STREAM_LINE_BYTES = 16 * 1024 * 1024;

/** Response headers with repeated ones joined, as one record. */
export function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * `decodeJson` of a body read under `reservation`: the reservation (body and parse) is given back when
 * the body's buffer is garbage-collected, whatever the outcome.
 */
export async function decodeBudgeted<T>(
  body: Buffer,
  status: number,
  contentType: string,
  method: string,
  at: { context: string; signal: AbortSignal | undefined; reservation: Reservation },
): Promise<{ value: T; cost: number }> {
  try {
    return await decodeJson<T>(body, status, contentType, method, at.context, at.signal, at.reservation);
  } finally {
    at.reservation.releaseWhenCollected(body);
  }
}

/** `jsonLines` with lines capped at 16 MiB (or `maxBytes`) and held against the command's budget. */
export async function* budgetedJsonLines<T>(
  res: http.IncomingMessage,
  signal: AbortSignal | undefined,
  maxBytes: number,
  peer: Peer,
): AsyncGenerator<T> {
  const reservation = memoryBudget().open(peer.context);
  try {
    yield* jsonLines<T>(res, signal, Math.min(maxBytes, MAX_STREAM_LINE_BYTES), peer, reservation);
  } finally {
    reservation.release();
  }
}

/** Bodies at least this big (declared) are read into one buffer. */
export const ONE_BUFFER_BYTES = 8 * 1024 * 1024;

function gunzipped(res: http.IncomingMessage): boolean {
  return /^\s*gzip\s*$/i.test(String(res.headers['content-encoding'] ?? ''));
}

function sum(chunks: readonly Buffer[]): number {
  return chunks.reduce((a, c) => a + c.length, 0);
}

/** Read a whole body under the size cap; over it the socket is destroyed. */
export function readBody(
  req: http.ClientRequest,
  res: http.IncomingMessage,
  signal: AbortSignal | undefined,
  limit: number,
  peer: Peer,
  reservation?: Reservation,
): Promise<Buffer> {
  const { context } = peer;
  return new Promise((resolve, reject) => {
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.destroy();
      res.destroy();
      reject(tooLarge(limit, context));
      return;
    }
    const chunks: Buffer[] = [];
    // A big body of declared length is read into one buffer as chunks arrive (each chunk is garbage at
    // once), not kept as chunks and copied at the end: sixteen hostile 16 MB pages were held twice at that
    // moment. Ordinary pages (a few MB) keep the chunks: their garbage paces the collector, which gives
    // the budget back (one buffer each made a 20 × 1,000 `-o json` run refuse pages for lack of budget).
    const into =
      !gunzipped(res) && Number.isFinite(declared) && declared >= ONE_BUFFER_BYTES
        ? Buffer.allocUnsafeSlow(declared)
        : undefined;
    let n = 0;
    let settled = false;
    const fail = (e: ClusterError) => {
      if (settled) return;
      settled = true;
      reservation?.releaseWhenCollected(chunks);
      gunzip?.destroy();
      reject(e);
    };
    // The cap applies to the decompressed size: a small gzip body cannot blow up memory.
    const gunzip = gunzipped(res) ? zlib.createGunzip() : undefined;
    const body: NodeJS.ReadableStream = gunzip ? res.pipe(gunzip) : res;
    body.on('data', (c: Buffer) => {
      if (settled) return;
      n += c.length;
      if (n > limit) {
        req.destroy();
        res.destroy();
        fail(tooLarge(limit, context));
        return;
      }
      try {
        reservation?.add(c.length, 'the response', 'allocated');
      } catch (e) {
        req.destroy();
        res.destroy();
        fail(e as ClusterError);
        return;
      }
      if (into && n <= into.length) {
        c.copy(into, n - c.length);
        try {
          reservation?.addGarbage(c, c.length);
        } catch (e) {
          req.destroy();
          res.destroy();
          fail(e as ClusterError);
        }
      } else chunks.push(c);
    });
    body.once('end', () => {
      if (settled) return;
      settled = true;
      if (into && chunks.length === 0) resolve(n === into.length ? into : into.subarray(0, n));
      else resolve(Buffer.concat(into ? [into.subarray(0, n - sum(chunks)), ...chunks] : chunks, n));
      chunks.length = 0;
    });
    gunzip?.on('error', () =>
      fail(new ClusterError('InvalidResponse', context, 'the server sent a corrupt gzip body')),
    );
    res.on('error', (e) =>
      fail(
        signal?.aborted ? abortError(signal, context) : networkError(e, context, peer.hostPort, peer.secrets),
      ),
    );
    res.once('close', () => {
      if (!res.complete) {
        fail(
          signal?.aborted
            ? abortError(signal, context)
            : new ClusterError('Unreachable', context, `connection closed by ${peer.hostPort} mid-response`),
        );
      }
    });
  });
}

/** A 2xx body as JSON: empty is null for a 204 or a write; anything but JSON is `InvalidResponse`. */
export async function decodeJson<T>(
  body: Buffer,
  status: number,
  contentType: string,
  method: string,
  context: string,
  signal?: AbortSignal,
  reservation?: Reservation,
): Promise<{ value: T; cost: number }> {
  if (body.length === 0 && (status === 204 || method !== 'GET')) return { value: null as T, cost: 0 };
  if (contentType !== '' && !/json/i.test(contentType)) {
    throw new ClusterError(
      'InvalidResponse',
      context,
      `expected JSON from the server, got ${oneLine(contentType, 80)}`,
      { status },
    );
  }
  if (body.length === 0)
    throw new ClusterError('InvalidResponse', context, 'empty response from the server', { status });
  return parseBoundedCost<T>(body, { context, signal, reservation, invalid: 'the server sent invalid JSON' });
}

/**
 * The JSON objects of a newline-delimited stream, as they arrive; a line over `limit` bytes or one that is
 * not JSON is `InvalidResponse`, a connection lost mid-stream is `Unreachable`.
 */
export async function* jsonLines<T>(
  res: http.IncomingMessage,
  signal: AbortSignal | undefined,
  limit: number,
  peer: Peer,
  reservation?: Reservation,
): AsyncGenerator<T> {
  const { context } = peer;
  // The pieces of the line being read: each byte is copied once, when its line is complete (linear).
  const pieces: Buffer[] = [];
  let pending = 0;
  const lineTooLong = () =>
    new ClusterError('InvalidResponse', context, `stream line larger than ${formatBytes(limit)}`);
  const parse = async (line: Buffer): Promise<T | undefined> => {
    const text = line.toString('utf8').trim();
    if (text === '') return undefined;
    try {
      return await parseBounded<T>(Buffer.from(text), {
        context,
        signal,
        reservation,
        invalid: 'the server sent an invalid JSON line in a stream',
      });
    } finally {
      reservation?.release();
    }
  };
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      let from = 0;
      let nl: number;
      // a newline byte never occurs inside a multi-byte UTF-8 character: lines are split on bytes
      while ((nl = chunk.indexOf(10, from)) >= 0) {
        const piece = chunk.subarray(from, nl);
        from = nl + 1;
        if (pending + piece.length > limit) throw lineTooLong();
        const line = pieces.length ? Buffer.concat([...pieces, piece], pending + piece.length) : piece;
        pieces.length = 0;
        pending = 0;
        reservation?.add(piece.length, 'a stream line', 'allocated');
        const v = await parse(line);
        if (v !== undefined) yield v;
      }
      if (from < chunk.length) {
        const rest = chunk.subarray(from);
        pending += rest.length;
        if (pending > limit) throw lineTooLong();
        reservation?.add(rest.length, 'a stream line', 'allocated');
        pieces.push(rest);
      }
    }
  } catch (e) {
    // the pieces read of the broken line are garbage only once collected: hold their budget until then
    if (reservation) reservation.releaseWhenCollected(pieces);
    throw streamError(e, signal, peer);
  }
  if (signal?.aborted) throw abortError(signal, context);
  if (pending > 0) {
    const v = await parse(Buffer.concat(pieces, pending));
    if (v !== undefined) yield v;
  }
}

/** What went wrong while a stream was read: the connection lost mid-stream, cancelled, … */
function streamError(e: unknown, signal: AbortSignal | undefined, peer: Peer): ClusterError {
  const { context } = peer;
  if (e instanceof ClusterError) return e;
  if (signal?.aborted) return abortError(signal, context);
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ECONNRESET' || (e as Error).message === 'aborted') {
    return new ClusterError('Unreachable', context, `connection to ${peer.hostPort} lost mid-stream`, {
      cause: e,
    });
  }
  return networkError(e, context, peer.hostPort, peer.secrets);
}

const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/**
 * The lines of a text stream (a container log), as they arrive, without their newline (and a `\r`
 * before it). A line over `maxLineBytes` is cut at that size and flagged; the rest of it is skipped, so
 * memory stays bounded whatever the server sends. A connection lost mid-stream is `Unreachable`.
 */
export async function* textLines(
  res: http.IncomingMessage,
  signal: AbortSignal | undefined,
  maxLineBytes: number | undefined,
  peer: Peer,
): AsyncGenerator<TextLine> {
  const limit = Math.max(1, maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  let pending: Buffer = Buffer.alloc(0);
  /** Inside a line already cut: drop bytes up to its newline. */
  let skipping = false;
  const decode = (b: Buffer): string => {
    const s = b.toString('utf8');
    return s.endsWith('\r') ? s.slice(0, -1) : s;
  };
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let nl: number;
      while ((nl = pending.indexOf(10)) >= 0) {
        const line = pending.subarray(0, nl);
        pending = pending.subarray(nl + 1);
        if (skipping) skipping = false;
        else if (line.length > limit) yield { text: cutUtf8(line, limit), cut: true };
        else yield { text: decode(line), cut: false };
      }
      if (pending.length > limit) {
        if (!skipping) yield { text: cutUtf8(pending, limit), cut: true };
        skipping = true;
        pending = Buffer.alloc(0);
      }
    }
  } catch (e) {
    throw streamError(e, signal, peer);
  }
  if (signal?.aborted) throw abortError(signal, peer.context);
  if (pending.length && !skipping) yield { text: decode(pending), cut: false };
}

/** The first `limit` bytes of `b` as text, without a character split in two. */
function cutUtf8(b: Buffer, limit: number): string {
  let end = Math.min(limit, b.length);
  // back up over continuation bytes (10xxxxxx) so the cut falls between characters
  while (end > 0 && end < b.length && ((b[end] ?? 0) & 0xc0) === 0x80) end--;
  return b.subarray(0, end).toString('utf8');
}
