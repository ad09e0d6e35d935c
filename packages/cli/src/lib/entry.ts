/**
 * What both entry points (bin/run.js and the standalone binary's generated entry) do before oclif runs
 * a command: kubectl's `help [command]` form, and a quiet exit when the reader of our output goes away.
 */

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
