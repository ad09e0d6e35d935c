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
import {
  hasOverrides,
  overrideCluster,
  overrideUser,
  overridesUser,
  type KubeconfigOverrides,
} from './overrides.js';
import type {
  ConnectionConfig,
  ContextInfo,
  Impersonation,
  KubeconfigSourceOptions,
  LoadedKubeconfig,
} from './types.js';

/** The cluster extension client-go hands to exec plugins as `spec.cluster.config`. */
const EXEC_EXTENSION = 'client.authentication.k8s.io/exec';

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

  constructor(
    files: string[],
    private readonly parsed: ParsedFile[],
    warnings: string[],
    private readonly overrides?: KubeconfigOverrides,
  ) {
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
    for (const raw of this.rawContexts.values()) {
      const e = this.contextEntry(raw);
      const cluster = str(e.body['cluster']) ?? '';
      const user = str(e.body['user']) ?? '';
      const clusterEntry = this.clusterEntry(cluster);
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

  /** The same kubeconfig with kubectl's global flags applied to every context (`--server`, `--as`, …). */
  withOverrides(o: KubeconfigOverrides): LoadedKubeconfig {
    if (!hasOverrides(o)) return this;
    return new MergedKubeconfig(this.files, this.parsed, [...this.warnings], o);
  }

  /** A context entry as the overrides make it (`--cluster`, `--user` choose its entries). */
  private contextEntry(e: RawEntry): RawEntry {
    const o = this.overrides;
    if (!o || (o.cluster === undefined && o.user === undefined)) return e;
    return {
      ...e,
      body: {
        ...e.body,
        ...(o.cluster !== undefined && { cluster: o.cluster }),
        ...(o.user !== undefined && { user: o.user }),
      },
    };
  }

  /** A cluster entry with the overrides' fields (`--server` may stand for a missing entry). */
  private clusterEntry(name: string): RawEntry | undefined {
    const entry = this.clusters.get(name);
    const o = this.overrides;
    if (!o || !hasOverrides(o)) return entry;
    if (!entry && o.server === undefined) return undefined;
    return overrideCluster(entry, name, o);
  }

  /** A user entry with the overrides' credentials (`--token` may stand for a missing entry). */
  private userEntry(name: string | undefined): RawEntry | undefined {
    const entry = name === undefined ? undefined : this.users.get(name);
    const o = this.overrides;
    if (!o || !overridesUser(o)) return entry;
    return overrideUser(entry, name ?? '', o);
  }

  /** Why a context cannot be used, or undefined. The message names file and key, never values. */
  private problemOf(raw: RawEntry): string | undefined {
    const e = this.contextEntry(raw);
    const cluster = str(e.body['cluster']);
    if (cluster === undefined) return `context ${q(e.name)} (${where(e)}) names no cluster`;
    const c = this.clusterEntry(cluster);
    if (!c) {
      return `context ${q(e.name)} (${where(e)}) refers to cluster ${q(cluster)}, which no kubeconfig file defines`;
    }
    if (str(c.body['server']) === undefined) return `cluster ${q(cluster)} (${where(c)}) has no server`;
    const user = str(e.body['user']);
    if (user !== undefined && !this.users.has(user) && !(this.overrides && overridesUser(this.overrides))) {
      return `context ${q(e.name)} (${where(e)}) refers to user ${q(user)}, which no kubeconfig file defines`;
    }
    return undefined;
  }

  /** The raw (merged, path-resolved) entries of a context, for the transport. */
  entriesFor(context: string): { context: RawEntry; cluster: RawEntry; user?: RawEntry } {
    const raw = this.rawContexts.get(context);
    if (!raw) throw unknownContextError(context, [...this.rawContexts.keys()]);
    const problem = this.problemOf(raw);
    if (problem) throw new KubeconfigError(problem);
    const e = this.contextEntry(raw);
    const cluster = this.clusterEntry(str(e.body['cluster']) ?? '') as RawEntry;
    const user = this.userEntry(str(e.body['user']));
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
    const impersonate = impersonationOf(ub, userName);
    const ctx: Context = {
      name: ce.name,
      cluster: cl.name,
      user: userName,
      ...(str(ce.body['namespace']) !== undefined && { namespace: str(ce.body['namespace']) }),
    };
    const execExtension = Array.isArray(cb['extensions'])
      ? (cb['extensions'] as unknown[]).find(
          (e): e is Record<string, unknown> => isRecord(e) && e['name'] === EXEC_EXTENSION,
        )
      : undefined;
    return {
      cluster,
      user,
      context: ctx,
      ...(impersonate && { impersonate }),
      ...(cb['disable-compression'] === true && { disableCompression: true }),
      ...(execExtension?.['extension'] !== undefined && {
        execClusterConfig: structuredClone(execExtension['extension']),
      }),
    };
  }

  kubeConfigFor(context: string): KubeConfig {
    const { cluster, user, context: ctx } = this.connectionConfigFor(context);
    const kc = new (loadClientNode().KubeConfig)();
    kc.loadFromOptions({ clusters: [cluster], users: [user], contexts: [ctx], currentContext: ctx.name });
    return kc;
  }
}

/**
 * The impersonation beyond the user name (`as-groups`, `as-uid`, `as-user-extra`), which client-node
 * does not know. Like kubectl, groups, uid or extras without a user to impersonate are refused.
 */
function impersonationOf(ub: Record<string, unknown>, user: string): Impersonation | undefined {
  const groups = Array.isArray(ub['as-groups'])
    ? ub['as-groups'].filter((g): g is string => typeof g === 'string')
    : [];
  const uid = str(ub['as-uid']);
  const extra: Record<string, string[]> = {};
  if (isRecord(ub['as-user-extra'])) {
    for (const [k, v] of Object.entries(ub['as-user-extra'])) {
      const values = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
      if (values.length > 0) extra[k] = values;
    }
  }
  if (groups.length === 0 && uid === undefined && Object.keys(extra).length === 0) return undefined;
  if (str(ub['as']) === undefined) {
    throw new KubeconfigError(
      `requesting uid, groups or user-extra for user ${q(user)} without impersonating a user (set as, or --as)`,
    );
  }
  return {
    ...(groups.length > 0 && { groups }),
    ...(uid !== undefined && { uid }),
    ...(Object.keys(extra).length > 0 && { extra }),
  };
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
  const loaded = new MergedKubeconfig(files, parsed, warnings);
  return opts.overrides ? loaded.withOverrides(opts.overrides) : loaded;
}

/**
 * The kubeconfig with kubectl's global connection flags applied to every context. Endpoint flags
 * (`--server`, …) are meant for one context: `checkOverridesForSelection` refuses them for a fleet.
 */
export function withOverrides(loaded: LoadedKubeconfig, o: KubeconfigOverrides): LoadedKubeconfig {
  if (!(loaded instanceof MergedKubeconfig)) {
    throw new TypeError('withOverrides needs a kubeconfig loaded by loadKubeconfig');
  }
  return loaded.withOverrides(o);
}

/** Load from in-memory YAML (tests, editors). `file` names it in messages and anchors relative paths. */
export function loadKubeconfigFromString(text: string, file = path.resolve('kubeconfig')): LoadedKubeconfig {
  return new MergedKubeconfig([file], [parseFile(file, text)], []);
}
