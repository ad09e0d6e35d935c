import { UsageError } from '@kubectl-mc/core/errors';
import { Fleet, PipelineError, planPipeline } from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { BaseCommand, EXIT_FAILURE, EXIT_OK } from '../../lib/base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../../lib/flags.js';
import { interruptOnSigint } from '../../lib/fleet.js';
import { loadPipelineInput, pipelineInputFlags, printPipelinePlan } from '../../lib/pipeline-input.js';
import { startRequestLog, verboseFlags } from '../../lib/verbose.js';

export default class RolloutPlan extends BaseCommand {
  static override summary =
    'Show what a progressive pipeline run would do, stage by stage, changing nothing.';
  static override description = `Reads the pipeline (--pipeline FILE, else the one pipeline document of the workspace, found as
"kubectl mc lint" finds documents) with the topology that names its clusters, and lints it: a pipeline
whose file has lint errors is refused, with the findings as lint prints them. Otherwise prints the stages
in order (clusters resolved to kubeconfig contexts, traffic share, whether a stage's clusters go in
parallel, manual approval, the gates and how long they must hold), for stages below 100% the Istio
VirtualService that would carry the canary's share (or why there is none), and per cluster what apply
would change (the server-side dry run of "kubectl mc apply"). Nothing is changed. Exit 1 when a cluster
could not be planned, an object would fail, or a partial-traffic stage has no routing.`;
  static override examples = [
    '<%= config.bin %> rollout plan -f deploy/ --pipeline examples/regional/progressive-pipeline.yaml',
    '<%= config.bin %> rollout plan -f app.yaml --pipeline pipeline.yaml --topology infra/',
  ];
  static override flags = {
    ...pipelineInputFlags,
    ...kubeconfigFlags,
    concurrency: clusterFlags.concurrency,
    'request-timeout': clusterFlags['request-timeout'],
    ...verboseFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(RolloutPlan);
    startRequestLog(flags.v);
    const input = await loadPipelineInput(flags, 'planning', (l) => this.errLine(l));
    if (!input) return this.exit(EXIT_FAILURE);
    const sel = await selectionFromFlags({ ...flags, 'all-clusters': true });
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${escapeTerminal(w)}`);
    const fleet = new Fleet(sel.loaded, sel.contexts, {
      timeoutMs: sel.timeoutMs,
      concurrency: sel.concurrency,
    });
    const sigint = interruptOnSigint();
    try {
      const plan = await planPipeline(fleet, input.pipeline, input.manifests, {
        ...(flags.namespace ? { namespace: flags.namespace } : {}),
        signal: sigint.signal,
      });
      if (sigint.interrupted()) return this.exit(130);
      const failed = printPipelinePlan(plan, (l) => this.errLine(l));
      return this.exit(failed ? EXIT_FAILURE : EXIT_OK);
    } catch (e) {
      if (e instanceof PipelineError) throw new UsageError(e.message);
      throw e;
    } finally {
      sigint.dispose();
      fleet.close();
    }
  }
}
