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
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import zlib from 'node:zlib';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Cluster, User } from '@kubernetes/client-node';
import { ClusterError, ContextSelectionError, KubeconfigError } from '../errors.js';
import { loadClientNode, rawEntriesOf, secretsOf, usesAuthPlugin } from '../kubeconfig/load.js';
import type { ConnectionConfig, LoadedKubeconfig } from '../kubeconfig/types.js';
import { deadlineOf, raceAbort, sleep } from '../util/abort.js';
import { oneLine, q, redact } from '../util/text.js';
import { scrubPluginOutput } from './credentials.js';
import { abortError, formatBytes, networkError, statusError } from './errors.js';
import { proxyFromEnv } from './proxy-env.js';
import { logRequest, requestLogEnabled, safeHeaders, safeUrl } from './request-log.js';
import { StaticCredentials, type CredentialSource } from './static-credentials.js';
import type { ApiResponse, ClusterConnection, RequestOptions } from './types.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
const USER_AGENT = 'kubectl-mc/0.1.0';
const MAX_ATTEMPTS = 3;
const BACKOFF_BASE_MS = 250;
/** A Retry-After longer than this is not waited for: the error is returned at once. */
const MAX_RETRY_AFTER_MS = 10_000;

export interface ConnectionOptions {
  /** Cap on a `request` body (default 256 MiB); `stream` applies it per line. */
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

type TlsMaterial = Pick<https.RequestOptions, 'ca' | 'cert' | 'key' | 'servername' | 'rejectUnauthorized'>;

interface Prepared {
  /** Which credential generation this is (see `invalidateCredentials`). */
  generation: number;
  headers: Record<string, string>;
  tls: TlsMaterial;
}

interface RawResponse {
  generation: number;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** An Agent that reaches its cluster through an http:// proxy with CONNECT. */
function proxiedAgent(secure: boolean, proxyUrl: URL, options: http.AgentOptions): http.Agent {
  const Base = secure ? https.Agent : http.Agent;
  class ProxyAgent extends Base {
    override createConnection(
      args: http.ClientRequestArgs,
      callback?: (err: Error | null, stream: Duplex) => void,
    ): undefined {
      const opts = args as tls.ConnectionOptions & http.ClientRequestArgs;
      let called = false;
      const cb = (err: Error | null, socket?: Duplex) => {
        if (called) return; // an error after the tunnel was handed over belongs to the socket
        called = true;
        callback?.(err, socket as Duplex);
      };
      const target = `${opts.host}:${opts.port}`;
      const headers: Record<string, string> = { host: target };
      if (proxyUrl.username !== '') {
        const cred = `${decodeURIComponent(proxyUrl.username)}:${decodeURIComponent(proxyUrl.password)}`;
        headers['proxy-authorization'] = `Basic ${Buffer.from(cred).toString('base64')}`;
      }
      const req = http.request({
        host: proxyUrl.hostname,
        port: proxyUrl.port === '' ? 80 : Number(proxyUrl.port),
        method: 'CONNECT',
        path: target,
        headers,
        agent: false,
      });
      req.once('connect', (res, socket) => {
        if (res.statusCode !== 200) {
          socket.destroy();
          cb(
            Object.assign(new Error(`proxy refused CONNECT to ${target}: HTTP ${res.statusCode}`), {
              code: 'EPROXY',
            }),
          );
          return;
        }
        if (!secure) {
          cb(null, socket);
          return;
        }
        const host = String(opts.host ?? '');
        const servername = opts.servername ?? (net.isIP(host) ? undefined : host);
        const tlsOptions: tls.ConnectionOptions = { socket, ALPNProtocols: ['http/1.1'] };
        for (const k of ['ca', 'cert', 'key', 'rejectUnauthorized'] as const) {
          if (opts[k] !== undefined) (tlsOptions as Record<string, unknown>)[k] = opts[k];
        }
        if (servername) tlsOptions.servername = servername;
        cb(null, tls.connect(tlsOptions));
      });
      req.on('error', (e) => cb(e));
      req.end();
      return undefined;
    }
  }
  return new ProxyAgent(options);
}

/** Retry-After (seconds or an HTTP date) in ms, when present and sane. */
function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
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
  private readonly user: User;
  private readonly cluster: Cluster;
  /** Asked for credentials; replaced to drop cached exec/OIDC credentials after a 401. */
  private authConfig: CredentialSource;
  /** Concurrent requests share one credential lookup (one exec-plugin run, not one per request). */
  private preparing: Promise<Prepared> | undefined;
  private generation = 0;
  private closed = false;

  constructor(
    context: string,
    private readonly makeAuthConfig: () => CredentialSource,
    cluster: Cluster,
    user: User,
    secrets: string[],
    opts: ConnectionOptions,
  ) {
    this.context = context;
    this.cluster = cluster;
    this.server = cluster.server;
    this.secrets = secrets;
    this.authConfig = makeAuthConfig();
    this.user = user;
    this.maxBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    let url: URL;
    try {
      url = new URL(cluster.server);
    } catch {
      throw new ClusterError('Unreachable', context, `cluster ${q(cluster.name)} has an invalid server URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ClusterError('Unreachable', context, `unsupported server URL scheme ${q(url.protocol)}`);
    }
    this.url = url;
    this.secure = url.protocol === 'https:';
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.hostPort = `${url.hostname}:${url.port || (this.secure ? '443' : '80')}`;
    const agentOptions: http.AgentOptions = { keepAlive: true, maxFreeSockets: 16, scheduling: 'lifo' };
    const fromEnv = cluster.proxyUrl ? undefined : proxyFromEnv(url, opts.env ?? process.env);
    const proxyUrl = cluster.proxyUrl ?? fromEnv;
    const proxyWhat = cluster.proxyUrl
      ? 'proxy-url'
      : url.protocol === 'https:'
        ? 'HTTPS_PROXY'
        : 'HTTP_PROXY';
    if (proxyUrl) {
      let proxy: URL;
      try {
        proxy = new URL(proxyUrl);
      } catch {
        throw new ClusterError(
          'Unreachable',
          context,
          `${proxyWhat} for cluster ${q(cluster.name)} is not a valid URL`,
        );
      }
      if (proxy.protocol !== 'http:') {
        throw new ClusterError(
          'Unreachable',
          context,
          `${proxyWhat} scheme ${q(proxy.protocol)} is not supported (only http:// proxies)`,
        );
      }
      this.agent = proxiedAgent(this.secure, proxy, agentOptions);
    } else {
      this.agent = this.secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    }
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
    const o: https.RequestOptions = {};
    try {
      await this.authConfig.applyToHTTPSOptions(o);
    } catch (e) {
      throw this.authError(e);
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.headers ?? {})) {
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    if (typeof o.auth === 'string' && o.auth !== '') {
      headers['Authorization'] = `Basic ${Buffer.from(o.auth).toString('base64')}`;
    }
    const material: TlsMaterial = { rejectUnauthorized: !this.cluster.skipTLSVerify };
    if (o.ca !== undefined) material.ca = o.ca;
    if (o.cert !== undefined) material.cert = o.cert;
    if (o.key !== undefined) material.key = o.key;
    if (o.servername !== undefined) material.servername = o.servername;
    return { generation, headers, tls: material };
  }

  private authError(e: unknown): ClusterError {
    const err = e as NodeJS.ErrnoException;
    if (err?.syscall === 'open' && typeof err.path === 'string') {
      // A file the kubeconfig names cannot be read: say which (the path is not a secret, its content is).
      const u = this.user;
      const what =
        err.path === this.cluster.caFile
          ? 'certificate-authority'
          : err.path === u?.certFile
            ? 'client-certificate'
            : err.path === u?.keyFile
              ? 'client-key'
              : 'file';
      return new ClusterError(
        what === 'certificate-authority' ? 'Unreachable' : 'Auth',
        this.context,
        `cannot read ${what} ${oneLine(err.path)} (${err.code ?? 'error'})`,
        { cause: e },
      );
    }
    const secrets = [...this.secrets];
    // A plugin's output may hold the credential it was producing (in no kubeconfig, so not redactable
    // by value); invalid JSON output is named as such, never quoted (JSON.parse quotes the text).
    const raw =
      e instanceof SyntaxError
        ? 'its output is not a valid ExecCredential (invalid JSON)'
        : oneLine(redact(scrubPluginOutput(err?.message ?? String(e)), secrets), 200);
    const exec = (this.user?.exec ??
      (this.user?.authProvider as { config?: { exec?: unknown } } | undefined)?.config?.exec) as
      { command?: string; installHint?: unknown } | undefined;
    let msg: string;
    if (exec?.command !== undefined) {
      const cmd = path.basename(String(exec.command));
      msg =
        err?.code === 'ENOENT' && err.syscall?.startsWith('spawn')
          ? `exec plugin ${q(cmd)} not found${
              typeof exec.installHint === 'string' && exec.installHint.trim() !== ''
                ? ` (${oneLine(redact(exec.installHint, secrets), 160)})`
                : ''
            }`
          : `exec plugin ${q(cmd)} failed${raw !== '' ? `: ${raw}` : ''}`;
    } else if (this.user?.authProvider) {
      const name = String((this.user.authProvider as { name?: unknown }).name ?? 'auth-provider');
      msg = `auth provider ${q(name)} failed${raw !== '' ? `: ${raw}` : ''}`;
    } else {
      msg = `cannot load credentials: ${raw}`;
    }
    return new ClusterError('Auth', this.context, msg, { cause: e });
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
  ): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
    const headers: Record<string, string> = {
      Accept: accept,
      'User-Agent': USER_AGENT,
      ...(gzip && { 'Accept-Encoding': 'gzip' }),
      ...prepared.headers,
    };
    if (body !== undefined) {
      headers['Content-Type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
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
          ...(this.secure ? prepared.tls : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (e) {
        const c = String((e as NodeJS.ErrnoException).code ?? 'error');
        let err: ClusterError;
        if (c === 'ERR_INVALID_CHAR') {
          err = new ClusterError(
            'Auth',
            this.context,
            'the credentials hold characters not allowed in an HTTP header',
          );
        } else if (c.startsWith('ERR_OSSL')) {
          const why = c
            .replace(/^ERR_OSSL_/, '')
            .toLowerCase()
            .replace(/_/g, ' ');
          err = new ClusterError(
            'Auth',
            this.context,
            `tls: unusable certificate, key or CA data in the kubeconfig (${why})`,
          );
        } else {
          err = new ClusterError('InvalidResponse', this.context, `cannot send the request: ${oneLine(c)}`);
        }
        reject(err);
        return;
      }
      const log = requestLogEnabled() ? this.requestLog(u, method, headers) : undefined;
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

  /** For the request log: a callback that reports this request's outcome once, with its duration. */
  private requestLog(
    u: URL,
    method: string,
    headers: Record<string, string>,
  ): (res: http.IncomingMessage | undefined, err?: ClusterError) => void {
    const t0 = performance.now();
    let done = false;
    return (res, err) => {
      if (done) return;
      done = true;
      logRequest({
        context: this.context,
        method,
        url: safeUrl(u, this.secrets),
        ms: performance.now() - t0,
        requestHeaders: safeHeaders(headers, this.secrets),
        responseHeaders: res ? safeHeaders(res.headers, this.secrets) : {},
        ...(res ? { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '' } : {}),
        ...(err ? { error: err.message } : {}),
      });
    };
  }

  private netError(e: unknown): ClusterError {
    return networkError(e, this.context, this.hostPort, this.secrets);
  }

  private tooLarge(limit: number): ClusterError {
    return new ClusterError('InvalidResponse', this.context, `response larger than ${formatBytes(limit)}`);
  }

  /** Read a whole body under the size cap; over it the socket is destroyed. */
  private readBody(
    req: http.ClientRequest,
    res: http.IncomingMessage,
    signal: AbortSignal | undefined,
  ): Promise<Buffer> {
    const limit = this.maxBytes;
    return new Promise((resolve, reject) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) {
        req.destroy();
        res.destroy();
        reject(this.tooLarge(limit));
        return;
      }
      const chunks: Buffer[] = [];
      let n = 0;
      let settled = false;
      const fail = (e: ClusterError) => {
        if (settled) return;
        settled = true;
        gunzip?.destroy();
        reject(e);
      };
      // The cap applies to the decompressed size: a small gzip body cannot blow up memory.
      const gunzip = /^\s*gzip\s*$/i.test(String(res.headers['content-encoding'] ?? ''))
        ? zlib.createGunzip()
        : undefined;
      const body: NodeJS.ReadableStream = gunzip ? res.pipe(gunzip) : res;
      body.on('data', (c: Buffer) => {
        if (settled) return;
        n += c.length;
        if (n > limit) {
          req.destroy();
          res.destroy();
          fail(this.tooLarge(limit));
          return;
        }
        chunks.push(c);
      });
      body.once('end', () => {
        if (settled) return;
        settled = true;
        resolve(Buffer.concat(chunks, n));
      });
      gunzip?.on('error', () =>
        fail(new ClusterError('InvalidResponse', this.context, 'the server sent a corrupt gzip body')),
      );
      res.on('error', (e) => fail(signal?.aborted ? abortError(signal, this.context) : this.netError(e)));
      res.once('close', () => {
        if (!res.complete) {
          fail(
            signal?.aborted
              ? abortError(signal, this.context)
              : new ClusterError(
                  'Unreachable',
                  this.context,
                  `connection closed by ${this.hostPort} mid-response`,
                ),
          );
        }
      });
    });
  }

  private async exchange(p: string, options: RequestOptions, accept: string): Promise<RawResponse> {
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
      true,
    );
    const buf = await this.readBody(req, res, options.signal);
    return { generation: prepared.generation, status: res.statusCode ?? 0, headers: res.headers, body: buf };
  }

  async request<T = unknown>(p: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const method = options.method ?? 'GET';
    const retry = options.retry ?? method === 'GET';
    const accept = options.accept ?? 'application/json';
    const signal = options.signal;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      let raw: RawResponse;
      try {
        raw = await this.exchange(p, options, accept);
      } catch (e) {
        const err = e instanceof ClusterError ? e : this.netError(e);
        // A keep-alive socket the server closed meanwhile: an idempotent GET may go again at once.
        const reset = err.kind === 'Unreachable' && /^connection (reset|closed)/.test(err.message);
        if (retry && reset && attempt < MAX_ATTEMPTS && !signal?.aborted) continue;
        throw err;
      }
      const { status } = raw;
      const contentType = String(raw.headers['content-type'] ?? '');
      if (status >= 200 && status < 300)
        return { status, headers: flatHeaders(raw.headers), body: this.decode<T>(raw, method) };
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
      if (!retry || attempt >= MAX_ATTEMPTS || (status !== 429 && status < 500)) throw err;
      const after = retryAfterMs(raw.headers['retry-after']);
      if (after !== undefined && after > MAX_RETRY_AFTER_MS) throw err;
      const backoff = BACKOFF_BASE_MS * 2 ** (attempt - 1);
      const delay = (after ?? backoff) + Math.random() * (after !== undefined ? 100 : backoff / 2);
      // Waiting past the fan-out deadline would only turn this answer into a Timeout.
      const deadline = deadlineOf(signal);
      if (deadline !== undefined && Date.now() + delay >= deadline - 50) throw err;
      await sleep(delay, signal);
      if (signal?.aborted) throw abortError(signal, this.context);
    }
  }

  private decode<T>(raw: RawResponse, method: string): T {
    const contentType = String(raw.headers['content-type'] ?? '');
    if (raw.body.length === 0 && (raw.status === 204 || method !== 'GET')) return null as T;
    if (contentType !== '' && !/json/i.test(contentType)) {
      throw new ClusterError(
        'InvalidResponse',
        this.context,
        `expected JSON from the server, got ${oneLine(contentType, 80)}`,
        { status: raw.status },
      );
    }
    try {
      return JSON.parse(raw.body.toString('utf8')) as T;
    } catch {
      throw new ClusterError(
        'InvalidResponse',
        this.context,
        raw.body.length === 0 ? 'empty response from the server' : 'the server sent invalid JSON',
        { status: raw.status },
      );
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
        const body = await this.readBody(req, res, signal);
        if (status === 401 && this.refreshableAuth) this.invalidateCredentials(prepared.generation);
        throw statusError(
          status,
          String(res.headers['content-type'] ?? ''),
          body,
          this.context,
          this.secrets,
        );
      }
      const limit = this.maxBytes;
      const decoder = new StringDecoder('utf8');
      let pending = '';
      const lineTooLong = () =>
        new ClusterError('InvalidResponse', this.context, `stream line larger than ${formatBytes(limit)}`);
      const parse = (line: string): T => {
        try {
          return JSON.parse(line) as T;
        } catch {
          throw new ClusterError(
            'InvalidResponse',
            this.context,
            'the server sent an invalid JSON line in a stream',
          );
        }
      };
      try {
        for await (const chunk of res as AsyncIterable<Buffer>) {
          pending += decoder.write(chunk);
          let nl: number;
          while ((nl = pending.indexOf('\n')) >= 0) {
            const line = pending.slice(0, nl).trim();
            pending = pending.slice(nl + 1);
            if (line.length > limit && Buffer.byteLength(line) > limit) throw lineTooLong();
            if (line !== '') yield parse(line);
          }
          if (pending.length > limit && Buffer.byteLength(pending) > limit) throw lineTooLong();
        }
      } catch (e) {
        if (e instanceof ClusterError) throw e;
        if (signal?.aborted) throw abortError(signal, this.context);
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ECONNRESET' || (e as Error).message === 'aborted') {
          throw new ClusterError(
            'Unreachable',
            this.context,
            `connection to ${this.hostPort} lost mid-stream`,
            { cause: e },
          );
        }
        throw this.netError(e);
      }
      if (signal?.aborted) throw abortError(signal, this.context);
      pending += decoder.end();
      const rest = pending.trim();
      if (rest !== '') yield parse(rest);
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
    this.agent.destroy();
  }

  /** Sockets currently open to this cluster (in use or idle); for tests and diagnostics. */
  socketCount(): number {
    const count = (m: NodeJS.ReadOnlyDict<unknown[]>) =>
      Object.values(m).reduce((n, l) => n + (l?.length ?? 0), 0);
    return count(this.agent.sockets) + count(this.agent.freeSockets);
  }
}

/** The secrets of a context's user when the loader was not ours (fallback for redaction). */
function secretsFromUser(user: User): string[] {
  const out = [user.token, user.password, user.keyData, user.certData].filter(
    (v): v is string => typeof v === 'string',
  );
  const env = (user.exec as { env?: { value?: unknown }[] } | undefined)?.env;
  if (Array.isArray(env)) for (const e of env) if (typeof e?.value === 'string') out.push(e.value);
  return out;
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
    const msg = e instanceof Error ? oneLine(e.message) : 'unusable kubeconfig';
    const kind =
      (e instanceof KubeconfigError || code === 'KUBECONFIG') && / user "/.test(msg) ? 'Auth' : 'Unreachable';
    throw new ClusterError(kind, context, msg, { cause: e });
  }
  const { cluster, user, context: ctx } = config;
  const raw = rawEntriesOf(loaded, context);
  const secrets = raw ? secretsOf(raw.user) : secretsFromUser(user);
  const makeAuthConfig = (): CredentialSource => {
    if (!usesAuthPlugin(user)) return new StaticCredentials(cluster, user);
    // client-node refuses http:// servers and builds its own agents; ours ask it only for credentials and
    // TLS material, through a twin config whose cluster never gets connected to.
    const authConfig = new (loadClientNode().KubeConfig)();
    const twin: Cluster = {
      name: cluster.name,
      server: 'https://kubectl-mc.invalid',
      skipTLSVerify: cluster.skipTLSVerify,
      ...(cluster.caData !== undefined && { caData: cluster.caData }),
      ...(cluster.caFile !== undefined && { caFile: cluster.caFile }),
      ...(cluster.tlsServerName !== undefined && { tlsServerName: cluster.tlsServerName }),
    };
    authConfig.loadFromOptions({
      clusters: [twin],
      // client-node's OIDC refresh writes new tokens into the user object: give each config its own copy.
      users: [structuredClone(user)],
      contexts: [ctx],
      currentContext: context,
    });
    return authConfig;
  };
  return new HttpConnection(context, makeAuthConfig, cluster, user, secrets, opts);
}

/**
 * Load what connections need (client-node, for auth plugins) ahead of a fan-out, so that its load time
 * does not count against the first clusters' deadlines. With `contexts`, only when one of them has a
 * plugin user (static credentials need no client-node). Optional: connections load it when needed.
 */
export function preloadTransport(loaded?: LoadedKubeconfig, contexts?: readonly string[]): void {
  if (loaded && contexts) {
    const needed = contexts.some((c) => {
      try {
        return usesAuthPlugin(loaded.connectionConfigFor(c).user);
      } catch {
        return false; // its connection will fail with a clear error, before any plugin runs
      }
    });
    if (!needed) return;
  }
  loadClientNode();
}

const cache = new WeakMap<LoadedKubeconfig, Map<string, Promise<HttpClusterConnection>>>();
const live = new Set<Promise<HttpClusterConnection>>();
const maps = new Set<Map<string, Promise<HttpClusterConnection>>>();

/** The process-wide connection of a context (one per context and loaded kubeconfig). */
export function getConnection(
  loaded: LoadedKubeconfig,
  context: string,
  opts: ConnectionOptions = {},
): Promise<HttpClusterConnection> {
  let perConfig = cache.get(loaded);
  if (!perConfig) {
    perConfig = new Map();
    cache.set(loaded, perConfig);
    maps.add(perConfig);
  }
  const existing = perConfig.get(context);
  if (existing) return existing;
  const p = createConnection(loaded, context, opts);
  perConfig.set(context, p);
  live.add(p);
  p.catch(() => {
    if (perConfig.get(context) === p) perConfig.delete(context);
    live.delete(p);
  });
  return p;
}

/** Close every cached connection (their sockets) and forget them. */
/** The warning every front end shows for a context whose kubeconfig turns TLS verification off. */
export function insecureSkipTlsWarning(context: string): string {
  return `context ${q(context)}: TLS certificate verification is disabled by the kubeconfig (insecure-skip-tls-verify)`;
}

export function closeAllConnections(): void {
  for (const p of live)
    p.then(
      (c) => c.close(),
      () => undefined,
    );
  live.clear();
  for (const m of maps) m.clear();
  maps.clear();
}
