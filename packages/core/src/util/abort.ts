/**
 * Waiting under an `AbortSignal`: an abortable sleep, a race of a promise against a signal, and the
 * deadline a fan-out gives each task's signal (set by `fanout`, read by the retry loop in `transport`).
 */
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Wait `ms`, or less when `signal` aborts: never rejects, so the caller decides what an abort means
 * (check `signal.aborted` after it).
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch {
    // aborted: the only way node:timers/promises' setTimeout rejects
  }
}

/**
 * `p`, or a rejection as soon as `signal` aborts (with `reason()`, default the signal's reason). The work
 * behind `p` goes on for its other waiters; its failure is then nobody's, and is not left unhandled.
 */
export function raceAbort<T>(
  p: Promise<T>,
  signal: AbortSignal | undefined,
  reason: () => unknown = () => signal?.reason,
): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      p.catch(() => undefined);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- whatever the signal's reason is, as Node's own APIs reject
      reject(reason());
    };
    if (signal.aborted) {
      abort();
      return;
    }
    signal.addEventListener('abort', abort, { once: true });
    p.finally(() => signal.removeEventListener('abort', abort)).then(resolve, reject);
  });
}

const deadlines = new WeakMap<AbortSignal, number>();

/** Record that `signal` aborts at `at` (epoch ms): the fan-out does, for each task's signal. */
export function setDeadline(signal: AbortSignal, at: number): void {
  deadlines.set(signal, at);
}

/**
 * The deadline (epoch ms) of a signal handed to a fan-out task, if it has one. Lets a retry loop give up
 * with the real error instead of sleeping past the deadline into a `Timeout`.
 */
export function deadlineOf(signal: AbortSignal | undefined): number | undefined {
  return signal ? deadlines.get(signal) : undefined;
}
