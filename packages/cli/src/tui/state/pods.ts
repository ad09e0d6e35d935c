/** Pods counted by phase, per cluster and for the header's fleet summary. */
import type { ResourceData, Row, State } from './types.js';

export interface PodCounts {
  running: number;
  pending: number;
  failed: number;
  crashLoop: number;
}

const podCountCache = new WeakMap<Row[], { statusCol: number; counts: PodCounts }>();

/**
 * Count a cluster's pods by their STATUS cell, as kubectl prints it; CrashLoopBackOff counted apart from
 * Running. Cached per rows array: the reducer replaces the array when the cluster's pods change.
 */
export function podCounts(data: ResourceData | undefined, cluster: string): PodCounts | undefined {
  const rows = data?.rows[cluster];
  if (!data || !rows) return undefined;
  const statusCol = data.columns.findIndex((c) => c.toLowerCase() === 'status');
  const hit = podCountCache.get(rows);
  if (hit && hit.statusCol === statusCol) return hit.counts;
  const counts: PodCounts = { running: 0, pending: 0, failed: 0, crashLoop: 0 };
  for (const r of rows) {
    const cell = statusCol >= 0 ? (r.cells[statusCol] ?? '') : '';
    const phase = podPhase(r.object) ?? '';
    if (cell.includes('CrashLoopBackOff')) counts.crashLoop++;
    else if (phase === 'Failed' || FAILED.test(cell)) counts.failed++;
    else if (phase === 'Pending' || (phase === '' && PENDING.test(cell))) counts.pending++;
    else if (phase === 'Running' || cell === 'Running') counts.running++;
  }
  podCountCache.set(rows, { statusCol, counts });
  return counts;
}

const FAILED = /^(Failed|Error|OOMKilled|Evicted)$/;
const PENDING = /^(Pending|ContainerCreating|PodInitializing|Init:.*|ImagePullBackOff|ErrImagePull)$/;

function podPhase(object: unknown): string | undefined {
  if (typeof object !== 'object' || object === null) return undefined;
  const status = (object as { status?: { phase?: unknown } }).status;
  return typeof status?.phase === 'string' ? status.phase : undefined;
}

export interface FleetSummary {
  healthy: number;
  total: number;
  pods: PodCounts;
  slowest?: { cluster: string; latencyMs: number };
  lastRefresh?: number;
}

/** The header: over the included clusters. */
export function fleetSummary(state: State): FleetSummary {
  const included = state.clusters.filter((c) => !state.excluded[c.name]);
  const pods: PodCounts = { running: 0, pending: 0, failed: 0, crashLoop: 0 };
  let healthy = 0;
  let slowest: FleetSummary['slowest'];
  for (const c of included) {
    const h = state.health[c.name];
    if (h?.state === 'ok') healthy++;
    if (h?.state === 'ok' && h.latencyMs !== undefined && (!slowest || h.latencyMs > slowest.latencyMs)) {
      slowest = { cluster: c.name, latencyMs: h.latencyMs };
    }
    const p = podCounts(state.resources['pods'], c.name);
    if (p) {
      pods.running += p.running;
      pods.pending += p.pending;
      pods.failed += p.failed;
      pods.crashLoop += p.crashLoop;
    }
  }
  return {
    healthy,
    total: included.length,
    pods,
    ...(slowest ? { slowest } : {}),
    ...(state.lastRefresh !== undefined ? { lastRefresh: state.lastRefresh } : {}),
  };
}
