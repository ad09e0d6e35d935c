/**
 * Reading one source's log: one request, or with `follow` a stream that resumes after a drop from the
 * time of its last line (`sinceTime`; the server's timestamps are asked for to know it), skipping the lines
 * it had already delivered, so that nothing is lost or repeated.
 */
import { ClusterError } from '../../errors.js';
import type { ClusterConnection, TextLine } from '../../transport/types.js';
import { Reconnect } from '../../api/reconnect.js';
import type { LogEvent, LogLine, LogOptions, LogSource } from './types.js';

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d{1,9}))?(?:Z|[+-]\d\d:\d\d)) ?/;

/** A timestamp as a key that sorts in time order (nanoseconds kept), or undefined. */
export function stampKey(stamp: string): string | undefined {
  const m = STAMP.exec(stamp);
  if (!m) return undefined;
  const seconds = Date.parse(m[1]!.replace(/\.\d+/, '')) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return `${String(seconds + 1e11).padStart(12, '0')}.${(m[2] ?? '').padEnd(9, '0')}`;
}

/** Where a followed stream stopped: the last line's time, and how many lines had exactly that time. */
export interface ResumePoint {
  stamp: string;
  key: string;
  count: number;
}

/**
 * Tracks delivered lines and, after a reconnect, drops the lines already delivered: those before the
 * resume point, and the first `count` at exactly its time.
 */
export class Resumer {
  last: ResumePoint | undefined;
  private skipBefore: ResumePoint | undefined;
  private skippedAtStamp = 0;

  /** A new stream starts from `last`: skip what was delivered. */
  resume(): void {
    this.skipBefore = this.last ? { ...this.last } : undefined;
    this.skippedAtStamp = 0;
  }

  /** True when the line (its timestamp `stamp`) is new; it is then counted as delivered. */
  accept(stamp: string | undefined): boolean {
    const key = stamp === undefined ? undefined : stampKey(stamp);
    if (key === undefined || stamp === undefined) {
      this.skipBefore = undefined;
      return true;
    }
    const skip = this.skipBefore;
    if (skip) {
      if (key < skip.key) return false;
      if (key === skip.key && this.skippedAtStamp < skip.count) {
        this.skippedAtStamp++;
        return false;
      }
      this.skipBefore = undefined;
    }
    if (this.last && this.last.key === key) this.last.count++;
    else this.last = { stamp, key, count: 1 };
    return true;
  }
}

/** The `sinceTime` to resume from: the stamp's second (the API server keeps seconds only), RFC 3339. */
export function resumeSince(stamp: string): string {
  const ms = Date.parse(stamp.replace(/\.\d+/, ''));
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

const RETRYABLE = new Set(['Unreachable', 'Timeout', 'Throttled', 'InvalidResponse']);

function retryable(e: ClusterError): boolean {
  if (RETRYABLE.has(e.kind)) return true;
  return e.kind === 'ServerError' && (e.status === undefined || e.status >= 500);
}

export type Emit = (ev: LogEvent) => Promise<void>;

/** Read one source until its log ends (or, following, until `signal` aborts); events through `emit`. */
export async function readSource(
  conn: ClusterConnection,
  source: LogSource,
  opts: LogOptions,
  emit: Emit,
  signal: AbortSignal,
): Promise<void> {
  const follow = opts.follow === true;
  const serverStamps = follow || opts.timestamps === true;
  const path = `/api/v1/namespaces/${encodeURIComponent(source.namespace)}/pods/${encodeURIComponent(source.pod)}/log`;
  let query: Record<string, string | number | boolean | undefined> = {
    container: source.container,
    follow: follow || undefined,
    previous: opts.previous || undefined,
    tailLines: opts.tailLines,
    sinceSeconds: opts.sinceSeconds,
    sinceTime: opts.sinceTime,
    timestamps: serverStamps || undefined,
    limitBytes: opts.limitBytes,
  };
  const block = follow ? 1 : Math.max(1, opts.blockLines ?? 10_000);
  const resumer = new Resumer();
  // The watchers' reconnect policy: a stream that breaks right after a line still backs off.
  const backoff = new Reconnect({
    ...(opts.backoffMs !== undefined && { baseMs: opts.backoffMs }),
    ...(opts.maxBackoffMs !== undefined && { maxMs: opts.maxBackoffMs }),
    ...opts.reconnect,
  });
  const headMs = opts.timeoutMs ?? 10_000;
  let batch: LogLine[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const lines = batch;
    batch = [];
    await emit({ type: 'lines', source, lines });
  };
  for (;;) {
    const ac = new AbortController();
    const onAbort = (): void => ac.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    let unanswered = false;
    const head =
      headMs > 0
        ? setTimeout(() => {
            unanswered = true;
            ac.abort();
          }, headMs)
        : undefined;
    try {
      const lines = conn.stream<TextLine>(path, {
        query,
        text: { ...(opts.maxLineBytes !== undefined ? { maxLineBytes: opts.maxLineBytes } : {}) },
        signal: ac.signal,
        onResponse: () => {
          clearTimeout(head);
          backoff.up();
        },
      });
      for await (const l of lines) {
        let time: string | undefined;
        let text = l.text;
        if (serverStamps) {
          const m = STAMP.exec(text);
          if (m) {
            time = m[1]!;
            if (!opts.timestamps) text = text.slice(m[0].length);
          }
        }
        if (follow && !resumer.accept(time)) continue;
        batch.push({ text, ...(time !== undefined ? { time } : {}), ...(l.cut ? { cut: true } : {}) });
        if (batch.length >= block) await flush();
      }
      await flush();
      await emit({ type: 'end', source });
      return;
    } catch (e) {
      await flush();
      if (signal.aborted) return;
      const err =
        e instanceof ClusterError
          ? unanswered
            ? new ClusterError('Timeout', source.context, `no answer within ${headMs} ms`)
            : e
          : new ClusterError('InvalidResponse', source.context, String(e));
      if (!follow || !retryable(err)) {
        await emit({ type: 'source-error', source, error: err });
        return;
      }
      const delay = backoff.down();
      const last = resumer.last;
      await emit({
        type: 'reconnecting',
        source,
        error: err,
        attempt: backoff.failures,
        ...(last ? { since: last.stamp } : {}),
      });
      await backoff.wait(delay, signal);
      if (signal.aborted) return;
      if (last) {
        const { tailLines: _t, sinceSeconds: _s, ...rest } = query;
        query = { ...rest, sinceTime: resumeSince(last.stamp) };
      }
      resumer.resume();
    } finally {
      clearTimeout(head);
      signal.removeEventListener('abort', onAbort);
    }
  }
}
