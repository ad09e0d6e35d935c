/**
 * The one reconnect policy of every watcher (`get -w`, the dashboard's list-then-watch, `events -w`,
 * `logs -f`): exponential backoff with jitter between attempts, reset only once a stream has stayed up
 * for a while (a stream that ends at once, or after a few events, keeps backing off), and a signal that
 * the cluster "keeps failing" after a few attempts in a row so that front ends can say so.
 *
 * Time is injectable (`clock`, `random`) so that tests drive it with a fake clock and wait for conditions,
 * never for durations.
 */
import { sleep } from '../util/abort.js';

/** What the policy reads time from and waits with. */
export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Wait `ms`, or less when `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = { now: () => performance.now(), sleep };

export interface ReconnectOptions {
  /** Delay after the first failure in a row (ms, default 500); each further one doubles it. */
  baseMs?: number;
  /** Cap on the delay (ms, default 30 000). */
  maxMs?: number;
  /** A stream that stayed up this long resets the backoff when it ends (ms, default 10 000). */
  healthyMs?: number;
  /** Failures in a row from which the watcher reports that the cluster keeps failing (default 3). */
  warnAfter?: number;
  clock?: Clock;
  /** In [0, 1); default Math.random. */
  random?: () => number;
}

export const DEFAULT_RECONNECT = {
  baseMs: 500,
  maxMs: 30_000,
  healthyMs: 10_000,
  warnAfter: 3,
} as const;

/** One watcher's backoff state: `up()` when a stream is established, `down()` when an attempt ends. */
export class Reconnect {
  /** Attempts in a row that failed or ended before the stream was healthy. */
  failures = 0;
  private since: number | undefined;
  private readonly base: number;
  private readonly max: number;
  private readonly healthy: number;
  private readonly warnAfter: number;
  readonly clock: Clock;
  private readonly random: () => number;

  constructor(opts: ReconnectOptions = {}) {
    this.base = Math.max(1, opts.baseMs ?? DEFAULT_RECONNECT.baseMs);
    this.max = Math.max(this.base, opts.maxMs ?? DEFAULT_RECONNECT.maxMs);
    this.healthy = opts.healthyMs ?? DEFAULT_RECONNECT.healthyMs;
    this.warnAfter = Math.max(1, opts.warnAfter ?? DEFAULT_RECONNECT.warnAfter);
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
  }

  /** The stream (or list) answered: it counts as healthy once it has stayed up `healthyMs`. */
  up(): void {
    this.since ??= this.clock.now();
  }

  /**
   * The attempt ended (closed, failed, expired): the delay before the next one. Resets the count first
   * when the stream had stayed up long enough. Equal jitter: between half and all of the exponential step.
   */
  down(): number {
    if (this.since !== undefined && this.clock.now() - this.since >= this.healthy) this.failures = 0;
    this.since = undefined;
    this.failures++;
    const step = Math.min(this.max, this.base * 2 ** Math.min(this.failures - 1, 30));
    return Math.round(step / 2 + (this.random() * step) / 2);
  }

  /** Whether the cluster keeps failing (`warnAfter` attempts in a row): time to say so. */
  get failing(): boolean {
    return this.failures >= this.warnAfter;
  }

  /** Wait `ms` on the policy's clock (returns early when `signal` aborts). */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return this.clock.sleep(ms, signal);
  }
}
