/**
 * The timed gate loop of a stage: every interval (scaled, never below 200 ms) read every cluster once;
 * a failing reading fails at once; a gate with no data on every read of the whole window fails at its end.
 */
import { ClusterError } from '../../../errors.js';
import { sleep } from '../../../util/abort.js';
import type { GateChecker, GateReading, GateTarget } from '../gates/types.js';
import type { Gate } from '../model.js';

export type GateEvent =
  | { type: 'gates'; context: string; readings: GateReading[]; remainingMs: number }
  | { type: 'gate-failed'; context: string; reading: GateReading };

export interface GateOutcome {
  ok: boolean;
  /** The failing cluster and reading (or the gate without data). */
  context?: string;
  reading?: GateReading;
  message?: string;
}

export interface GateLoopOptions {
  checker: GateChecker;
  targets: GateTarget[];
  gates: Gate[];
  windowMs: number;
  intervalMs: number;
  signal: AbortSignal;
  emit: (e: GateEvent) => void;
}

/** Read until the window is over or a gate fails; an abort rethrows the signal's reason. */
export async function runGates(o: GateLoopOptions): Promise<GateOutcome> {
  const interval = Math.max(200, o.intervalMs);
  const start = Date.now();
  const hadData = new Map<string, boolean>();
  for (const t of o.targets) for (const g of o.gates) hadData.set(`${t.context}\u0000${g.kind}`, false);
  for (;;) {
    const results = await Promise.all(
      o.targets.map(async (t): Promise<[GateTarget, GateReading[]]> => {
        try {
          const r = await o.checker.check(t, o.signal);
          return [t, Array.isArray(r) ? r : []];
        } catch (e) {
          if (o.signal.aborted) throw o.signal.reason;
          const why = e instanceof ClusterError || e instanceof Error ? e.message : String(e);
          return [
            t,
            [{ gate: 'pods-ready', context: t.context, state: 'failing', text: `cannot read gates: ${why}` }],
          ];
        }
      }),
    );
    if (o.signal.aborted) throw o.signal.reason;
    const remainingMs = Math.max(0, o.windowMs - (Date.now() - start));
    for (const [t, readings] of results) {
      o.emit({ type: 'gates', context: t.context, readings, remainingMs });
      for (const r of readings) if (r.state !== 'no-data') hadData.set(`${t.context}\u0000${r.gate}`, true);
    }
    for (const [t, readings] of results) {
      const bad = readings.find((r) => r.state === 'failing');
      if (bad) {
        o.emit({ type: 'gate-failed', context: t.context, reading: bad });
        return { ok: false, context: t.context, reading: bad, message: `${t.context}: ${bad.text}` };
      }
    }
    if (remainingMs <= 0) break;
    await sleep(Math.min(interval, remainingMs), o.signal);
    if (o.signal.aborted) throw o.signal.reason;
  }
  for (const [key, had] of hadData) {
    if (had) continue;
    const [context, gate] = key.split('\u0000') as [string, Gate['kind']];
    const reading: GateReading = { gate, context, state: 'no-data', text: `${gate} no data` };
    o.emit({ type: 'gate-failed', context, reading });
    return {
      ok: false,
      context,
      reading,
      message: `${context}: no data for ${gate} during the whole window`,
    };
  }
  return { ok: true };
}
