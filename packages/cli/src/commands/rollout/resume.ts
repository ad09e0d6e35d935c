import { BaseCommand } from '../../lib/base.js';
import {
  changeFlags,
  openFleet,
  parseTarget,
  planAndChange,
  rolloutArgs,
  rolloutFlags,
} from '../../lib/rollout.js';

export default class RolloutResume extends BaseCommand {
  static override summary = 'Resume a paused Deployment on many clusters (kubectl rollout resume).';
  static override description = `Like "kubectl rollout resume": clears spec.paused on every selected cluster, after a plan (a Deployment that
is not paused is left unchanged) and one question (--yes skips it). The rollout then goes on. Exit 1 when any
cluster failed.`;
  static override examples = [
    '<%= config.bin %> rollout resume deployment/payment -n production --all-clusters --yes',
  ];
  static override args = rolloutArgs;
  static override flags = { ...changeFlags, ...rolloutFlags };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RolloutResume);
    const target = parseTarget('resume', args.resource, args.name);
    return this.exit(await planAndChange('resume', target, flags, await openFleet(flags)));
  }
}
