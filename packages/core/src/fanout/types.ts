import type { ClusterError } from '../errors.js';

/** Exactly one per selected context: its value, or its typed error. */
export type ClusterResult<T> =
  | { context: string; ok: true; value: T; elapsedMs: number }
  | { context: string; ok: false; error: ClusterError; elapsedMs: number };

export interface FanOutOptions {
  /** How many clusters are worked on at once (default 16). */
  concurrency?: number;
  /** Per-cluster deadline in ms (default 10_000; 0 = none). The task's signal aborts at the deadline. */
  timeoutMs?: number;
  /** Cancels everything in flight (Ctrl-C). Pending contexts then yield `Cancelled`. */
  signal?: AbortSignal;
}

/** The work for one cluster. It must honour `signal`. */
export type ClusterTask<T> = (context: string, signal: AbortSignal) => Promise<T>;
