import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';

export interface KubeconfigFilesOptions {
  /** `--kubeconfig`: this one file, alone. */
  kubeconfig?: string | undefined;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
}

/** The kubeconfig files kubectl would read, in precedence order. */
export function kubeconfigFiles(opts: KubeconfigFilesOptions = {}): string[] {
  if (opts.kubeconfig) return [opts.kubeconfig];
  const env = opts.env ?? process.env;
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (fromEnv.length > 0) return [...new Set(fromEnv)];
  return [join(opts.homeDir ?? homedir(), '.kube', 'config')];
}

/**
 * Context names for completion, in kubeconfig order, first file winning on duplicates as kubectl does.
 * Completion runs on every TAB, so this reads the YAML only (no client, no credentials, no network);
 * unreadable or malformed files give no names rather than an error.
 */
export async function listContextNames(opts: KubeconfigFilesOptions = {}): Promise<string[]> {
  return (await readNames(opts)).contexts;
}

/** The current context as kubectl picks it (the first file that sets one), if any. */
export async function currentContextName(opts: KubeconfigFilesOptions = {}): Promise<string | undefined> {
  return (await readNames(opts)).current;
}

async function readNames(opts: KubeconfigFilesOptions): Promise<{ contexts: string[]; current?: string }> {
  const names: string[] = [];
  let current: string | undefined;
  for (const file of kubeconfigFiles(opts)) {
    let doc: unknown;
    try {
      doc = parse(await readFile(file, 'utf8'));
    } catch {
      continue;
    }
    const cc = (doc as { 'current-context'?: unknown } | null)?.['current-context'];
    if (current === undefined && typeof cc === 'string' && cc) current = cc;
    const contexts = (doc as { contexts?: unknown } | null)?.contexts;
    if (!Array.isArray(contexts)) continue;
    for (const c of contexts) {
      const name = (c as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && name && !names.includes(name)) names.push(name);
    }
  }
  return current === undefined ? { contexts: names } : { contexts: names, current };
}
