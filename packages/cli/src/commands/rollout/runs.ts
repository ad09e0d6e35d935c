import { Flags } from '@oclif/core';
import { defaultStateDir, listRuns } from '@kubectl-mc/core/fleet';
import { BaseCommand } from '../../lib/base.js';
import { stateDirFlag } from '../../lib/pipeline-run-flags.js';
import { runsText, type RunsOutput } from '../../lib/pipeline-runs-table.js';

export default class RolloutRuns extends BaseCommand {
  static override summary = 'List the pipeline runs kept in the state directory, newest first.';
  static override description = `One row per run record of --state-dir (default: $KUBECTL_MC_STATE_DIR, else ~/.kube/kubectl-mc/runs):
ID, PIPELINE (its file), STATUS (running, paused, succeeded, failed, interrupted), STAGE (the stage it is
in or stopped at, 1-based, or "N/N done"), CLUSTERS (how many the pipeline names), AGE, MESSAGE (why it
stopped). -o json and -o yaml print the records themselves; -o name prints the ids, one a line, as
"rollout resume ID" takes them. Reads local files only; asks no cluster.`;
  static override examples = [
    '<%= config.bin %> rollout runs',
    '<%= config.bin %> rollout runs -o json --state-dir ./runs',
  ];
  static override flags = {
    ...stateDirFlag,
    output: Flags.string({
      char: 'o',
      description: 'Output format: json, yaml or name (default: a table).',
      options: ['json', 'yaml', 'name'],
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(RolloutRuns);
    const records = await listRuns(flags['state-dir'] ?? defaultStateDir());
    const output = (flags.output ?? 'table') as RunsOutput;
    if (!records.length && output === 'table') {
      this.errLine('No runs found.');
      return;
    }
    process.stdout.write(runsText(records, output));
  }
}
