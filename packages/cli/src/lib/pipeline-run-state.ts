// What the live view of a pipeline run shows, folded from the run's events: every stage with its
// status, every cluster of a stage with its status, latest gate readings and message, and the time
// left in the gate window of the stage that is being validated. Pure: (state, event, time) → state.
import type {
  ClusterStatus,
  GateReading,
  Pipeline,
  RunEvent,
  RunStatus,
  StageStatus,
} from '@kubectl-mc/core/fleet';

export interface ViewCluster {
  context: string;
  status: ClusterStatus;
  readings: GateReading[];
  message?: string;
}

export interface ViewStage {
  name: string;
  traffic: number;
  parallel: boolean;
  status: StageStatus | 'waiting-approval' | 'paused' | 'interrupted';
  clusters: ViewCluster[];
  /** The gate window's time left as last reported, and when (epoch ms). */
  remaining?: { ms: number; at: number };
}

export interface RunViewState {
  id?: string;
  file?: string;
  status: RunStatus;
  stage: number;
  stages: ViewStage[];
  message?: string;
}

export const emptyRunState = (): RunViewState => ({ status: 'running', stage: 0, stages: [] });

function stagesOf(pipeline: Pipeline, record?: RunEventRun): ViewStage[] {
  return pipeline.stages.map((s, i) => {
    const rec = record?.stages[i];
    return {
      name: s.name,
      traffic: s.traffic,
      parallel: s.parallel,
      status: rec?.status ?? 'pending',
      clusters: s.clusters.map((c) => {
        const rc = rec?.clusters.find((x) => x.context === c.context);
        return {
          context: c.context,
          status: rc?.status ?? 'pending',
          readings: [],
          ...(rc?.message ? { message: rc.message } : {}),
        };
      }),
    };
  });
}

type RunEventRun = Extract<RunEvent, { type: 'run-started' }>['run'];

/** The state after `ev`, received at `now` (epoch ms). `state` is not changed. */
export function reduceRun(state: RunViewState, ev: RunEvent, now: number): RunViewState {
  const next: RunViewState = structuredClone(state);
  const stageAt = (i: number): ViewStage | undefined => next.stages[i];
  const cluster = (i: number, context: string): ViewCluster | undefined => {
    const s = stageAt(i);
    if (!s) return undefined;
    let c = s.clusters.find((x) => x.context === context);
    if (!c) {
      c = { context, status: 'pending', readings: [] };
      s.clusters.push(c);
    }
    return c;
  };
  const setCluster = (i: number, context: string, status: ClusterStatus, message?: string) => {
    const c = cluster(i, context);
    if (!c) return;
    c.status = status;
    if (message !== undefined) c.message = message;
  };
  switch (ev.type) {
    case 'run-started':
      next.id = ev.run.id;
      next.file = ev.run.pipeline.file;
      next.status = 'running';
      next.stage = ev.run.stage;
      next.stages = stagesOf(ev.run.pipeline, ev.resumed ? ev.run : undefined);
      delete next.message;
      break;
    case 'stage-started': {
      next.stage = ev.stage;
      const s = stageAt(ev.stage);
      if (s) {
        s.status = 'running';
        for (const c of s.clusters) {
          c.status = 'pending';
          c.readings = [];
          delete c.message;
        }
        delete s.remaining;
      }
      break;
    }
    case 'approval-needed': {
      next.stage = ev.stage;
      const s = stageAt(ev.stage);
      if (s) s.status = 'waiting-approval';
      break;
    }
    case 'approved': {
      const s = stageAt(ev.stage);
      if (s && s.status === 'waiting-approval') s.status = 'pending';
      break;
    }
    case 'applied':
      setCluster(ev.stage, ev.context, ev.canary ? 'canary' : 'applying');
      break;
    case 'routed':
      setCluster(ev.stage, ev.context, 'canary', `${ev.canaryWeight}% of traffic to the canary`);
      break;
    case 'ready':
      setCluster(ev.stage, ev.context, 'gating', ev.message);
      break;
    case 'gates': {
      const c = cluster(ev.stage, ev.context);
      if (c) {
        c.status = 'gating';
        c.readings = ev.readings;
      }
      const s = stageAt(ev.stage);
      if (s) s.remaining = { ms: ev.remainingMs, at: now };
      break;
    }
    case 'gate-failed': {
      const c = cluster(ev.stage, ev.context);
      if (c) {
        c.status = 'failed';
        c.message = ev.reading.text;
        c.readings = c.readings.map((r) => (r.gate === ev.reading.gate ? ev.reading : r));
        if (!c.readings.some((r) => r.gate === ev.reading.gate)) c.readings.push(ev.reading);
      }
      break;
    }
    case 'cluster-failed':
      setCluster(ev.stage, ev.context, 'failed', ev.message);
      break;
    case 'promoted':
      setCluster(ev.stage, ev.context, 'passed', 'promoted');
      break;
    case 'rolling-back': {
      const c = cluster(ev.stage, ev.context);
      if (c) c.message = 'rolling back';
      break;
    }
    case 'rolled-back': {
      setCluster(ev.stage, ev.context, 'rolled-back', ev.message);
      const s = stageAt(ev.stage);
      if (s) s.status = 'rolled-back';
      break;
    }
    case 'stage-passed': {
      const s = stageAt(ev.stage);
      if (s) {
        s.status = 'passed';
        delete s.remaining;
        for (const c of s.clusters) if (c.status !== 'failed') c.status = 'passed';
      }
      break;
    }
    case 'paused': {
      const s = stageAt(ev.stage);
      if (s) s.status = 'paused';
      next.message = ev.message;
      break;
    }
    case 'run-finished': {
      next.status = ev.status;
      if (ev.message !== undefined) next.message = ev.message;
      const s = stageAt(next.stage);
      if (s) {
        delete s.remaining;
        if (ev.status === 'failed' && (s.status === 'running' || s.status === 'pending')) s.status = 'failed';
        if (ev.status === 'interrupted' && s.status === 'running') s.status = 'interrupted';
      }
      break;
    }
  }
  return next;
}
