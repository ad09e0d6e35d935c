import { Args } from '@oclif/core';
import { BaseCommand } from '../lib/base.js';
import { metadataFlags, runMetadataCommand } from '../lib/metadata-command.js';

export default class Annotate extends BaseCommand {
  static override summary =
    'Set or remove annotations of objects on many clusters, after a plan and one question.';
  static override description = `Like "kubectl annotate", on every selected cluster: KEY=VALUE sets a annotation, KEY- removes
it; a annotation that already has another value is only changed with --overwrite. Objects are named as kubectl
names them (TYPE NAME..., TYPE/NAME..., -l SELECTOR, --all, -f FILE). First a plan: one row per cluster
and object with the annotations it would get ("unchanged" when it has them already). Then one question naming
the clusters (--yes skips it; without a terminal the command refuses unless --yes; protected clusters
need their environment's name typed). Then the change (a JSON merge patch), on all clusters at once, each
logged to stderr with its cluster, and a result table. Exit 1 when any cluster or object failed.`;
  static override examples = [
    '<%= config.bin %> annotate deploy web owner=team-a --clusters "*-prod"',
    '<%= config.bin %> annotate deploy web owner=team-b --overwrite --all-clusters --yes',
    '<%= config.bin %> annotate pods -l app=web owner- --all-clusters --dry-run=server',
  ];
  static override strict = false;
  static override args = {
    type: Args.string({ description: 'Resource type (pods, deploy, …), or TYPE/NAME.', required: false }),
    names: Args.string({ description: 'Names of objects, then KEY=VALUE or KEY- changes.', required: false }),
  };
  static override flags = metadataFlags('annotation');

  async run(): Promise<void> {
    const { flags, argv } = await this.parse(Annotate);
    return this.exit(
      await runMetadataCommand('annotations', argv as string[], flags, (l) => this.errLine(l)),
    );
  }
}
