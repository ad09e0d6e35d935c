/**
 * What both entry points (bin/run.js and the standalone binary's generated entry) do before oclif runs
 * a command: kubectl's `help [command]` form, and a quiet exit when the reader of our output goes away.
 */
import { redactSent, redactSentBytes } from '@kubectl-mc/core/errors';

/** `help`, `help get`, `help top pods` → the same with `--help`, as kubectl's `kubectl help get`. */
export function cliArgv(argv: readonly string[]): string[] {
  if (argv[0] !== 'help') return [...argv];
  const rest = argv.slice(1);
  return [...rest, '--help'];
}

/**
 * `kubectl mc --help | head -1`: the reader went away. Stop quietly with the exit code so far instead
 * of crashing on EPIPE, or leaving a write pending forever (Node then exits 13, "unsettled top-level
 * await"). Installed once per stream.
 */
export function exitQuietlyOnEpipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw e;
    });
  }
}

let guarded = false;

/**
 * Everything the process writes to stdout and stderr passes `redactSent`: a credential this process sent
 * (an exec plugin's or a token file's token, basic auth, a client certificate) never reaches the terminal
 * or a pipe, even when a cluster puts it into the data it serves (a Table cell, a label, an event).
 * Nothing is changed until a credential has been sent; a chunk that holds none is written as it came.
 */
export function redactOutput(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string') return write(redactSent(chunk), ...rest);
      if (chunk instanceof Uint8Array) return write(redactSentBytes(chunk), ...rest);
      return write(chunk, ...rest);
    };
  }
}
