/**
 * `kubectl diff`'s way of showing a plan: live and merged objects written as YAML into two temporary
 * directories (`LIVE-…`, `MERGED-…`, one file per object named `group.version.Kind.namespace.name`), then
 * `diff -u -N LIVE MERGED` run on them, or the program `KUBECTL_EXTERNAL_DIFF` names.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { formatYamlForDiff } from './changes.js';
import type { PlanItem } from './plan.js';

export interface DiffRun {
  /** The diff program's exit code: 0 no differences, 1 differences, >1 trouble. */
  code: number;
  stdout: string;
  stderr: string;
}

/** kubectl's file name for an object: `apps.v1.Deployment.default.web`, `v1.Namespace..x`. */
export function diffFileName(item: PlanItem): string {
  const r = item.resource!;
  return `${r.group ? r.group + '.' : ''}${r.version}.${r.kind}.${item.namespace ?? ''}.${item.name}`;
}

/** The command `KUBECTL_EXTERNAL_DIFF` names (as kubectl: words, arguments limited to flag-like text), else `diff -u -N`. */
export function diffCommand(env: NodeJS.ProcessEnv = process.env): string[] {
  const value = (env['KUBECTL_EXTERNAL_DIFF'] ?? '').trim();
  if (!value) return ['diff', '-u', '-N'];
  const [cmd, ...args] = value.split(/\s+/);
  for (const a of args) {
    if (!/^[a-zA-Z0-9-=]+$/.test(a))
      throw new UsageError(`arguments in KUBECTL_EXTERNAL_DIFF must match ^[a-zA-Z0-9-=]+$, got ${a}`);
  }
  return [cmd!, ...args];
}

/** Run the diff program over the items that have a merged object (items with an error are skipped). */
export async function runExternalDiff(
  items: PlanItem[],
  env: NodeJS.ProcessEnv = process.env,
  maxBytes = 64 * 1024 * 1024,
): Promise<DiffRun> {
  const cmd = diffCommand(env);
  const live = await mkdtemp(path.join(os.tmpdir(), 'LIVE-'));
  const merged = await mkdtemp(path.join(os.tmpdir(), 'MERGED-'));
  try {
    for (const i of items) {
      if (i.error || !i.merged || !i.resource) continue;
      const name = diffFileName(i).replace(/\//g, '_');
      await writeFile(path.join(live, name), i.live ? formatYamlForDiff(i.live) : '');
      await writeFile(path.join(merged, name), formatYamlForDiff(i.merged));
    }
    return await new Promise<DiffRun>((resolve) => {
      execFile(
        cmd[0]!,
        [...cmd.slice(1), live, merged],
        { env, maxBuffer: maxBytes },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 2) : 0;
          resolve({
            code,
            stdout,
            stderr: err && typeof err.code !== 'number' ? `${stderr}${err.message}\n` : stderr,
          });
        },
      );
    });
  } finally {
    await rm(live, { recursive: true, force: true });
    await rm(merged, { recursive: true, force: true });
  }
}
