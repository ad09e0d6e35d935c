import { Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import {
  defaultStateDir,
  Fleet,
  PipelineError,
  planPipeline,
  startRun,
  type Manifest,
} from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { BaseCommand, EXIT_FAILURE } from '../../lib/base.js';
import { confirm } from '../../lib/confirm.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../../lib/flags.js';
import { EXIT_INTERRUPTED, interruptOnSigint } from '../../lib/fleet.js';
import { followRun } from '../../lib/pipeline-run.js';
import { runFlags, runOptionsFromFlags } from '../../lib/pipeline-run-flags.js';
import { loadPipelineInput, pipelineInputFlags, printPipelinePlan } from '../../lib/pipeline-input.js';
import { startRequestLog, verboseFlags } from '../../lib/verbose.js';

export default class RolloutRun extends BaseCommand {
  static override summary = 'Run a progressive pipeline: canary, gates, promotion, stage by stage.';
  static override description = `Loads the manifests and the pipeline as "rollout plan" does (a pipeline whose file has lint errors is
refused), prints the plan, refuses when a stage below 100% traffic has no routing, and asks
"Run pipeline FILE on N clusters? [y/N]" (--yes skips it; without a terminal the command refuses unless
--yes; protected clusters need their environment's name typed). Then runs the stages in order: a stage
below 100% deploys NAME-canary next to the stable Deployment and routes its share through the Istio
VirtualService; a 100% stage applies the manifests; on every cluster of the stage the gates must hold for
the stage's duration. A failing gate fails the stage and rolls back what the stage changed (unless
--no-rollback). A stage with approval: manual (or named by --pause-before) asks on a terminal and pauses
the run without one. A stage refuses a cluster whose Deployment carries another running run's id.

The run's record is kept in --state-dir; "rollout runs" lists the runs and "rollout resume ID" continues
a paused or interrupted one. Ctrl-C stops the run (interrupted, no rollback).

On a terminal the run is drawn live. Otherwise one line per event:
  HH:MM:SS run ID started: pipeline FILE, N stages
  HH:MM:SS stage I/N STAGE: started, CLUSTERS at T% traffic
  HH:MM:SS stage I/N STAGE CLUSTER: applied canary | routed T% to the canary | ready MESSAGE
  HH:MM:SS stage I/N STAGE CLUSTER: gates READING, READING (TIME left)
  HH:MM:SS stage I/N STAGE CLUSTER: gate failed: READING | failed: MESSAGE | promoted
  HH:MM:SS stage I/N STAGE CLUSTER: rolling back | rolled back: MESSAGE
  HH:MM:SS stage I/N STAGE: approval needed (REASON) | approved | passed | paused: MESSAGE
  HH:MM:SS run ID STATUS[: MESSAGE]

Exit status: 0 succeeded, 1 failed (or refused), 2 usage (or no terminal to ask on without --yes),
3 paused, 130 interrupted.`;
  static override examples = [
    '<%= config.bin %> rollout run -f deploy/ --pipeline examples/regional/progressive-pipeline.yaml',
    '<%= config.bin %> rollout run -f app.yaml --pipeline pipeline.yaml --yes --gate-duration-scale 0.01',
    '<%= config.bin %> rollout run -f app.yaml --pause-before promote-prod',
  ];
  static override flags = {
    ...pipelineInputFlags,
    topology: Flags.string({
      description: `${pipelineInputFlags.topology.description} Clusters with environment: production are protected.`,
      multiple: true,
    }),
    yes: Flags.boolean({ char: 'y', description: 'Start without asking.', default: false }),
    'include-protected': Flags.boolean({
      description: "With --yes: include protected clusters without typing their environment's name.",
      default: false,
    }),
    ...runFlags,
    ...kubeconfigFlags,
    concurrency: clusterFlags.concurrency,
    'request-timeout': clusterFlags['request-timeout'],
    ...verboseFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(RolloutRun);
    startRequestLog(flags.v);
    const runOpts = runOptionsFromFlags(flags);
    const input = await loadPipelineInput(flags, 'running', (l) => this.errLine(l));
    if (!input) return this.exit(EXIT_FAILURE);
    const { manifests, loaded } = input;
    const pipeline = input.pipeline;
    const unknown = runOpts.pauseBefore.filter((n) => !pipeline.stages.some((s) => s.name === n));
    if (unknown.length)
      throw new UsageError(
        `--pause-before ${escapeTerminal(unknown.join(', '))}: no such stage in ${escapeTerminal(pipeline.file)} (stages: ${pipeline.stages.map((s) => escapeTerminal(s.name)).join(', ')})`,
      );
    const sel = await selectionFromFlags({ ...flags, 'all-clusters': true });
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${escapeTerminal(w)}`);
    const fleet = new Fleet(sel.loaded, sel.contexts, {
      timeoutMs: sel.timeoutMs,
      concurrency: sel.concurrency,
    });
    const sigint = interruptOnSigint();
    try {
      const plan = await planPipeline(fleet, pipeline, manifests, {
        ...(flags.namespace ? { namespace: flags.namespace } : {}),
        signal: sigint.signal,
      });
      if (sigint.interrupted()) return this.exit(EXIT_INTERRUPTED);
      if (printPipelinePlan(plan, (l) => this.errLine(l))) {
        this.errLine('error: the plan has errors; nothing was changed');
        return this.exit(EXIT_FAILURE);
      }
      const contexts = [...new Set(pipeline.stages.flatMap((s) => s.clusters.map((c) => c.context)))];
      const ok = await confirm({
        question: `Run pipeline ${escapeTerminal(pipeline.file)} on ${contexts.length} cluster${contexts.length === 1 ? '' : 's'}?`,
        contexts,
        yes: flags.yes,
        includeProtected: flags['include-protected'],
        // the topology files the pipeline was read with: their environment: production is protected
        topology: [...new Set(loaded.workspace.model.topologies.map((t) => t.src.file))],
      });
      if (!ok || sigint.interrupted()) {
        this.errLine('Nothing was changed.');
        return this.exit(EXIT_FAILURE);
      }
      const code = await followRun((approve) =>
        startRun({
          fleet,
          pipeline,
          objects: objectsOf(manifests, flags.namespace),
          manifestFiles: [...new Set(manifests.map((m) => m.source))],
          stateDir: flags['state-dir'] ?? defaultStateDir(),
          signal: sigint.signal,
          ...runOpts,
          ...(approve ? { approve } : {}),
        }),
      );
      return this.exit(code);
    } catch (e) {
      if (e instanceof PipelineError) throw new UsageError(e.message);
      throw e;
    } finally {
      sigint.dispose();
      fleet.close();
    }
  }
}

/** The manifests' objects, those without a namespace given -n's (the run applies them as they are). */
export function objectsOf(
  manifests: readonly Manifest[],
  namespace: string | undefined,
): Manifest['object'][] {
  return manifests.map((m) =>
    namespace && !m.object.metadata?.namespace
      ? { ...m.object, metadata: { ...m.object.metadata, namespace } }
      : m.object,
  );
}
