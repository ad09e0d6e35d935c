/**
 * The plan of a pipeline run: per stage, per cluster, what `apply` would change (the server's dry run),
 * and for a stage that sends part of the traffic, whether the cluster has the Istio routing the canary
 * needs. Nothing is changed on any cluster.
 */
import type { ClusterApi } from '../../api/client.js';
import type { KubeObject } from '../../api/types.js';
import { ClusterError } from '../../errors.js';
import { collect } from '../../fanout/fanout.js';
import type { ClusterResult } from '../../fanout/types.js';
import { planApply, type PlanItem, type PlanOptions } from '../apply/plan.js';
import type { Manifest } from '../apply/manifests.js';
import { Fleet } from '../fleet.js';
import { runTakesOver } from './run/kube.js';
import { RUN_MARK_PREFIX } from './run/types.js';
import { PipelineError, type Pipeline, type PipelineStage } from './model.js';

/** How a cluster of a partial-traffic stage can split requests between the stable and canary versions. */
export type CanaryRouting =
  { ok: true; virtualService: string; host: string; subsets: string[] } | { ok: false; reason: string };

export interface ClusterPlan {
  stage: number;
  context: string;
  /** The dry-run plan, or why the cluster could not be asked. */
  result: ClusterResult<PlanItem[]>;
  /** Stages below 100% traffic only. */
  routing?: CanaryRouting;
}

export interface PipelinePlan {
  pipeline: Pipeline;
  clusters: ClusterPlan[];
}

/** Plan `manifests` along `pipeline`: every stage's clusters asked at once, nothing changed. */
export async function planPipeline(
  fleet: Fleet,
  pipeline: Pipeline,
  manifests: Manifest[],
  opts: PlanOptions = {},
): Promise<PipelinePlan> {
  const known = new Set(fleet.kubeconfig.contexts.map((c) => c.name));
  const contexts = [...new Set(pipeline.stages.flatMap((s) => s.clusters.map((c) => c.context)))];
  const missing = contexts.filter((c) => !known.has(c));
  if (missing.length > 0) {
    throw new PipelineError(
      `${pipeline.file}: no kubeconfig context for ${missing.map((c) => `"${c}"`).join(', ')} (name it with the cluster's context: in the topology)`,
    );
  }
  const reachable = new Fleet(fleet.kubeconfig, contexts);
  const partial = new Set(
    pipeline.stages.filter((s) => s.traffic < 100).flatMap((s) => s.clusters.map((c) => c.context)),
  );
  const [plans, routings] = await Promise.all([
    collect(
      planApply(reachable, manifests, {
        takeOver: runTakesOver(opts.fieldManager ?? 'kubectl-mc'),
        ...opts,
      }),
    ),
    collect(reachable.fanOut((api, signal) => canaryRouting(api, manifests, signal), opts)),
  ]);
  const clusters: ClusterPlan[] = [];
  for (const stage of pipeline.stages) {
    for (const { context } of stage.clusters) {
      const result = plans.find((p) => p.context === context) as ClusterResult<PlanItem[]>;
      if (result.ok) result.value.forEach(withoutRunMarks);
      const plan: ClusterPlan = { stage: stage.index, context, result };
      if (partial.has(context) && stage.traffic < 100) {
        const r = routings.find((x) => x.context === context);
        plan.routing = r?.ok
          ? r.value
          : { ok: false, reason: r ? r.error.message : 'the cluster is not in the kubeconfig' };
      }
      clusters.push(plan);
    }
  }
  return { pipeline, clusters };
}

/** A run's own annotations (which the next run sets again) are not a change the plan should show. */
function withoutRunMarks(item: PlanItem): void {
  if (item.result !== 'configured') return;
  item.fields = item.fields.filter((f) => !f.startsWith(`metadata.annotations.${RUN_MARK_PREFIX}`));
  if (item.fields.length === 0) item.result = 'unchanged';
}

/** The stages whose clusters cannot take a partial share of the traffic (the run refuses them). */
export function unroutableStages(plan: PipelinePlan): PipelineStage[] {
  return plan.pipeline.stages.filter((s) =>
    plan.clusters.some((c) => c.stage === s.index && c.routing && !c.routing.ok),
  );
}

const ISTIO_VS = 'virtualservices.networking.istio.io';

/**
 * The Istio VirtualService that routes to the Service in front of the manifests' Deployment, with the
 * subsets it names: the canary's share is set through its route weights.
 */
export async function canaryRouting(
  api: ClusterApi,
  manifests: Manifest[],
  signal: AbortSignal,
): Promise<CanaryRouting> {
  const objects = manifests.map((m) => m.object);
  const deploy = objects.find((o) => o.kind === 'Deployment');
  if (!deploy) return { ok: false, reason: 'the manifests hold no Deployment to run as a canary' };
  const ns = deploy.metadata?.namespace;
  const labels = (deploy.spec as { template?: KubeObject } | undefined)?.template?.metadata?.labels ?? {};
  const svc = objects.find((o) => {
    if (o.kind !== 'Service') return false;
    const sel = (o.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {};
    const keys = Object.keys(sel);
    return keys.length > 0 && keys.every((k) => labels[k] === sel[k]);
  });
  const host = svc?.metadata?.name;
  if (!host) return { ok: false, reason: 'the manifests hold no Service that selects the Deployment' };
  let vsRes;
  try {
    vsRes = await api.resolve(ISTIO_VS, signal, { discovery: true });
  } catch (e) {
    if (e instanceof ClusterError && e.kind === 'NotFound')
      return { ok: false, reason: 'the cluster does not serve Istio VirtualServices (networking.istio.io)' };
    throw e;
  }
  const list = await api.list(vsRes, { ...(ns ? { namespace: ns } : { allNamespaces: false }), signal });
  const names = [host, `${host}.${ns ?? 'default'}`, `${host}.${ns ?? 'default'}.svc.cluster.local`];
  for (const vs of list.items) {
    const http = (vs.spec as { http?: unknown } | undefined)?.http;
    if (!Array.isArray(http)) continue;
    const subsets = new Set<string>();
    for (const route of http as { route?: { destination?: { host?: unknown; subset?: unknown } }[] }[]) {
      for (const r of Array.isArray(route?.route) ? route.route : []) {
        const d = r?.destination;
        if (typeof d?.host === 'string' && names.includes(d.host) && typeof d.subset === 'string')
          subsets.add(d.subset);
      }
    }
    if (subsets.size > 0)
      return { ok: true, virtualService: vs.metadata?.name ?? '', host, subsets: [...subsets].sort() };
  }
  return {
    ok: false,
    reason: `no VirtualService in namespace ${ns ?? 'default'} routes to subsets of host ${host}`,
  };
}
