/**
 * Cluster health as every front end shows it: one type, one mapping from a health probe's result (its
 * value or its typed error), one fan-out of the probes over a fleet.
 */
import type { HealthProbe } from '../api/health.js';
import type { ClusterErrorKind } from '../errors.js';
import { fanOut } from '../fanout/fanout.js';
import type { ClusterResult, FanOutOptions } from '../fanout/types.js';
import type { FleetSource } from './types.js';

/** A cluster that answered its health check. */
export interface HealthOk extends Omit<HealthProbe, 'context'> {
  state: 'ok';
  /** When the check answered (epoch ms). */
  checkedAt?: number;
}

/** A cluster whose health check failed: the typed error's kind and its one-line message (no secrets). */
export interface HealthFailed {
  state: 'error';
  error: { kind: ClusterErrorKind; message: string };
  checkedAt?: number;
}

/** The health of one cluster: not checked yet, answered, or failed with a typed error. */
export type ClusterHealth = { state: 'pending' } | HealthOk | HealthFailed;

/** One cluster's health in a stream of them. */
export interface ContextHealth {
  context: string;
  health: ClusterHealth;
}

/** A health probe's result (value or typed error) → the cluster's health. */
export function healthOf(result: ClusterResult<HealthProbe>, checkedAt?: number): HealthOk | HealthFailed {
  const at = checkedAt === undefined ? {} : { checkedAt };
  if (!result.ok) {
    return { state: 'error', error: { kind: result.error.kind, message: result.error.message }, ...at };
  }
  const { context: _context, ...probe } = result.value;
  return { state: 'ok', ...probe, ...at };
}

export interface HealthCheckOptions extends FanOutOptions {
  /** Also count each cluster's Warning events. */
  warnings?: boolean;
  /** The clock for `checkedAt` (default `Date.now`). */
  now?: () => number;
}

/**
 * Check every context at once (bounded concurrency, per-cluster deadline, cancellable): yields each
 * cluster's health as it answers, in completion order. A check cut short by cancellation says nothing
 * about its cluster and is not yielded; everything else is, failures included. Never rejects.
 */
export async function* checkHealth(
  source: Pick<FleetSource, 'probe'>,
  contexts: readonly string[],
  opts: HealthCheckOptions = {},
): AsyncGenerator<ContextHealth> {
  const now = opts.now ?? Date.now;
  const probeOpts = opts.warnings ? { warnings: true } : {};
  const results = fanOut(contexts, (ctx, signal) => source.probe(ctx, signal, probeOpts), opts);
  for await (const r of results) {
    if (!r.ok && r.error.kind === 'Cancelled') continue;
    yield { context: r.context, health: healthOf(r, now()) };
  }
}
