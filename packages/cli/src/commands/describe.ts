import { Args, Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { closeAllConnections, getConnection } from '@kubectl-mc/core/transport';
import { ClusterApi } from '@kubectl-mc/core/api';
import { describeObjects, type ClusterDescription, type DescribeRequest } from '@kubectl-mc/core/fleet';
import { BaseCommand, EXIT_FAILURE, EXIT_OK } from '../lib/base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../lib/flags.js';
import { startRequestLog, verboseFlags } from '../lib/verbose.js';
import { clusterErrorText, EXIT_INTERRUPTED, fanOutWithProgress, interruptOnSigint } from '../lib/fleet.js';
import { kubectlBooleans } from '../lib/kubectl-args.js';
import { invokedName } from '../lib/invoked.js';

/** `TYPE [NAME…]` or `TYPE/NAME…` (one type), as kubectl describe reads them. */
export function parseDescribeArgs(argv: string[]): { type: string; names: string[]; slashForm: boolean } {
  if (argv.length === 0) {
    throw new UsageError(
      `you must specify the type of resource to describe, e.g. "${invokedName()} describe pods"`,
    );
  }
  if (argv.some((a) => a.includes('/'))) {
    let type: string | undefined;
    const names: string[] = [];
    for (const a of argv) {
      const slash = a.indexOf('/');
      if (slash <= 0 || slash === a.length - 1) {
        throw new UsageError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${invokedName()} describe resource/<resource_name>' instead of '${invokedName()} describe resource resource/<resource_name>'`,
        );
      }
      const t = a.slice(0, slash);
      if (type !== undefined && t !== type)
        throw new UsageError(`${invokedName()} describe takes one resource type at a time`);
      type = t;
      names.push(a.slice(slash + 1));
    }
    return { type: type ?? '', names, slashForm: true };
  }
  const [type, ...names] = argv as [string, ...string[]];
  if (type.includes(',')) throw new UsageError(`${invokedName()} describe takes one resource type at a time`);
  return { type, names, slashForm: false };
}

/** The line that heads each object's block: `=== <context> ===` (cluster text escaped). */
export const blockHeader = (context: string): string => `=== ${escapeTerminal(context)} ===`;

/** kubectl's text made inert on a terminal, line by line (newlines kept, every other control escaped). */
export const escapeBlock = (text: string): string => text.split('\n').map(escapeTerminal).join('\n');

export default class Describe extends BaseCommand {
  static override summary = 'Show details of objects on many clusters, as kubectl describe prints them.';
  static override description = `Like "kubectl describe", on every selected cluster at once. For each cluster that has the object(s),
one block per object, headed by a line "=== <context> ===", whose body is what "kubectl describe … --context <context>"
prints (kubectl's own describers for Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Service, ConfigMap,
Secret and Namespace, with the object's events at the end; kubectl's generic describer for every other type,
CRDs included). Secrets show sizes, never values. A cluster without the object says so in one line on stderr
("<context>: Error from server (NotFound): …"); clusters that fail are named on stderr; exit 1 when any cluster
failed or lacked a named object.`;
  static override examples = [
    '<%= config.bin %> describe deploy payment -n production --all-clusters',
    '<%= config.bin %> describe pods -l app=api -n production --clusters "*-prod"',
    '<%= config.bin %> describe svc/web -n production --show-events=false --all-clusters',
    "<%= config.bin %> describe deploy payment -n production --all-clusters | grep -E '^(=== |Replicas:)'",
  ];
  static override strict = false;
  static override args = {
    type: Args.string({
      description: 'Resource type (pods, deploy, svc, CRD names…), or TYPE/NAME.',
      required: false,
    }),
    names: Args.string({
      description: 'Names (or name prefixes) of objects of the type (optional).',
      required: false,
    }),
  };
  static override flags = {
    namespace: Flags.string({
      char: 'n',
      description: "Namespace (default: the context's namespace, else default).",
    }),
    'all-namespaces': Flags.boolean({
      char: 'A',
      description: 'Describe across all namespaces.',
      default: false,
    }),
    selector: Flags.string({ char: 'l', description: 'Label selector, e.g. app=web,tier!=cache.' }),
    'show-events': Flags.boolean({
      description: 'Print the events of each object (--show-events=false to leave them out).',
      default: true,
      allowNo: true,
    }),
    'chunk-size': Flags.integer({
      description: 'Accepted for kubectl compatibility; lists are paged by 500.',
      default: 500,
    }),
    ...kubeconfigFlags,
    ...clusterFlags,
    ...verboseFlags,
  };

  async run(): Promise<void> {
    this.argv = kubectlBooleans(this.argv, ['show-events']);
    const { flags, argv } = await this.parse(Describe);
    startRequestLog(flags.v);
    const { type, names, slashForm } = parseDescribeArgs(argv as string[]);
    if (names.length > 0 && flags.selector)
      throw new UsageError('name cannot be provided when a selector is specified');
    if (flags.namespace !== undefined && flags.namespace === '')
      throw new UsageError('--namespace must not be empty');
    const sel = await selectionFromFlags(flags);
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${escapeTerminal(w)}`);
    const namespaces = new Map(sel.infos.map((c) => [c.name, flags.namespace ?? c.namespace ?? 'default']));
    const sigint = interruptOnSigint();
    const task = async (ctx: string, signal: AbortSignal): Promise<ClusterDescription> => {
      const api = new ClusterApi(await getConnection(sel.loaded, ctx));
      const req: DescribeRequest = {
        type,
        names,
        namespace: namespaces.get(ctx) ?? 'default',
        allNamespaces: flags['all-namespaces'],
        showEvents: flags['show-events'],
        prefixMatch: !slashForm,
        ...(flags.selector ? { selector: flags.selector } : {}),
      };
      return describeObjects(api, req, signal);
    };
    let failed = false;
    try {
      const results = await fanOutWithProgress(sel, task, sigint.signal);
      const blocks: string[] = [];
      for (const r of results) {
        if (!r.ok) continue;
        for (const o of r.value.objects) blocks.push(`${blockHeader(r.context)}\n${escapeBlock(o.text)}`);
      }
      if (blocks.length > 0) process.stdout.write(`${blocks.join('\n')}`);
      for (const r of results) {
        if (!r.ok) {
          if (r.error.kind === 'Cancelled' && sigint.interrupted()) continue;
          failed = true;
          this.errLine(`error: ${clusterErrorText(r.error)}`);
          continue;
        }
        const res = r.value.resource;
        const what = res.group ? `${res.resource}.${res.group}` : res.resource;
        for (const n of r.value.notFound) {
          failed = true;
          this.errLine(
            `${escapeTerminal(r.context)}: Error from server (NotFound): ${what} "${escapeTerminal(n)}" not found`,
          );
        }
        if (names.length === 0 && r.value.objects.length === 0) {
          const where =
            flags['all-namespaces'] || !res.namespaced
              ? ''
              : ` in ${escapeTerminal(namespaces.get(r.context) ?? 'default')} namespace`;
          this.errLine(`${escapeTerminal(r.context)}: No resources found${where}.`);
        }
      }
    } finally {
      sigint.dispose();
      closeAllConnections();
    }
    if (sigint.interrupted()) this.exit(EXIT_INTERRUPTED);
    this.exit(failed ? EXIT_FAILURE : EXIT_OK);
  }
}
