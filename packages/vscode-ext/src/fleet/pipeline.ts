/**
 * The editor's `Plan rollout` of a pipeline file, in the fleet bundle: core's `loadPipeline` (found and
 * linted as `kubectl mc lint` does), `loadManifests` and `planPipeline` on the user's kubeconfig, as the
 * text `kubectl mc rollout plan` prints (core's `pipelinePlanText`), followed by what makes it exit 1.
 * Nothing is changed on any cluster.
 */
import {
  Fleet,
  loadManifests,
  loadPipeline,
  PipelineError,
  pipelinePlanText,
  planPipeline,
} from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core';
import { errorText } from './actions.js';

export interface PipelinePlanRequest {
  /** The workspace folder (the lint's and `.kubectl-mc.yaml`'s root). */
  cwd: string;
  /** The pipeline file (absolute). */
  pipeline: string;
  /** The manifests to roll out (files or directories, absolute). */
  manifests: string[];
}

export interface PipelinePlanText {
  /** The plan as the CLI prints it, then its error lines. */
  text: string;
  /** The CLI would exit 1 (a cluster not planned, an object failing, a stage without routing, lint errors). */
  failed: boolean;
}

export async function pipelinePlan(
  fleet: () => Fleet,
  req: PipelinePlanRequest,
  signal: AbortSignal,
): Promise<PipelinePlanText> {
  const manifests = await loadManifests(req.manifests);
  if (manifests.length === 0) return { text: 'error: no objects passed to roll out\n', failed: true };
  let loaded;
  try {
    loaded = await loadPipeline({ cwd: req.cwd, pipeline: req.pipeline });
  } catch (e) {
    if (e instanceof PipelineError) return { text: `error: ${escapeTerminal(e.message)}\n`, failed: true };
    throw e;
  }
  if (!loaded.pipeline) {
    const lines = loaded.blocking.map(
      (d) =>
        `${escapeTerminal(d.file)}:${d.range.start.line}:${d.range.start.column}  error  ${escapeTerminal(d.message)}  [${d.rule}]`,
    );
    lines.push('error: the pipeline has lint errors; fix them before planning a rollout');
    return { text: lines.join('\n') + '\n', failed: true };
  }
  let plan;
  try {
    plan = await planPipeline(fleet(), loaded.pipeline, manifests, { signal });
  } catch (e) {
    if (e instanceof PipelineError) return { text: `error: ${escapeTerminal(e.message)}\n`, failed: true };
    throw e;
  }
  const out = pipelinePlanText(plan);
  const errors = [
    ...out.failed.flatMap((c) => (c.result.ok ? [] : [`error: ${errorText(c.result.error)}`])),
    ...out.unroutable,
  ];
  return {
    text: out.text + (errors.length > 0 ? '\n' + errors.join('\n') + '\n' : ''),
    failed: errors.length > 0 || out.objectErrors,
  };
}
