import { defaultStateDir, isRunId, readRun, resumeRun } from '@kubectl-mc/core/fleet';
import { BaseCommand } from '../../lib/base.js';
import { interruptOnSigint } from '../../lib/fleet.js';
import { followRun } from '../../lib/pipeline-run.js';
import { stateDirFlag } from '../../lib/pipeline-run-flags.js';
import {
  changeFlags,
  openFleet,
  parseTarget,
  planAndChange,
  rolloutArgs,
  rolloutFlags,
} from '../../lib/rollout.js';
import { Flags } from '@oclif/core';

export default class RolloutResume extends BaseCommand {
  static override summary =
    'Resume a paused Deployment on many clusters (kubectl rollout resume), or a pipeline run by its id.';
  static override description = `Like "kubectl rollout resume": clears spec.paused on every selected cluster, after a plan (a Deployment that
is not paused is left unchanged) and one question (--yes skips it). The rollout then goes on. Exit 1 when any
cluster failed.

With a run id (run-YYYYMMDD-HHMMSS-xxxx, as "rollout run" and "rollout runs" print it) as the only argument:
continues that pipeline run (paused, interrupted, or left running by a process that is gone) from the
stage it stopped in, which starts over, with the same live view or event lines as "rollout run" and its
exit status (0 succeeded, 1 failed, 3 paused, 130 interrupted). A manual stage it stopped before asks again
on a terminal. --no-rollback and --pause-before apply to the rest of the run.`;
  static override examples = [
    '<%= config.bin %> rollout resume deployment/payment -n production --all-clusters --yes',
    '<%= config.bin %> rollout resume run-20261205-160102-3fa9',
  ];
  static override args = rolloutArgs;
  static override flags = {
    ...changeFlags,
    ...rolloutFlags,
    ...stateDirFlag,
    'no-rollback': Flags.boolean({
      description: 'Run id only: when a stage fails, leave its clusters as they are.',
      default: false,
    }),
    'pause-before': Flags.string({
      description: 'Run id only: stop before this stage as if it had approval: manual (repeatable).',
      multiple: true,
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RolloutResume);
    if (args.resource !== undefined && args.name === undefined && isRunId(args.resource)) {
      return this.exit(await this.resumeRun(args.resource, flags));
    }
    const target = parseTarget('resume', args.resource, args.name);
    return this.exit(await planAndChange('resume', target, flags, await openFleet(flags)));
  }

  private async resumeRun(
    id: string,
    flags: Parameters<typeof openFleet>[0] & {
      'state-dir'?: string | undefined;
      'no-rollback': boolean;
      'pause-before'?: string[] | undefined;
    },
  ): Promise<number> {
    const stateDir = flags['state-dir'] ?? defaultStateDir();
    const record = await readRun(id, stateDir); // names the id when there is no such run
    const { fleet } = await openFleet({ ...flags, 'all-clusters': true });
    const sigint = interruptOnSigint();
    try {
      const pauseBefore = (flags['pause-before'] ?? []).filter((s) => s !== '');
      return await followRun((approve) =>
        resumeRun(id, {
          fleet,
          stateDir,
          signal: sigint.signal,
          // the run's own options hold unless a flag adds to them
          noRollback: flags['no-rollback'] || record.options.noRollback,
          gateDurationScale: record.options.gateDurationScale,
          ...(pauseBefore.length ? { pauseBefore: [...record.options.pauseBefore, ...pauseBefore] } : {}),
          ...(approve ? { approve } : {}),
        }),
      );
    } finally {
      sigint.dispose();
      fleet.close();
    }
  }
}
