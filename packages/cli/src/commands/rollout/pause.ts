import { BaseCommand } from '../../lib/base.js';
import {
  changeFlags,
  openFleet,
  parseTarget,
  planAndChange,
  rolloutArgs,
  rolloutFlags,
} from '../../lib/rollout.js';

export default class RolloutPause extends BaseCommand {
  static override summary = 'Pause the rollout of a Deployment on many clusters (kubectl rollout pause).';
  static override description = `Like "kubectl rollout pause": sets spec.paused on every selected cluster, after a plan (a Deployment already
paused is left unchanged) and one question (--yes skips it). Changes to a paused Deployment's template make no
new ReplicaSet until it is resumed. Exit 1 when any cluster failed.`;
  static override examples = [
    '<%= config.bin %> rollout pause deployment/payment -n production --all-clusters',
  ];
  static override args = rolloutArgs;
  static override flags = { ...changeFlags, ...rolloutFlags };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RolloutPause);
    const target = parseTarget('pause', args.resource, args.name);
    return this.exit(await planAndChange('pause', target, flags, await openFleet(flags)));
  }
}
