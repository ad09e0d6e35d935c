/**
 * The gate checker: reads every gate of a stage once on one cluster. Metric gates ask the cluster's
 * Prometheus (see prometheus.ts); pods-ready asks the API server (see pods.ts).
 *   error-rate: no 5xx series but requests → 0; no requests at all → no-data.
 *   latency-p99: seconds from Prometheus, in ms; empty or NaN → no-data.
 *   A Prometheus that cannot be read → that gate `failing`, naming why.
 */
import { escapeControl } from '../../../util/text.js';
import type { Gate } from '../model.js';
import { checkPodsReady } from './pods.js';
import { PrometheusError, instantQuery, prometheusName, selectorOf } from './prometheus.js';
import type { GateChecker, GateReading, GateTarget, RolloutSettings } from './types.js';

/** A fraction as a percentage for gate texts: `5.00%`. */
export function percentText(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(2)}%` : String(fraction);
}

/** Milliseconds for gate texts: `120ms`, `1.50s`. */
export function latencyText(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? '+Inf' : String(ms);
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`;
}

/** Readings as one line: `error-rate 0.00% ≤ 0.1%, latency-p99 120ms ≤ 500ms, pods-ready 1/1, 0 restarts`. */
export function gateReadingsText(readings: readonly GateReading[]): string {
  return readings.map(gateReadingText).join(', ');
}

/** One reading for people (its `text`; the checker already escapes cluster text). */
export function gateReadingText(reading: GateReading): string {
  return reading.text;
}

/** A checker for `gates` (pods-ready, error-rate, latency-p99) reading each cluster's Prometheus. */
export function gateChecker(gates: Gate[], settings: RolloutSettings): GateChecker {
  return {
    async check(target: GateTarget, signal: AbortSignal): Promise<GateReading[]> {
      const selector = selectorOf(settings.selectorLabel, target.namespace, target.podTemplateHash);
      const queryOf = (t: string) => t.split('{{selector}}').join(selector);
      let requests: Promise<number[]> | undefined;
      const requestRate = () =>
        (requests ??= instantQuery(target.api, settings, queryOf(settings.queries.requestRate), signal));
      const one = (gate: Gate): Promise<GateReading> => {
        switch (gate.kind) {
          case 'pods-ready':
            return checkPodsReady(target, signal);
          case 'error-rate':
            return metric(gate, target, settings, async () => {
              const v = pick(
                await instantQuery(target.api, settings, queryOf(settings.queries.errorRate), signal),
              );
              if (v !== undefined) return v;
              const r = pick(await requestRate());
              return r !== undefined && r > 0 ? 0 : undefined;
            });
          case 'latency-p99':
            return metric(gate, target, settings, async () => {
              const v = pick(
                await instantQuery(target.api, settings, queryOf(settings.queries.latencyP99), signal),
              );
              return v === undefined ? undefined : v * 1000;
            });
        }
      };
      return Promise.all(gates.map(one));
    },
  };
}

/** The largest non-NaN value of the series (one expected); undefined when none. */
function pick(values: number[]): number | undefined {
  let best: number | undefined;
  for (const v of values) if (!Number.isNaN(v) && (best === undefined || v > best)) best = v;
  return best;
}

async function metric(
  gate: Extract<Gate, { kind: 'error-rate' | 'latency-p99' }>,
  target: GateTarget,
  settings: RolloutSettings,
  read: () => Promise<number | undefined>,
): Promise<GateReading> {
  const base = { gate: gate.kind, context: target.context };
  const threshold = gate.kind === 'error-rate' ? gate.max : gate.maxMs;
  let value: number | undefined;
  try {
    value = await read();
  } catch (e) {
    if (!(e instanceof PrometheusError)) throw e;
    return {
      ...base,
      state: 'failing',
      threshold,
      text: `${gate.kind}: cannot read Prometheus ${prometheusName(settings)}: ${e.message}`,
    };
  }
  if (value === undefined) {
    const why = gate.kind === 'error-rate' ? ' (no requests)' : '';
    return { ...base, state: 'no-data', threshold, text: `${gate.kind} no data${why}` };
  }
  const fmt = gate.kind === 'error-rate' ? percentText : latencyText;
  const failing = value > threshold;
  return {
    ...base,
    state: failing ? 'failing' : 'ok',
    value,
    threshold,
    text: `${gate.kind} ${fmt(value)} ${failing ? '>' : '≤'} ${escapeControl(gate.text) || fmt(threshold)}`,
  };
}
