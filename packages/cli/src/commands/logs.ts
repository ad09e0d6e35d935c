import { Args, Flags } from '@oclif/core';
import { UsageError, type ClusterError } from '@kubectl-mc/core/errors';
import { fleetLogs, type LogEvent, type LogOptions, type LogTarget } from '@kubectl-mc/core/fleet';
import { Fleet } from '@kubectl-mc/core/fleet';
import { closeAllConnections } from '@kubectl-mc/core/transport';
import { escapeTerminal, parseDuration } from '@kubectl-mc/core/util';
import { BaseCommand, EXIT_FAILURE, EXIT_OK } from '../lib/base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../lib/flags.js';
import { clusterErrorText, EXIT_INTERRUPTED, interruptOnSigint } from '../lib/fleet.js';
import { LogPrinter, sourceErrorText } from '../lib/logs-output.js';
import { startRequestLog, verboseFlags } from '../lib/verbose.js';
import { kubectlBooleans } from '../lib/kubectl-args.js';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** POD, TYPE/NAME or `-l`, with kubectl's refusals. */
export function logTarget(args: string[], selector: string | undefined): LogTarget {
  const [first] = args;
  if (selector !== undefined && selector !== '') {
    if (first !== undefined) throw new UsageError('only a selector (-l) or a POD name is allowed');
    return { kind: 'selector', selector };
  }
  if (first === undefined || first === '') {
    throw new UsageError(
      "expected 'logs [-f] [-p] (POD | TYPE/NAME | -l SELECTOR) [-c CONTAINER]'. POD, TYPE/NAME or -l is required",
    );
  }
  const slash = first.indexOf('/');
  if (slash < 0) return { kind: 'pod', name: first };
  const type = first.slice(0, slash);
  const name = first.slice(slash + 1);
  if (type === '' || name === '' || name.includes('/'))
    throw new UsageError(`invalid resource "${first}": expected TYPE/NAME`);
  return { kind: 'object', type, name };
}

export default class Logs extends BaseCommand {
  static override summary = "Print the logs of pods' containers on many clusters, as one stream.";
  static override description = `Like "kubectl logs", on every selected cluster at once. Each line is prefixed with its source
cluster/pod/container (aligned; one colour per source on a terminal, none to a pipe or with NO_COLOR),
and every line is terminal-escaped: a pod cannot send escape sequences to your terminal. Lines of one
source stay in order; without -f each source prints as one block.

POD names one pod (a cluster without it is named on stderr; the exit code is 1 only when no cluster has
it). -l SELECTOR takes every matching pod of every cluster (--tail defaults to 10, as kubectl). TYPE/NAME
(deploy, rs, sts, ds, job, svc) takes EVERY pod the object's selector matches on each cluster, where
kubectl picks one. Each pod's default container is read unless -c or --all-containers.

With -f every source of every cluster streams at once into one live stream; a stream that drops resumes
from the time of its last line, without repeating or losing lines, and says so on stderr. Ctrl-C ends it
(exit 130). --max-log-requests bounds the requests per cluster (kubectl's default 5); with -f a cluster
with more sources than that is refused, as kubectl refuses. Clusters that are down or forbid it are named
on stderr, the others print; exit 1 when any cluster or source failed, 2 for usage errors.`;
  static override examples = [
    '<%= config.bin %> logs -l app=payment -n production --all-clusters',
    '<%= config.bin %> logs -l app=payment -n production --all-clusters -f',
    '<%= config.bin %> logs deploy/payment -n production --clusters "*-prod" --tail 20',
    '<%= config.bin %> logs sts/postgres -n production --all-containers --context us-east-prod',
    '<%= config.bin %> logs payment-7c9f8-x2k4q -n production --all-clusters --previous',
    '<%= config.bin %> logs -l app=api -n production --all-clusters --since 10m --timestamps',
  ];
  static override strict = false;
  static override args = {
    target: Args.string({ description: 'POD or TYPE/NAME (or use -l).', required: false }),
    container: Args.string({ description: 'Container (as -c).', required: false }),
  };
  static override flags = {
    namespace: Flags.string({
      char: 'n',
      description: "Namespace (default: the context's namespace, else default).",
    }),
    selector: Flags.string({ char: 'l', description: 'Label selector, e.g. app=payment,tier!=cache.' }),
    container: Flags.string({ char: 'c', description: 'Print the logs of this container.' }),
    'all-containers': Flags.boolean({
      description: 'Every container of each pod (init containers first, as kubectl).',
      default: false,
    }),
    follow: Flags.boolean({
      char: 'f',
      description: 'Stream new lines from every source until Ctrl-C.',
      default: false,
    }),
    tail: Flags.integer({
      description: 'Lines of recent log to print per source; -1 all (default: -1, or 10 with -l).',
      default: -1,
    }),
    since: Flags.string({ description: 'Only lines newer than this duration, e.g. 5s, 2m, 3h.' }),
    'since-time': Flags.string({ description: 'Only lines after this time (RFC 3339).' }),
    previous: Flags.boolean({
      char: 'p',
      description: 'The previous terminated container instance.',
      default: false,
    }),
    timestamps: Flags.boolean({ description: "Keep each line's timestamp (RFC3339Nano).", default: false }),
    'limit-bytes': Flags.integer({ description: 'At most this many bytes of log per source.', min: 1 }),
    'max-log-requests': Flags.integer({
      description: 'Per cluster: log requests at once; with -f the most streams (kubectl default 5).',
      default: 5,
      min: 1,
    }),
    ...kubeconfigFlags,
    ...clusterFlags,
    ...verboseFlags,
  };

  async run(): Promise<void> {
    this.argv = kubectlBooleans(this.argv, ['all-containers', 'follow', 'previous', 'timestamps']);
    const { flags, argv } = await this.parse(Logs);
    startRequestLog(flags.v);
    const args = argv as string[];
    if (args.length > 2) throw new UsageError(`unexpected arguments: ${args.slice(2).join(' ')}`);
    const target = logTarget(args, flags.selector);
    const container = flags.container ?? args[1];
    if (container !== undefined && flags['all-containers'])
      throw new UsageError('--all-containers=true should not be specified with container name');
    if (flags.since !== undefined && flags['since-time'] !== undefined)
      throw new UsageError('at most one of `sinceTime` or `sinceSeconds` may be specified');
    if (flags['since-time'] !== undefined && !RFC3339.test(flags['since-time']))
      throw new UsageError(
        `--since-time must be RFC 3339 (e.g. 2024-06-01T10:00:00Z): ${flags['since-time']}`,
      );
    const sinceMs = flags.since === undefined ? undefined : parseDuration(flags.since, '--since');
    const tail = flags.tail >= 0 ? flags.tail : target.kind === 'selector' ? 10 : undefined;

    const sel = await selectionFromFlags(flags);
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${escapeTerminal(w)}`);
    const namespaces = new Map(sel.infos.map((c) => [c.name, flags.namespace ?? c.namespace ?? 'default']));
    const sigint = interruptOnSigint();
    const opts: LogOptions = {
      namespace: (ctx) => namespaces.get(ctx) ?? 'default',
      follow: flags.follow,
      allContainers: flags['all-containers'],
      previous: flags.previous,
      timestamps: flags.timestamps,
      maxLogRequests: flags['max-log-requests'],
      timeoutMs: sel.timeoutMs,
      concurrency: sel.concurrency,
      signal: sigint.signal,
      ...(container !== undefined ? { container } : {}),
      ...(tail !== undefined ? { tailLines: tail } : {}),
      ...(sinceMs !== undefined ? { sinceSeconds: Math.max(1, Math.ceil(sinceMs / 1000)) } : {}),
      ...(flags['since-time'] !== undefined ? { sinceTime: flags['since-time'] } : {}),
      ...(flags['limit-bytes'] !== undefined ? { limitBytes: flags['limit-bytes'] } : {}),
    };
    const fleet = new Fleet(sel.loaded, sel.contexts, { timeoutMs: sel.timeoutMs });
    let result: { failed: boolean; sources: number };
    try {
      result = await this.print(fleetLogs(fleet, target, opts), target, () => sigint.interrupted());
    } finally {
      sigint.dispose();
      closeAllConnections();
    }
    if (sigint.interrupted()) this.exit(EXIT_INTERRUPTED);
    if (result.sources === 0 && !result.failed && target.kind !== 'pod') {
      this.errLine(`No resources found in ${escapeTerminal(flags.namespace ?? 'the selected')} namespace.`);
    }
    this.exit(result.failed ? EXIT_FAILURE : EXIT_OK);
  }

  /** Print every event; whether anything failed, and how many sources there were. */
  private async print(
    events: AsyncIterable<LogEvent>,
    target: LogTarget,
    interrupted: () => boolean,
  ): Promise<{ failed: boolean; sources: number }> {
    const printer = new LogPrinter();
    let failed = false;
    let sources = 0;
    const missing: ClusterError[] = [];
    for await (const ev of events) {
      switch (ev.type) {
        case 'sources':
          sources += ev.sources.length;
          printer.addSources(ev.sources);
          break;
        case 'lines':
          await printer.write(printer.format(ev.source, ev.lines));
          break;
        case 'reconnecting':
          this.errLine(
            `warning: ${sourceErrorText(ev.source, ev.error)}; log stream dropped, resuming${ev.since ? ` from ${escapeTerminal(ev.since)}` : ''}`,
          );
          break;
        case 'source-error':
          failed = true;
          this.errLine(`error: ${sourceErrorText(ev.source, ev.error)}`);
          break;
        case 'cluster-error':
          if (ev.error.kind === 'Cancelled' && interrupted()) break;
          // a pod by name lives on some clusters only: the others are named, not failures
          if (target.kind === 'pod' && ev.error.kind === 'NotFound') missing.push(ev.error);
          else failed = true;
          this.errLine(`error: ${clusterErrorText(ev.error)}`);
          break;
        case 'end':
          break;
      }
    }
    if (target.kind === 'pod' && sources === 0 && missing.length > 0) failed = true;
    return { failed, sources };
  }
}
