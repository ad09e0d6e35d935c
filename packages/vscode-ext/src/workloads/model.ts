/**
 * How a workload merged across clusters reads in the Workloads view. The merge and the drift model are
 * core's (`@kubectl-mc/core/fleet`: `mergeWorkloads`); this is presentation only. Pure.
 */
import type { MergedWorkload } from '@kubectl-mc/core/fleet';
import { safe } from '../text.js';

/** Label, description and tooltip of a merged workload (`answered`: clusters that answered). */
export function describeWorkload(
  w: MergedWorkload,
  answered: number,
): { label: string; description: string; tooltip: string } {
  const on = `${w.kind} · on ${w.clusters.length}/${answered} clusters`;
  return {
    label: safe(`${w.namespace}/${w.name}`),
    description: w.drift.length > 0 ? `${on} · drift` : on,
    tooltip: [safe(`${w.kind} ${w.namespace}/${w.name}`), ...w.drift.map(safe)].join('\n'),
  };
}
