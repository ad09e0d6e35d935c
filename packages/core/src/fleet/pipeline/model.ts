/**
 * A progressive pipeline as a run reads it: the topology's `pipeline:` document with its stages, each
 * stage's clusters resolved to kubeconfig contexts (a cluster's `context:`, else its name), its traffic
 * share, whether its clusters go in parallel, its approval and its gates with thresholds and duration.
 */
import {
  parsePercentage,
  parseTopologyDuration,
  stageLabel,
  stageTraffic,
  type PipelineDecl,
  type StageDecl,
  type TopologyModel,
} from '../../topology/index.js';

/** What must hold on every cluster of a stage for the stage's whole validation duration. */
export type Gate =
  | { kind: 'pods-ready' }
  /** The share of requests answered 5xx, as a fraction (0.001 for `0.1%`). */
  | { kind: 'error-rate'; max: number; text: string }
  /** The 99th percentile of request latency, in milliseconds. */
  | { kind: 'latency-p99'; maxMs: number; text: string };

export interface PipelineCluster {
  /** The name the pipeline uses. */
  name: string;
  /** The kubeconfig context it is reached through. */
  context: string;
}

export interface PipelineStage {
  /** 0-based position. */
  index: number;
  name: string;
  clusters: PipelineCluster[];
  /** Percent of the traffic the new version gets (100: it replaces the stable version). */
  traffic: number;
  /** Clusters of the stage change at once (true) or one after another. */
  parallel: boolean;
  /** `manual`: the run stops before the stage and waits for a yes. */
  approval: 'manual' | 'auto';
  /** How long every gate must hold, in milliseconds (0: checked once). */
  durationMs: number;
  durationText?: string;
  gates: Gate[];
}

export interface Pipeline {
  /** The file the pipeline was read from. */
  file: string;
  stages: PipelineStage[];
}

/** A pipeline document that cannot be run as written (the linter reports the same problems). */
export class PipelineError extends Error {
  override name = 'PipelineError';
}

/** The pipeline `decl` of `model`, resolved; throws `PipelineError` for what a run cannot read. */
export function pipelineOf(model: TopologyModel, decl: PipelineDecl): Pipeline {
  const stages = decl.stages.map((s) => stageOf(model, s));
  if (stages.length === 0) throw new PipelineError(`${decl.src.file}: the pipeline has no stages`);
  return { file: decl.src.file, stages };
}

function stageOf(model: TopologyModel, s: StageDecl): PipelineStage {
  const label = `${s.pipeline.src.file}: ${stageLabel(s)}`;
  const bad = (what: string) => new PipelineError(`${label}: ${what}`);
  const traffic = stageTraffic(s.traffic);
  if (traffic === undefined || traffic <= 0 || traffic > 100)
    throw bad(`traffic ${JSON.stringify(s.traffic)} is not a share between 0% and 100%`);
  const seen = new Set<string>();
  const clusters: PipelineCluster[] = [];
  for (const ref of s.clusters) {
    if (seen.has(ref.name)) continue;
    seen.add(ref.name);
    const decl = model.clustersByName.get(ref.name)?.[0];
    clusters.push({ name: ref.name, context: decl?.context ?? ref.name });
  }
  if (clusters.length === 0) throw bad('names no cluster');
  const v = s.validation?.toJSON() as Record<string, unknown> | undefined;
  const gates: Gate[] = [{ kind: 'pods-ready' }];
  const errorRate = v?.error_rate_threshold;
  if (errorRate !== undefined) {
    const pct = typeof errorRate === 'string' ? parsePercentage(errorRate) : undefined;
    if (pct === undefined || pct < 0 || pct > 100)
      throw bad(`error_rate_threshold ${JSON.stringify(errorRate)} is not a percentage such as 0.1%`);
    gates.push({ kind: 'error-rate', max: pct / 100, text: errorRate as string });
  }
  const latency = v?.latency_p99_threshold;
  if (latency !== undefined) {
    const ms = typeof latency === 'string' ? parseTopologyDuration(latency) : undefined;
    if (ms === undefined) throw bad(`latency_p99_threshold ${JSON.stringify(latency)} is not a duration`);
    gates.push({ kind: 'latency-p99', maxMs: ms, text: latency as string });
  }
  const duration = v?.duration;
  let durationMs = 0;
  if (duration !== undefined) {
    const ms = typeof duration === 'string' ? parseTopologyDuration(duration) : undefined;
    if (ms === undefined) throw bad(`duration ${JSON.stringify(duration)} is not a duration such as 15m`);
    durationMs = ms;
  }
  const approval = s.node.get('approval');
  if (approval !== undefined && approval !== 'manual' && approval !== 'auto')
    throw bad(`approval ${JSON.stringify(approval)} is not manual or auto`);
  return {
    index: s.index,
    name: s.name ?? `stage-${s.index + 1}`,
    clusters,
    traffic,
    parallel: s.parallel !== false,
    approval: approval === 'manual' ? 'manual' : 'auto',
    durationMs,
    ...(typeof duration === 'string' ? { durationText: duration } : {}),
    gates,
  };
}
