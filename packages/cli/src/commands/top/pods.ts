import { Args, Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { formatTopPods, topPodsOf, type PodUsage } from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { BaseCommand } from '../../lib/base.js';
import { parseTopSortBy, runTop, topFlags } from '../../lib/top.js';

export default class TopPods extends BaseCommand {
  static override summary = "Display pods' CPU and memory usage on many clusters in one table.";
  static override description = `Like "kubectl top pod", on every selected cluster at once: usage from each cluster's metrics API
(metrics.k8s.io, served by metrics-server), kubectl's columns and values (250m, 64Mi) with a CLUSTER column first.
--sort-by cpu|memory sorts across the fleet. A cluster without the metrics API is named on stderr
("Metrics API not available"), like a down or forbidden one, while the others print; the exit code is then 1
(0 with --ignore-failures), 2 for usage errors.`;
  static override aliases = ['top:pod', 'top:po'];
  static override examples = [
    '<%= config.bin %> top pods -A --all-clusters',
    '<%= config.bin %> top pods -n kube-system --clusters "*-prod" --sort-by memory',
    '<%= config.bin %> top pods -A -l app=api --containers',
    '<%= config.bin %> top pods -A --sort-by cpu --sum',
  ];
  static override args = {
    name: Args.string({ description: 'One pod by name (in the namespace).', required: false }),
  };
  static override flags = {
    namespace: Flags.string({
      char: 'n',
      description: "Namespace (default: the context's namespace, else default).",
    }),
    'all-namespaces': Flags.boolean({
      char: 'A',
      description: 'Across all namespaces (a NAMESPACE column).',
      default: false,
    }),
    'field-selector': Flags.string({ description: 'Field selector, e.g. metadata.name=web-1.' }),
    containers: Flags.boolean({
      description: 'One line per container (POD and NAME columns).',
      default: false,
    }),
    sum: Flags.boolean({
      description: 'A last line with the total usage of what is listed.',
      default: false,
    }),
    ...topFlags,
  };

  async run(): Promise<void> {
    const { flags, args } = await this.parse(TopPods);
    const sortBy = parseTopSortBy(flags['sort-by']);
    if (flags.namespace === '') throw new UsageError('--namespace must not be empty');
    const namespaceOf = (ns: string | undefined): string => flags.namespace ?? ns ?? 'default';
    const code = await runTop<PodUsage[]>({
      flags,
      errLine: (l) => this.errLine(l),
      task: (api, ctx, signal) =>
        topPodsOf(
          api,
          {
            namespace: namespaceOf(ctx.namespace),
            allNamespaces: flags['all-namespaces'],
            ...(flags.selector ? { labelSelector: flags.selector } : {}),
            ...(flags['field-selector'] ? { fieldSelector: flags['field-selector'] } : {}),
            ...(args.name !== undefined ? { name: args.name } : {}),
          },
          signal,
        ),
      format: (answered) =>
        formatTopPods(
          answered.map((a) => ({ context: a.context, pods: a.value })),
          {
            allNamespaces: flags['all-namespaces'],
            containers: flags.containers,
            sum: flags.sum,
            noHeaders: flags['no-headers'],
            ...(sortBy ? { sortBy } : {}),
          },
        ),
      empty: (answered) => {
        if (flags['all-namespaces']) return 'No resources found';
        const spaces = [...new Set(answered.map((c) => namespaceOf(c.namespace)))];
        return spaces.length === 1
          ? `No resources found in ${escapeTerminal(spaces[0] ?? 'default')} namespace.`
          : 'No resources found in the selected namespaces.';
      },
    });
    this.exit(code);
  }
}
