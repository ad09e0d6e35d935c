/**
 * Credentials that need no plugin — bearer token, client certificate and key, basic auth, impersonation,
 * and the cluster's CA — applied the way client-node's `KubeConfig.applyToHTTPSOptions` applies them
 * (`packages/core/test/transport/static-credentials.test.ts` compares the two on the same users).
 * Whether the certificate is verified is not decided here: the connection decides it, in one place,
 * from the kubeconfig's `insecure-skip-tls-verify`.
 * Contexts whose users run exec or auth-provider plugins still go through client-node; a fleet of
 * static contexts never loads it, which saves ~400 ms of start-up on every command.
 */
import fs from 'node:fs';
import type https from 'node:https';
import type { Cluster, User } from '@kubernetes/client-node';
import { tokenFileOf } from '../kubeconfig/client-node.js';

/** How long a `tokenFile`'s token is used before the file is read again (client-go's cachingTokenSource). */
const TOKEN_FILE_TTL_MS = 60_000;

/** What a connection asks for TLS material and auth headers: client-node's KubeConfig, or the class below. */
export interface CredentialSource {
  applyToHTTPSOptions(opts: https.RequestOptions): Promise<void>;
  /** Stop whatever the source still runs (an exec plugin's process group). */
  dispose?(): void;
}

/** A file's bytes (read on every call, so a rotated certificate is picked up), else base64 data. */
function fileOrData(file: string | undefined, data: string | undefined): Buffer | undefined {
  if (file) return fs.readFileSync(file);
  if (data) return Buffer.from(data, 'base64');
  return undefined;
}

export class StaticCredentials implements CredentialSource {
  private fileToken: { value: string; readAt: number } | undefined;

  constructor(
    private readonly cluster: Cluster,
    private readonly user: User,
    private readonly now: () => number = Date.now,
  ) {}

  /** The bearer token of a `tokenFile` user: trimmed as client-go trims it, re-read once a minute. */
  private tokenFromFile(file: string): string {
    const t = this.now();
    if (!this.fileToken || t - this.fileToken.readAt >= TOKEN_FILE_TTL_MS) {
      this.fileToken = { value: fs.readFileSync(file, 'utf8').trim(), readAt: t };
    }
    return this.fileToken.value;
  }

  applyToHTTPSOptions(opts: https.RequestOptions): Promise<void> {
    try {
      const { cluster, user } = this;
      if (cluster.tlsServerName) opts.servername = cluster.tlsServerName;
      const ca = fileOrData(cluster.caFile, cluster.caData);
      if (ca) opts.ca = ca;
      const cert = fileOrData(user.certFile, user.certData);
      if (cert) opts.cert = cert;
      const key = fileOrData(user.keyFile, user.keyData);
      if (key) opts.key = key;
      const headers = (opts.headers ??= {}) as Record<string, string>;
      if (user.impersonateUser != null) headers['Impersonate-User'] = user.impersonateUser;
      const tokenFile = tokenFileOf(user);
      const token = user.token || (tokenFile !== undefined ? this.tokenFromFile(tokenFile) : undefined);
      if (token) headers['Authorization'] = `Bearer ${token}`;
      // kubectl sends `user:` for a username without password (client-node would send "user:undefined")
      if (user.username) opts.auth = `${user.username}:${user.password ?? ''}`;
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
