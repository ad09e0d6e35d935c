/**
 * The text of `kubectl mc rollout plan`, as the CLI prints it and the editor's `Plan rollout` shows it:
 * the stages with their clusters, traffic, order, approval and gates, the canary routing of
 * partial-traffic stages, and each cluster's dry-run changes. Everything a cluster sent is escaped.
 */
import { escapeTerminal, humanDuration } from '../util/index.js';
import { alignRows, planRows } from './apply/text.js';
import type { Gate, PipelineStage } from './pipeline/model.js';
import { unroutableStages, type ClusterPlan, type PipelinePlan } from './pipeline/plan.js';

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

/**
 * What `kubectl mc rollout plan` prints on stdout (the header, the stages, the routing, the changes), and
 * what makes it exit 1: the clusters that could not be planned (their errors), and the lines naming each
 * partial-traffic stage that will not run.
 */
export function pipelinePlanText(plan: PipelinePlan): {
  text: string;
  failed: ClusterPlan[];
  objectErrors: boolean;
  unroutable: string[];
} {
  const p = plan.pipeline;
  const clusters = new Set(p.stages.flatMap((s) => s.clusters.map((c) => c.context)));
  const s = (n: number) => (n === 1 ? '' : 's');
  const parts = [
    `Pipeline ${escapeTerminal(p.file)}: ${p.stages.length} stage${s(p.stages.length)}, ${clusters.size} cluster${s(clusters.size)}\n\n`,
    stageRows(plan),
  ];
  const routing = routingRows(plan);
  if (routing) parts.push('\n' + routing);
  parts.push('\nChanges (server-side dry run, nothing applied):\n' + changeRows(plan));
  return {
    text: parts.join(''),
    failed: firstPlans(plan).failed,
    objectErrors: plan.clusters.some((c) => c.result.ok && c.result.value.some((i) => i.error)),
    unroutable: unroutableStages(plan).map(
      (st) =>
        `error: stage "${escapeTerminal(st.name)}" sends ${st.traffic}% of the traffic but a cluster has no canary routing; it will not run`,
    ),
  };
}
