import http from 'node:http';
import { ClusterError } from '../errors.js';
import type { ClusterErrorKind, StatusCause } from '../errors.js';
import { oneLine, redact } from '../util/text.js';

/** Human size for messages: `256 MiB`, `64 KiB`, `100 bytes`. */
export function formatBytes(n: number): string {
  const MiB = 1024 * 1024;
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  if (n >= MiB) return `${(n / MiB).toFixed(1)} MiB`;
  return `${n} bytes`;
}

const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

/** The error of a signal's abort: `Timeout` for a deadline, `Cancelled` otherwise. */
export function abortError(signal: AbortSignal, context: string): ClusterError {
  const reason: unknown = signal.reason;
  if (reason instanceof ClusterError) return reason;
  const name = (reason as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError') {
    const msg = (reason as Error).message;
    return new ClusterError('Timeout', context, /^timed out/.test(msg) ? oneLine(msg) : 'timed out', {
      cause: reason,
    });
  }
  return new ClusterError('Cancelled', context, 'cancelled', { cause: reason });
}

/** A socket/TLS/HTTP-parser failure → `ClusterError`, one line, naming host:port but no header or credential. */
export function networkError(
  e: unknown,
  context: string,
  hostPort: string,
  secrets: readonly string[],
): ClusterError {
  if (e instanceof ClusterError) return e;
  const err = e as NodeJS.ErrnoException & { reason?: string };
  const code = err?.code ?? '';
  const mk = (kind: ClusterErrorKind, msg: string) => new ClusterError(kind, context, msg, { cause: e });
  switch (code) {
    case 'ECONNREFUSED':
      return mk('Unreachable', `connection refused (${hostPort})`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return mk('Unreachable', `no such host (${hostPort})`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return mk('Unreachable', `host unreachable (${hostPort})`);
    case 'ECONNRESET':
    case 'EPIPE':
      return mk('Unreachable', `connection reset by ${hostPort}`);
    case 'ETIMEDOUT':
      return mk('Unreachable', `connection timed out (${hostPort})`);
    case 'CERT_HAS_EXPIRED':
      return mk('Unreachable', `tls: x509: certificate has expired (${hostPort})`);
    case 'CERT_NOT_YET_VALID':
      return mk('Unreachable', `tls: x509: certificate is not yet valid (${hostPort})`);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return mk('Unreachable', `tls: x509: certificate is not valid for ${hostPort.replace(/:\d+$/, '')}`);
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return mk(
        'Unreachable',
        `tls: the server at ${hostPort} does not speak TLS (is it an http:// server?)`,
      );
  }
  if (UNKNOWN_AUTHORITY.has(code)) {
    return mk('Unreachable', `tls: x509: certificate signed by unknown authority (${hostPort})`);
  }
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code.startsWith('ERR_TLS_')) {
    const what = code.startsWith('ERR_SSL_')
      ? code.slice('ERR_SSL_'.length).toLowerCase().replace(/_/g, ' ')
      : oneLine(redact(err.message ?? code, secrets), 120);
    return mk('Unreachable', `tls: handshake with ${hostPort} failed: ${what}`);
  }
  if (code.startsWith('HPE_')) return mk('InvalidResponse', `malformed HTTP response from ${hostPort}`);
  if (err?.message === 'socket hang up') return mk('Unreachable', `connection closed by ${hostPort}`);
  const msg = oneLine(redact(err?.message ?? String(e), secrets)) || 'network error';
  return mk('Unreachable', `${msg} (${hostPort})`);
}

const STATUS_KIND: Record<number, ClusterErrorKind> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  410: 'Expired',
  429: 'Throttled',
};

/** 5xx and the 4xx without a kind of their own (400, 405, 406, 409, 422, …) are `ServerError`; `status` tells which. */
export function kindForStatus(status: number): ClusterErrorKind {
  return STATUS_KIND[status] ?? 'ServerError';
}

/** What kubectl prints for a 401 (`error: You must be logged in to the server (…)`). */
export const UNAUTHORIZED_MESSAGE =
  'You must be logged in to the server (the server has asked for the client to provide credentials)';

/** A non-2xx answer → `ClusterError` carrying the server's `Status.message` when it sent one. */
export function statusError(
  status: number,
  contentType: string,
  body: Buffer,
  context: string,
  secrets: readonly string[],
): ClusterError {
  let message: string | undefined;
  let reason: string | undefined;
  let causes: StatusCause[] | undefined;
  const text = body.toString('utf8');
  if (/json/i.test(contentType) || text.trimStart().startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as { message?: unknown; reason?: unknown; details?: unknown };
      if (typeof parsed?.message === 'string' && parsed.message.trim() !== '') message = parsed.message;
      if (typeof parsed?.reason === 'string') reason = oneLine(redact(parsed.reason, secrets), 100);
      causes = statusCauses(parsed?.details, secrets);
    } catch {
      // not a Status: fall back to the reason phrase
    }
  } else if (/^text\/plain/i.test(contentType) && text.trim() !== '' && text.length <= 1024) {
    message = text;
  }
  const phrase = http.STATUS_CODES[status] ?? 'error';
  if (status === 401) {
    // kubectl's words for any 401 (its discovery turns every one into them), never the body's: a server
    // that echoes the Authorization header it got would otherwise show the credential.
    return new ClusterError('Unauthorized', context, UNAUTHORIZED_MESSAGE, {
      status,
      ...(reason !== undefined ? { reason } : {}),
    });
  }
  const line =
    message !== undefined
      ? oneLine(redact(message, secrets))
      : `the server answered HTTP ${status} ${phrase}`;
  return new ClusterError(kindForStatus(status), context, line, {
    status,
    ...(reason !== undefined ? { reason } : {}),
    ...(causes !== undefined ? { causes } : {}),
  });
}

/** `Status.details.causes`, bounded (at most 100, each text one line of at most 500 characters). */
function statusCauses(details: unknown, secrets: readonly string[]): StatusCause[] | undefined {
  const list = (details as { causes?: unknown } | undefined)?.causes;
  if (!Array.isArray(list)) return undefined;
  const text = (v: unknown): string | undefined =>
    typeof v === 'string' ? oneLine(redact(v, secrets), 500) : undefined;
  return list.slice(0, 100).map((c: unknown) => {
    const o = (c ?? {}) as Record<string, unknown>;
    const cause: StatusCause = {};
    const type = text(o['type']);
    const message = text(o['message']);
    const field = text(o['field']);
    if (type !== undefined) cause.type = type;
    if (message !== undefined) cause.message = message;
    if (field !== undefined) cause.field = field;
    return cause;
  });
}

/** `http.request` refused to build the request (before any I/O): bad header characters, unusable TLS data. */
export function requestError(e: unknown, context: string): ClusterError {
  const c = String((e as NodeJS.ErrnoException).code ?? 'error');
  if (c === 'ERR_INVALID_CHAR') {
    return new ClusterError('Auth', context, 'the credentials hold characters not allowed in an HTTP header');
  }
  if (c.startsWith('ERR_OSSL')) {
    const why = c
      .replace(/^ERR_OSSL_/, '')
      .toLowerCase()
      .replace(/_/g, ' ');
    return new ClusterError(
      'Auth',
      context,
      `tls: unusable certificate, key or CA data in the kubeconfig (${why})`,
    );
  }
  return new ClusterError('InvalidResponse', context, `cannot send the request: ${oneLine(c)}`);
}
