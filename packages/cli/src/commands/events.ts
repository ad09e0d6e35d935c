import { Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { closeAllConnections } from '@kubectl-mc/core/transport';
import {
  clusterEvents,
  Fleet,
  mergeResults,
  parseEventTypes,
  parseForObject,
  watchEvents,
  type EventsOptions,
} from '@kubectl-mc/core/fleet';
import { BaseCommand, EXIT_FAILURE, EXIT_OK } from '../lib/base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../lib/flags.js';
import { startRequestLog, verboseFlags } from '../lib/verbose.js';
import { clusterErrorText, EXIT_INTERRUPTED, fanOutWithProgress, interruptOnSigint } from '../lib/fleet.js';
import { EventPrinter, noEventsMessage, type EventsOutput } from '../lib/events-output.js';

export default class Events extends BaseCommand {
  static override summary =
    'List events from many clusters in one table, sorted by when they were last seen.';
  static override description = `Like "kubectl events", on every selected cluster at once: one table with a CLUSTER column first,
then kubectl events' own columns (NAMESPACE with -A, LAST SEEN, TYPE, REASON, OBJECT, MESSAGE), sorted by
last seen across the whole fleet, oldest first. --for TYPE/NAME is resolved on each cluster. -w prints the
list, then new and changed events from every cluster as they come. Clusters that fail are named on stderr
after what did answer; the exit code is 1 when any failed, 2 for usage errors, 130 after Ctrl-C.`;
  static override examples = [
    '<%= config.bin %> events -A --all-clusters',
    '<%= config.bin %> events -n production --for deploy/api --clusters "*-prod"',
    '<%= config.bin %> events -A --types Warning --all-clusters',
    '<%= config.bin %> events -A -w --clusters us-east-prod,eu-west-prod',
    '<%= config.bin %> events -A -o yaml --context staging',
  ];
  static override flags = {
    namespace: Flags.string({
      char: 'n',
      description: "Namespace (default: the context's namespace, else default).",
    }),
    'all-namespaces': Flags.boolean({
      char: 'A',
      description: 'List events across all namespaces.',
      default: false,
    }),
    for: Flags.string({
      description: 'Only the events of this object, TYPE/NAME (e.g. pod/web-1, deploy/api).',
    }),
    types: Flags.string({
      description: 'Only events of these types: Normal, Warning (comma-separated, repeatable).',
      multiple: true,
    }),
    watch: Flags.boolean({
      char: 'w',
      description: 'After listing, print new events from every cluster as they come (until Ctrl-C).',
      default: false,
    }),
    'no-headers': Flags.boolean({ description: 'Do not print table headers.', default: false }),
    output: Flags.string({
      char: 'o',
      description: 'Output format: json or yaml.',
      options: ['json', 'yaml'],
    }),
    ...kubeconfigFlags,
    ...clusterFlags,
    ...verboseFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Events);
    startRequestLog(flags.v);
    if (flags.namespace !== undefined && flags.namespace === '')
      throw new UsageError('--namespace must not be empty');
    const opts: EventsOptions = {
      allNamespaces: flags['all-namespaces'],
      ...(flags.for !== undefined ? { for: parseForObject(flags.for) } : {}),
      ...(flags.types ? { types: parseEventTypes(flags.types) } : {}),
    };
    const sel = await selectionFromFlags(flags);
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${escapeTerminal(w)}`);
    const namespaces = new Map(sel.infos.map((c) => [c.name, flags.namespace ?? c.namespace ?? 'default']));
    opts.namespace = (ctx) => namespaces.get(ctx) ?? 'default';
    const fleet = new Fleet(sel.loaded, sel.contexts, {
      timeoutMs: sel.timeoutMs,
      concurrency: sel.concurrency,
    });
    const output: EventsOutput = (flags.output as EventsOutput | undefined) ?? 'table';
    const printer = new EventPrinter(output, flags['all-namespaces'], flags['no-headers'], (s) =>
      process.stdout.write(s),
    );
    const sigint = interruptOnSigint();
    let failed = false;
    try {
      const results = await fanOutWithProgress(
        sel,
        async (ctx, signal) => clusterEvents(await fleet.api(ctx), opts, signal),
        sigint.signal,
      );
      const events = mergeResults(results);
      if (events.length > 0 || (output !== 'table' && !flags.watch)) printer.list(events, flags.watch);
      for (const r of results) {
        if (r.ok || (r.error.kind === 'Cancelled' && sigint.interrupted())) continue;
        failed = true;
        this.errLine(`error: ${clusterErrorText(r.error)}`);
      }
      if (events.length === 0 && output === 'table' && !flags.watch && results.some((r) => r.ok))
        this.errLine(noEventsMessage(flags['all-namespaces'], [...namespaces.values()]));
      if (flags.watch && !sigint.interrupted()) {
        // a cluster already named stays quiet until it recovers
        const failing = new Set(results.flatMap((r) => (r.ok ? [] : [r.context])));
        for await (const item of watchEvents((ctx) => fleet.api(ctx), sel.contexts, {
          ...opts,
          signal: sigint.signal,
          resourceVersions: new Map(
            results.flatMap((r) => (r.ok ? [[r.context, r.value.resourceVersion] as const] : [])),
          ),
          seen: new Map(results.flatMap((r) => (r.ok ? [[r.context, r.value.events] as const] : []))),
          responseTimeoutMs: sel.timeoutMs,
        })) {
          if (item.type === 'EVENT') printer.one(item.context, item.event);
          else if (item.type === 'RECOVERED') failing.delete(item.context);
          else if (!failing.has(item.context)) {
            // once per failure, not per retry
            failing.add(item.context);
            failed = true;
            this.errLine(`error: ${clusterErrorText(item.error)}`);
          }
        }
      }
    } finally {
      sigint.dispose();
      fleet.close();
      closeAllConnections();
    }
    if (sigint.interrupted()) this.exit(EXIT_INTERRUPTED);
    this.exit(failed ? EXIT_FAILURE : EXIT_OK);
  }
}
