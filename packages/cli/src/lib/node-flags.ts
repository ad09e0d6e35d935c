/**
 * V8 flags a command runs with, applied by `bin/run.js` before anything loads: Node reads heap flags
 * only at start-up (`v8.setFlagsFromString` afterwards has no effect on the heap's layout), so the
 * process replaces itself with one started with them (`process.execve`, Node ≥ 22.15, POSIX).
 *
 * The dashboard keeps tens of thousands of rows live while bodies of 500-row pages are parsed 16 at a
 * time; V8 answers that allocation rate by growing its young generation to the default maximum, and RSS
 * with it, although little of it is live. An 8 MiB semi-space keeps the 50-cluster × 1,000-pod bench
 * under its 300 MB target at the same frame times (docs/performance.md).
 */
export const COMMAND_NODE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  dashboard: ['--max-semi-space-size=8'],
  // `lint` of a 4 MB file keeps every node of the file live; a small young generation is less memory and
  // no more CPU (Node 24: 300 -> 185 MB for 3.5 MB of Prometheus jobs, 250 -> 155 MB for 3.9 MB of Istio
  // Gateways; docs/performance.md, issue 21).
  lint: ['--max-semi-space-size=2'],
};

/**
 * `get -o json|yaml` keeps its pages as compact text off the heap (core render/list-pages.ts), so little
 * is live while it parses and prints 16 pages at a time; a 4 MiB semi-space stops V8 growing its young
 * generation (and RSS) for that garbage: 20 × 1,000 pods peaked at 281–318 MB against 441–484 MB without
 * it, for ~0.3 s more CPU (docs/performance.md, issue 19).
 */
const GET_OBJECTS_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/**
 * A table keeps only its rows' text; the pages parsed meanwhile are garbage, and V8 grew its young
 * generation to 128 MiB for them: 10 × 20,000 pods peaked at 339–346 MiB, 229–259 MiB with a 16 MiB
 * semi-space, at the same CPU (3.8–4.9 s against 4.5–4.6 s); that leaves room under the process's
 * memory budget (issue 18).
 */
const GET_TABLE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];

/** The `-o`/`--output` value among `get`'s arguments (the last one wins, as with oclif), if any. */
export function outputArg(args: readonly string[]): string | undefined {
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') break;
    if (a === '-o' || a === '--output') out = args[++i];
    else if (a.startsWith('--output=')) out = a.slice('--output='.length);
    else if (a.startsWith('-o=')) out = a.slice(3);
    else if (a.startsWith('-o') && !a.startsWith('--')) out = a.slice(2);
  }
  return out;
}

/** The V8 flags the command in `argv` (`[node, script, command, ...args]`) runs with. */
export function nodeFlagsFor(argv: readonly string[]): readonly string[] | undefined {
  const command = argv[2] ?? '';
  if (command === 'get') {
    const output = outputArg(argv.slice(3));
    return output === 'json' || output === 'yaml' ? GET_OBJECTS_NODE_FLAGS : GET_TABLE_NODE_FLAGS;
  }
  return COMMAND_NODE_FLAGS[command];
}

/** Set in the relaunched process's environment: never relaunch twice. */
export const RELAUNCHED_ENV = 'KUBECTL_MC_RELAUNCHED';

/**
 * The argv to relaunch this process with (`[execPath, ...nodeFlags, ...execArgv, script, ...args]`), or
 * undefined when the command needs no flags, they are already set, or relaunching is not possible.
 */
export function relaunchArgv(
  argv: readonly string[] = process.argv,
  execArgv: readonly string[] = process.execArgv,
  env: NodeJS.ProcessEnv = process.env,
): string[] | undefined {
  const flags = nodeFlagsFor(argv);
  if (!flags || env[RELAUNCHED_ENV] === '1') return undefined;
  const missing = flags.filter((f) => !execArgv.some((a) => a.split('=')[0] === f.split('=')[0]));
  if (missing.length === 0 || argv[1] === undefined) return undefined;
  return [argv[0] ?? process.execPath, ...missing, ...execArgv, argv[1], ...argv.slice(2)];
}

/** Replace this process with one started with the command's V8 flags, where that is needed and possible. */
export function relaunchWithNodeFlags(): void {
  const next = relaunchArgv();
  if (!next || typeof process.execve !== 'function') return;
  process.execve(process.execPath, next, { ...process.env, [RELAUNCHED_ENV]: '1' });
}
