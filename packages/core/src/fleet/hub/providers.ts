/**
 * The access providers file (KEP-5339): which exec credentials plugin to run for each kind of access a
 * ClusterProfile offers. The format is the Cluster Inventory API's `access.Config`:
 *
 * ```json
 * { "providers": [ { "name": "open-cluster-management",
 *                    "execConfig": { "apiVersion": "client.authentication.k8s.io/v1",
 *                                    "command": "cp-creds", "args": ["--x"], "provideClusterInfo": true },
 *                    "profileSourcedCLIArgsPolicy": "Append",
 *                    "profileSourcedEnvVarsPolicy": "AppendIfNotExists" } ] }
 * ```
 *
 * It is the user's own file, never the hub's: a profile only names a provider and says where the cluster
 * is; what runs on this machine to get credentials is decided here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { UsageError } from '../../errors.js';
import { isRecord } from '../../kubeconfig/file.js';
import { oneLine, q, valueText } from '../../util/text.js';

/** Where the providers file is when `--cluster-providers` is not given. */
export const DEFAULT_PROVIDERS_FILE = path.join('.kube', 'clusterprofile-providers.json');
/** A providers file is a few KiB; anything this large is not one. */
const MAX_PROVIDERS_BYTES = 1024 * 1024;

export type CliArgsPolicy = 'Ignore' | 'Append';
export type EnvVarsPolicy = 'Ignore' | 'AppendIfNotExists' | 'Replace';

export interface ExecProviderConfig {
  apiVersion: string;
  command: string;
  args: string[];
  env: Array<{ name: string; value: string }>;
  provideClusterInfo: boolean;
  interactiveMode?: string;
}

export interface AccessProvider {
  name: string;
  exec: ExecProviderConfig;
  cliArgsPolicy: CliArgsPolicy;
  envVarsPolicy: EnvVarsPolicy;
}

export interface ProvidersConfig {
  /** The file read, or undefined when there was none (every profile is then that cluster's error). */
  file?: string;
  /** In the file's order, which is the order of preference. */
  providers: AccessProvider[];
}

/** The default providers file: `~/.kube/clusterprofile-providers.json`. */
export function defaultProvidersFile(homeDir = os.homedir()): string {
  return path.join(homeDir, DEFAULT_PROVIDERS_FILE);
}

/**
 * Read the providers file. An explicitly named file that is missing or broken is a usage error; the
 * default file may be missing (no providers: each profile's error says so).
 */
export function loadProviders(file: string | undefined, homeDir?: string): ProvidersConfig {
  const explicit = file !== undefined && file !== '';
  const p = explicit ? path.resolve(file) : defaultProvidersFile(homeDir);
  let text: string;
  try {
    const st = fs.statSync(p);
    if (st.size > MAX_PROVIDERS_BYTES) throw new UsageError(`providers file ${p} is too large`);
    text = fs.readFileSync(p, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (!explicit && (e as NodeJS.ErrnoException).code === 'ENOENT') return { providers: [] };
    throw new UsageError(`cannot read providers file ${p}: ${oneLine((e as Error).message)}`);
  }
  return { file: p, providers: parseProviders(text, p) };
}

/** Parse the providers file's text (JSON, or YAML, which JSON is a subset of). */
export function parseProviders(text: string, file: string): AccessProvider[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new UsageError(`providers file ${file}: not JSON or YAML: ${oneLine((e as Error).message)}`);
  }
  const bad = (what: string) => new UsageError(`providers file ${file}: ${what}`);
  if (!isRecord(doc) || !Array.isArray(doc['providers'])) throw bad('expected {"providers": [...]}');
  const dir = path.dirname(file);
  const seen = new Set<string>();
  return doc['providers'].map((raw, i) => {
    if (!isRecord(raw)) throw bad(`providers[${i}] is not an object`);
    const name = raw['name'];
    if (typeof name !== 'string' || name === '') throw bad(`providers[${i}] has no name`);
    if (seen.has(name)) throw bad(`provider ${q(name)} is defined twice`);
    seen.add(name);
    const ec = raw['execConfig'];
    if (!isRecord(ec) || typeof ec['command'] !== 'string' || ec['command'] === '') {
      throw bad(`provider ${q(name)} has no execConfig.command`);
    }
    const cli = raw['profileSourcedCLIArgsPolicy'] ?? 'Ignore';
    if (cli !== '' && cli !== 'Ignore' && cli !== 'Append') {
      throw bad(`provider ${q(name)}: unsupported profileSourcedCLIArgsPolicy ${q(valueText(cli))}`);
    }
    const env = raw['profileSourcedEnvVarsPolicy'] ?? 'Ignore';
    if (env !== '' && env !== 'Ignore' && env !== 'AppendIfNotExists' && env !== 'Replace') {
      throw bad(`provider ${q(name)}: unsupported profileSourcedEnvVarsPolicy ${q(valueText(env))}`);
    }
    return {
      name,
      exec: execConfigOf(ec, dir),
      cliArgsPolicy: cli === '' ? 'Ignore' : cli,
      envVarsPolicy: env === '' ? 'Ignore' : env,
    };
  });
}

function execConfigOf(ec: Record<string, unknown>, dir: string): ExecProviderConfig {
  let command = ec['command'] as string;
  // As kubectl does for a kubeconfig: a command with a path separator is relative to the file.
  if (!path.isAbsolute(command) && command.includes('/')) command = path.resolve(dir, command);
  const args = Array.isArray(ec['args']) ? ec['args'].map(String) : [];
  const env = Array.isArray(ec['env'])
    ? ec['env'].filter(isRecord).map((e) => ({ name: valueText(e['name']), value: valueText(e['value']) }))
    : [];
  const mode = typeof ec['interactiveMode'] === 'string' ? ec['interactiveMode'] : undefined;
  return {
    apiVersion: typeof ec['apiVersion'] === 'string' ? ec['apiVersion'] : '',
    command,
    args,
    env,
    provideClusterInfo: ec['provideClusterInfo'] === true,
    ...(mode !== undefined && { interactiveMode: mode }),
  };
}
