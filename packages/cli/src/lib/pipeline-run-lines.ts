// `kubectl mc rollout run` without a terminal: one line per run event, in a stable format that scripts
// and CI logs can read (documented in the command's description and docs/commands/rollout.md):
//
//   HH:MM:SS run ID started: pipeline FILE, N stages
//   HH:MM:SS stage I/N STAGE: started, CLUSTERS at T% traffic
//   HH:MM:SS stage I/N STAGE CLUSTER: gates READING, READING (14m50s left)
//     (a cluster's gate line is printed when its readings change, else at most every 30 s)
//   HH:MM:SS run ID STATUS[: MESSAGE]
//
// Everything that came from a cluster or a file (names, messages, gate texts) is terminal-escaped.
import type { GateReading, Pipeline, RunEvent } from '@kubectl-mc/core/fleet';
import { escapeTerminal, formatDuration } from '@kubectl-mc/core/util';

/** What the lines need to know beyond one event: the run's id and pipeline (from `run-started`). */
export interface RunLineContext {
  id?: string;
  pipeline?: Pipeline;
  /** Per `stage/cluster`: the readings last printed and when (gate lines are thinned). */
  gatesShown?: Map<string, { text: string; at: number }>;
}

/** A cluster's unchanged gate readings are repeated at most this often. */
export const GATE_LINE_EVERY_MS = 30_000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `HH:MM:SS`, local time. */
export function clockText(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/** `14m50s`: whole seconds, rounded up so a window never shows `0s left` while it is still open. */
export function timeLeftText(ms: number): string {
  return formatDuration(Math.ceil(Math.max(0, ms) / 1000) * 1000);
}

/** The gate readings of one cluster, as one phrase: `error-rate 0.00% ≤ 0.1%, pods-ready 1/1`. */
export function readingsText(readings: readonly GateReading[]): string {
  return readings.length ? readings.map((r) => escapeTerminal(r.text)).join(', ') : 'no gates';
}

/** `stage 1/3 deploy-canary` (1-based), with the stage's name when the pipeline is known. */
export function stageText(ctx: RunLineContext, stage: number, name?: string): string {
  const total = ctx.pipeline?.stages.length;
  const n = name ?? ctx.pipeline?.stages[stage]?.name ?? '';
  return `stage ${stage + 1}/${total ?? '?'}${n ? ` ${escapeTerminal(n)}` : ''}`;
}

/** The text of one event without its time; updates `ctx` from `run-started`. */
export function eventText(ev: RunEvent, ctx: RunLineContext): string {
  const where = (stage: number, context: string) => `${stageText(ctx, stage)} ${escapeTerminal(context)}`;
  switch (ev.type) {
    case 'run-started': {
      ctx.id = ev.run.id;
      ctx.pipeline = ev.run.pipeline;
      const p = ev.run.pipeline;
      const head = `run ${escapeTerminal(ev.run.id)}`;
      return ev.resumed
        ? `${head} resumed at ${stageText(ctx, ev.run.stage)}: pipeline ${escapeTerminal(p.file)}`
        : `${head} started: pipeline ${escapeTerminal(p.file)}, ${p.stages.length} stage${p.stages.length === 1 ? '' : 's'}`;
    }
    case 'stage-started': {
      const s = ctx.pipeline?.stages[ev.stage];
      const detail = s
        ? `, ${s.clusters.map((c) => escapeTerminal(c.context)).join(', ')} at ${s.traffic}% traffic${s.parallel && s.clusters.length > 1 ? ' (parallel)' : ''}`
        : '';
      return `${stageText(ctx, ev.stage, ev.name)}: started${detail}`;
    }
    case 'approval-needed':
      return `${stageText(ctx, ev.stage, ev.name)}: approval needed (${ev.reason === 'manual' ? 'approval: manual' : '--pause-before'})`;
    case 'approved':
      return `${stageText(ctx, ev.stage, ev.name)}: approved`;
    case 'applied':
      return `${where(ev.stage, ev.context)}: applied${ev.canary ? ' canary' : ''}`;
    case 'routed':
      return `${where(ev.stage, ev.context)}: routed ${ev.canaryWeight}% to the canary`;
    case 'ready':
      return `${where(ev.stage, ev.context)}: ready${ev.message ? ` ${escapeTerminal(ev.message)}` : ''}`;
    case 'gates':
      return `${where(ev.stage, ev.context)}: gates ${readingsText(ev.readings)} (${timeLeftText(ev.remainingMs)} left)`;
    case 'gate-failed':
      return `${where(ev.stage, ev.context)}: gate failed: ${escapeTerminal(ev.reading.text)}`;
    case 'cluster-failed':
      return `${where(ev.stage, ev.context)}: failed: ${escapeTerminal(ev.message)}`;
    case 'promoted':
      return `${where(ev.stage, ev.context)}: promoted`;
    case 'rolling-back':
      return `${where(ev.stage, ev.context)}: rolling back`;
    case 'rolled-back':
      return `${where(ev.stage, ev.context)}: rolled back${ev.message ? `: ${escapeTerminal(ev.message)}` : ''}`;
    case 'stage-passed':
      return `${stageText(ctx, ev.stage, ev.name)}: passed`;
    case 'paused':
      return `${stageText(ctx, ev.stage, ev.name)}: paused${ev.message ? `: ${escapeTerminal(ev.message)}` : ''}`;
    case 'run-finished':
      return `run ${escapeTerminal(ctx.id ?? '?')} ${ev.status}${ev.message ? `: ${escapeTerminal(ev.message)}` : ''}`;
  }
}

/** One line (with its newline) per event, `HH:MM:SS TEXT`; '' for a gate line that repeats the last. */
export function eventLine(ev: RunEvent, ctx: RunLineContext, at: Date = new Date()): string {
  if (ev.type === 'gates') {
    const shown = (ctx.gatesShown ??= new Map<string, { text: string; at: number }>());
    const key = `${ev.stage}/${ev.context}`;
    const text = readingsText(ev.readings);
    const last = shown.get(key);
    if (last && last.text === text && at.getTime() - last.at < GATE_LINE_EVERY_MS) return '';
    shown.set(key, { text, at: at.getTime() });
  }
  return `${clockText(at)} ${eventText(ev, ctx)}\n`;
}
