/**
 * Run records on disk: `<stateDir>/<id>.json`, written atomically (a temporary file renamed over the
 * record), read back with their shape checked (a file that is not a run record is skipped by `listRuns`).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../../errors.js';
import type { RunRecord } from './types.js';

/** `~/.kube/kubectl-mc/runs`, or $KUBECTL_MC_STATE_DIR. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['KUBECTL_MC_STATE_DIR'];
  return dir ? dir : path.join(os.homedir(), '.kube', 'kubectl-mc', 'runs');
}

/** Whether `arg` has the shape of a run id (`run-…`). */
export const isRunId = (arg: string): boolean => /^run-\d{8}-\d{6}-[0-9a-f]{4}$/.test(arg);

const pad = (n: number) => String(n).padStart(2, '0');

/** `run-YYYYMMDD-HHMMSS-xxxx` (UTC, 4 random hex). */
export function newRunId(now = new Date()): string {
  const d = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const t = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `run-${d}-${t}-${randomBytes(2).toString('hex')}`;
}

/** `user@host pid N` */
export function ownerString(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry (containers): keep unknown
  }
  return `${user}@${os.hostname()} pid ${process.pid}`;
}

/** Whether the process named by `owner` still runs (another host: assumed alive). */
export function ownerAlive(owner: string): boolean {
  const m = /^(.*)@(.*) pid (\d+)$/.exec(owner);
  if (!m) return false;
  if (m[2] !== os.hostname()) return true;
  const pid = Number(m[3]);
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const fileOf = (dir: string, id: string) => path.join(dir, `${id}.json`);

/** Write `record` atomically (tmp + rename). */
export async function writeRecord(dir: string, record: RunRecord): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = fileOf(dir, record.id);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

const STATUSES = ['running', 'paused', 'succeeded', 'failed', 'interrupted'];

/** The record in `text`, or undefined when it is not one (checked field by field: files can be edited). */
export function parseRecord(text: string): RunRecord | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const r = v as Record<string, unknown>;
  const pipeline = r['pipeline'] as Record<string, unknown> | null | undefined;
  const ok =
    typeof r['id'] === 'string' &&
    isRunId(r['id']) &&
    r['version'] === 1 &&
    typeof pipeline === 'object' &&
    pipeline !== null &&
    Array.isArray(pipeline['stages']) &&
    Array.isArray(r['objects']) &&
    Array.isArray(r['stages']) &&
    (r['stages'] as unknown[]).every(
      (s) => typeof s === 'object' && s !== null && Array.isArray((s as { clusters?: unknown }).clusters),
    ) &&
    typeof r['status'] === 'string' &&
    STATUSES.includes(r['status']) &&
    typeof r['stage'] === 'number' &&
    typeof r['createdAt'] === 'string' &&
    typeof r['updatedAt'] === 'string' &&
    typeof r['owner'] === 'string' &&
    typeof r['options'] === 'object' &&
    r['options'] !== null;
  if (!ok) return undefined;
  if (!Array.isArray(r['manifestFiles'])) r['manifestFiles'] = [];
  return r as unknown as RunRecord;
}

/** One run record; throws UsageError naming the id when there is none. */
export async function readRun(id: string, stateDir: string = defaultStateDir()): Promise<RunRecord> {
  if (!isRunId(id)) throw new UsageError(`"${id}" is not a run id (run-YYYYMMDD-HHMMSS-xxxx)`);
  let text: string;
  try {
    text = await readFile(fileOf(stateDir, id), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`no run "${id}" in ${stateDir}`);
    throw e;
  }
  const r = parseRecord(text);
  if (!r || r.id !== id) throw new UsageError(`${fileOf(stateDir, id)} is not a run record`);
  return r;
}

/** Every run record in `stateDir`, newest first (unreadable files skipped). */
export async function listRuns(stateDir: string = defaultStateDir()): Promise<RunRecord[]> {
  let names: string[];
  try {
    names = await readdir(stateDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: RunRecord[] = [];
  for (const n of names) {
    if (!n.endsWith('.json') || !isRunId(n.slice(0, -5))) continue;
    try {
      const r = parseRecord(await readFile(path.join(stateDir, n), 'utf8'));
      if (r && r.id === n.slice(0, -5)) out.push(r);
    } catch {
      // unreadable: skipped
    }
  }
  return out.sort((a, b) =>
    a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt),
  );
}
