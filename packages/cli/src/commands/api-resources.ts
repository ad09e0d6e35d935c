import { Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { closeAllConnections, getConnection } from '@kubectl-mc/core/transport';
import { ClusterApi } from '@kubectl-mc/core/api';
import {
  apiResourceName,
  clusterApiResources,
  mergeApiResources,
  type ApiResourceFilter,
  type MergedApiResources,
} from '@kubectl-mc/core/fleet';
import { formatTable } from '@kubectl-mc/core/render';
import { BaseCommand, EXIT_FAILURE, EXIT_OK } from '../lib/base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../lib/flags.js';
import { startRequestLog, verboseFlags } from '../lib/verbose.js';
import { clusterErrorText, EXIT_INTERRUPTED, fanOutWithProgress, interruptOnSigint } from '../lib/fleet.js';
import { kubectlBooleans } from '../lib/kubectl-args.js';

export default class ApiResources extends BaseCommand {
  static override summary = 'List the API resources the selected clusters serve, and how many serve each.';
  static override description = `Like "kubectl api-resources" over every selected cluster at once: one row per resource (NAME, SHORTNAMES,
APIVERSION, NAMESPACED, KIND, each cluster's preferred version, from its discovery) with a CLUSTERS column
N/M: N of the M clusters that answered serve it, so a CRD missing from some clusters shows at a glance.
-o wide adds VERBS, CATEGORIES and MISSING (the clusters that answered without it); -o name prints
name.group lines. kubectl's filters --namespaced, --api-group, --verbs, --categories and --sort-by
apply. Clusters that fail are named on stderr; the exit code is 1 when any failed.`;
  static override examples = [
    '<%= config.bin %> api-resources --all-clusters',
    '<%= config.bin %> api-resources --all-clusters --api-group types.kubefed.io -o wide',
    '<%= config.bin %> api-resources --clusters "*-prod" --namespaced=false --sort-by kind',
    '<%= config.bin %> api-resources --all-clusters --verbs list,watch -o name',
  ];
  static override flags = {
    namespaced: Flags.boolean({
      description:
        'true: only namespaced resources; false: only cluster-scoped ones (--namespaced=true|false).',
      allowNo: true,
    }),
    'api-group': Flags.string({ description: 'Only resources in this API group ("" for the core group).' }),
    verbs: Flags.string({
      description: 'Only resources that support all these verbs (comma-separated).',
      multiple: true,
      delimiter: ',',
    }),
    categories: Flags.string({
      description: 'Only resources in all these categories (comma-separated).',
      multiple: true,
      delimiter: ',',
    }),
    'sort-by': Flags.string({
      description: 'Sort by a field: name or kind (default: by API group, then name).',
      options: ['name', 'kind'],
    }),
    output: Flags.string({ char: 'o', description: 'Output format: wide or name.' }),
    'no-headers': Flags.boolean({ description: 'Do not print table headers.', default: false }),
    ...kubeconfigFlags,
    ...clusterFlags,
    ...verboseFlags,
  };

  async run(): Promise<void> {
    this.argv = kubectlBooleans(this.argv, ['namespaced']);
    const { flags } = await this.parse(ApiResources);
    startRequestLog(flags.v);
    const output = flags.output;
    if (output !== undefined && output !== 'wide' && output !== 'name') {
      throw new UsageError(`--output ${output} is not available`);
    }
    const filter: ApiResourceFilter = {
      ...(flags['api-group'] !== undefined ? { apiGroup: flags['api-group'] } : {}),
      ...(flags.namespaced !== undefined ? { namespaced: flags.namespaced } : {}),
      ...(flags.verbs ? { verbs: flags.verbs.filter((v) => v !== '') } : {}),
      ...(flags.categories ? { categories: flags.categories.filter((c) => c !== '') } : {}),
    };
    const sel = await selectionFromFlags(flags);
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${escapeTerminal(w)}`);
    const sigint = interruptOnSigint();
    let interrupted = false;
    let results;
    try {
      results = await fanOutWithProgress(
        sel,
        async (ctx, signal) =>
          clusterApiResources(new ClusterApi(await getConnection(sel.loaded, ctx)), signal),
        sigint.signal,
      );
    } finally {
      interrupted = sigint.interrupted();
      sigint.dispose();
      closeAllConnections();
    }
    const merged = mergeApiResources(results, {
      filter,
      ...(flags['sort-by'] === 'name' || flags['sort-by'] === 'kind' ? { sortBy: flags['sort-by'] } : {}),
    });
    process.stdout.write(apiResourcesText(merged, output, flags['no-headers']));

    let failed = false;
    for (const r of results) {
      if (r.ok || (r.error.kind === 'Cancelled' && interrupted)) continue;
      failed = true;
      this.errLine(`error: ${clusterErrorText(r.error)}`);
    }
    if (interrupted) this.exit(EXIT_INTERRUPTED);
    this.exit(failed ? EXIT_FAILURE : EXIT_OK);
  }
}

/** kubectl's table (plus CLUSTERS; wide: VERBS, CATEGORIES, MISSING), or `-o name` lines. */
export function apiResourcesText(
  merged: MergedApiResources,
  output: 'wide' | 'name' | undefined,
  noHeaders: boolean,
): string {
  const { resources, answered } = merged;
  if (output === 'name') {
    const names = [...new Set(resources.map((r) => escapeTerminal(apiResourceName(r))))];
    return names.map((n) => `${n}\n`).join('');
  }
  if (resources.length === 0) return '';
  const wide = output === 'wide';
  const headers = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', 'CLUSTERS'];
  if (wide) headers.push('VERBS', 'CATEGORIES', 'MISSING');
  const rows = resources.map((r) => {
    const row = [
      r.name,
      r.shortNames.join(','),
      r.apiVersion,
      String(r.namespaced),
      r.kind,
      `${r.clusters.length}/${answered.length}`,
    ];
    if (wide) row.push(r.verbs.join(','), r.categories.join(','), r.missing.join(','));
    return row.map((c) => escapeTerminal(c));
  });
  return formatTable({ headers, rows }, { noHeaders });
}
