import { Args, Flags } from '@oclif/core';
import { ClusterError, UsageError } from '@kubectl-mc/core/errors';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { closeAllConnections, getConnection } from '@kubectl-mc/core/transport';
import { ClusterApi, type ListOptions } from '@kubectl-mc/core/api';
import { needsObjects, parseSortBy, PrinterError } from '@kubectl-mc/core/render';
import { BaseCommand, EXIT_FAILURE, EXIT_OK } from '../lib/base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags } from '../lib/flags.js';
import { runRaw } from '../lib/get-raw.js';
import { filesRequest, filesTask, foundCount, mergeRuns, watchOne, withKinds } from '../lib/get-files.js';
import { serverVersionCheck } from '../lib/get-version.js';
import { printSelectionWarnings } from '../lib/get-warnings.js';
import { kubectlBooleans } from '../lib/kubectl-args.js';
import { outputOf, parsePrinter, parseRequest } from '../lib/get-args.js';
import { startRequestLog, verboseFlags } from '../lib/verbose.js';
import { clusterErrorText, EXIT_INTERRUPTED, fanOutWithProgress, interruptOnSigint } from '../lib/fleet.js';
import {
  escapeTemplateOutput,
  expandCategories,
  noResourcesMessage,
  printResults,
} from '../lib/get-output.js';
import type { TypeResult } from '../lib/get-output.js';
import { watchResults } from '../lib/get-watch.js';
import { typesTask, withClientSideTables } from '../lib/get-task.js';

export default class Get extends BaseCommand {
  static override summary = 'Display resources from many clusters in one table.';
  static override description = `Like "kubectl get", on every selected cluster at once. Tables use each API server's own columns
(server-side printing), with a CLUSTER column first; -o json|yaml prints one v1 List whose items carry the
annotation kubectl-mc.io/context, and -o jsonpath/go-template run over that List as kubectl's printers
do (custom-columns put CLUSTER first). Clusters that fail are named on stderr after what did answer; the exit
code is 1 when any failed (0 with --ignore-failures), 2 for usage errors.`;
  static override examples = [
    '<%= config.bin %> get pods --all-clusters',
    '<%= config.bin %> get deploy,svc -n web --clusters "*-prod"',
    '<%= config.bin %> get pods -A -l app=api -o wide --exclude dev-cluster',
    '<%= config.bin %> get nodes --all-clusters -o json',
    `<%= config.bin %> get pods -A --all-clusters -o 'jsonpath={range .items[*]}{.metadata.annotations.kubectl-mc\\.io/context}{"\\t"}{.metadata.name}{"\\n"}{end}'`,
    '<%= config.bin %> get deploy --all-clusters -o custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas',
    '<%= config.bin %> get pods -A --all-clusters --sort-by .metadata.creationTimestamp',
    '<%= config.bin %> get pods -w --clusters us-east-prod,eu-west-prod',
    '<%= config.bin %> get -f manifests/ -R --all-clusters',
  ];
  static override strict = false;
  static override args = {
    type: Args.string({
      description: 'Resource type(s), comma-separated (pods, deploy, svc, CRD names…), or TYPE/NAME.',
      required: false,
      // never the piped stdin (oclif's default for a missing argument): `-f -` reads it
      ignoreStdin: true,
    }),
    names: Args.string({
      description: 'Names of objects of the type (optional).',
      required: false,
      ignoreStdin: true,
    }),
  };
  static override flags = {
    namespace: Flags.string({
      char: 'n',
      description: "Namespace (default: the context's namespace, else default).",
    }),
    'all-namespaces': Flags.boolean({
      char: 'A',
      description: 'List across all namespaces.',
      default: false,
    }),
    filename: Flags.string({
      char: 'f',
      description:
        'Get the objects these manifests name: a file, a directory of .yaml/.yml/.json, or - for stdin.',
      multiple: true,
      multipleNonGreedy: true,
    }),
    recursive: Flags.boolean({
      char: 'R',
      description: 'With -f: process directories recursively.',
      default: false,
    }),
    selector: Flags.string({ char: 'l', description: 'Label selector, e.g. app=web,tier!=cache.' }),
    'field-selector': Flags.string({ description: 'Field selector, e.g. status.phase=Running.' }),
    output: Flags.string({
      char: 'o',
      description:
        'Output format: wide, json, yaml, name, jsonpath=…, jsonpath-as-json=…, jsonpath-file=…, custom-columns=…, custom-columns-file=…, go-template=…, go-template-file=…, template=…, templatefile=….',
    }),
    template: Flags.string({
      description:
        'Template string or path to template file to use when -o is a template or jsonpath format.',
    }),
    'allow-missing-template-keys': Flags.boolean({
      description: 'If true, ignore missing fields or map keys in templates (jsonpath, go-template).',
      default: true,
      allowNo: true,
    }),
    'server-print': Flags.boolean({
      description:
        "If true (default), tables show the server's columns; false: kubectl's client-side NAME and AGE.",
      default: true,
      allowNo: true,
    }),
    'no-cluster-column': Flags.boolean({
      description: 'With -o custom-columns: no CLUSTER column first.',
      default: false,
    }),
    'no-headers': Flags.boolean({ description: 'Do not print table headers.', default: false }),
    'show-labels': Flags.boolean({ description: 'Show all labels as the last column.', default: false }),
    'label-columns': Flags.string({
      char: 'L',
      description: 'Label keys to show as columns (comma-separated, repeatable), e.g. -L app,tier.',
      multiple: true,
      delimiter: ',',
    }),
    'show-kind': Flags.boolean({
      description: 'List the resource type with each name (pod/x), even for one type.',
      default: false,
    }),
    'show-managed-fields': Flags.boolean({
      description:
        'Keep metadata.managedFields in JSON, YAML and template output (stripped by default, as kubectl does).',
      default: false,
    }),
    'ignore-not-found': Flags.boolean({
      description: 'Named objects a cluster does not have are not an error (nothing printed for them).',
      default: false,
    }),
    'chunk-size': Flags.integer({
      description: 'List large collections in pages of this many items (0: one request).',
      default: 500,
      min: 0,
    }),
    watch: Flags.boolean({
      char: 'w',
      description: 'After listing, watch for changes (until Ctrl-C).',
      default: false,
    }),
    'watch-only': Flags.boolean({
      description: 'Watch for changes without printing the list first.',
      default: false,
    }),
    'output-watch-events': Flags.boolean({
      description: 'With -w: print the event type (ADDED, MODIFIED, DELETED) with each change.',
      default: false,
    }),
    'sort-by': Flags.string({
      description: 'Sort across clusters by a JSONPath on the object, e.g. {.metadata.name}.',
    }),
    raw: Flags.string({
      description:
        'GET this URL path on every selected cluster and print the bodies as sent (headed by "=== <context> ===" when more than one).',
    }),
    'match-server-version': Flags.boolean({
      description:
        "Require each server's version to match the client's (the kubectl on PATH), as kubectl does.",
      default: false,
    }),
    'ignore-failures': Flags.boolean({
      description: 'Exit 0 even when some clusters failed (they are still named).',
      default: false,
    }),
    ...kubeconfigFlags,
    ...clusterFlags,
    ...verboseFlags,
  };

  async run(): Promise<void> {
    this.argv = kubectlBooleans(
      this.argv,
      ['allow-missing-template-keys', 'server-print'],
      [
        'show-kind',
        'show-labels',
        'show-managed-fields',
        'ignore-not-found',
        'no-headers',
        'watch',
        'watch-only',
        'output-watch-events',
        'match-server-version',
      ],
    );
    // kubectl ends a watch at --request-timeout when one is given (its default is no timeout at all).
    const watchDeadline = this.argv.some(
      (a) => a === '--request-timeout' || a.startsWith('--request-timeout='),
    );
    const parsed = await this.parse(Get);
    const { argv } = parsed;
    const flags = { ...parsed.flags, watch: parsed.flags.watch || parsed.flags['watch-only'] };
    // kubectl prints several objects of -f -w, then refuses to watch them (exit 1)
    let watchRefused = false;
    startRequestLog(flags.v);
    if (flags.raw !== undefined)
      return this.exit(await runRaw(flags.raw, argv as string[], flags, (l) => this.errLine(l)));
    const printer = parsePrinter(flags);
    const output = outputOf(printer);
    const read = flags.filename?.length
      ? await filesRequest(flags.filename, {
          recursive: flags.recursive,
          args: argv as string[],
          namespace: flags.namespace,
        })
      : undefined;
    // -w of the one object a manifest names watches it as `get TYPE NAME -w` does
    const watched = read && flags.watch ? watchOne(read) : undefined;
    if (read && flags.watch && !watched) {
      watchRefused = true;
      flags.watch = false;
    }
    const files = watched ? undefined : read;
    const request = watched?.request ?? files?.request ?? parseRequest(argv as string[]);
    const sortPath = flags['sort-by'] ? parseSortBy(flags['sort-by']) : undefined;
    if (flags.watch && request.types.length > 1) {
      throw new UsageError('watch is only supported on a single resource type');
    }
    if (flags.watch && sortPath) throw new UsageError('--watch cannot be combined with --sort-by');
    if (flags.watch && [...request.names.values()].flat().length > 1) {
      throw new UsageError('you may only watch a single resource or type of resource at a time');
    }
    if (flags.watch && !flags['server-print'])
      throw new UsageError('--server-print=false with -w is not supported yet');
    if (flags.namespace !== undefined && flags.namespace === '')
      throw new UsageError('--namespace must not be empty');

    const sel = await selectionFromFlags(flags);
    printSelectionWarnings(sel, flags.v, (l) => this.errLine(l));
    const namespaces = new Map(
      sel.infos.map((c) => [c.name, watched?.namespace ?? flags.namespace ?? c.namespace ?? 'default']),
    );
    const versionCheck = await serverVersionCheck(flags['match-server-version']);
    const sigint = interruptOnSigint();
    const objects = needsObjects(printer);
    const baseOpts: ListOptions = {
      allNamespaces: flags['all-namespaces'],
      ...(flags.selector ? { labelSelector: flags.selector } : {}),
      ...(flags['field-selector'] ? { fieldSelector: flags['field-selector'] } : {}),
      ...(sortPath && !objects ? { includeObject: 'Object' as const } : {}),
      limit: flags['chunk-size'],
    };

    // A plain table of one type: each cluster's rows become text as soon as they arrive, while the
    // fan-out waits for slower clusters, and their parsed objects are dropped; the end is only layout.
    const prepared =
      (output === 'table' || output === 'wide') &&
      !sortPath &&
      !flags.watch &&
      request.types.length === 1 &&
      !flags['show-kind'] &&
      flags['server-print'] &&
      (flags['label-columns'] ?? []).length === 0;
    const prepareOpts = {
      wide: output === 'wide',
      showLabels: flags['show-labels'],
      namespaces: flags['all-namespaces'],
    };

    // -o json|yaml of whole collections: each page of objects becomes the compact JSON text of its List
    // items as it arrives, and its parsed objects are dropped (~45 MB of bytes wait for the slower
    // clusters instead of ~100 MB of objects for 20,000 pods). Sorting, watching and named objects (one
    // may print alone, not in a List) keep the objects themselves.
    const itemText =
      (output === 'json' || output === 'yaml') &&
      !sortPath &&
      !flags.watch &&
      !files &&
      [...request.names.values()].every((n) => n.length === 0)
        ? { format: output, keepManagedFields: flags['show-managed-fields'] }
        : undefined;

    const task = async (ctx: string, signal: AbortSignal): Promise<TypeResult[]> => {
      const api = new ClusterApi(await getConnection(sel.loaded, ctx));
      await versionCheck?.(api, signal);
      const opts = { ...baseOpts, namespace: namespaces.get(ctx) ?? 'default', signal };
      if (files)
        return filesTask(api, files.segments, {
          namespace: opts.namespace ?? 'default',
          objects,
          ...(sortPath ? { includeObject: 'Object' as const } : {}),
          allOrNothing:
            files.singleFile && !flags['ignore-not-found'] && output !== 'table' && output !== 'wide',
          signal,
        });
      return typesTask(api, ctx, request, opts, {
        objects,
        prepared,
        prepareOpts,
        ...(itemText ? { itemText } : {}),
      });
    };

    let failed = false;
    let templateFailed = false;
    const reportFailure = (e: ClusterError) => {
      failed = true;
      this.errLine(`error: ${clusterErrorText(e)}`);
    };

    try {
      const fetched = await fanOutWithProgress(sel, task, sigint.signal);
      const merged = files ? mergeRuns(request, fetched) : fetched;
      const results = flags['server-print'] ? merged : withClientSideTables(merged);
      const expanded = files ? withKinds(request, results) : expandCategories(results, request);
      if (flags.watch && expanded !== request) {
        throw new UsageError('you may only specify a single resource type');
      }
      const single =
        (files !== undefined || expanded === request) &&
        sel.infos.length === 1 &&
        [...request.names.values()].flat().length === 1;
      let printed = false;
      try {
        if (!flags.watch)
          printed = await printResults(results, expanded, output, flags, sortPath, { printer, single });
      } catch (e) {
        if (!(e instanceof PrinterError)) throw e;
        process.stdout.write(e.output);
        printed = true;
        failed = true;
        templateFailed = true;
        // the message can quote values from a cluster (`range can't iterate over …`)
        this.errLine(`error: ${escapeTemplateOutput(e.message.replace(/\n+$/, ''))}`);
      }
      for (const r of results) {
        if (!r.ok) {
          if (r.error.kind === 'Cancelled' && sigint.interrupted()) continue;
          reportFailure(r.error);
          continue;
        }
        for (const t of r.value) {
          if (t.error) reportFailure(t.error);
          for (const n of flags['ignore-not-found'] ? [] : (t.notFound ?? [])) {
            failed = true;
            const what = t.res ? (t.res.group ? `${t.res.resource}.${t.res.group}` : t.res.resource) : t.type;
            this.errLine(
              `error: context "${escapeTerminal(r.context)}": Error from server (NotFound): ${what} "${escapeTerminal(n)}" not found`,
            );
          }
        }
      }
      if (watchRefused) {
        failed = true;
        this.errLine(
          `error: watch is only supported on individual resources and resource collections - ${foundCount(results)} resources were found`,
        );
      }
      const namedOnly = [...request.names.values()].every((n) => n.length > 0);
      // with -w, the watch prints the initial list itself (objects one by one, as kubectl's watch)
      if (!printed && !namedOnly && results.some((r) => r.ok) && !flags.watch && !sigint.interrupted()) {
        this.errLine(noResourcesMessage(results, flags['all-namespaces'], namespaces));
      }
      if (flags.watch && !sigint.interrupted()) {
        const signal =
          watchDeadline && sel.timeoutMs > 0
            ? AbortSignal.any([sigint.signal, AbortSignal.timeout(sel.timeoutMs)])
            : sigint.signal;
        const watchFailed = await watchResults(
          results,
          request,
          output,
          { ...flags, printer },
          sel.loaded,
          namespaces,
          // A watch attempt that the cluster never answers is retried after the request timeout.
          { ...baseOpts, responseTimeoutMs: sel.timeoutMs },
          signal,
          (line) => this.errLine(line),
        );
        failed = failed || watchFailed;
      }
    } finally {
      sigint.dispose();
      closeAllConnections();
    }
    if (sigint.interrupted()) this.exit(EXIT_INTERRUPTED);
    this.exit(templateFailed || (failed && !flags['ignore-failures']) ? EXIT_FAILURE : EXIT_OK);
  }
}
