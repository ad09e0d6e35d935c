/**
 * Kubeconfig loading with kubectl's rules, done on the parsed YAML (never client-node's own loader,
 * which throws on duplicate names, reads the environment behind our back and falls back silently to
 * http://localhost:8080).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { loadClientNode } from './client-node.js';
import {
  SINGULAR,
  isRecord,
  parseFile,
  readKubeconfigFile,
  str,
  type ParsedFile,
  type RawEntry,
} from './file.js';
import { ContextSelectionError, KubeconfigError } from '../errors.js';
import { didYouMean } from '../util/suggest.js';
import { oneLine, q } from '../util/text.js';
import type { ConnectionConfig, ContextInfo, KubeconfigSourceOptions, LoadedKubeconfig } from './types.js';

export type { RawEntry };

function resolveSources(opts: KubeconfigSourceOptions, warnings: string[]): string[] {
  if (opts.kubeconfig !== undefined && opts.kubeconfig !== '') {
    const file = path.resolve(opts.kubeconfig);
    if (!fs.existsSync(file)) throw new KubeconfigError(`--kubeconfig file ${file} does not exist`);
    return [file];
  }
  const env = opts.env ?? process.env;
  const list = env['KUBECONFIG'];
  if (list !== undefined && list.length > 0) {
    const entries = [...new Set(list.split(path.delimiter).filter((p) => p.length > 0))].map((p) =>
      path.resolve(p),
    );
    const files: string[] = [];
    for (const f of entries) {
      if (fs.existsSync(f)) files.push(f);
      else warnings.push(`KUBECONFIG file ${f} does not exist; skipped`);
    }
    if (files.length === 0) {
      throw new KubeconfigError(
        entries.length === 0
          ? 'no kubeconfig: KUBECONFIG lists no files'
          : `no kubeconfig: none of the files in KUBECONFIG exist (${entries.join(', ')})`,
      );
    }
    return files;
  }
  const home = opts.homeDir ?? os.homedir();
  const def = path.join(home, '.kube', 'config');
  if (!fs.existsSync(def)) {
    throw new KubeconfigError(
      `no kubeconfig: ${def} does not exist and KUBECONFIG is not set (pass --kubeconfig)`,
    );
  }
  return [def];
}

function where(e: RawEntry): string {
  return `${e.file}:${e.line}`;
}

class MergedKubeconfig implements LoadedKubeconfig {
  readonly files: string[];
  readonly currentContext?: string;
  readonly contexts: ContextInfo[];
  readonly warnings: string[];
  private readonly clusters = new Map<string, RawEntry>();
  private readonly users = new Map<string, RawEntry>();
  private readonly rawContexts = new Map<string, RawEntry>();

  constructor(files: string[], parsed: ParsedFile[], warnings: string[]) {
    this.files = files;
    this.warnings = warnings;
    let current: string | undefined;
    for (const p of parsed) {
      if (current === undefined && p.currentContext !== undefined) current = p.currentContext;
      for (const section of ['clusters', 'users', 'contexts'] as const) {
        const map =
          section === 'clusters' ? this.clusters : section === 'users' ? this.users : this.rawContexts;
        for (const e of p[section]) {
          const first = map.get(e.name);
          if (first) {
            warnings.push(
              `${SINGULAR[section]} ${q(e.name)} in ${where(e)} is ignored: already defined in ${where(first)}`,
            );
            continue;
          }
          map.set(e.name, e);
        }
      }
    }
    if (current !== undefined) this.currentContext = current;
    this.contexts = [];
    for (const e of this.rawContexts.values()) {
      const cluster = str(e.body['cluster']) ?? '';
      const user = str(e.body['user']) ?? '';
      const clusterEntry = this.clusters.get(cluster);
      const info: ContextInfo = {
        name: e.name,
        cluster,
        user,
        file: e.file,
        insecureSkipTlsVerify: clusterEntry?.body['insecure-skip-tls-verify'] === true,
      };
      const ns = str(e.body['namespace']);
      if (ns !== undefined) info.namespace = ns;
      const server = str(clusterEntry?.body['server']);
      if (server !== undefined) info.server = server;
      this.contexts.push(info);
      const problem = this.problemOf(e);
      if (problem) warnings.push(problem);
    }
    if (current !== undefined && !this.rawContexts.has(current)) {
      warnings.push(`current-context ${q(current)} is not defined in any kubeconfig file`);
    }
  }

  /** Why a context cannot be used, or undefined. The message names file and key, never values. */
  private problemOf(e: RawEntry): string | undefined {
    const cluster = str(e.body['cluster']);
    if (cluster === undefined) return `context ${q(e.name)} (${where(e)}) names no cluster`;
    const c = this.clusters.get(cluster);
    if (!c) {
      return `context ${q(e.name)} (${where(e)}) refers to cluster ${q(cluster)}, which no kubeconfig file defines`;
    }
    if (str(c.body['server']) === undefined) return `cluster ${q(cluster)} (${where(c)}) has no server`;
    const user = str(e.body['user']);
    if (user !== undefined && !this.users.has(user)) {
      return `context ${q(e.name)} (${where(e)}) refers to user ${q(user)}, which no kubeconfig file defines`;
    }
    return undefined;
  }

  /** The raw (merged, path-resolved) entries of a context, for the transport. */
  entriesFor(context: string): { context: RawEntry; cluster: RawEntry; user?: RawEntry } {
    const e = this.rawContexts.get(context);
    if (!e) throw unknownContextError(context, [...this.rawContexts.keys()]);
    const problem = this.problemOf(e);
    if (problem) throw new KubeconfigError(problem);
    const cluster = this.clusters.get(str(e.body['cluster']) ?? '') as RawEntry;
    const userName = str(e.body['user']);
    const user = userName === undefined ? undefined : this.users.get(userName);
    return user ? { context: e, cluster, user } : { context: e, cluster };
  }

  connectionConfigFor(context: string): ConnectionConfig {
    const { context: ce, cluster: cl, user: us } = this.entriesFor(context);
    const cb = cl.body;
    const cluster: Cluster = {
      name: cl.name,
      server: (str(cb['server']) ?? '').replace(/\/$/, ''),
      skipTLSVerify: cb['insecure-skip-tls-verify'] === true,
      ...(str(cb['certificate-authority-data']) !== undefined && {
        caData: str(cb['certificate-authority-data']),
      }),
      ...(str(cb['certificate-authority']) !== undefined && { caFile: str(cb['certificate-authority']) }),
      ...(str(cb['tls-server-name']) !== undefined && { tlsServerName: str(cb['tls-server-name']) }),
      ...(str(cb['proxy-url']) !== undefined && { proxyUrl: str(cb['proxy-url']) }),
    };
    const userName = us?.name ?? '';
    const ub = us?.body ?? {};
    const token = str(ub['token']);
    // kubectl's spelling is `tokenFile` (clientcmd's AuthInfo); it ignores `token-file`, and so do we.
    const tokenFile = str(ub['tokenFile']);
    let authProvider = isRecord(ub['auth-provider']) ? structuredClone(ub['auth-provider']) : undefined;
    if (
      token === undefined &&
      tokenFile !== undefined &&
      authProvider === undefined &&
      ub['exec'] === undefined
    ) {
      // Read by StaticCredentials, trimmed and re-read every minute, like client-go's cached file token.
      authProvider = { name: 'tokenFile', config: { tokenFile } };
    }
    const user: User = {
      name: userName,
      ...(token !== undefined && { token }),
      ...(str(ub['client-certificate-data']) !== undefined && {
        certData: str(ub['client-certificate-data']),
      }),
      ...(str(ub['client-certificate']) !== undefined && { certFile: str(ub['client-certificate']) }),
      ...(str(ub['client-key-data']) !== undefined && { keyData: str(ub['client-key-data']) }),
      ...(str(ub['client-key']) !== undefined && { keyFile: str(ub['client-key']) }),
      ...(str(ub['username']) !== undefined && { username: str(ub['username']) }),
      ...(str(ub['password']) !== undefined && { password: str(ub['password']) }),
      ...(str(ub['as']) !== undefined && { impersonateUser: str(ub['as']) }),
      ...(isRecord(ub['exec']) && { exec: structuredClone(ub['exec']) }),
      ...(authProvider !== undefined && { authProvider }),
    };
    const ctx: Context = {
      name: ce.name,
      cluster: cl.name,
      user: userName,
      ...(str(ce.body['namespace']) !== undefined && { namespace: str(ce.body['namespace']) }),
    };
    return { cluster, user, context: ctx };
  }

  kubeConfigFor(context: string): KubeConfig {
    const { cluster, user, context: ctx } = this.connectionConfigFor(context);
    const kc = new (loadClientNode().KubeConfig)();
    kc.loadFromOptions({ clusters: [cluster], users: [user], contexts: [ctx], currentContext: ctx.name });
    return kc;
  }
}

export function unknownContextError(
  name: string,
  known: readonly string[],
  what = 'context',
): ContextSelectionError {
  return new ContextSelectionError(`${unknownMessage(name, known, what)}`);
}

export function unknownMessage(name: string, known: readonly string[], what = 'context'): string {
  const suggestion = didYouMean(name, known);
  const shown = known.slice(0, 20).map((k) => oneLine(k, 80));
  const list =
    known.length === 0
      ? 'the kubeconfig has no contexts'
      : `known contexts: ${shown.join(', ')}${known.length > shown.length ? `, … (${known.length - shown.length} more)` : ''}`;
  return `no ${what} ${q(name)} in kubeconfig${suggestion !== undefined ? ` (did you mean ${q(suggestion)}?)` : ''}; ${list}`;
}

/** The secret values a kubeconfig entry holds, to scrub from any message that might echo them. */
export function secretsOf(user: RawEntry | undefined): string[] {
  if (!user) return [];
  const b = user.body;
  const out: string[] = [];
  for (const k of ['token', 'password', 'client-key-data', 'client-certificate-data']) {
    const v = b[k];
    if (typeof v === 'string') out.push(v);
  }
  const exec = b['exec'];
  if (isRecord(exec) && Array.isArray(exec['env'])) {
    for (const e of exec['env']) if (isRecord(e) && typeof e['value'] === 'string') out.push(e['value']);
  }
  const ap = b['auth-provider'];
  if (isRecord(ap) && isRecord(ap['config'])) {
    for (const v of Object.values(ap['config'])) if (typeof v === 'string') out.push(v);
  }
  return out;
}

/** Internal access for the transport: the merged raw entries behind a loaded kubeconfig. */
export function rawEntriesOf(
  loaded: LoadedKubeconfig,
  context: string,
): { context: RawEntry; cluster: RawEntry; user?: RawEntry } | undefined {
  return loaded instanceof MergedKubeconfig ? loaded.entriesFor(context) : undefined;
}

/**
 * Load kubeconfig exactly as kubectl does: the `--kubeconfig` file alone; else every file of
 * `KUBECONFIG` (missing ones skipped with a warning); else `~/.kube/config`. Merged with the first
 * file winning per name, `current-context` from the first file that sets it. Read-only.
 */
export function loadKubeconfig(opts: KubeconfigSourceOptions = {}): LoadedKubeconfig {
  const warnings: string[] = [];
  const files = resolveSources(opts, warnings);
  const parsed = files.map((f) => parseFile(f, readKubeconfigFile(f)));
  return new MergedKubeconfig(files, parsed, warnings);
}

/** Load from in-memory YAML (tests, editors). `file` names it in messages and anchors relative paths. */
export function loadKubeconfigFromString(text: string, file = path.resolve('kubeconfig')): LoadedKubeconfig {
  return new MergedKubeconfig([file], [parseFile(file, text)], []);
}
