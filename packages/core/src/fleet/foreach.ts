/**
 * `foreach`: the real kubectl, once per selected context, in parallel. Each child gets `--context <ctx>`
 * (and `--kubeconfig <file>` when one was named), no stdin, its own process group, a deadline after
 * which it is sent SIGTERM and then SIGKILL, and its stdout and stderr split into lines as they arrive.
 * One result per context ({exitCode, signal, timedOut, cancelled}); never a rejected promise for a
 * cluster's failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { formatDuration } from '../util/duration.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './foreach-lines.js';

export interface ForeachLine {
  context: string;
  stream: 'stdout' | 'stderr';
  /** The line without its newline; raw cluster output, not escaped. */
  text: string;
  /** The unterminated last piece of the stream, flushed when the child exited. */
  partial: boolean;
}

export interface ForeachOptions {
  /** The kubectl binary (a path, or a name looked up on PATH by the OS). */
  kubectl: string;
  /** kubectl's arguments; `--context` (and `--kubeconfig`) go before a `--` in them, else at the end. */
  args: readonly string[];
  /** Passed as `--kubeconfig` when set; otherwise the children inherit KUBECONFIG. */
  kubeconfig?: string | undefined;
  /** How many kubectl processes run at once (default 16). */
  concurrency?: number;
  /** Per-cluster deadline in ms (0 = none). Past it the child is killed and its result `timedOut`. */
  timeoutMs?: number;
  /** Between SIGTERM and SIGKILL (default 2 s). */
  killGraceMs?: number;
  /** Aborting kills every child (SIGTERM, then SIGKILL) and starts no more; their results are `cancelled`. */
  signal?: AbortSignal;
  /** Longer lines are cut into pieces of this many bytes (default 64 KiB). */
  maxLineBytes?: number;
  env?: NodeJS.ProcessEnv;
  /** Every line of every child, in order within a cluster's stream. */
  onLine: (line: ForeachLine) => void;
}

export interface ForeachResult {
  context: string;
  /** The child's exit code; null when it was killed by a signal or never ran. */
  exitCode: number | null;
  /** The signal that ended it (ours at the deadline or on cancel, or anyone's). */
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Cancelled (Ctrl-C) before or while running. */
  cancelled: boolean;
  /** The child could not be started (ENOENT, EACCES…). */
  spawnError?: string;
  elapsedMs: number;
}

/** The arguments one child runs with. */
export function kubectlArgsFor(args: readonly string[], context: string, kubeconfig?: string): string[] {
  const ours = ['--context', context, ...(kubeconfig !== undefined ? ['--kubeconfig', kubeconfig] : [])];
  const dd = args.indexOf('--');
  return dd === -1 ? [...args, ...ours] : [...args.slice(0, dd), ...ours, ...args.slice(dd)];
}

/**
 * The kubectl to run: `KUBECTL_MC_KUBECTL` (a path, or a name on PATH), else `kubectl` on PATH.
 * Undefined when it is not there (or not executable).
 */
export function findKubectl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const wanted = env['KUBECTL_MC_KUBECTL'] || 'kubectl';
  const executable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (wanted.includes('/')) return executable(wanted) ? path.resolve(wanted) : undefined;
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const p = path.join(dir, wanted);
    if (executable(p)) return p;
  }
  return undefined;
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGABRT: 6,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGPIPE: 13,
  SIGTERM: 15,
};

/** Exit status of a cluster as a shell would see it: the code, 128+signal, 124 timed out, 130 cancelled. */
export function exitStatusOf(r: ForeachResult): number {
  if (r.timedOut) return 124;
  if (r.cancelled) return 130;
  if (r.spawnError !== undefined) return 127;
  if (r.exitCode !== null) return r.exitCode;
  if (r.signal !== null) return 128 + (SIGNAL_NUMBERS[r.signal] ?? 0);
  return 1;
}

/** The worst (highest) exit status of all clusters; 0 when every one exited 0. */
export function worstExitStatus(results: readonly ForeachResult[]): number {
  return results.reduce((worst, r) => Math.max(worst, exitStatusOf(r)), 0);
}

/** One line about a cluster that did not exit 0 (without the context), or undefined when it did. */
export function describeForeachResult(r: ForeachResult, timeoutMs: number): string | undefined {
  if (r.timedOut) return `timed out after ${formatDuration(timeoutMs)}: kubectl was killed`;
  if (r.cancelled) return r.exitCode === null && r.signal === null ? 'not run (interrupted)' : 'interrupted';
  if (r.spawnError !== undefined) return `kubectl could not be started: ${r.spawnError}`;
  if (r.exitCode !== null) return r.exitCode === 0 ? undefined : `kubectl exited with code ${r.exitCode}`;
  if (r.signal !== null) return `kubectl was killed by ${r.signal}`;
  return 'kubectl ended without an exit status';
}

/** The width cluster prefixes are padded to: the longest selected name. */
export function prefixWidth(contexts: readonly string[]): number {
  return contexts.reduce((w, c) => Math.max(w, c.length), 0);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // kubectl and whatever it started (exec credential plugins)
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Run kubectl on every context; resolves with one result per context, in the order given. */
export async function foreachContext(
  contexts: readonly string[],
  opts: ForeachOptions,
): Promise<ForeachResult[]> {
  const unique = [...new Set(contexts)];
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 16));
  const timeoutMs = opts.timeoutMs ?? 0;
  const grace = opts.killGraceMs ?? 2000;
  const results = new Map<string, ForeachResult>();
  const running = new Set<{ cancel(): void; kill(): void }>();
  const signal = opts.signal;

  const runOne = (context: string): Promise<ForeachResult> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const elapsed = () => Math.round(performance.now() - t0);
      let timedOut = false;
      let cancelled = false;
      let spawnError: string | undefined;
      let killTimer: NodeJS.Timeout | undefined;
      const child = spawn(opts.kubectl, kubectlArgsFor(opts.args, context, opts.kubeconfig), {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // its own process group: killed as a group, and the terminal's Ctrl-C is ours
        env: opts.env ?? process.env,
      });
      const stop = () => {
        killGroup(child, 'SIGTERM');
        killTimer ??= setTimeout(() => killGroup(child, 'SIGKILL'), grace);
      };
      const handle = {
        cancel() {
          cancelled = true;
          stop();
        },
        kill() {
          killGroup(child, 'SIGKILL');
        },
      };
      running.add(handle);
      const deadline =
        timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true;
              stop();
            }, timeoutMs)
          : undefined;
      const max = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
      const splitters = (['stdout', 'stderr'] as const).map((stream) => {
        const s = new LineSplitter((text, partial) => opts.onLine({ context, stream, text, partial }), max);
        child[stream].on('data', (chunk: Buffer) => s.push(chunk));
        return s;
      });
      child.on('error', (e: NodeJS.ErrnoException) => {
        spawnError = e.code ?? e.message;
      });
      child.on('close', (code, sig) => {
        if (deadline) clearTimeout(deadline);
        if (killTimer) clearTimeout(killTimer);
        running.delete(handle);
        for (const s of splitters) s.end();
        resolve({
          context,
          exitCode: spawnError !== undefined ? null : code,
          signal: sig,
          timedOut,
          cancelled: cancelled && !timedOut,
          ...(spawnError !== undefined ? { spawnError } : {}),
          elapsedMs: elapsed(),
        });
      });
    });

  const onAbort = () => {
    for (const h of [...running]) h.cancel();
  };
  // the children have their own process groups: if this process exits while they run (a second
  // Ctrl-C, a closed pipe), they must not outlive it
  const onExit = () => {
    for (const h of running) h.kill();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  process.on('exit', onExit);
  try {
    let next = 0;
    const worker = async () => {
      while (next < unique.length) {
        const context = unique[next++] as string;
        if (signal?.aborted) {
          results.set(context, {
            context,
            exitCode: null,
            signal: null,
            timedOut: false,
            cancelled: true,
            elapsedMs: 0,
          });
          continue;
        }
        results.set(context, await runOne(context));
      }
    };
    // workers never reject: a child's failure is its result
    await Promise.all(Array.from({ length: Math.min(concurrency, unique.length) }, worker));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    process.off('exit', onExit);
  }
  return unique.map((c) => results.get(c) as ForeachResult);
}
