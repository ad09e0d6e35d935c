import { Flags } from '@oclif/core';
import { BaseCommand, EXIT_USAGE } from '../lib/base.js';
import { PROCESS_CONCURRENCY } from '@kubectl-mc/core/fanout';
import {
  clusterFlags,
  concurrencyFlag,
  kubeconfigFlags,
  selectionFromFlags,
  topologyFiles,
  type Selection,
} from '../lib/flags.js';
import { colorEnabled } from '../lib/output.js';
import {
  LiveHubKubeconfig,
  loadProtection,
  loadTopologyLabels,
  type TopologyLabels,
} from '@kubectl-mc/core/fleet';
import { invokedName } from '../lib/invoked.js';

export default class Dashboard extends BaseCommand {
  static override summary = 'A live terminal dashboard of the fleet (k9s for many clusters).';
  static override description = `Shows every selected cluster — health, version, latency, nodes, pods by phase, warnings — refreshed live, and any resource across the clusters with the server's own columns (":pods", ":deploy", any CRD), in each context's namespace unless -n or -A says otherwise. "/" filters, Enter drills in, "y" "d" "l" show an object's YAML, description and logs (a pod with several containers: pick one); ctrl-d deletes the selected object, ctrl-k kills a pod (grace period 0), "s" scales a workload and "r" restarts a Deployment, StatefulSet or DaemonSet, each after a confirmation naming the object and its cluster (a protected context needs its environment's name typed; --readonly disables them); ":runs" lists the pipeline runs of "rollout run" (Enter: a run's stages and clusters); "?" lists every key, "q" quits.

It needs a terminal: in scripts use "kubectl mc get".`;
  static override examples = [
    '<%= config.bin %> dashboard --all-clusters',
    '<%= config.bin %> dashboard --all-clusters -A',
    '<%= config.bin %> dashboard --clusters "*-prod" --topology examples/regional/regional-topology.yaml',
  ];
  static override flags = {
    ...kubeconfigFlags,
    ...clusterFlags,
    namespace: Flags.string({
      char: 'n',
      description: "Start in this namespace (default: each context's namespace, else default).",
    }),
    'all-namespaces': Flags.boolean({
      char: 'A',
      description: 'Start across all namespaces.',
      default: false,
      exclusive: ['namespace'],
    }),
    concurrency: concurrencyFlag(PROCESS_CONCURRENCY),
    refresh: Flags.integer({
      description: 'Seconds between health checks (and between lists where a cluster cannot watch).',
      default: 5,
      min: 1,
    }),
    topology: Flags.string({
      description: 'A topology YAML file (as for "lint") giving each cluster its region and environment.',
    }),
    'state-dir': Flags.string({
      description:
        'Where ":runs" reads the pipeline runs of "rollout run" (default: $KUBECTL_MC_STATE_DIR, else ~/.kube/kubectl-mc/runs).',
    }),
    readonly: Flags.boolean({
      description: 'Disable every action that changes a cluster (delete, scale, restart); their keys say so.',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Dashboard);
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      this.errLine(`error: dashboard needs a terminal; use "${invokedName()} get" in scripts`);
      this.exit(EXIT_USAGE);
    }
    if (flags.namespace === '') {
      this.errLine('error: --namespace must not be empty');
      this.exit(EXIT_USAGE);
    }
    const selection = await selectionFromFlags(flags);
    // React's production build (its development build is several times slower), unless asked otherwise.
    process.env['NODE_ENV'] ??= 'production';
    // Both ends are a terminal (checked above), so this is an interactive session even where CI=true is
    // exported: Ink reads CI when it loads and would then draw only the last frame, i.e. nothing until quit.
    delete process.env['CI'];
    delete process.env['CONTINUOUS_INTEGRATION'];
    // Ink and React load only here, so that `get` and `lint` never pay for them.
    const [{ clusterMetas, hubMemberLists }, { coreBackend }, { runDashboard }, { fleetActions }] =
      await Promise.all([
        import('../tui/hub-members.js'),
        import('../tui/backend.js'),
        import('../tui/run.js'),
        import('../tui/mutations.js'),
      ]);
    const selector = flags['cluster-selector'];
    const meta = {
      ...(flags.topology !== undefined && { topologyFile: flags.topology }),
      ...(selector !== undefined && { selector }),
      ...(selector && { labels: await topologyLabelsOf(flags.topology, selection) }),
    };
    // A hub's clusters carry their own region and environment; a topology file still has the last word.
    const clusters = await clusterMetas(selection.contexts, selection.hub, meta);
    // A hub fleet follows the hub: the backend connects through the fleet's latest state.
    const live = selection.hub ? new LiveHubKubeconfig(selection.hub) : undefined;
    const hubSource = selection.hubSource;
    await runDashboard({
      clusters,
      ...(live &&
        hubSource && { members: (signal: AbortSignal) => hubMemberLists(hubSource, live, meta, signal) }),
      namespaces: startNamespaces(
        selection.infos.map((c) => [c.name, c.namespace]),
        flags.namespace,
        flags['all-namespaces'],
      ),
      backend: coreBackend(live ?? selection.loaded, selection.contexts, flags['state-dir']),
      refreshMs: flags.refresh * 1000,
      concurrency: selection.concurrency,
      timeoutMs: selection.timeoutMs,
      color: colorEnabled(process.stdout),
      actions: fleetActions(live ?? selection.loaded, {
        timeoutMs: selection.timeoutMs,
        concurrency: selection.concurrency,
      }),
      protection: loadProtection(flags.topology ? { topology: [flags.topology] } : {}),
      readonly: flags.readonly,
    });
  }
}

/**
 * Where the dashboard starts, as kubectl: `-A` every namespace, `-n` that one, else each context's own
 * (`default` when it has none): one namespace when they agree, per context when they differ. The
 * contexts' namespaces go along: a cluster refused across namespaces is shown in its own.
 */
export function startNamespaces(
  contexts: Array<[string, string | undefined]>,
  namespace: string | undefined,
  all: boolean,
): { namespace?: string; nsByCluster?: Record<string, string>; contextNs: Record<string, string> } {
  const contextNs = Object.fromEntries(contexts.map(([name, ns]) => [name, ns ?? 'default']));
  if (all) return { contextNs };
  if (namespace !== undefined) return { namespace, contextNs };
  const distinct = new Set(Object.values(contextNs));
  if (distinct.size <= 1) return { namespace: [...distinct][0] ?? 'default', contextNs };
  return { nsByCluster: contextNs, contextNs };
}

/** The topology labels `--cluster-selector` grouped by: the hub's (already read), else read now. */
async function topologyLabelsOf(
  topology: string | undefined,
  selection: Selection,
): Promise<TopologyLabels | undefined> {
  return (
    selection.hubSource?.options.topology ??
    (await loadTopologyLabels({ files: topologyFiles({ topology }) }))
  );
}
