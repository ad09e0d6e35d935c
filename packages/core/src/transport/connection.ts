/**
 * One cluster's HTTP connection on node:https / node:http with one keep-alive Agent per cluster.
 * TLS material and credentials come from that context's own `KubeConfig` through client-node
 * (`applyToHTTPSOptions`: token files, exec plugins, OIDC and other auth-providers), or, for users with
 * static credentials only (CA, client certs, tokens, basic auth), from `StaticCredentials`, which applies
 * them the same way without loading client-node. Asked afresh for every request so refreshed credentials
 * (exec, OIDC, token files, rotated certificate files) are picked up.
 */
import http from 'node:http';
import https from 'node:https';
import type { Cluster, User } from '@kubernetes/client-node';
import { ClusterError, ContextSelectionError, KubeconfigError } from '../errors.js';
import { usesAuthPlugin } from '../kubeconfig/client-node.js';
import { rawEntriesOf, secretsOf } from '../kubeconfig/load.js';
import type { ConnectionConfig, LoadedKubeconfig } from '../kubeconfig/types.js';
import { raceAbort, sleep } from '../util/abort.js';
import { oneLine, q } from '../util/text.js';
import { budgetedJsonLines, decodeBudgeted, flatHeaders, readBody, textLines, type Peer } from './body.js';
import { memoryBudget, type Reservation } from './budget.js';
import {
  applyCredentials,
  credentialError,
  credentialSource,
  secretsFromUser,
  type RequestCredentials,
} from './credentials.js';
import { abortError, networkError, requestError, statusError } from './errors.js';
import { clusterAgent } from './proxy.js';
import { requestLogEnabled, requestLogger } from './request-log.js';
import { isStaleSocket, MAX_ATTEMPTS, retryDelay } from './retry.js';
import { withSharedContext } from './secure-context.js';
import type { CredentialSource } from './static-credentials.js';
import type { ApiResponse, ClusterConnection, RequestOptions } from './types.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
export { MAX_STREAM_LINE_BYTES } from './body.js';
const USER_AGENT = 'kubectl-mc/0.1.0';
export interface ConnectionOptions {
  /** Cap on a `request` body (default 256 MiB); `stream` applies it per line (at most 16 MiB). */
  maxResponseBytes?: number;
  /** Environment for HTTPS_PROXY / HTTP_PROXY / NO_PROXY when the kubeconfig sets no proxy-url (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Called once per warning (e.g. TLS verification disabled by the kubeconfig). */
  onWarning?: (warning: string) => void;
}

/** The connection with what the contract leaves open: its warnings. */
export interface HttpClusterConnection extends ClusterConnection {
  /** Non-fatal findings for this context, e.g. `insecure-skip-tls-verify` set by the kubeconfig. */
  readonly warnings: readonly string[];
}

/** Credentials and TLS material for one request, and which credential generation they are of. */
interface Prepared extends RequestCredentials {
  /** See `invalidateCredentials`. */
  generation: number;
}

interface RawResponse {
  generation: number;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export class HttpConnection implements HttpClusterConnection {
  readonly context: string;
  readonly server: string;
  readonly warnings: string[] = [];
  private readonly url: URL;
  private readonly prefix: string;
  private readonly hostPort: string;
  private readonly secure: boolean;
  private readonly agent: http.Agent;
  private readonly maxBytes: number;
  private readonly secrets: string[];
  /** Who is at the other end, for the body readers' messages. */
  private readonly peer: Peer;
  private readonly user: User;
  private readonly cluster: Cluster;
  /** Asked for credentials; replaced to drop cached exec/OIDC credentials after a 401. */
  private authConfig: CredentialSource;
  /** Concurrent requests share one credential lookup (one exec-plugin run, not one per request). */
  private preparing: Promise<Prepared> | undefined;
  private generation = 0;
  private closed = false;

  private readonly makeAuthConfig: () => CredentialSource;
  private readonly gzip: boolean;

  /** Made by `createConnection`, which checks the server URL (`serverUrl`) and makes the agent. */
  constructor(
    parts: {
      context: string;
      cluster: Cluster;
      user: User;
      secrets: string[];
      url: URL;
      agent: http.Agent;
      makeAuthConfig: () => CredentialSource;
      /** Ask for gzip responses (false: the kubeconfig's `disable-compression`). */
      gzip?: boolean;
    },
    opts: ConnectionOptions,
  ) {
    const { context, cluster, url } = parts;
    this.context = context;
    this.cluster = cluster;
    this.server = cluster.server;
    this.secrets = parts.secrets;
    this.makeAuthConfig = parts.makeAuthConfig;
    this.gzip = parts.gzip ?? true;
    this.authConfig = parts.makeAuthConfig();
    this.user = parts.user;
    this.maxBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.url = url;
    this.secure = url.protocol === 'https:';
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.hostPort = `${url.hostname}:${url.port || (this.secure ? '443' : '80')}`;
    this.peer = { context, hostPort: this.hostPort, secrets: parts.secrets };
    this.agent = parts.agent;
    if (cluster.skipTLSVerify && this.secure) {
      const w = insecureSkipTlsWarning(context);
      this.warnings.push(w);
      opts.onWarning?.(w);
    }
  }

  /** Credentials and TLS material for one request, from client-node. Failures are `Auth` errors. */
  private prepare(signal: AbortSignal | undefined): Promise<Prepared> {
    let p = this.preparing;
    if (!p) {
      const fresh = this.lookupCredentials().finally(() => {
        if (this.preparing === fresh) this.preparing = undefined;
      });
      this.preparing = p = fresh;
    }
    return raceAbort(p, signal, () => abortError(signal as AbortSignal, this.context));
  }

  /** True when credentials come from a plugin whose cached answer may be stale (exec, auth-provider). */
  private get refreshableAuth(): boolean {
    return usesAuthPlugin(this.user);
  }

  /** After a 401: forget cached plugin credentials so the next request asks the plugin again. */
  private invalidateCredentials(generation: number): void {
    if (generation !== this.generation) return; // already replaced after another request's 401
    this.generation++;
    this.authConfig = this.makeAuthConfig();
    this.preparing = undefined;
  }

  private async lookupCredentials(): Promise<Prepared> {
    const generation = this.generation;
    try {
      return { generation, ...(await applyCredentials(this.authConfig, this.cluster)) };
    } catch (e) {
      throw credentialError(e, this.context, this.cluster, this.user, this.secrets);
    }
  }

  private urlFor(p: string, query: RequestOptions['query']): URL {
    const rel = p.startsWith('/') ? p : `/${p}`;
    const u = new URL(this.url.origin + this.prefix + rel);
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== undefined) u.searchParams.append(k, String(v));
    return u;
  }

  /** Open a request and resolve with the response head; the body is the caller's. */
  private open(
    u: URL,
    method: string,
    prepared: Prepared,
    accept: string,
    body: Buffer | undefined,
    signal: AbortSignal | undefined,
    gzip = false,
    contentType?: string,
  ): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
    const headers: Record<string, string | string[]> = {
      Accept: accept,
      'User-Agent': USER_AGENT,
      ...(gzip && { 'Accept-Encoding': 'gzip' }),
      ...prepared.headers,
    };
    if (body !== undefined) {
      headers['Content-Type'] =
        contentType ?? (method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
      headers['Content-Length'] = String(body.length);
    }
    const mod = this.secure ? https : http;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(signal, this.context));
        return;
      }
      // A closed connection opens no new socket (a request still awaiting credentials when the
      // connection was closed must not keep the process alive).
      if (this.closed) {
        reject(new ClusterError('Cancelled', this.context, 'the connection was closed'));
        return;
      }
      let req: http.ClientRequest;
      try {
        req = mod.request(u, {
          method,
          headers,
          agent: this.agent,
          ...(this.secure ? withSharedContext(prepared.tls) : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (e) {
        const err = requestError(e, this.context);
        reject(err);
        return;
      }
      const log = requestLogEnabled()
        ? requestLogger(this.context, u, method, headers, this.secrets)
        : undefined;
      req.once('response', (res) => {
        log?.(res);
        resolve({ req, res });
      });
      req.on('error', (e) => {
        const err = signal?.aborted ? abortError(signal, this.context) : this.netError(e);
        log?.(undefined, err);
        reject(err);
      });
      req.end(body);
    });
  }

  private netError(e: unknown): ClusterError {
    return networkError(e, this.context, this.hostPort, this.secrets);
  }

  private async exchange(
    p: string,
    options: RequestOptions,
    accept: string,
    reservation: Reservation,
  ): Promise<RawResponse> {
    const method = options.method ?? 'GET';
    const prepared = await this.prepare(options.signal);
    const body = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const { req, res } = await this.open(
      this.urlFor(p, options.query),
      method,
      prepared,
      accept,
      body,
      options.signal,
      this.gzip,
      options.contentType,
    );
    const buf = await readBody(req, res, options.signal, this.maxBytes, this.peer, reservation);
    return { generation: prepared.generation, status: res.statusCode ?? 0, headers: res.headers, body: buf };
  }

  async request<T = unknown>(p: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const method = options.method ?? 'GET';
    const retry = options.retry ?? method === 'GET';
    const accept = options.accept ?? 'application/json';
    const signal = options.signal;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      let raw: RawResponse; // its body and parse hold `reservation` of the command's memory budget
      const reservation = memoryBudget().open(this.context);
      try {
        raw = await this.exchange(p, options, accept, reservation);
      } catch (e) {
        reservation.release();
        const err = e instanceof ClusterError ? e : this.netError(e);
        if (retry && isStaleSocket(err) && attempt < MAX_ATTEMPTS && !signal?.aborted) continue;
        throw err;
      }
      const { status } = raw;
      const contentType = String(raw.headers['content-type'] ?? '');
      if (status >= 200 && status < 300) {
        if (options.raw) {
          reservation.releaseWhenCollected(raw.body);
          return { status, headers: flatHeaders(raw.headers), body: raw.body as T };
        }
        const { value, cost } = await decodeBudgeted<T>(raw.body, status, contentType, method, {
          context: this.context,
          signal,
          reservation,
        });
        return { status, headers: flatHeaders(raw.headers), body: value, cost };
      }
      reservation.releaseWhenCollected(raw.body);
      const err = statusError(status, contentType, raw.body, this.context, this.secrets);
      if (status === 401 && this.refreshableAuth) {
        // Like client-go: a plugin's cached credential was refused; ask the plugin again, once.
        this.invalidateCredentials(raw.generation);
        if (!refreshed) {
          refreshed = true;
          attempt--;
          continue;
        }
      }
      const delay = retry ? retryDelay(attempt, status, raw.headers, signal) : undefined;
      if (delay === undefined) throw err;
      await sleep(delay, signal);
      if (signal?.aborted) throw abortError(signal, this.context);
    }
  }

  async *stream<T = unknown>(p: string, options: RequestOptions = {}): AsyncGenerator<T> {
    const signal = options.signal;
    const accept = options.accept ?? 'application/json';
    const prepared = await this.prepare(signal);
    const { req, res } = await this.open(
      this.urlFor(p, options.query),
      options.method ?? 'GET',
      prepared,
      accept,
      options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body)),
      signal,
    );
    options.onResponse?.();
    try {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        const body = await readBody(req, res, signal, this.maxBytes, this.peer);
        if (status === 401 && this.refreshableAuth) this.invalidateCredentials(prepared.generation);
        throw statusError(
          status,
          String(res.headers['content-type'] ?? ''),
          body,
          this.context,
          this.secrets,
        );
      }
      if (options.text)
        yield* textLines(res, signal, options.text.maxLineBytes, this.peer) as AsyncGenerator<T>;
      else yield* budgetedJsonLines<T>(res, signal, this.maxBytes, this.peer);
    } finally {
      // Early exit, abort or error: the socket holds an unfinished response and must not be reused.
      if (!res.complete) {
        req.destroy();
        res.destroy();
      }
    }
  }

  close(): void {
    this.closed = true;
    this.authConfig.dispose?.();
    this.agent.destroy();
  }

  /** Sockets currently open to this cluster (in use or idle); for tests and diagnostics. */
  socketCount(): number {
    const count = (m: NodeJS.ReadOnlyDict<unknown[]>) =>
      Object.values(m).reduce((n, l) => n + (l?.length ?? 0), 0);
    return count(this.agent.sockets) + count(this.agent.freeSockets);
  }
}

/**
 * A connection to one context's cluster. Configuration problems of that context (missing cluster, user,
 * server) become `ClusterError`s (`Unreachable` / `Auth`) so one broken context never sinks a fan-out.
 */
export async function createConnection(
  loaded: LoadedKubeconfig,
  context: string,
  opts: ConnectionOptions = {},
): Promise<HttpClusterConnection> {
  let config: ConnectionConfig;
  try {
    config = loaded.connectionConfigFor(context);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (e instanceof ContextSelectionError || code === 'CONTEXT_SELECTION') throw e;
    // A fleet source that already knows why this cluster cannot be reached (a hub's profile).
    if (e instanceof ClusterError) throw e;
    const msg = e instanceof Error ? oneLine(e.message) : 'unusable kubeconfig';
    const kind =
      (e instanceof KubeconfigError || code === 'KUBECONFIG') && / user "/.test(msg) ? 'Auth' : 'Unreachable';
    throw new ClusterError(kind, context, msg, { cause: e });
  }
  const { cluster, user, context: ctx, impersonate, execClusterConfig, disableCompression } = config;
  const raw = rawEntriesOf(loaded, context);
  const secrets = raw ? secretsOf(raw.user) : secretsFromUser(user);
  const url = serverUrl(context, cluster);
  const agent = await clusterAgent(context, cluster, url, opts.env ?? process.env);
  const execCluster = {
    ...(execClusterConfig !== undefined && { config: execClusterConfig }),
    ...(disableCompression && { disableCompression }),
  };
  const makeAuthConfig = () => credentialSource(cluster, user, ctx, context, impersonate, execCluster);
  const gzip = !disableCompression;
  return new HttpConnection({ context, cluster, user, secrets, url, agent, makeAuthConfig, gzip }, opts);
}

/** The cluster's server URL, when it is an http(s) URL; else an `Unreachable` error of that context. */
function serverUrl(context: string, cluster: Cluster): URL {
  let url: URL;
  try {
    url = new URL(cluster.server);
  } catch {
    throw new ClusterError('Unreachable', context, `cluster ${q(cluster.name)} has an invalid server URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ClusterError('Unreachable', context, `unsupported server URL scheme ${q(url.protocol)}`);
  }
  return url;
}

/** The warning every front end shows for a context whose kubeconfig turns TLS verification off. */
export function insecureSkipTlsWarning(context: string): string {
  return `context ${q(context)}: TLS certificate verification is disabled by the kubeconfig (insecure-skip-tls-verify)`;
}
