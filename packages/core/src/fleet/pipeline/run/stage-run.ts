/**
 * One stage across its clusters: parallel stages change every cluster at once then gate them together;
 * the others change and gate one cluster after another, stopping at the first failure. Then, on a
 * failure, the way back for every cluster the stage changed.
 */
import { ClusterError } from '../../../errors.js';
import type { GateChecker, GateTarget } from '../gates/types.js';
import type { PipelineStage } from '../model.js';
import { runGates } from './gating.js';
import { StepError, type Site } from './kube.js';
import { deployCluster, rollbackCluster, type ClusterEvent, type StageCluster } from './stage.js';
import type { ClusterRecord, RunEvent, StageRecord } from './types.js';

export interface StageContext {
  stage: PipelineStage;
  record: StageRecord;
  runId: string;
  objects: StageCluster['objects'];
  sites: Map<string, Site>;
  priorRouting: (context: string) => ClusterRecord['savedRouting'];
  checker: GateChecker;
  windowMs: number;
  intervalMs: number;
  signal: AbortSignal;
  emit: (e: RunEvent) => void;
  /** Contexts the stage changed (filled as it goes). */
  changed: Set<string>;
}

export interface StageOutcome {
  ok: boolean;
  message?: string;
}

export const errorText = (e: unknown): string =>
  e instanceof StepError || e instanceof ClusterError || e instanceof Error ? e.message : String(e);

function clusterOf(s: StageContext, rec: ClusterRecord): StageCluster {
  const i = s.stage.index;
  const prior = s.priorRouting(rec.context);
  return {
    site: s.sites.get(rec.context)!,
    runId: s.runId,
    stage: s.stage.name,
    traffic: s.stage.traffic,
    objects: s.objects,
    record: rec,
    ...(prior ? { priorRouting: prior } : {}),
    emit: (e: ClusterEvent) => {
      const context = rec.context;
      if (e.type === 'applied') s.emit({ type: 'applied', stage: i, context, canary: e.canary });
      else if (e.type === 'routed')
        s.emit({ type: 'routed', stage: i, context, canaryWeight: e.canaryWeight });
      else if (e.type === 'ready') s.emit({ type: 'ready', stage: i, context, message: e.message });
      else s.emit({ type: 'promoted', stage: i, context });
    },
  };
}

async function deploy(s: StageContext, rec: ClusterRecord): Promise<GateTarget | string> {
  try {
    const t = await deployCluster(clusterOf(s, rec));
    s.changed.add(rec.context);
    return t;
  } catch (e) {
    if (rec.status !== 'pending') s.changed.add(rec.context);
    if (s.signal.aborted) throw s.signal.reason;
    const message = errorText(e);
    rec.status = 'failed';
    rec.message = message;
    s.emit({ type: 'cluster-failed', stage: s.stage.index, context: rec.context, message });
    return `${rec.context}: ${message}`;
  }
}

async function gate(s: StageContext, targets: GateTarget[]): Promise<StageOutcome> {
  const recs = s.record.clusters.filter((c) => targets.some((t) => t.context === c.context));
  for (const r of recs) r.status = 'gating';
  const out = await runGates({
    checker: s.checker,
    targets,
    gates: s.stage.gates,
    windowMs: s.windowMs,
    intervalMs: s.intervalMs,
    signal: s.signal,
    emit: (e) => s.emit({ ...e, stage: s.stage.index }),
  });
  if (out.ok) {
    for (const r of recs) r.status = 'passed';
    return { ok: true };
  }
  const bad = recs.find((r) => r.context === out.context);
  if (bad) {
    bad.status = 'failed';
    bad.message = out.message?.slice(bad.context.length + 2) ?? '';
  }
  return { ok: false, ...(out.message ? { message: out.message } : {}) };
}

/** Run the stage; an abort rethrows the signal's reason. */
export async function runStage(s: StageContext): Promise<StageOutcome> {
  const recs = s.record.clusters;
  if (s.stage.parallel) {
    const results = await Promise.all(recs.map((r) => deploy(s, r)));
    const failed = results.find((r): r is string => typeof r === 'string');
    if (failed) return { ok: false, message: failed };
    return gate(s, results as GateTarget[]);
  }
  for (const r of recs) {
    const t = await deploy(s, r);
    if (typeof t === 'string') return { ok: false, message: t };
    const g = await gate(s, [t]);
    if (!g.ok) return g;
  }
  return { ok: true };
}

/** Undo the stage on every cluster it changed. */
export async function rollbackStage(s: StageContext): Promise<void> {
  const changed = s.record.clusters.filter((c) => s.changed.has(c.context));
  await Promise.all(
    changed.map(async (rec) => {
      const context = rec.context;
      s.emit({ type: 'rolling-back', stage: s.stage.index, context });
      let message: string;
      try {
        message = await rollbackCluster(clusterOf(s, rec));
        rec.status = 'rolled-back';
      } catch (e) {
        if (s.signal.aborted) throw s.signal.reason;
        message = `rollback failed: ${errorText(e)}`;
        rec.message = rec.message ? `${rec.message}; ${message}` : message;
      }
      s.emit({ type: 'rolled-back', stage: s.stage.index, context, message });
    }),
  );
}
