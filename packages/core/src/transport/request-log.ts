/**
 * The process-wide request log, kubectl's `-v=6..8` for every cluster at once: one entry per HTTP request
 * a connection makes, when its response head arrives or it fails. Entries carry no credential: the
 * Authorization header is masked (`Bearer <masked>`, as kubectl prints it), user info in a URL is dropped,
 * and every value passes the connection's redaction of its kubeconfig secrets.
 */
import type http from 'node:http';
import { redact } from '../util/text.js';

export interface RequestLogEntry {
  context: string;
  method: string;
  /** Without user info. */
  url: string;
  /** HTTP status; absent when the request failed before a response. */
  status?: number;
  statusText?: string;
  /** The typed error's message when it failed before a response. */
  error?: string;
  /** From sending to the response head (or the failure), as kubectl's round-tripper measures. */
  ms: number;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

let logger: RequestLogger | undefined;

/** Set (or with undefined, remove) the process-wide request logger. */
export function setRequestLogger(fn: RequestLogger | undefined): void {
  logger = fn;
}

/** Whether anyone listens (connections skip building entries otherwise). */
export function requestLogEnabled(): boolean {
  return logger !== undefined;
}

const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie|x-remote-user)$/i;

/** Header values with credentials masked; `secrets` redacted from every value. */
export function safeHeaders(
  headers: Record<string, string | string[] | number | undefined> | http.IncomingHttpHeaders,
  secrets: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : String(v);
    if (CREDENTIAL_HEADERS.test(k)) {
      const scheme = /^(\w+)\s/.exec(value)?.[1];
      out[k] = scheme ? `${scheme} <masked>` : '<masked>';
    } else {
      out[k] = redact(value, secrets);
    }
  }
  return out;
}

/** A URL as logged: no user info, secrets redacted. */
export function safeUrl(u: URL, secrets: readonly string[]): string {
  if (u.username === '' && u.password === '') return redact(u.href, secrets);
  const c = new URL(u.href);
  c.username = '';
  c.password = '';
  return redact(c.href, secrets);
}

/** Hand an entry to the logger, if any; a logger that throws never breaks a request. */
export function logRequest(entry: RequestLogEntry): void {
  if (!logger) return;
  try {
    logger(entry);
  } catch {
    // logging is best effort
  }
}

/**
 * For a connection about to send a request: a callback that logs its outcome once (the response head, or
 * the error), with its duration since now.
 */
export function requestLogger(
  context: string,
  u: URL,
  method: string,
  headers: Record<string, string | string[]>,
  secrets: readonly string[],
): (res: http.IncomingMessage | undefined, err?: Error) => void {
  const t0 = performance.now();
  let done = false;
  return (res, err) => {
    if (done) return;
    done = true;
    logRequest({
      context,
      method,
      url: safeUrl(u, secrets),
      ms: performance.now() - t0,
      requestHeaders: safeHeaders(headers, secrets),
      responseHeaders: res ? safeHeaders(res.headers, secrets) : {},
      ...(res ? { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '' } : {}),
      ...(err ? { error: err.message } : {}),
    });
  };
}

/**
 * The lines an entry becomes at kubectl's log `level` (6: the request line, 7: + request headers, 8: +
 * response headers), each naming the context; not yet terminal-escaped.
 */
export function formatRequestLog(e: RequestLogEntry, level: number): string[] {
  const ms = Math.round(e.ms);
  const outcome =
    e.status !== undefined
      ? `${e.status} ${e.statusText ?? ''}`.trimEnd()
      : `(failed: ${e.error ?? 'error'})`;
  const lines = [`[${e.context}] ${e.method} ${e.url} ${outcome} in ${ms} milliseconds`];
  const headers = (title: string, h: Record<string, string>) => {
    lines.push(`[${e.context}] ${title}:`);
    for (const [k, v] of Object.entries(h)) lines.push(`[${e.context}]     ${k}: ${v}`);
  };
  if (level >= 7) headers('Request Headers', e.requestHeaders);
  if (level >= 8 && e.status !== undefined) headers('Response Headers', e.responseHeaders);
  return lines;
}
