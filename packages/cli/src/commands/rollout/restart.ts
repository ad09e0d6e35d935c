import { BaseCommand } from '../../lib/base.js';
import {
  changeFlags,
  openFleet,
  parseTarget,
  planAndChange,
  rolloutArgs,
  rolloutFlags,
} from '../../lib/rollout.js';

export default class RolloutRestart extends BaseCommand {
  static override summary =
    'Restart a workload on many clusters (kubectl rollout restart), after a plan and one question.';
  static override description = `Like "kubectl rollout restart": sets the pod template annotation kubectl.kubernetes.io/restartedAt to now on
every selected cluster (Deployments, DaemonSets, StatefulSets), which rolls every pod. First a plan (one row
per cluster; a paused Deployment is refused, as kubectl refuses it), then one question (--yes skips it; without
a terminal the command refuses unless --yes), then the change on all clusters at once and a result table. Exit 1
when any cluster failed.`;
  static override examples = [
    '<%= config.bin %> rollout restart deployment/payment -n production --all-clusters',
    '<%= config.bin %> rollout restart deploy/web -n production --clusters "*-prod" --yes',
  ];
  static override args = rolloutArgs;
  static override flags = { ...changeFlags, ...rolloutFlags };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RolloutRestart);
    const target = parseTarget('restart', args.resource, args.name);
    return this.exit(await planAndChange('restart', target, flags, await openFleet(flags)));
  }
}
