import { Args, Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { escapeTerminal } from '@kubectl-mc/core/util';
import {
  classifyKubectlArgs,
  describeForeachResult,
  findKubectl,
  foreachContext,
  worstExitStatus,
  writeHubKubeconfig,
  type ForeachResult,
} from '@kubectl-mc/core/fleet';
import { BaseCommand, EXIT_FAILURE } from '../lib/base.js';
import { PROCESS_CONCURRENCY } from '@kubectl-mc/core/fanout';
import {
  clusterFlags,
  concurrencyFlag,
  kubeconfigFlags,
  selectionFromFlags,
  selectionWarnings,
} from '../lib/flags.js';
import { clusterErrorText, EXIT_INTERRUPTED, interruptOnSigint } from '../lib/fleet.js';
import { confirm } from '../lib/confirm.js';
import { confirmFlags, confirmOptionsFromFlags } from '../lib/mutate-flags.js';
import { linePrinter } from '../lib/foreach-output.js';

/** Flags foreach sets on every kubectl it runs; given after `--` they would fight with ours. */
const OWN_FLAGS = ['--context', '--kubeconfig'];

export default class Foreach extends BaseCommand {
  static override summary = 'Run the real kubectl on every selected cluster at once, output prefixed.';
  static override description = `Everything after "--" goes to kubectl, once per selected context, in parallel, with
"--context <ctx>" added (and "--kubeconfig <file>" when --kubeconfig was given; otherwise kubectl reads
KUBECONFIG as this command did). Each line kubectl prints is prefixed with its cluster, padded to the
longest name: stdout lines on stdout, stderr lines on stderr, one colour per cluster on a terminal.
kubectl gets no stdin. A kubectl still running at --request-timeout (default 1m here; 0 = none) is
stopped (SIGTERM, then SIGKILL) and named as timed out; Ctrl-C stops them all and exits 130.

Before a command that can change something (anything but get, describe, logs, top, events, explain,
api-resources, api-versions, version, cluster-info, diff, wait, auth can-i/whoami, rollout
status/history, config view…, or --dry-run=client|server) the clusters are listed and the question
"Continue? [y/N]" is asked; --yes skips it, and without a terminal the command refuses unless --yes
is given. Plugins and unknown verbs count as changing.

Clusters that did not exit 0 are named on stderr; the exit code is the highest of all (124 for a
timeout, 128+N for a kubectl killed by signal N). KUBECTL_MC_KUBECTL names the kubectl binary to run.`;
  static override examples = [
    '<%= config.bin %> foreach --all-clusters -- get ns',
    '<%= config.bin %> foreach --clusters "*-prod" -- auth can-i list pods',
    '<%= config.bin %> foreach --all-clusters -- exec deploy/web -c app -- cat /etc/os-release',
    '<%= config.bin %> foreach --clusters "*-prod" --yes -- rollout restart deploy/web -n shop',
    'KUBECTL_MC_KUBECTL=kubectl1.30 <%= config.bin %> foreach --all-clusters -- version',
  ];
  static override strict = false;
  static override args = {
    'kubectl-args': Args.string({
      description: 'What kubectl runs with, after "--" (e.g. -- get pods -n web).',
      required: false,
    }),
  };
  static override flags = {
    ...confirmFlags,
    yes: Flags.boolean({
      char: 'y',
      description: 'Run a command that can change clusters without asking first.',
      default: false,
    }),
    ...kubeconfigFlags,
    ...clusterFlags,
    concurrency: concurrencyFlag(PROCESS_CONCURRENCY),
    'request-timeout': Flags.string({
      description:
        'Per-cluster deadline for kubectl, a duration (e.g. 30s, 5m; a bare number is seconds; 0 = none).',
      default: '1m',
      helpGroup: 'CLUSTERS',
    }),
  };

  async run(): Promise<void> {
    // flags after `--` are kubectl's, never ours
    const dd = this.argv.indexOf('--');
    const kubectlArgs = dd === -1 ? [] : this.argv.slice(dd + 1);
    this.argv = dd === -1 ? this.argv : this.argv.slice(0, dd);
    const { flags, args, argv } = await this.parse(Foreach);
    const stray = [...new Set([args['kubectl-args'], ...(argv as string[])])].filter(
      (a): a is string => a !== undefined,
    );
    if (dd === -1 || stray.length > 0) {
      throw new UsageError(
        `kubectl's arguments go after "--": ${this.config.bin} foreach [flags] -- ${stray.length > 0 ? stray.join(' ') : 'get pods'}`,
      );
    }
    if (kubectlArgs.length === 0) throw new UsageError('no kubectl arguments after "--"');
    const own = kubectlArgs.slice(0, kubectlArgs.includes('--') ? kubectlArgs.indexOf('--') : undefined);
    const clash = own.find((a) => OWN_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)));
    if (clash !== undefined) {
      throw new UsageError(
        `${clash.split('=')[0] ?? clash} is set by foreach for each cluster: give it before "--" (--context, --clusters, --kubeconfig)`,
      );
    }
    const sel = await selectionFromFlags(flags);
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${escapeTerminal(w)}`);
    const kubectl = findKubectl(process.env);
    if (kubectl === undefined) {
      const named = process.env['KUBECTL_MC_KUBECTL'];
      this.errLine(
        named
          ? `error: KUBECTL_MC_KUBECTL=${escapeTerminal(named)} is not an executable; foreach runs it for each cluster`
          : 'error: kubectl not found on PATH; foreach runs it for each cluster',
      );
      this.exit(EXIT_FAILURE);
    }

    const verb = classifyKubectlArgs(kubectlArgs);
    if (!verb.readOnly) {
      const names = sel.contexts.map((c) => escapeTerminal(c)).join(', ');
      const what = escapeTerminal(`kubectl ${kubectlArgs.join(' ')}`);
      const n = sel.contexts.length;
      const ok = await confirm({
        question: `"${what}" can change clusters; it will run on ${n} cluster${n === 1 ? '' : 's'}: ${names}. Continue?`,
        contexts: sel.contexts,
        ...confirmOptionsFromFlags(flags),
      });
      if (!ok) {
        this.errLine('Nothing was run.');
        this.exit(EXIT_FAILURE);
      }
    }

    // A hub's clusters are in no kubeconfig: kubectl gets a private one naming each provider's plugin.
    const hubFile = sel.hub ? writeHubKubeconfig(sel.hub, sel.contexts) : undefined;
    for (const e of hubFile?.errors ?? []) this.errLine(`error: ${clusterErrorText(e)}`);
    const contexts = hubFile ? hubFile.contexts : sel.contexts;
    const out = linePrinter(contexts, process.stdout);
    const err = linePrinter(contexts, process.stderr);
    const sigint = interruptOnSigint();
    let results: ForeachResult[];
    try {
      results = await foreachContext(contexts, {
        kubectl,
        args: kubectlArgs,
        kubeconfig: hubFile ? hubFile.path : flags.kubeconfig,
        concurrency: sel.concurrency,
        timeoutMs: sel.timeoutMs,
        signal: sigint.signal,
        onLine: (l) => {
          if (l.stream === 'stdout') process.stdout.write(out.format(l.context, l.text));
          else process.stderr.write(err.format(l.context, l.text));
        },
      });
    } finally {
      sigint.dispose();
      hubFile?.dispose();
    }
    if (sigint.interrupted()) this.exit(EXIT_INTERRUPTED);
    for (const r of results) {
      const why = describeForeachResult(r, sel.timeoutMs);
      if (why !== undefined) this.errLine(`error: context "${escapeTerminal(r.context)}": ${why}`);
    }
    this.exit(Math.max(worstExitStatus(results), hubFile && hubFile.errors.length > 0 ? EXIT_FAILURE : 0));
  }
}
