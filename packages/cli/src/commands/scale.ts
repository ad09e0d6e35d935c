import { Args, Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { loadManifests, planScale, runScale } from '@kubectl-mc/core/fleet';
import { BaseCommand } from '../lib/base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../lib/flags.js';
import { confirmFlags, confirmOptionsFromFlags, failFastFlag } from '../lib/mutate-flags.js';
import { runMutation } from '../lib/mutate.js';
import { targetFlags, targetSpecFromFlags } from '../lib/target-flags.js';
import { startRequestLog, verboseFlags } from '../lib/verbose.js';

export default class Scale extends BaseCommand {
  static override summary =
    'Set the replicas of deployments, replica sets or stateful sets on many clusters.';
  static override description = `Like "kubectl scale", on every selected cluster, through the scale subresource. First a
plan: one row per cluster and object with its replicas now and after ("scale 3 -> 5"; nothing when it
already has that many; an error when --current-replicas does not match). Then one question naming the
clusters (--yes skips it; without a terminal the command refuses unless --yes; protected clusters need
their environment's name typed). Then the change, on all clusters at once, each logged to stderr with
its cluster, and a result table. Exit 1 when any cluster or object failed.`;
  static override examples = [
    '<%= config.bin %> scale deploy web --replicas=5 --clusters "*-staging"',
    '<%= config.bin %> scale deploy/web deploy/api --replicas=0 --all-clusters --dry-run=server',
    '<%= config.bin %> scale deploy web --replicas=3 --current-replicas=2 --clusters us-east-prod,eu-west-prod --yes',
  ];
  static override strict = false;
  static override args = {
    type: Args.string({ description: 'Resource type (deploy, rs, sts), or TYPE/NAME.', required: false }),
    names: Args.string({ description: 'Names of objects of the type.', required: false }),
  };
  static override flags = {
    ...targetFlags,
    replicas: Flags.integer({ description: 'The new number of replicas.', required: true, min: 0 }),
    'current-replicas': Flags.integer({
      description: 'Only scale objects that have this many replicas now (-1: any).',
      default: -1,
    }),
    'resource-version': Flags.string({
      description: 'Only scale objects whose resourceVersion is this one.',
    }),
    'dry-run': Flags.string({
      description: 'client: stop after the plan; server: the server answers each change, nothing is stored.',
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
    const { flags, argv } = await this.parse(Scale);
    startRequestLog(flags.v);
    if (flags['current-replicas'] < -1) throw new UsageError('--current-replicas must be -1 or more');
    const manifests = flags.filename
      ? await loadManifests(flags.filename, { recursive: flags.recursive })
      : undefined;
    const spec = targetSpecFromFlags(argv as string[], flags, manifests);
    const scale = {
      replicas: flags.replicas,
      currentReplicas: flags['current-replicas'],
      ...(flags['resource-version'] ? { resourceVersion: flags['resource-version'] } : {}),
    };
    const sel = await selectionFromFlags(flags);
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${w}`);
    const code = await runMutation(
      sel,
      {
        verb: 'Scale',
        past: 'scaled',
        dryRun: flags['dry-run'] as 'none' | 'server' | 'client',
        confirm: confirmOptionsFromFlags(flags),
        failFast: flags['fail-fast'],
        plan: (fleet, signal) =>
          planScale(fleet, spec, scale, {
            ...(flags.namespace ? { namespace: flags.namespace } : {}),
            signal,
          }),
        change: (fleet, plans, o) => runScale(fleet, plans, scale, o),
      },
      (l) => this.errLine(l),
    );
    return this.exit(code);
  }
}
