import { redactSent, type ClusterError } from '@kubectl-mc/core/errors';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { collect, fanOut, type ClusterResult, type ClusterTask } from '@kubectl-mc/core/fanout';
import { Progress } from './output.js';
import type { Selection } from './flags.js';

/** Exit code after Ctrl-C (128 + SIGINT), as a shell reports it. */
export const EXIT_INTERRUPTED = 130;

/**
 * One line naming a failed context, terminal-escaped, in kubectl's words after the context:
 * `context "x": timed out after 10s`, `context "y": Error from server (Forbidden): pods is forbidden: …`
 * (the caller prefixes `error: `). A server's Status with a reason reads as kubectl prints it
 * (`Error from server (Reason): message`); failures of our own (no Status) keep their kind.
 */
export function clusterErrorText(error: ClusterError): string {
  return `context "${escapeTerminal(redactSent(error.context))}": ${escapeTerminal(kubectlErrorMessage(error))}`;
}

/** kubectl's words for one cluster's failure, without the context (not escaped). */
export function kubectlErrorMessage(error: ClusterError): string {
  // Last line of defence: no credential this process sent, whoever built the message.
  const msg = redactSent(error.message || error.kind);
  // kubectl's 401 line: `You must be logged in to the server (…)`
  if (error.kind === 'Unauthorized' && msg.startsWith('You must be logged in')) return msg;
  // kubectl's own line (--match-server-version's mismatch)
  if (error.status === undefined && error.reason === 'VersionMismatch') return msg;
  // kubectl's StandardErrorMessage for an API status with a reason
  if (error.status !== undefined && error.reason)
    return `Error from server (${redactSent(error.reason)}): ${msg}`;
  const plain =
    error.kind === 'Timeout' ||
    error.kind === 'Cancelled' ||
    error.kind === 'NotFound' ||
    msg.startsWith(error.kind);
  return plain ? msg : `${error.kind}: ${msg}`;
}

/** Ctrl-C aborts `signal` at once (a second Ctrl-C exits immediately). */
export function interruptOnSigint(): { signal: AbortSignal; interrupted(): boolean; dispose(): void } {
  const ac = new AbortController();
  let count = 0;
  const onSigint = () => {
    count++;
    if (count > 1) process.exit(EXIT_INTERRUPTED);
    ac.abort(new DOMException('interrupted', 'AbortError'));
  };
  process.on('SIGINT', onSigint);
  return {
    signal: ac.signal,
    interrupted: () => count > 0,
    dispose: () => process.off('SIGINT', onSigint),
  };
}

/**
 * Fan `task` out over the selection with a live `waiting for N/M clusters…` line on a terminal's stderr
 * (erased before returning); results in selected-context order.
 */
export async function fanOutWithProgress<T>(
  sel: Pick<Selection, 'contexts' | 'concurrency' | 'timeoutMs'>,
  task: ClusterTask<T>,
  signal: AbortSignal,
): Promise<ClusterResult<T>[]> {
  const progress = new Progress(process.stderr);
  const total = sel.contexts.length;
  let done = 0;
  const show = () => progress.update(`waiting for ${total - done}/${total} clusters…`);
  const timer = progress.active ? setTimeout(show, 150) : undefined;
  const stream = fanOut(sel.contexts, task, {
    concurrency: sel.concurrency,
    timeoutMs: sel.timeoutMs,
    signal,
  });
  const results: ClusterResult<T>[] = [];
  try {
    const tracked: AsyncIterable<ClusterResult<T>> & { contexts: readonly string[] } = {
      contexts: stream.contexts,
      async *[Symbol.asyncIterator]() {
        for await (const r of stream) {
          done++;
          show();
          yield r;
        }
      },
    };
    results.push(...(await collect(tracked)));
  } finally {
    if (timer) clearTimeout(timer);
    progress.clear();
  }
  return results;
}
