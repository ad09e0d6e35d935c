import { Command } from '@oclif/core';
import { complete, formatCompletion } from '../completion/engine.js';
import { commandModels, defaultProviders, topicModels } from '../completion/oclif.js';

export default class Complete extends Command {
  static override hidden = true;
  static override strict = false;
  static override summary = 'Print completion candidates for the words that follow (cobra protocol).';
  static override description = `Used by the scripts of "kubectl-mc completion" and by kubectl_complete-mc, the helper kubectl runs to complete "kubectl mc …". Prints one candidate per line ("value<TAB>description") and then ":<directive>", as cobra programs do.`;
  static override examples = [
    '<%= config.bin %> __complete -- get --cl',
    '<%= config.bin %> __complete -- get po',
  ];

  async run(): Promise<void> {
    // Raw words: nothing here is parsed as our own flags; a leading `--` shields them from oclif's help.
    const words = this.argv[0] === '--' ? this.argv.slice(1) : [...this.argv];
    if (words.length === 0) words.push('');
    const result = await complete(
      commandModels(this.config),
      topicModels(this.config),
      words,
      defaultProviders,
    );
    process.stdout.write(formatCompletion(result));
  }
}
