/**
 * Exec credential plugins (`users[].user.exec`), run as client-go runs them: the kubeconfig's `env` added
 * to ours, `KUBERNETES_EXEC_INFO` describing the request (and the cluster, with `provideClusterInfo`),
 * `interactiveMode` honoured (and required by `client.authentication.k8s.io/v1`), stdin given only to an
 * interactive plugin, the answer checked as an `ExecCredential` of the same apiVersion and cached until
 * its `expirationTimestamp`. Each plugin runs in its own process group, killed whole when the connection
 * closes (the command is done, or its deadline passed) or the process exits, so a hung plugin never
 * outlives the command. client-node's runner does none of these; this replaces it for exec users.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type https from 'node:https';
import type { Cluster, User } from '@kubernetes/client-node';
import { isRecord } from '../kubeconfig/file.js';
import { valueText } from '../util/text.js';
import { StaticCredentials, type CredentialSource } from './static-credentials.js';

const API_VERSIONS = [
  'client.authentication.k8s.io/v1',
  'client.authentication.k8s.io/v1beta1',
  'client.authentication.k8s.io/v1alpha1',
];
/** What a plugin may print before it is cut off (a credential is a few KiB at most). */
const MAX_OUTPUT = 1024 * 1024;

interface ExecConfig {
  command: string;
  args: string[];
  env: Array<{ name: string; value: string }>;
  apiVersion: string;
  interactiveMode?: string;
  provideClusterInfo: boolean;
  /** The cluster's `client.authentication.k8s.io/exec` extension, passed as `spec.cluster.config`. */
  clusterConfig?: unknown;
}

interface Credential {
  token?: string;
  cert?: string;
  key?: string;
  /** ms since the epoch; undefined = no expiry */
  expires?: number;
}

/** A plugin failure with everything a user needs: the command, the exit, what the plugin said. */
export class ExecPluginError extends Error {
  constructor(
    message: string,
    /** What the plugin wrote to stderr (still to be redacted by whoever shows it). */
    readonly stderr = '',
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ExecPluginError';
  }
}

const live = new Set<ChildProcess>();
let exitHook = false;

/** Kill a plugin and everything it started (its process group). */
function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function parseConfig(raw: unknown): ExecConfig {
  if (!isRecord(raw) || typeof raw['command'] !== 'string' || raw['command'] === '') {
    throw new ExecPluginError('exec plugin: no command was specified');
  }
  const apiVersion = typeof raw['apiVersion'] === 'string' ? raw['apiVersion'] : '';
  if (!API_VERSIONS.includes(apiVersion)) {
    throw new ExecPluginError(`exec plugin: invalid apiVersion "${apiVersion}"`);
  }
  const mode = typeof raw['interactiveMode'] === 'string' ? raw['interactiveMode'] : undefined;
  if (mode === undefined && apiVersion === 'client.authentication.k8s.io/v1') {
    throw new ExecPluginError(
      `interactiveMode must be specified for ${apiVersion} to use exec authentication plugin`,
    );
  }
  if (mode !== undefined && !['Never', 'IfAvailable', 'Always'].includes(mode)) {
    throw new ExecPluginError(`exec plugin: invalid interactiveMode "${mode}"`);
  }
  const args = Array.isArray(raw['args']) ? raw['args'].map(String) : [];
  const env = Array.isArray(raw['env'])
    ? raw['env'].filter(isRecord).map((e) => ({ name: valueText(e['name']), value: valueText(e['value']) }))
    : [];
  return {
    command: raw['command'],
    args,
    env,
    apiVersion,
    ...(mode !== undefined && { interactiveMode: mode }),
    provideClusterInfo: raw['provideClusterInfo'] === true,
    ...(raw['config'] !== undefined && { clusterConfig: raw['config'] }),
  };
}

export class ExecCredentials implements CredentialSource {
  private cached: Credential | undefined;
  private readonly parsed: ExecConfig | ExecPluginError;
  private readonly running = new Set<ChildProcess>();
  /** The cluster's CA and TLS name, and the user's non-plugin fields (impersonation), as for any user. */
  private readonly base: StaticCredentials;

  constructor(
    private readonly cluster: Cluster,
    user: User,
    private readonly stdinIsTerminal: boolean = process.stdin.isTTY === true,
    private readonly now: () => number = Date.now,
  ) {
    const rest: User = { ...user };
    delete (rest as { exec?: unknown }).exec;
    this.base = new StaticCredentials(cluster, rest);
    // A bad exec config is this context's credential error, raised when a request needs credentials.
    try {
      this.parsed = parseConfig(user.exec);
    } catch (e) {
      this.parsed = e instanceof ExecPluginError ? e : new ExecPluginError(String(e));
    }
  }

  private get config(): ExecConfig {
    if (this.parsed instanceof ExecPluginError) throw this.parsed;
    return this.parsed;
  }

  /** Whether the plugin may talk to the user (client-go's rule). */
  private interactive(): boolean {
    const mode = this.config.interactiveMode ?? 'IfAvailable';
    if (mode === 'Never') return false;
    if (mode === 'Always' && !this.stdinIsTerminal) {
      throw new ExecPluginError(
        'exec plugin cannot support interactive mode: standard input is not a terminal',
      );
    }
    return this.stdinIsTerminal;
  }

  /** `KUBERNETES_EXEC_INFO`: the ExecCredential the plugin is asked to fill in. */
  execInfo(interactive: boolean): string {
    const c = this.cluster;
    const cluster = this.config.provideClusterInfo
      ? {
          server: c.server,
          ...(c.tlsServerName !== undefined && { 'tls-server-name': c.tlsServerName }),
          ...(c.skipTLSVerify && { 'insecure-skip-tls-verify': true }),
          ...(c.caData !== undefined && { 'certificate-authority-data': c.caData }),
          ...(c.proxyUrl !== undefined && { 'proxy-url': c.proxyUrl }),
          ...(this.config.clusterConfig !== undefined && { config: this.config.clusterConfig }),
        }
      : undefined;
    return JSON.stringify({
      kind: 'ExecCredential',
      apiVersion: this.config.apiVersion,
      spec: { ...(cluster && { cluster }), interactive },
    });
  }

  async applyToHTTPSOptions(opts: https.RequestOptions): Promise<void> {
    await this.base.applyToHTTPSOptions(opts);
    const t = this.now();
    if (!this.cached || (this.cached.expires !== undefined && this.cached.expires <= t)) {
      this.cached = await this.run();
    }
    const { token, cert, key } = this.cached;
    if (cert !== undefined) opts.cert = cert;
    if (key !== undefined) opts.key = key;
    if (token !== undefined) {
      const headers = (opts.headers ??= {}) as Record<string, string>;
      headers['Authorization'] = `Bearer ${token}`;
    }
  }

  /** Kill every plugin this source started that is still running. */
  dispose(): void {
    for (const child of this.running) killGroup(child);
    this.running.clear();
  }

  private run(): Promise<Credential> {
    const interactive = this.interactive();
    const { command, args } = this.config;
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const e of this.config.env) env[e.name] = e.value;
    env['KUBERNETES_EXEC_INFO'] = this.execInfo(interactive);
    return new Promise<Credential>((resolve, reject) => {
      const child = spawn(command, args, {
        env,
        detached: true,
        stdio: [interactive ? 'inherit' : 'ignore', 'pipe', 'pipe'],
      });
      this.running.add(child);
      live.add(child);
      if (!exitHook) {
        exitHook = true;
        process.once('exit', () => {
          for (const c of live) killGroup(c);
        });
      }
      let out = '';
      let err = '';
      child.stdout?.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (out.length > MAX_OUTPUT) killGroup(child);
      });
      child.stderr?.setEncoding('utf8').on('data', (d: string) => {
        if (err.length < MAX_OUTPUT) err += d;
      });
      child.once('error', (e: NodeJS.ErrnoException) => {
        this.running.delete(child);
        live.delete(child);
        reject(Object.assign(e, { syscall: e.syscall ?? 'spawn' }));
      });
      child.once('close', (code, signal) => {
        this.running.delete(child);
        live.delete(child);
        if (code !== 0) {
          const how = signal !== null ? `was killed (${signal})` : `exited with code ${String(code)}`;
          reject(new ExecPluginError(`executable ${command} ${how}`, err));
          return;
        }
        try {
          resolve(this.parse(out));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
  }

  /** The plugin's answer, checked as client-go checks it. */
  private parse(out: string): Credential {
    if (out.length > MAX_OUTPUT) throw new ExecPluginError('its output is larger than 1 MiB');
    let obj: unknown;
    try {
      obj = JSON.parse(out);
    } catch {
      throw new ExecPluginError('its output is not a valid ExecCredential (invalid JSON)');
    }
    if (!isRecord(obj) || obj['kind'] !== 'ExecCredential') {
      throw new ExecPluginError('its output is not an ExecCredential');
    }
    if (obj['apiVersion'] !== this.config.apiVersion) {
      throw new ExecPluginError(
        `exec plugin is configured to use API version ${this.config.apiVersion}, plugin returned version ${typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : '(none)'}`,
      );
    }
    const status = obj['status'];
    if (!isRecord(status)) throw new ExecPluginError("exec plugin didn't return a status field");
    const str = (k: string) => (typeof status[k] === 'string' && status[k] !== '' ? status[k] : undefined);
    const token = str('token');
    const cert = str('clientCertificateData');
    const key = str('clientKeyData');
    if (token === undefined && cert === undefined && key === undefined) {
      throw new ExecPluginError("exec plugin didn't return a token or cert/key pair");
    }
    if ((cert === undefined) !== (key === undefined)) {
      throw new ExecPluginError('exec plugin returned only certificate or key, not both');
    }
    const exp = str('expirationTimestamp');
    const expires = exp === undefined ? undefined : Date.parse(exp);
    return {
      ...(token !== undefined && { token }),
      ...(cert !== undefined && { cert }),
      ...(key !== undefined && { key }),
      ...(expires !== undefined && !Number.isNaN(expires) && { expires }),
    };
  }
}
