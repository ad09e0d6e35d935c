/**
 * Where a connection's credentials come from (core's `StaticCredentials`, or client-node for plugin
 * users), and what a failure to get them says: which file could not be read, which plugin failed, never
 * the credential itself.
 */
import type https from 'node:https';
import path from 'node:path';
import type { Cluster, Context, User } from '@kubernetes/client-node';
import { ClusterError, rememberSent } from '../errors.js';
import { loadClientNode, needsClientNode, usesAuthPlugin } from '../kubeconfig/client-node.js';
import type { Impersonation, LoadedKubeconfig } from '../kubeconfig/types.js';
import { oneLine, q, redact, valueText } from '../util/text.js';
import { ExecCredentials, ExecPluginError } from './exec-credentials.js';
import { StaticCredentials, type CredentialSource } from './static-credentials.js';

/**
 * A fresh credential source for a context. client-node refuses http:// servers and builds its own
 * agents; ours ask it only for credentials and TLS material, through a twin config whose cluster is never
 * connected to.
 */
export function credentialSource(
  cluster: Cluster,
  user: User,
  ctx: Context,
  context: string,
  impersonate?: Impersonation,
  execCluster: { config?: unknown; disableCompression?: boolean } = {},
): CredentialSource {
  const source = pluginOrStatic(cluster, user, ctx, context, execCluster);
  return impersonate ? withImpersonation(source, impersonate) : source;
}

/**
 * kubectl's impersonation headers beyond `Impersonate-User`: one `Impersonate-Group` header per group,
 * `Impersonate-Uid`, and `Impersonate-Extra-<key>` (key percent-encoded as client-go does) per value.
 */
function withImpersonation(source: CredentialSource, imp: Impersonation): CredentialSource {
  return {
    dispose: () => source.dispose?.(),
    async applyToHTTPSOptions(o: https.RequestOptions): Promise<void> {
      await source.applyToHTTPSOptions(o);
      const headers = (o.headers ??= {}) as Record<string, string | string[]>;
      if (imp.groups && imp.groups.length > 0) headers['Impersonate-Group'] = [...imp.groups];
      if (imp.uid !== undefined) headers['Impersonate-Uid'] = imp.uid;
      for (const [k, values] of Object.entries(imp.extra ?? {})) {
        headers[`Impersonate-Extra-${encodeURIComponent(k)}`] = [...values];
      }
    },
  };
}

function pluginOrStatic(
  cluster: Cluster,
  user: User,
  ctx: Context,
  context: string,
  execCluster: { config?: unknown; disableCompression?: boolean },
): CredentialSource {
  if (user.exec != null) return new ExecCredentials(cluster, user, undefined, undefined, execCluster);
  if (!usesAuthPlugin(user)) return new StaticCredentials(cluster, user);
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
}

/** The TLS options a request hands to node:https, as the kubeconfig and its credentials set them. */
export type TlsMaterial = Pick<
  https.RequestOptions,
  'ca' | 'cert' | 'key' | 'servername' | 'rejectUnauthorized'
>;

/** What one request carries: credential headers and TLS material. */
export interface RequestCredentials {
  /** A list is sent as one header line per value (`Impersonate-Group`). */
  headers: Record<string, string | string[]>;
  tls: TlsMaterial;
}

/**
 * Ask `source` for a request's credentials (may run an exec plugin). Verification is on unless the
 * kubeconfig's cluster sets `insecure-skip-tls-verify`.
 */
export async function applyCredentials(
  source: CredentialSource,
  cluster: Pick<Cluster, 'skipTLSVerify'>,
): Promise<RequestCredentials> {
  const o: https.RequestOptions = {};
  await source.applyToHTTPSOptions(o);
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(o.headers ?? {})) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  if (typeof o.auth === 'string' && o.auth !== '') {
    headers['Authorization'] = `Basic ${Buffer.from(o.auth).toString('base64')}`;
  }
  const tls: TlsMaterial = { rejectUnauthorized: !cluster.skipTLSVerify };
  if (o.ca !== undefined) tls.ca = o.ca;
  if (o.cert !== undefined) tls.cert = o.cert;
  if (o.key !== undefined) tls.key = o.key;
  if (o.servername !== undefined) tls.servername = o.servername;
  rememberCredentials(headers, tls);
  return { headers, tls };
}

/** Headers whose values are credentials (kubectl's round-tripper masks the same). */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$/i;

/**
 * Record, as sent, every credential value a request is about to carry (see `rememberSent`): the
 * Authorization header whole and its parameter (a bearer token, or basic auth's base64 and its decoded
 * `user:password` and password), and the client certificate and key (PEM, its base64 lines, and the
 * base64 of the whole PEM as a kubeconfig's `client-*-data` holds it).
 */
export function rememberCredentials(
  headers: Record<string, string | string[]>,
  tls: Pick<TlsMaterial, 'cert' | 'key'> = {},
): void {
  for (const [k, v] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADER.test(k)) continue;
    for (const value of Array.isArray(v) ? v : [v]) {
      rememberSent(value);
      const m = /^\s*(\S+)\s+(.+?)\s*$/.exec(value);
      const param = m?.[2] ?? value.trim();
      rememberSent(param);
      // as a server may quote it in a URL or a query string
      if (encodeURIComponent(param) !== param) rememberSent(encodeURIComponent(param), false);
      if (m?.[1]?.toLowerCase() === 'basic') {
        const clear = Buffer.from(param, 'base64').toString('utf8');
        rememberSent(clear);
        const colon = clear.indexOf(':');
        if (colon >= 0) rememberSent(clear.slice(colon + 1));
      }
    }
  }
  for (const material of [tls.cert, tls.key]) {
    for (const item of Array.isArray(material) ? material : [material]) {
      if (item === undefined) continue;
      const pem = typeof item === 'string' ? item : Buffer.isBuffer(item) ? item.toString('utf8') : undefined;
      if (pem === undefined) continue;
      rememberSent(pem.trim());
      rememberSent(Buffer.from(pem, 'utf8').toString('base64'));
      const lines = pem.split(/\r?\n/).filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l));
      for (const line of lines) rememberSent(line, false);
      // each block's body unwrapped: the DER in base64, as a server would echo a peer certificate
      for (const block of pem.matchAll(/-----BEGIN [^-]+-----([\s\S]*?)-----END/g))
        rememberSent((block[1] ?? '').replace(/\s+/g, ''), false);
    }
  }
}

/** The secrets of a context's user when the loader was not ours (fallback for redaction). */
export function secretsFromUser(user: User): string[] {
  const out = [user.token, user.password, user.keyData, user.certData].filter(
    (v): v is string => typeof v === 'string',
  );
  const env = (user.exec as { env?: { value?: unknown }[] } | undefined)?.env;
  if (Array.isArray(env)) for (const e of env) if (typeof e?.value === 'string') out.push(e.value);
  return out;
}

/**
 * Output of a credential plugin (exec, auth provider) made safe to show: such output may carry the very
 * credential the plugin was producing, which is in no kubeconfig and so cannot be redacted by value.
 * Keeps the first line, masks `key=value` / `key: value` pairs whose key names a credential, and masks
 * long opaque runs (tokens, JWTs, base64 keys).
 */
export function scrubPluginOutput(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return first
    .replace(
      /\b(token|access[_-]?token|id[_-]?token|refresh[_-]?token|password|passwd|secret|client[_-]?key|key|bearer|authorization)(["']?\s*[=:]\s*|\s+)("[^"]*"|'[^']*'|\S+)/gi,
      (_m, k: string, sep: string) => `${k}${sep}[redacted]`,
    )
    .replace(/[A-Za-z0-9+/_\-.=]{24,}/g, '[redacted]');
}

/** A failure to get credentials or TLS material → an `Auth` error (`Unreachable` for an unreadable CA). */
export function credentialError(
  e: unknown,
  context: string,
  cluster: Cluster,
  user: User,
  secrets: readonly string[],
): ClusterError {
  const err = e as NodeJS.ErrnoException;
  if (err?.syscall === 'open' && typeof err.path === 'string') {
    // A file the kubeconfig names cannot be read: say which (the path is not a secret, its content is).
    const what =
      err.path === cluster.caFile
        ? 'certificate-authority'
        : err.path === user.certFile
          ? 'client-certificate'
          : err.path === user.keyFile
            ? 'client-key'
            : 'file';
    return new ClusterError(
      what === 'certificate-authority' ? 'Unreachable' : 'Auth',
      context,
      `cannot read ${what} ${oneLine(err.path)} (${err.code ?? 'error'})`,
      { cause: e },
    );
  }
  // A plugin's output may hold the credential it was producing (in no kubeconfig, so not redactable
  // by value); invalid JSON output is named as such, never quoted (JSON.parse quotes the text).
  if (e instanceof ExecPluginError) return execPluginError(e, context, user, secrets);
  const raw =
    e instanceof SyntaxError
      ? 'its output is not a valid ExecCredential (invalid JSON)'
      : oneLine(redact(scrubPluginOutput(err?.message ?? String(e)), secrets), 200);
  const exec = (user.exec ??
    (user.authProvider as { config?: { exec?: unknown } } | undefined)?.config?.exec) as
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
  } else if (user.authProvider) {
    const name = valueText((user.authProvider as { name?: unknown }).name ?? 'auth-provider');
    msg = `auth provider ${q(name)} failed${raw !== '' ? `: ${raw}` : ''}`;
  } else {
    msg = `cannot load credentials: ${raw}`;
  }
  return new ClusterError('Auth', context, msg, { cause: e });
}

/**
 * An exec plugin's failure in full: which plugin, how it ended, and what it wrote to stderr (up to 10
 * lines), with kubeconfig secrets redacted and credential-looking values masked line by line.
 */
function execPluginError(
  e: ExecPluginError,
  context: string,
  user: User,
  secrets: readonly string[],
): ClusterError {
  const command: unknown = (user.exec as { command?: unknown } | undefined)?.command;
  const cmd = path.basename(typeof command === 'string' ? command : 'exec');
  const said = e.stderr
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 10)
    .map((l) => oneLine(redact(maskCredentials(l), secrets), 300));
  const msg = `exec plugin ${q(cmd)} failed: ${oneLine(redact(e.message, secrets), 300)}${said.length > 0 ? `: ${said.join(' | ')}` : ''}`;
  return new ClusterError('Auth', context, msg, { cause: e });
}

/** `token=…`, `password: …` and JWT-like runs masked (a plugin's message may hold what it produced). */
function maskCredentials(line: string): string {
  return line
    .replace(
      /\b(token|access[_-]?token|id[_-]?token|refresh[_-]?token|password|passwd|secret|client[_-]?key|key|bearer|authorization)(["']?\s*[=:]\s*|\s+)("[^"]*"|'[^']*'|\S+)/gi,
      (_m, k: string, sep: string) => `${k}${sep}[redacted]`,
    )
    .replace(/\beyJ[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]*){0,2}/g, '[redacted]')
    .replace(/[A-Za-z0-9+/_\-.=]{40,}/g, '[redacted]');
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
        return needsClientNode(loaded.connectionConfigFor(c).user);
      } catch {
        return false; // its connection will fail with a clear error, before any plugin runs
      }
    });
    if (!needed) return;
  }
  loadClientNode();
}
