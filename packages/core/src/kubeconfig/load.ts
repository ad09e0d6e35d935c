/**
 * Kubeconfig loading with kubectl's rules, done on the parsed YAML (never client-node's own loader,
 * which throws on duplicate names, reads the environment behind our back and falls back silently to
 * http://localhost:8080).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { ContextSelectionError, KubeconfigError } from '../errors.js';
import { didYouMean } from '../util/suggest.js';
import { oneLine, q } from '../util/text.js';
import type { ConnectionConfig, ContextInfo, KubeconfigSourceOptions, LoadedKubeconfig } from './types.js';

type Section = 'clusters' | 'users' | 'contexts';

type ClientNode = typeof import('@kubernetes/client-node');
let clientNode: ClientNode | undefined;

/**
 * client-node, loaded on first use rather than at import: it takes far longer to load than the rest of
 * core, and `lint`, `--help` or a usage error should not pay for it. Loaded synchronously, always the same
 * way: mixing `import()` with `require()` of one ES module races (ERR_REQUIRE_ESM_RACE_CONDITION).
 */
export function loadClientNode(): ClientNode {
  if (!clientNode) {
    // A CommonJS bundle (the VS Code extension) has `require`, and bundlers follow this literal call;
    // ES modules on Node >= 22.12 get the same synchronous require(esm) through createRequire.
    clientNode = (
      typeof require === 'function'
        ? // eslint-disable-next-line @typescript-eslint/no-require-imports
          require('@kubernetes/client-node')
        : createRequire(import.meta.url)('@kubernetes/client-node')
    ) as ClientNode;
  }
  return clientNode;
}

/**
 * True when this user's credentials come from a plugin that client-node runs (exec, auth-provider, and
 * `token-file`, which it re-reads as a provider). Static tokens, client certificates and basic auth need
 * no client-node: the transport applies them itself, and commands whose contexts are all static never
 * load it (the ~400 ms it takes to load is most of a `get`'s start-up).
 */
export function usesAuthPlugin(user: User | null | undefined): boolean {
  return user != null && (user.exec != null || user.authProvider != null);
}

/** One named entry of one file, with its paths already resolved against that file's directory. */
export interface RawEntry {
  name: string;
  body: Record<string, unknown>;
  file: string;
  line: number;
}

interface ParsedFile {
  file: string;
  currentContext?: string;
  clusters: RawEntry[];
  users: RawEntry[];
  contexts: RawEntry[];
}

const SINGULAR: Record<Section, string> = { clusters: 'cluster', users: 'user', contexts: 'context' };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** kubectl resolves file references relative to the file that holds them. */
function resolvePath(dir: string, p: unknown): unknown {
  if (typeof p !== 'string' || p.length === 0 || path.isAbsolute(p)) return p;
  return path.resolve(dir, p);
}

function resolveEntryPaths(
  section: Section,
  body: Record<string, unknown>,
  dir: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  if (section === 'clusters') {
    out['certificate-authority'] = resolvePath(dir, out['certificate-authority']);
  } else if (section === 'users') {
    for (const k of ['client-certificate', 'client-key', 'token-file']) out[k] = resolvePath(dir, out[k]);
    const exec = out['exec'];
    if (isRecord(exec) && typeof exec['command'] === 'string') {
      const cmd = exec['command'];
      // Like client-go: a command with a path separator is a path relative to the kubeconfig;
      // a bare name is looked up on PATH.
      if (!path.isAbsolute(cmd) && (cmd.includes('/') || cmd.includes(path.sep))) {
        out['exec'] = { ...exec, command: path.resolve(dir, cmd) };
      }
    }
    const ap = out['auth-provider'];
    if (isRecord(ap) && isRecord(ap['config'])) {
      const cfg = { ...ap['config'] };
      if (typeof cfg['idp-certificate-authority'] === 'string') {
        cfg['idp-certificate-authority'] = resolvePath(dir, cfg['idp-certificate-authority']);
      }
      out['auth-provider'] = { ...ap, config: cfg };
    }
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

function parseFile(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const lineOf = (offset: number | undefined): number =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = lineCounter.linePos(firstError.pos[0]);
    // The yaml message without pretty context: it never quotes the source line (which may hold a token).
    throw new KubeconfigError(
      `malformed kubeconfig ${file}:${pos.line}:${pos.col}: ${oneLine(firstError.message.replace(/ at line \d+, column \d+.*$/s, ''))}`,
    );
  }
  const parsed: ParsedFile = { file, clusters: [], users: [], contexts: [] };
  const root = doc.contents;
  if (root === null || root === undefined) return parsed; // an empty file is an empty config
  if (!isMap(root)) {
    throw new KubeconfigError(
      `malformed kubeconfig ${file}:${lineOf(root.range?.[0])}: expected a mapping at the top level`,
    );
  }
  const dir = path.dirname(file);
  const cc: unknown = root.get('current-context');
  if (typeof cc === 'string' && cc.length > 0) parsed.currentContext = cc;
  for (const section of ['clusters', 'users', 'contexts'] as const) {
    const node = root.get(section, true) as YamlNode | null | undefined;
    if (node === undefined || node === null) continue;
    if (!isSeq(node)) {
      // `clusters:` with nothing after it parses as a null scalar.
      if ((node as { value?: unknown }).value === null) continue;
      throw new KubeconfigError(
        `malformed kubeconfig ${file}:${lineOf(node.range?.[0])}: ${section} must be a list`,
      );
    }
    const seen = new Map<string, number>();
    for (const item of node.items) {
      const itemNode = item as YamlNode;
      const line = lineOf(itemNode.range?.[0]);
      const value: unknown = isMap(itemNode) ? itemNode.toJS(doc) : undefined;
      if (!isRecord(value)) {
        throw new KubeconfigError(
          `malformed kubeconfig ${file}:${line}: each entry of ${section} must be a mapping`,
        );
      }
      const name = value['name'];
      if (typeof name !== 'string' || name.length === 0) {
        throw new KubeconfigError(`malformed kubeconfig ${file}:${line}: an entry of ${section} has no name`);
      }
      const prev = seen.get(name);
      if (prev !== undefined) {
        // client-go refuses a file that repeats a name within one list; so do we (without echoing the list).
        throw new KubeconfigError(
          `malformed kubeconfig ${file}:${line}: duplicate ${SINGULAR[section]} name ${q(name)} (first at line ${prev})`,
        );
      }
      seen.set(name, line);
      const inner = value[SINGULAR[section]];
      if (inner !== undefined && inner !== null && !isRecord(inner)) {
        throw new KubeconfigError(
          `malformed kubeconfig ${file}:${line}: ${SINGULAR[section]} ${q(name)} must hold a mapping under "${SINGULAR[section]}"`,
        );
      }
      const body = resolveEntryPaths(section, isRecord(inner) ? inner : {}, dir);
      parsed[section].push({ name, body, file, line });
    }
  }
  return parsed;
}

function readKubeconfigFile(file: string): string {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new KubeconfigError(`kubeconfig ${file} is not a regular file`);
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof KubeconfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new KubeconfigError(`cannot read kubeconfig ${file}: ${code}`, { cause: e });
  }
}

/** Which files to read, in precedence order, with kubectl's rules. */
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
    const tokenFile = str(ub['token-file']);
    let authProvider = isRecord(ub['auth-provider']) ? structuredClone(ub['auth-provider']) : undefined;
    if (
      token === undefined &&
      tokenFile !== undefined &&
      authProvider === undefined &&
      ub['exec'] === undefined
    ) {
      // client-node reads `token-file` once; as a tokenFile provider it is re-read every minute, like client-go.
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
