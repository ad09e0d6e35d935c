import { Flags } from '@oclif/core';
import { BaseCommand, EXIT_USAGE } from '../lib/base.js';
import { PROCESS_CONCURRENCY } from '@kubectl-mc/core/fanout';
import { clusterFlags, concurrencyFlag, kubeconfigFlags, selectionFromFlags } from '../lib/flags.js';
import { colorEnabled } from '../lib/output.js';

export default class Dashboard extends BaseCommand {
  static override summary = 'A live terminal dashboard of the fleet (k9s for many clusters).';
  static override description = `Shows every selected cluster — health, version, latency, nodes, pods by phase, warnings — refreshed live, and any resource across the clusters with the server's own columns (":pods", ":deploy", any CRD). "/" filters, Enter drills in, "?" lists every key, "q" quits.

It needs a terminal: in scripts use "kubectl mc get".`;
  static override examples = [
    '<%= config.bin %> dashboard --all-clusters',
    '<%= config.bin %> dashboard --clusters "*-prod" --topology examples/regional/regional-topology.yaml',
  ];
  static override flags = {
    ...kubeconfigFlags,
    ...clusterFlags,
    concurrency: concurrencyFlag(PROCESS_CONCURRENCY),
    refresh: Flags.integer({
      description: 'Seconds between health checks (and between lists where a cluster cannot watch).',
      default: 5,
      min: 1,
    }),
    topology: Flags.string({
      description: 'A topology YAML file (as for "lint") giving each cluster its region and environment.',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Dashboard);
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      this.errLine('error: dashboard needs a terminal; use "kubectl mc get" in scripts');
      this.exit(EXIT_USAGE);
    }
    const selection = selectionFromFlags(flags);
    // React's production build (its development build is several times slower), unless asked otherwise.
    process.env['NODE_ENV'] ??= 'production';
    // Both ends are a terminal (checked above), so this is an interactive session even where CI=true is
    // exported: Ink reads CI when it loads and would then draw only the last frame, i.e. nothing until quit.
    delete process.env['CI'];
    delete process.env['CONTINUOUS_INTEGRATION'];
    // Ink and React load only here, so that `get` and `lint` never pay for them.
    const [{ clusterMeta }, { coreBackend }, { runDashboard }] = await Promise.all([
      import('../tui/topology.js'),
      import('../tui/backend.js'),
      import('../tui/run.js'),
    ]);
    const clusters = await clusterMeta(selection.contexts, flags.topology);
    await runDashboard({
      clusters,
      backend: coreBackend(selection.loaded),
      refreshMs: flags.refresh * 1000,
      concurrency: selection.concurrency,
      timeoutMs: selection.timeoutMs,
      color: colorEnabled(process.stdout),
    });
  }
}
