import { Flags } from '@oclif/core';
import { BaseCommand } from '../../lib/base.js';
import {
  changeFlags,
  openFleet,
  parseTarget,
  planAndChange,
  rolloutArgs,
  rolloutFlags,
} from '../../lib/rollout.js';

export default class RolloutUndo extends BaseCommand {
  static override summary =
    'Roll a Deployment back to an earlier revision on many clusters (kubectl rollout undo).';
  static override description = `Like "kubectl rollout undo": on every selected cluster, the Deployment's pod template goes back to the
one of an earlier revision (its ReplicaSet's, read as kubectl reads the revision history) — the previous
revision, or --to-revision. Revisions are numbered per cluster, so the plan shows, per cluster, the revision
it goes from and to and the image change. A cluster whose template already matches is left unchanged
("skipped rollback"), a paused Deployment or a missing revision is refused, as kubectl does. Then one
question (--yes skips it), the change with kubectl's own patch, and a result table. Exit 1 when any cluster
failed.`;
  static override examples = [
    '<%= config.bin %> rollout undo deployment/payment -n production --all-clusters',
    '<%= config.bin %> rollout undo deploy/payment -n production --to-revision=3 --clusters us-east-prod --yes',
  ];
  static override args = rolloutArgs;
  static override flags = {
    'to-revision': Flags.integer({
      description: 'The revision to roll back to (default 0: the previous revision).',
      default: 0,
      min: 0,
    }),
    ...changeFlags,
    ...rolloutFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RolloutUndo);
    const target = { ...parseTarget('undo', args.resource, args.name), toRevision: flags['to-revision'] };
    return this.exit(await planAndChange('undo', target, flags, await openFleet(flags)));
  }
}
