// Text of `kubectl mc rollout plan`: the stages with their clusters, traffic, order, approval and gates,
// the canary routing of partial-traffic stages, and each cluster's dry-run changes.
import type { ClusterPlan, Gate, PipelinePlan, PipelineStage } from '@kubectl-mc/core/fleet';
import { escapeTerminal, humanDuration } from '@kubectl-mc/core/util';
import { alignRows, planRows } from './apply-output.js';

export function gateText(g: Gate): string {
  switch (g.kind) {
    case 'pods-ready':
      return 'pods ready, no new restarts';
    case 'error-rate':
      return `error rate ≤ ${g.text}`;
    case 'latency-p99':
      return `p99 latency ≤ ${g.text}`;
  }
}

function orderText(s: PipelineStage): string {
  if (s.clusters.length === 1) return '-';
  return s.parallel ? 'parallel' : 'one by one';
}

function holdText(s: PipelineStage): string {
  return s.durationMs > 0 ? (s.durationText ?? humanDuration(s.durationMs)) : 'once';
}

/** The stages, one row each. */
export function stageRows(plan: PipelinePlan): string {
  const rows = [['STAGE', 'CLUSTERS', 'TRAFFIC', 'ORDER', 'APPROVAL', 'HOLD', 'GATES']];
  for (const s of plan.pipeline.stages) {
    rows.push([
      `${s.index + 1} ${escapeTerminal(s.name)}`,
      s.clusters
        .map((c) => escapeTerminal(c.name === c.context ? c.name : `${c.name} (${c.context})`))
        .join(', '),
      `${s.traffic}%`,
      orderText(s),
      s.approval,
      holdText(s),
      s.gates.map(gateText).join('; '),
    ]);
  }
  return alignRows(rows);
}

/** How each cluster of a partial-traffic stage splits requests (or why it cannot). */
export function routingRows(plan: PipelinePlan): string {
  const rows = [['STAGE', 'CLUSTER', 'CANARY ROUTING']];
  for (const c of plan.clusters) {
    if (!c.routing) continue;
    const stage = plan.pipeline.stages[c.stage]!;
    rows.push([
      `${stage.index + 1} ${escapeTerminal(stage.name)}`,
      escapeTerminal(c.context),
      c.routing.ok
        ? escapeTerminal(
            `VirtualService ${c.routing.virtualService} → host ${c.routing.host}, subsets ${c.routing.subsets.join(', ')}`,
          )
        : `none: ${escapeTerminal(c.routing.reason)} (the stage will refuse to run)`,
    ]);
  }
  return rows.length > 1 ? alignRows(rows) : '';
}

/** Each cluster's dry-run changes, once, in the order the pipeline first reaches it. */
export function firstPlans(plan: PipelinePlan): { ok: [string, ClusterPlan][]; failed: ClusterPlan[] } {
  const seen = new Set<string>();
  const ok: [string, ClusterPlan][] = [];
  const failed: ClusterPlan[] = [];
  for (const c of plan.clusters) {
    if (seen.has(c.context)) continue;
    seen.add(c.context);
    if (c.result.ok) ok.push([c.context, c]);
    else failed.push(c);
  }
  return { ok, failed };
}

export function changeRows(plan: PipelinePlan): string {
  const { ok } = firstPlans(plan);
  return planRows(ok.map(([ctx, c]) => [ctx, c.result.ok ? c.result.value : []]));
}
