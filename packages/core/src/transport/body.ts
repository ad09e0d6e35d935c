/**
 * Reading what a cluster sends, under the size budget: a whole body (gzip decoded, the cap applying to
 * the decoded size), its JSON, and newline-delimited JSON streams (watch), the cap applying per line.
 */
import type http from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { ClusterError } from '../errors.js';
import { oneLine } from '../util/text.js';
import { abortError, formatBytes, networkError } from './errors.js';
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

/** Read a whole body under the size cap; over it the socket is destroyed. */
export function readBody(
  req: http.ClientRequest,
  res: http.IncomingMessage,
  signal: AbortSignal | undefined,
  limit: number,
  peer: Peer,
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
    let n = 0;
    let settled = false;
    const fail = (e: ClusterError) => {
      if (settled) return;
      settled = true;
      gunzip?.destroy();
      reject(e);
    };
    // The cap applies to the decompressed size: a small gzip body cannot blow up memory.
    const gunzip = /^\s*gzip\s*$/i.test(String(res.headers['content-encoding'] ?? ''))
      ? zlib.createGunzip()
      : undefined;
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
      chunks.push(c);
    });
    body.once('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, n));
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
export function decodeJson<T>(
  body: Buffer,
  status: number,
  contentType: string,
  method: string,
  context: string,
): T {
  if (body.length === 0 && (status === 204 || method !== 'GET')) return null as T;
  if (contentType !== '' && !/json/i.test(contentType)) {
    throw new ClusterError(
      'InvalidResponse',
      context,
      `expected JSON from the server, got ${oneLine(contentType, 80)}`,
      { status },
    );
  }
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw new ClusterError(
      'InvalidResponse',
      context,
      body.length === 0 ? 'empty response from the server' : 'the server sent invalid JSON',
      { status },
    );
  }
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
): AsyncGenerator<T> {
  const { context } = peer;
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const lineTooLong = () =>
    new ClusterError('InvalidResponse', context, `stream line larger than ${formatBytes(limit)}`);
  const parse = (line: string): T => {
    try {
      return JSON.parse(line) as T;
    } catch {
      throw new ClusterError('InvalidResponse', context, 'the server sent an invalid JSON line in a stream');
    }
  };
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      pending += decoder.write(chunk);
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (line.length > limit && Buffer.byteLength(line) > limit) throw lineTooLong();
        if (line !== '') yield parse(line);
      }
      if (pending.length > limit && Buffer.byteLength(pending) > limit) throw lineTooLong();
    }
  } catch (e) {
    throw streamError(e, signal, peer);
  }
  if (signal?.aborted) throw abortError(signal, context);
  pending += decoder.end();
  const rest = pending.trim();
  if (rest !== '') yield parse(rest);
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
