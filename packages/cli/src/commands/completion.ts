import { Args } from '@oclif/core';
import { completionScript, SHELLS, type Shell } from '../completion/scripts.js';
import { BaseCommand } from '../lib/base.js';
import { BINARY_NAME } from '../lib/invoked.js';

export default class Completion extends BaseCommand {
  static override summary = 'Print a shell completion script (bash, zsh or fish).';
  static override description = `The script completes commands, flags, context names from your kubeconfig (for --context, --clusters and --exclude) and resource types, by asking kubectl-mc itself, so it stays right as kubectl-mc changes.

For "kubectl mc <TAB>" (kubectl 1.26 and later), kubectl runs the kubectl_complete-mc helper that is installed next to kubectl-mc; no script is needed for that.`;
  static override examples = [
    {
      description: 'Load completion into the current bash session',
      command: 'source <(<%= config.bin %> completion bash)',
    },
    {
      description: 'Install it for every new zsh session',
      command: '<%= config.bin %> completion zsh > "${fpath[1]}/_kubectl-mc"',
    },
    {
      description: 'Install it for fish',
      command: '<%= config.bin %> completion fish > ~/.config/fish/completions/kubectl-mc.fish',
    },
  ];
  static override args = {
    shell: Args.string({
      description: 'the shell to print a script for',
      options: [...SHELLS],
      required: true,
    }),
  };

  async run(): Promise<void> {
    const { args } = await this.parse(Completion);
    process.stdout.write(completionScript(args.shell as Shell, BINARY_NAME));
  }
}
