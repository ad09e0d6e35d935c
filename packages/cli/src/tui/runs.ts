/**
 * The `:runs` view's text, with no rendering and no I/O: pipeline run records (core's `listRuns`, files
 * anyone can edit) as the dashboard keeps them (every string escaped, shapes checked), the table of runs
 * (running first, then newest) and one run's stages and clusters.
 */
import type { RunRecord } from '@kubectl-mc/core/fleet';
import { escapeTerminal, humanDuration } from '@kubectl-mc/core/util';

export interface RunClusterView {
  context: string;
  status: string;
  message?: string;
}
export interface RunStageView {
  name: string;
  status: string;
  clusters: RunClusterView[];
}
/** A run as the dashboard shows it: every string escaped. */
export interface RunView {
  id: string;
  pipeline: string;
  status: string;
  /** Index of the stage the run is in or stopped at. */
  stage: number;
  stages: RunStageView[];
  /** Epoch ms (NaN when the record's date cannot be read). */
  createdMs: number;
  owner: string;
  message?: string;
}

export const RUN_COLUMNS = ['ID', 'PIPELINE', 'STATUS', 'STAGE', 'CLUSTERS', 'AGE', 'MESSAGE'] as const;

/** Cluster statuses after which a cluster is done with its stage. */
const DONE = new Set(['passed', 'failed', 'rolled-back']);

const text = (v: unknown): string => (typeof v === 'string' ? escapeTerminal(v) : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** A record as shown: escaped, and whatever an edited file left out is empty rather than a crash. */
export function runView(record: RunRecord): RunView {
  const r = obj(record);
  const stages = list(r['stages']).map((s): RunStageView => {
    const st = obj(s);
    return {
      name: text(st['name']),
      status: text(st['status']),
      clusters: list(st['clusters']).map((c): RunClusterView => {
        const cl = obj(c);
        const message = text(cl['message']);
        return {
          context: text(cl['context']),
          status: text(cl['status']),
          ...(message ? { message } : {}),
        };
      }),
    };
  });
  const message = text(r['message']);
  const stage = typeof r['stage'] === 'number' && Number.isInteger(r['stage']) ? r['stage'] : 0;
  return {
    id: text(r['id']),
    pipeline: text(obj(r['pipeline'])['file']),
    status: text(r['status']),
    stage,
    stages,
    createdMs: typeof r['createdAt'] === 'string' ? Date.parse(r['createdAt']) : NaN,
    owner: text(r['owner']),
    ...(message ? { message } : {}),
  };
}

/** Running runs first, then newest first (then by id, for a stable order). */
export function sortRuns(runs: readonly RunView[]): RunView[] {
  const created = (r: RunView) => (Number.isFinite(r.createdMs) ? r.createdMs : -Infinity);
  return [...runs].sort(
    (a, b) =>
      Number(b.status === 'running') - Number(a.status === 'running') ||
      created(b) - created(a) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Ages show seconds under 10 minutes (kubectl's rule): tick every second while a run is that young. */
export function runsTickMs(runs: readonly RunView[], now: number | undefined): number {
  if (now === undefined) return 1000;
  return runs.some((r) => now - r.createdMs < 10 * 60_000) ? 1000 : 10_000;
}

/** kubectl's age of `ms` at `now`; `<unknown>` when the date cannot be read. */
export function runAge(ms: number, now: number): string {
  return Number.isFinite(ms) ? humanDuration(now - ms) : '<unknown>';
}

/** `deploy-canary 2/3`: the stage the run is in or stopped at. */
export function stageCell(run: RunView): string {
  const n = run.stages.length;
  if (n === 0) return '-';
  const name = run.stages[run.stage]?.name;
  return name ? `${name} ${run.stage + 1}/${n}` : `${run.stage + 1}/${n}`;
}

/** Clusters done with their stage / clusters, over every stage. */
export function clustersCell(run: RunView): string {
  const all = run.stages.flatMap((s) => s.clusters);
  return `${all.filter((c) => DONE.has(c.status)).length}/${all.length}`;
}

/** One table row per run: the cells of `RUN_COLUMNS`. */
export function runCells(run: RunView, now: number): string[] {
  return [
    run.id,
    run.pipeline,
    run.status,
    stageCell(run),
    clustersCell(run),
    runAge(run.createdMs, now),
    run.message ?? '',
  ];
}

/** The detail of one run: a summary, then each stage and each cluster's status and message. */
export function runDetailLines(run: RunView, now: number): string[] {
  const lines = [
    `pipeline ${run.pipeline || '-'}  status ${run.status || '-'}  stage ${stageCell(run)}  age ${runAge(run.createdMs, now)}`,
  ];
  if (run.owner) lines.push(`owner ${run.owner}`);
  if (run.message) lines.push(`message ${run.message}`);
  const width = Math.max(0, ...run.stages.flatMap((s) => s.clusters.map((c) => c.context.length)));
  run.stages.forEach((s, i) => {
    const here = i === run.stage ? '  ←' : '';
    lines.push('', `stage ${i + 1}/${run.stages.length} ${s.name}  ${s.status}${here}`);
    if (s.clusters.length === 0) lines.push('  (no clusters)');
    for (const c of s.clusters) {
      const msg = c.message ? `  ${c.message}` : '';
      lines.push(`  ${c.context.padEnd(width)}  ${c.status}${msg}`);
    }
  });
  return lines;
}
