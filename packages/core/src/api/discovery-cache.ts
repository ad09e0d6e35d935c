/**
 * Discovery on disk, as kubectl keeps it: under the cache directory (`--cache-dir`, default
 * `$KUBECACHEDIR` else `~/.kube/cache`), in `discovery/<host_port>/` (kubectl's own directory name for
 * the server), valid for 6 hours after it was written (kubectl's TTL, by file time). kubectl stores the
 * legacy documents there (`servergroups.json`, `<group>/<version>/serverresources.json`); ours is one
 * file of its own beside them, `kubectl-mc-resources.json`, the resolved resource list, so neither tool
 * reads the other's format. A file that is missing, stale, too large or malformed is a miss, never an
 * error: the cluster is asked, and the file rewritten.
 */
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ResolvedResource } from './types.js';

/** kubectl's discovery cache TTL (cli-runtime's `defaultCacheTTL`). */
export const DISCOVERY_CACHE_TTL_MS = 6 * 60 * 60 * 1000;
export const DISCOVERY_CACHE_FILE = 'kubectl-mc-resources.json';
/** A cached file larger than this is not read (a real cluster's list is a few hundred KB at most). */
const MAX_CACHE_BYTES = 16 * 1024 * 1024;
const FORMAT = 1;

export interface DiscoveryCacheOptions {
  /** the cache directory (`--cache-dir`); `discovery/` is made under it */
  dir: string;
  ttlMs?: number;
}

/** kubectl's default cache directory: `$KUBECACHEDIR`, else `~/.kube/cache`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const kcd = env['KUBECACHEDIR'];
  if (kcd !== undefined && kcd !== '') return kcd;
  return path.join(os.homedir(), '.kube', 'cache');
}

/**
 * kubectl's directory for a server (client-go `computeDiscoverCacheDir`): the scheme dropped, every
 * character other than a word character, `/`, `.`, `(` or `)` replaced by `_`.
 */
export function discoveryCacheDir(cacheDir: string, server: string): string {
  const host = server.replace('https://', '').replace('http://', '');
  return path.join(cacheDir, 'discovery', host.replace(/[^(\w/.)]/g, '_'));
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function isResource(v: unknown): v is ResolvedResource {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r['group'] === 'string' &&
    typeof r['version'] === 'string' &&
    typeof r['resource'] === 'string' &&
    r['resource'] !== '' &&
    typeof r['kind'] === 'string' &&
    typeof r['namespaced'] === 'boolean' &&
    typeof r['singular'] === 'string' &&
    isStrings(r['shortNames']) &&
    isStrings(r['verbs']) &&
    isStrings(r['categories'])
  );
}

/** The fields of a resource, nothing else (what a cache file holds is read back field by field). */
function pick(r: ResolvedResource): ResolvedResource {
  return {
    group: r.group,
    version: r.version,
    resource: r.resource,
    kind: r.kind,
    namespaced: r.namespaced,
    singular: r.singular,
    shortNames: [...r.shortNames],
    verbs: [...r.verbs],
    categories: [...r.categories],
  };
}

/** The cached resources of `server`, or undefined (missing, older than the TTL, unreadable, malformed). */
export async function readDiscoveryCache(
  opts: DiscoveryCacheOptions,
  server: string,
  now = Date.now(),
): Promise<ResolvedResource[] | undefined> {
  const file = path.join(discoveryCacheDir(opts.dir, server), DISCOVERY_CACHE_FILE);
  try {
    const st = await stat(file);
    const ttl = opts.ttlMs ?? DISCOVERY_CACHE_TTL_MS;
    if (!st.isFile() || st.size > MAX_CACHE_BYTES || now - st.mtimeMs > ttl || st.mtimeMs > now + ttl)
      return undefined;
    const body = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (typeof body !== 'object' || body === null) return undefined;
    const { format, server: cached, resources } = body as Record<string, unknown>;
    if (format !== FORMAT || cached !== server || !Array.isArray(resources) || resources.length === 0)
      return undefined;
    if (!resources.every(isResource)) return undefined;
    return resources.map(pick);
  } catch {
    return undefined;
  }
}

/** Write `server`'s resources (atomically: a temp file renamed); failures are ignored, as kubectl does. */
export async function writeDiscoveryCache(
  opts: DiscoveryCacheOptions,
  server: string,
  resources: readonly ResolvedResource[],
): Promise<void> {
  if (resources.length === 0) return;
  const dir = discoveryCacheDir(opts.dir, server);
  const file = path.join(dir, DISCOVERY_CACHE_FILE);
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(dir, { recursive: true, mode: 0o750 });
    const text = JSON.stringify({ format: FORMAT, server, resources: resources.map(pick) });
    await writeFile(tmp, text, { mode: 0o660 });
    await rename(tmp, file);
  } catch {
    await unlink(tmp).catch(() => undefined);
  }
}

/** Remove `server`'s cached file (a name was not found: kubectl invalidates and asks again). */
export async function dropDiscoveryCache(opts: DiscoveryCacheOptions, server: string): Promise<void> {
  await unlink(path.join(discoveryCacheDir(opts.dir, server), DISCOVERY_CACHE_FILE)).catch(() => undefined);
}
