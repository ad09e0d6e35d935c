/**
 * When a request goes again: a reset keep-alive socket at once, 429 and 5xx after a backoff that honours
 * Retry-After, never past the fan-out's deadline for the request's signal.
 */
import type http from 'node:http';
import type { ClusterError } from '../errors.js';
import { deadlineOf } from '../util/abort.js';

export const MAX_ATTEMPTS = 3;
const BACKOFF_BASE_MS = 250;
/** A Retry-After longer than this is not waited for: the error is returned at once. */
const MAX_RETRY_AFTER_MS = 10_000;

/** Retry-After (seconds or an HTTP date) in ms, when present and sane. */
export function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** A keep-alive socket the server closed meanwhile: an idempotent request may go again at once. */
export function isStaleSocket(err: ClusterError): boolean {
  return err.kind === 'Unreachable' && /^connection (reset|closed)/.test(err.message);
}

/**
 * How long to wait before attempt `attempt + 1` after an answer with `status`, or undefined when that
 * answer is final: not 429/5xx, the last attempt, a Retry-After over 10 s, or a wait that would end past
 * the deadline of `signal` (it would only turn the answer into a Timeout).
 */
export function retryDelay(
  attempt: number,
  status: number,
  headers: http.IncomingHttpHeaders,
  signal: AbortSignal | undefined,
): number | undefined {
  if (attempt >= MAX_ATTEMPTS || (status !== 429 && status < 500)) return undefined;
  const after = retryAfterMs(headers['retry-after']);
  if (after !== undefined && after > MAX_RETRY_AFTER_MS) return undefined;
  const backoff = BACKOFF_BASE_MS * 2 ** (attempt - 1);
  const delay = (after ?? backoff) + Math.random() * (after !== undefined ? 100 : backoff / 2);
  const deadline = deadlineOf(signal);
  if (deadline !== undefined && Date.now() + delay >= deadline - 50) return undefined;
  return delay;
}
