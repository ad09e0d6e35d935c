/**
 * What `top pods` and `top nodes` share: their flags, the fan-out of a core `top` function over the
 * selected clusters, and the ending (table on stdout, each failed cluster named on stderr, exit code).
 */
import { Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { ClusterApi } from '@kubectl-mc/core/api';
import { TOP_SORT_KEYS, type TopSortBy } from '@kubectl-mc/core/fleet';
import type { ClusterResult } from '@kubectl-mc/core/fanout';
import { closeAllConnections, getConnection } from '@kubectl-mc/core/transport';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { EXIT_FAILURE, EXIT_OK } from './base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from './flags.js';
import { clusterErrorText, EXIT_INTERRUPTED, fanOutWithProgress, interruptOnSigint } from './fleet.js';
import { startRequestLog, verboseFlags } from './verbose.js';

export const topFlags = {
  selector: Flags.string({
    char: 'l',
    description: 'Label selector, e.g. app=web,tier!=cache.',
  }),
  'sort-by': Flags.string({
    description: 'Sort across the fleet by cpu or memory, largest first (default: cluster, then name).',
  }),
  'no-headers': Flags.boolean({ description: 'Do not print table headers.', default: false }),
  'ignore-failures': Flags.boolean({
    description: 'Exit 0 even when some clusters failed (they are still named).',
    default: false,
  }),
  ...kubeconfigFlags,
  ...clusterFlags,
  ...verboseFlags,
};

/** `--sort-by` as kubectl accepts it (`cpu`, `memory`), else a usage error in kubectl's words. */
export function parseTopSortBy(value: string | undefined): TopSortBy | undefined {
  if (value === undefined || value === '') return undefined;
  if ((TOP_SORT_KEYS as readonly string[]).includes(value)) return value as TopSortBy;
  throw new UsageError('--sort-by accepts only cpu or memory');
}

/** A selected context: its name and its kubeconfig namespace. */
export interface ContextOf {
  name: string;
  namespace: string | undefined;
}

export interface TopRun<T> {
  flags: Parameters<typeof selectionFromFlags>[0] & { v?: number; 'ignore-failures'?: boolean };
  /** One cluster's value (core's `topPodsOf` / `topNodesOf`). */
  task: (api: ClusterApi, context: ContextOf, signal: AbortSignal) => Promise<T>;
  /** The table for the clusters that answered ('' when there is nothing to print). */
  format: (answered: { context: string; value: T }[]) => string;
  /** stderr line when nothing was printed but some cluster answered. */
  empty: (answered: ContextOf[]) => string | undefined;
  errLine: (line: string) => void;
}

/** Fan out, print, name failures; the exit code (0 all answered, 1 any failed, 130 interrupted). */
export async function runTop<T>(run: TopRun<T>): Promise<number> {
  startRequestLog(run.flags.v ?? 0);
  const sel = await selectionFromFlags(run.flags);
  for (const w of selectionWarnings(sel)) run.errLine(`warning: ${escapeTerminal(w)}`);
  const contextOf = (name: string): ContextOf => ({
    name,
    namespace: sel.infos.find((i) => i.name === name)?.namespace,
  });
  const sigint = interruptOnSigint();
  let failed = false;
  try {
    const results: ClusterResult<T>[] = await fanOutWithProgress(
      sel,
      async (ctx, signal) =>
        run.task(new ClusterApi(await getConnection(sel.loaded, ctx)), contextOf(ctx), signal),
      sigint.signal,
    );
    const answered = results.flatMap((r) => (r.ok ? [{ context: r.context, value: r.value }] : []));
    const text = run.format(answered);
    process.stdout.write(text);
    for (const r of results) {
      if (r.ok) continue;
      if (r.error.kind === 'Cancelled' && sigint.interrupted()) continue;
      failed = true;
      run.errLine(`error: ${clusterErrorText(r.error)}`);
    }
    if (!text && answered.length > 0 && !sigint.interrupted()) {
      const msg = run.empty(answered.map((a) => contextOf(a.context)));
      if (msg) run.errLine(msg);
    }
  } finally {
    sigint.dispose();
    closeAllConnections();
  }
  if (sigint.interrupted()) return EXIT_INTERRUPTED;
  return failed && !run.flags['ignore-failures'] ? EXIT_FAILURE : EXIT_OK;
}
