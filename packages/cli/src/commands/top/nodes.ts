import { Args } from '@oclif/core';
import { formatTopNodes, topNodesOf, type NodeUsage } from '@kubectl-mc/core/fleet';
import { BaseCommand } from '../../lib/base.js';
import { parseTopSortBy, runTop, topFlags } from '../../lib/top.js';

export default class TopNodes extends BaseCommand {
  static override summary = "Display nodes' CPU and memory usage on many clusters in one table.";
  static override description = `Like "kubectl top node", on every selected cluster at once: usage from each cluster's metrics API
(metrics.k8s.io), with kubectl's columns (CPU and memory, and their percent of each node's allocatable) and a
CLUSTER column first; nodes the metrics API has nothing for show <unknown>, after the others. --sort-by
cpu|memory sorts across the fleet. A cluster without the metrics API is named on stderr ("Metrics API not
available"), like a down or forbidden one, while the others print; the exit code is then 1 (0 with
--ignore-failures), 2 for usage errors.`;
  static override aliases = ['top:node', 'top:no'];
  static override examples = [
    '<%= config.bin %> top nodes --all-clusters',
    '<%= config.bin %> top nodes --clusters "*-prod" --sort-by cpu',
    '<%= config.bin %> top nodes -l node-role.kubernetes.io/worker= --no-headers',
  ];
  static override args = {
    name: Args.string({ description: 'One node by name.', required: false }),
  };
  static override flags = { ...topFlags };

  async run(): Promise<void> {
    const { flags, args } = await this.parse(TopNodes);
    const sortBy = parseTopSortBy(flags['sort-by']);
    const code = await runTop<NodeUsage[]>({
      flags,
      errLine: (l) => this.errLine(l),
      task: (api, _ctx, signal) =>
        topNodesOf(
          api,
          {
            ...(flags.selector ? { labelSelector: flags.selector } : {}),
            ...(args.name !== undefined ? { name: args.name } : {}),
          },
          signal,
        ),
      format: (answered) =>
        formatTopNodes(
          answered.map((a) => ({ context: a.context, nodes: a.value })),
          { noHeaders: flags['no-headers'], ...(sortBy ? { sortBy } : {}) },
        ),
      empty: () => undefined,
    });
    this.exit(code);
  }
}
