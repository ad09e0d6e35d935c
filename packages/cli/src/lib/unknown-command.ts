/**
 * A first argument that names no command (`kubectl mc gett pods`): kubectl's words for it, with a
 * suggestion, on stderr, exit 2 — instead of oclif's `› Error: command gett:pods not found`. Used by
 * `bin/run.js` and by the standalone binary's entry, around oclif's `run`.
 */
import type { Config } from '@oclif/core';
import { didYouMean, escapeTerminal } from '@kubectl-mc/core/util';
import { EXIT_USAGE } from './base.js';

/** oclif's error when no command matches the arguments (thrown by `Config.runCommand`). */
export function isUnknownCommand(err: unknown): boolean {
  return err instanceof Error && /^command \S+ not found$/.test(err.message);
}

/** The message, kubectl's wording: `error: unknown command "gett" for "kubectl-mc"`, then a suggestion. */
export function unknownCommandText(name: string, commands: readonly string[], bin: string): string {
  const suggestion = didYouMean(name, commands);
  return (
    `error: unknown command "${escapeTerminal(name)}" for "${bin}"\n` +
    (suggestion ? `\nDid you mean this?\n\t${suggestion}\n` : '') +
    `\nRun '${bin} --help' for usage.\n`
  );
}

/** Print the message for `name` (suggesting among the visible commands) and set exit status 2. */
export function reportUnknownCommand(config: Config, name: string): void {
  const visible = config.commands.filter((c) => !c.hidden).map((c) => c.id);
  process.stderr.write(unknownCommandText(name, visible, config.bin));
  process.exitCode = EXIT_USAGE;
}
