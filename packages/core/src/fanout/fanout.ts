import { ClusterError, McError, redactSent } from '../errors.js';
import type { ClusterErrorKind } from '../errors.js';
import { setDeadline } from '../util/abort.js';
import { formatDuration } from '../util/duration.js';
import { oneLine } from '../util/text.js';
import type { ClusterResult, ClusterTask, FanOutOptions } from './types.js';

/** The streamed results of a fan-out; `contexts` keeps the input order for `collect`. */
export interface FanOut<T> extends AsyncIterable<ClusterResult<T>> {
  readonly contexts: readonly string[];
}

/**
 * Clusters queried at once by default. A cluster in flight costs a socket, a TLS session and at most one
 * page being parsed (~0.5 MB for 500 table rows), not a process as with parallel kubectl, so the bound
 * is memory, not CPU: 64 starts every cluster of a fleet of up to 64 at once (a slow cluster never
 * waits for a free slot), and keeps a 1,000-cluster run's RSS flat (bench/concurrency.js: CPU time the
 * same from 8 to 128, peak RSS +0.1 MB per slot). Commands that start a process per cluster
 * (`foreach`) keep 16.
 */
export const DEFAULT_CONCURRENCY = 64;
/** The default for fan-outs that start a process per cluster (`foreach`), or hold long-lived lists (dashboard). */
export const PROCESS_CONCURRENCY = 16;

export const DEFAULT_TIMEOUT_MS = 10_000;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

/** Any thrown value → a `ClusterError` for `context`, with a one-line message and a sensible kind. */
export function toClusterError(e: unknown, context: string): ClusterError {
  if (e instanceof ClusterError) return e;
  // A ClusterError from another copy of this module (two bundles, a test loader): keep kind and message.
  const like = e as Partial<ClusterError> | undefined;
  if (like?.name === 'ClusterError' && typeof like.kind === 'string' && typeof like.message === 'string') {
    return new ClusterError(like.kind, like.context ?? context, oneLine(redactSent(like.message)), {
      ...(like.status !== undefined && { status: like.status }),
      cause: e,
    });
  }
  const err = e instanceof Error ? e : undefined;
  if (err instanceof TypeError || err instanceof RangeError) {
    // JavaScript internals ("Cannot read properties of null", "Maximum call stack size exceeded") say
    // nothing to a user: what went wrong is that this cluster's answer could not be handled.
    return new ClusterError(
      'InvalidResponse',
      context,
      'the response could not be processed (unexpected shape or size)',
      { cause: e },
    );
  }
  // redacted before the cut to one line, so that no head of a sent credential is left
  const message = oneLine(redactSent(err ? err.message || err.name : String(e))) || 'unknown error';
  let kind: ClusterErrorKind = 'ServerError';
  const code: unknown = err && 'code' in err ? err.code : undefined;
  if (err?.name === 'TimeoutError') kind = 'Timeout';
  else if (err?.name === 'AbortError') kind = 'Cancelled';
  else if (typeof code === 'string' && NETWORK_CODES.has(code)) kind = 'Unreachable';
  else if (err instanceof SyntaxError) kind = 'InvalidResponse';
  else if (err instanceof McError || (err as { code?: unknown } | undefined)?.code === 'KUBECONFIG') {
    kind = (err as McError).code === 'KUBECONFIG' ? 'Unreachable' : 'InvalidResponse';
  }
  return new ClusterError(kind, context, message, { cause: e });
}

/**
 * Run `task` on every context: at most `concurrency` at once, each with its own deadline, all
 * cancellable through `signal`. Yields exactly one result per context, in completion order. A task that
 * ignores its signal still yields `Timeout` at its deadline (it is not waited for); on cancellation the
 * in-flight and not-yet-started contexts yield `Cancelled` at once. Never rejects, never `Promise.all`.
 */
export function fanOut<T>(
  contexts: readonly string[],
  task: ClusterTask<T>,
  opts: FanOutOptions = {},
): FanOut<T> {
  const unique = [...new Set(contexts)];
  return {
    contexts: unique,
    [Symbol.asyncIterator]: () => run(unique, task, opts)[Symbol.asyncIterator](),
  };
}

async function* run<T>(
  contexts: string[],
  task: ClusterTask<T>,
  opts: FanOutOptions,
): AsyncGenerator<ClusterResult<T>> {
  const requested = opts.concurrency;
  const concurrency =
    requested === undefined || Number.isNaN(requested)
      ? DEFAULT_CONCURRENCY
      : Math.max(1, Math.floor(requested));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outer = opts.signal;
  const ready: ClusterResult<T>[] = [];
  const inFlight = new Map<string, { ac: AbortController; timer?: NodeJS.Timeout; start: number }>();
  let next = 0;
  let done = 0;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const finish = (context: string, result: ClusterResult<T>) => {
    const slot = inFlight.get(context);
    if (!slot) return; // already settled (deadline or cancellation came first)
    inFlight.delete(context);
    if (slot.timer) clearTimeout(slot.timer);
    ready.push(result);
    done++;
    fill();
    notify();
  };

  const start = (context: string) => {
    const ac = new AbortController();
    const t0 = performance.now();
    const slot: { ac: AbortController; timer?: NodeJS.Timeout; start: number } = { ac, start: t0 };
    inFlight.set(context, slot);
    const elapsed = () => Math.round(performance.now() - t0);
    if (timeoutMs > 0) {
      setDeadline(ac.signal, Date.now() + timeoutMs);
      slot.timer = setTimeout(() => {
        const msg = `timed out after ${formatDuration(timeoutMs)}`;
        ac.abort(new DOMException(msg, 'TimeoutError'));
        finish(context, {
          context,
          ok: false,
          error: new ClusterError('Timeout', context, msg),
          elapsedMs: elapsed(),
        });
      }, timeoutMs);
    }
    Promise.resolve()
      .then(() => task(context, ac.signal))
      .then(
        (value) => finish(context, { context, ok: true, value, elapsedMs: elapsed() }),
        (e: unknown) =>
          finish(context, { context, ok: false, error: toClusterError(e, context), elapsedMs: elapsed() }),
      );
  };

  const fill = () => {
    if (outer?.aborted) return;
    while (inFlight.size < concurrency && next < contexts.length) {
      const c = contexts[next++] as string;
      start(c);
    }
  };

  const cancelAll = () => {
    const reason = new DOMException('cancelled', 'AbortError');
    for (const [context, slot] of [...inFlight]) {
      slot.ac.abort(reason);
      finish(context, {
        context,
        ok: false,
        error: new ClusterError('Cancelled', context, 'cancelled'),
        elapsedMs: Math.round(performance.now() - slot.start),
      });
    }
    while (next < contexts.length) {
      const context = contexts[next++] as string;
      ready.push({
        context,
        ok: false,
        error: new ClusterError('Cancelled', context, 'cancelled'),
        elapsedMs: 0,
      });
      done++;
    }
    notify();
  };

  const onAbort = () => cancelAll();
  if (outer?.aborted) cancelAll();
  else outer?.addEventListener('abort', onAbort, { once: true });

  try {
    fill();
    while (done < contexts.length || ready.length > 0) {
      const r = ready.shift();
      if (r) {
        yield r;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    // The consumer stopped early (break/return) or everything is done: nothing may keep running.
    outer?.removeEventListener('abort', onAbort);
    const reason = new DOMException('fan-out abandoned', 'AbortError');
    for (const slot of inFlight.values()) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.ac.abort(reason);
    }
    inFlight.clear();
  }
}

/** All results of a fan-out, in the input context order (arrival order for a plain iterable). */
export async function collect<T>(iterable: AsyncIterable<ClusterResult<T>>): Promise<ClusterResult<T>[]> {
  const out: ClusterResult<T>[] = [];
  for await (const r of iterable) out.push(r);
  const order = (iterable as Partial<FanOut<T>>).contexts;
  if (order) {
    const index = new Map(order.map((c, i) => [c, i]));
    out.sort((a, b) => (index.get(a.context) ?? Infinity) - (index.get(b.context) ?? Infinity));
  }
  return out;
}

/** `collect(fanOut(...))`. */
export function fanOutCollect<T>(
  contexts: readonly string[],
  task: ClusterTask<T>,
  opts?: FanOutOptions,
): Promise<ClusterResult<T>[]> {
  return collect(fanOut(contexts, task, opts));
}
