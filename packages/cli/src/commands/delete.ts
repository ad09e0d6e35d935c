import { Args, Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { loadManifests, planDelete, runDelete, type Cascade } from '@kubectl-mc/core/fleet';
import { parseDuration } from '@kubectl-mc/core/util';
import { BaseCommand } from '../lib/base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../lib/flags.js';
import { confirmFlags, confirmOptionsFromFlags, failFastFlag } from '../lib/mutate-flags.js';
import { runMutation } from '../lib/mutate.js';
import { targetFlags, targetSpecFromFlags } from '../lib/target-flags.js';
import { startRequestLog, verboseFlags } from '../lib/verbose.js';

export default class Delete extends BaseCommand {
  static override summary = 'Delete objects on many clusters, after a plan and one question.';
  static override description = `Like "kubectl delete", on every selected cluster. Objects are named as kubectl names
them: TYPE NAME..., TYPE/NAME..., TYPE -l SELECTOR, TYPE --all, or -f FILE. First a plan: one row per
cluster and object found there (what exists where; a name a cluster lacks is "not found"). Then one
question naming the clusters (--yes skips it; without a terminal the command refuses unless --yes;
protected clusters need their environment's name typed). Then the delete, on all clusters at once,
each deletion logged to stderr with its cluster, and a result table. A failure on one cluster does not
stop the others unless --fail-fast; the exit code is 1 when any cluster or object failed.`;
  static override examples = [
    '<%= config.bin %> delete deploy web --clusters "*-staging"',
    '<%= config.bin %> delete configmap -l app=old --all-clusters --dry-run=server',
    '<%= config.bin %> delete -f deploy.yaml --clusters us-east-prod,eu-west-prod --cascade=foreground',
    '<%= config.bin %> delete pod/web-1 pod/web-2 --grace-period=0 --wait=false --yes',
  ];
  static override strict = false;
  static override args = {
    type: Args.string({ description: 'Resource type (pods, deploy, …), or TYPE/NAME.', required: false }),
    names: Args.string({ description: 'Names of objects of the type.', required: false }),
  };
  static override flags = {
    ...targetFlags,
    cascade: Flags.string({
      description:
        'What happens to dependents: background (deleted after), foreground (deleted first), orphan (kept).',
      options: ['background', 'foreground', 'orphan', 'true', 'false'],
      default: 'background',
    }),
    'grace-period': Flags.integer({
      description: "Seconds given to terminate; -1: the object's default; 0: at once (pods).",
      default: -1,
    }),
    'ignore-not-found': Flags.boolean({
      description: 'Exit 0 even when no selected cluster has the named objects.',
      default: false,
    }),
    now: Flags.boolean({ description: 'Same as --grace-period=1.', default: false }),
    wait: Flags.boolean({
      description: 'Wait until the objects are gone (default true; --wait=false does not).',
      default: true,
      allowNo: true,
    }),
    timeout: Flags.string({
      description: 'How long --wait waits per cluster (e.g. 30s, 5m).',
      default: '5m',
    }),
    'dry-run': Flags.string({
      description: 'client: stop after the plan; server: the server answers each delete, nothing is deleted.',
      options: ['none', 'server', 'client'],
      default: 'none',
    }),
    ...confirmFlags,
    ...failFastFlag,
    ...kubeconfigFlags,
    ...clusterFlags,
    ...verboseFlags,
  };

  async run(): Promise<void> {
    this.argv = this.argv.map((a) =>
      a === '--wait=false' ? '--no-wait' : a === '--wait=true' ? '--wait' : a,
    );
    const { flags, argv } = await this.parse(Delete);
    startRequestLog(flags.v);
    const cascade =
      ({ true: 'background', false: 'orphan' } as Record<string, Cascade>)[flags.cascade] ??
      (flags.cascade as Cascade);
    if (flags.now && flags['grace-period'] >= 0)
      throw new UsageError('--now and --grace-period cannot be specified together');
    const grace = flags.now ? 1 : flags['grace-period'];
    const manifests = flags.filename
      ? await loadManifests(flags.filename, { recursive: flags.recursive })
      : undefined;
    const spec = targetSpecFromFlags(argv as string[], flags, manifests);
    const sel = await selectionFromFlags(flags);
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${w}`);
    const waitMs = flags.wait ? parseDuration(flags.timeout, '--timeout') : 0;
    const code = await runMutation(
      sel,
      {
        verb: 'Delete',
        past: 'deleted',
        dryRun: flags['dry-run'] as 'none' | 'server' | 'client',
        confirm: confirmOptionsFromFlags(flags),
        failFast: flags['fail-fast'],
        ignoreNotFound: flags['ignore-not-found'],
        plan: (fleet, signal) =>
          planDelete(fleet, spec, { ...(flags.namespace ? { namespace: flags.namespace } : {}), signal }),
        change: (fleet, plans, o) =>
          runDelete(fleet, plans, {
            cascade,
            gracePeriodSeconds: grace,
            wait: flags.wait,
            dryRun: o.dryRun,
            failFast: o.failFast,
            signal: o.signal,
            onChanged: o.onChanged,
            ...(waitMs > 0 ? { timeoutMs: sel.timeoutMs + waitMs } : {}),
          }),
      },
      (l) => this.errLine(l),
    );
    return this.exit(code);
  }
}
