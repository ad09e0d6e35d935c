// `kubectl mc get --raw PATH`: the body each selected cluster sends for a GET of PATH, as kubectl prints it
// (bytes unchanged on a pipe; control characters escaped on a terminal). With more than one cluster each
// body is headed by `=== <context> ===`, as describe heads its blocks; failures are named on stderr.
import { UsageError, type ClusterError } from '@kubectl-mc/core/errors';
import { ClusterApi } from '@kubectl-mc/core/api';
import { closeAllConnections, getConnection } from '@kubectl-mc/core/transport';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { EXIT_FAILURE, EXIT_OK } from './base.js';
import { selectionFromFlags, type Selection, type SelectionFlags } from './flags.js';
import { printSelectionWarnings } from './get-warnings.js';
import { clusterErrorText, EXIT_INTERRUPTED, fanOutWithProgress, interruptOnSigint } from './fleet.js';
import { escapeTemplateOutput } from './get-output.js';
import { isTTY } from './output.js';

export interface RawFlags {
  output?: string | undefined;
  selector?: string | undefined;
  watch?: boolean | undefined;
  'watch-only'?: boolean | undefined;
  /** -v: kubeconfig warnings only at 1 or more */
  v?: number | undefined;
}

/** kubectl's refusals, in kubectl's order and words. */
export function checkRaw(path: string, args: readonly string[], flags: RawFlags): void {
  if (args.length > 0) throw new UsageError('arguments may not be passed when --raw is specified');
  if (flags.watch || flags['watch-only'] || flags.selector)
    throw new UsageError(
      '--raw may not be specified with other flags that filter the server request or alter the output',
    );
  if (flags.output) throw new UsageError('--raw and --output are mutually exclusive');
  if (!path.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(path))
    throw new UsageError(
      `--raw must be a valid URL path: parse ${JSON.stringify(path)}: invalid URI for request`,
    );
}

/** Print every cluster's body; returns the failed clusters' errors, in selection order. */
export async function printRaw(
  sel: Pick<Selection, 'loaded' | 'contexts' | 'concurrency' | 'timeoutMs'>,
  path: string,
  signal: AbortSignal,
): Promise<ClusterError[]> {
  const results = await fanOutWithProgress(
    sel,
    async (ctx, s) => new ClusterApi(await getConnection(sel.loaded, ctx)).raw(path, s),
    signal,
  );
  const tty = isTTY(process.stdout);
  const many = sel.contexts.length > 1;
  const failed: ClusterError[] = [];
  for (const r of results) {
    if (!r.ok) {
      failed.push(r.error);
      continue;
    }
    if (many) process.stdout.write(`=== ${escapeTerminal(r.context)} ===\n`);
    if (tty) process.stdout.write(escapeTemplateOutput(r.value.toString('utf8')));
    else process.stdout.write(r.value);
    if (many && r.value.length > 0 && r.value[r.value.length - 1] !== 0x0a) process.stdout.write('\n');
  }
  return failed;
}

/** `get --raw PATH` whole: kubectl's refusals, every selected cluster's body, failures on stderr; the exit code. */
export async function runRaw(
  path: string,
  args: readonly string[],
  flags: RawFlags & SelectionFlags,
  errLine: (line: string) => void,
): Promise<number> {
  checkRaw(path, args, flags);
  const sel = await selectionFromFlags(flags);
  printSelectionWarnings(sel, flags.v, errLine);
  const sigint = interruptOnSigint();
  try {
    const failed = await printRaw(sel, path, sigint.signal);
    for (const e of failed) {
      if (!(e.kind === 'Cancelled' && sigint.interrupted())) errLine(`error: ${clusterErrorText(e)}`);
    }
    if (sigint.interrupted()) return EXIT_INTERRUPTED;
    return failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
  } finally {
    sigint.dispose();
    closeAllConnections();
  }
}
