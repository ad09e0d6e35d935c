import { Command, Errors } from '@oclif/core';
import type { McErrorCode } from '@kubectl-mc/core/errors';
import { exitQuietlyOnEpipe, redactOutput } from './entry.js';

/** Exit codes shared by every command: 0 all answered, 1 some failed / runtime error, 2 usage. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

function debugEnabled(): boolean {
  return process.env['KUBECTL_MC_DEBUG'] === '1';
}

/**
 * Resolves once what was written to stdout and stderr so far has been handed to the OS. oclif's exit path
 * (`this.exit(n)` → ExitError → process.exit) does not wait, and a pipe whose reader is slower than us
 * (`| less`, `| grep` on a busy machine) would lose the end of the output (reliability R5).
 */
function flushOutput(): Promise<void> {
  const flush = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => {
      if (stream.destroyed || !stream.writable || stream.writableLength === 0) return resolve();
      stream.write('', () => resolve());
    });
  return Promise.all([flush(process.stdout), flush(process.stderr)]).then(() => undefined);
}

const MC_ERROR_CODES: Record<McErrorCode, true> = {
  KUBECONFIG: true,
  CONTEXT_SELECTION: true,
  USAGE: true,
  RESOURCE: true,
  IO: true,
};

/**
 * Core's `McError`, recognised by its shape (a known `code` and a numeric `exitCode`) rather than with
 * `instanceof`, so that this module never loads core: commands that do not need it (`completion`) start
 * without it.
 */
function isMcError(err: unknown): err is Error & { exitCode: number } {
  if (!(err instanceof Error)) return false;
  const { code, exitCode } = err as { code?: unknown; exitCode?: unknown };
  return typeof exitCode === 'number' && typeof code === 'string' && Object.hasOwn(MC_ERROR_CODES, code);
}

/** oclif's flag/argument parse errors carry a `parse` property (CLIParseError and its subclasses). */
function isParseError(err: unknown): boolean {
  return err instanceof Errors.CLIError && 'parse' in err && (err as { parse?: unknown }).parse !== undefined;
}

/** The first line of an oclif message, without its "See more help with --help" tail. */
function firstLine(message: string): string {
  const line = message.split('\n').find((l) => l.trim() !== '') ?? message;
  return line.trim();
}

/**
 * Base of every kubectl-mc command: errors become one `error: …` line on stderr and an exit code,
 * never a stack trace (unless `KUBECTL_MC_DEBUG=1`).
 *
 * - `McError` → its message, exit `exitCode` (2 for usage errors);
 * - oclif flag/argument parse errors → exit 2;
 * - `this.exit(n)` passes through untouched;
 * - anything else is a bug: `error: internal error: <message> (this is a bug)`, exit 1.
 */
export abstract class BaseCommand extends Command {
  /**
   * The command's memory budget bounds the whole process (core `boundProcessMemory`): the process is
   * the command's own (`lint`, which reads no cluster, opts out).
   */
  static boundsProcessMemory = true;

  override async init(): Promise<void> {
    await super.init();
    if ((this.constructor as typeof BaseCommand).boundsProcessMemory)
      (await import('@kubectl-mc/core/transport')).boundProcessMemory();
    // `kubectl mc get … | head`: the reader went away; stop quietly instead of crashing on EPIPE.
    exitQuietlyOnEpipe();
    // No credential this process sends is ever written out, whoever echoes it back.
    redactOutput();
  }

  /** Write one line to stderr. */
  protected errLine(line: string): void {
    process.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
  }

  override async catch(err: Error & { exitCode?: number }): Promise<never> {
    if (err instanceof Errors.ExitError) {
      await flushOutput();
      throw err;
    }
    let code: number;
    if (isMcError(err)) {
      this.errLine(`error: ${err.message}`);
      code = err.exitCode;
    } else if (isParseError(err)) {
      this.errLine(`error: ${firstLine(err.message)}`);
      this.errLine(`See '${this.config.bin} ${this.id ?? ''} --help' for usage.`.replace('  ', ' '));
      code = EXIT_USAGE;
    } else if (err instanceof Errors.CLIError) {
      // this.error(…) from a command: a deliberate message, not a bug.
      this.errLine(`error: ${firstLine(err.message)}`);
      code = err.oclif?.exit ?? EXIT_FAILURE;
    } else {
      const message = err instanceof Error ? err.message : String(err);
      this.errLine(`error: internal error: ${message} (this is a bug)`);
      code = EXIT_FAILURE;
    }
    if (debugEnabled() && err instanceof Error && err.stack) this.errLine(err.stack);
    await flushOutput();
    // ExitError is handled silently by oclif: it exits with `code` and prints nothing.
    throw new Errors.ExitError(code);
  }
}
