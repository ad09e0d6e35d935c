/**
 * Shared helpers of the reliability suite: run the built `kubectl-mc` as a user would (raw bytes of
 * stdout/stderr, exit code, wall time, optional peak RSS), wait for conditions without fixed sleeps,
 * and the assertions every case repeats (no stack trace, no secret in any byte).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
export const nodeDir = path.dirname(process.execPath);

/** True when the built CLI has this command (e.g. `contexts` lands later than `get`). */
export function assertBuilt(): void {
  assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
}

/** A clean environment for the CLI: Node 24 first on PATH, no colour, no debug stacks. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env['KUBECTL_MC_DEBUG'];
  delete env['FORCE_COLOR'];
  env['PATH'] = `${nodeDir}:${process.env['PATH'] ?? ''}`;
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  return env;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** raw bytes, for byte-level checks (escape sequences, secrets) */
  out: Buffer;
  err: Buffer;
  ms: number;
  /** peak resident set size of the CLI process in KiB (VmHWM), when `measureRss` was asked */
  peakRssKiB?: number;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  input?: string | Buffer;
  /** poll /proc/<pid>/status for VmHWM while it runs (the node process behind the bin script) */
  measureRss?: boolean;
  cwd?: string;
}

/** VmHWM (peak RSS, KiB) of a live process, read from /proc. */
export function peakRss(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Run the CLI to completion; a hard timeout kills it (and fails the caller's assertions on code). */
export function runCli(args: string[], opts: RunOptions = {}): Promise<Run> {
  const child = spawnCli(args, opts);
  const t0 = Date.now();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => err.push(d));
  let peak: number | undefined;
  const poll = opts.measureRss
    ? setInterval(() => {
        const v = child.pid === undefined ? undefined : peakRss(child.pid);
        if (v !== undefined) peak = Math.max(peak ?? 0, v);
      }, 25)
    : undefined;
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  if (opts.input !== undefined) child.stdin.end(opts.input);
  else child.stdin.end();
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      if (poll) clearInterval(poll);
      const o = Buffer.concat(out);
      const e = Buffer.concat(err);
      const r: Run = {
        code,
        signal,
        stdout: o.toString('utf8'),
        stderr: e.toString('utf8'),
        out: o,
        err: e,
        ms: Date.now() - t0,
      };
      if (peak !== undefined) r.peakRssKiB = peak;
      resolve(r);
    });
  });
}

/** Start the CLI with pipes (not a TTY). The bin is run by this Node directly, so its pid is the CLI's. */
export function spawnCli(args: string[], opts: RunOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bin, ...args], {
    env: opts.env ?? cliEnv(),
    cwd: opts.cwd ?? root,
    stdio: 'pipe',
  }) as ChildProcessWithoutNullStreams;
}

/** Poll `test` every 50 ms until it holds; fail with `what` and `detail()` after `timeoutMs`. */
export async function waitUntil(
  what: string,
  test: () => boolean,
  detail: () => string = () => '',
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** No JavaScript stack frame, no "internal error … this is a bug" in a CLI's output. */
export function assertNoStack(text: string, label = 'output'): void {
  assert.doesNotMatch(text, /\n\s+at .+[(:]\d+/, `${label} holds a stack trace:\n${text}`);
  assert.doesNotMatch(text, /internal error|this is a bug|Unhandled|UnhandledPromiseRejection/, text);
}

/** None of `secrets` (nor their base64 forms) occurs in any byte of the given buffers. */
export function assertNoSecrets(secrets: string[], outputs: Record<string, Buffer | string>): void {
  for (const s of secrets) {
    const forms = [s, Buffer.from(s).toString('base64')].filter((f) => f.length >= 6);
    for (const [label, data] of Object.entries(outputs)) {
      const text = Buffer.isBuffer(data) ? data.toString('latin1') : data;
      for (const f of forms) {
        assert.ok(!text.includes(f), `secret ${f.slice(0, 4)}… leaked into ${label}`);
      }
    }
  }
}

/** Lines of stderr that name a context's failure: `error: context "x": …`. */
export function failedContexts(stderr: string): string[] {
  return [...stderr.matchAll(/^error: context "([^"]+)":/gm)].map((m) => m[1] ?? '');
}

/** First column values (CLUSTER) of a table printed by `get`. */
export function clustersInTable(stdout: string): string[] {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  return [...new Set(lines.filter((l) => !/^CLUSTER\s/.test(l)).map((l) => l.split(/\s+/)[0] ?? ''))];
}
