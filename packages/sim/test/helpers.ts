// A tiny HTTPS client for the tests: verifies the server against the fleet CA (never skips TLS checks).
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Fleet, SimCluster } from '../src/index.js';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestOpts {
  accept?: string;
  token?: string | null;
  cert?: { cert: Buffer; key: Buffer };
  ca?: string;
  timeoutMs?: number;
}

/** Client credentials for a cluster's admin user, read from the kubeconfig (token or client cert). */
export function credentials(fleet: Fleet, c: SimCluster): Pick<RequestOpts, 'token' | 'cert'> {
  if (c.token) return { token: c.token };
  const kc = parse(readFileSync(fleet.kubeconfigPath, 'utf8'));
  const ctx = kc.contexts.find((x: { name: string }) => x.name === c.context);
  const user = kc.users.find((u: { name: string }) => u.name === ctx.context.user).user;
  return {
    cert: {
      cert: Buffer.from(user['client-certificate-data'], 'base64'),
      key: Buffer.from(user['client-key-data'], 'base64'),
    },
  };
}

export function get(fleet: Fleet, c: SimCluster, path: string, opts: RequestOpts = {}): Promise<Reply> {
  const creds = opts.token === undefined && !opts.cert ? credentials(fleet, c) : opts;
  return new Promise((resolve, reject) => {
    const req = https.get(
      `${c.server}${path}`,
      {
        ca: opts.ca ?? fleet.caPem,
        agent: false,
        headers: {
          Accept: opts.accept ?? 'application/json',
          ...(creds.token ? { Authorization: `Bearer ${creds.token}` } : {}),
        },
        ...(creds.cert ?? {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.timeoutMs) {
      req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`timeout after ${opts.timeoutMs} ms`)));
    }
  });
}

export interface WatchHandle {
  status: Promise<number>;
  /** resolves with the first `n` events (or rejects when the stream ends/breaks first) */
  next(n?: number): Promise<any[]>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** resolves when the stream ends (cleanly or not) with how it ended */
  ended: Promise<'end' | 'error'>;
  close(): void;
}

/** Opens a watch stream and collects its newline-delimited JSON events. */
export function watch(fleet: Fleet, c: SimCluster, path: string, opts: RequestOpts = {}): WatchHandle {
  const creds = opts.token === undefined && !opts.cert ? credentials(fleet, c) : opts;
  const events: unknown[] = [];
  const waiters: { n: number; resolve: (e: unknown[]) => void; reject: (e: Error) => void }[] = [];
  let done: 'end' | 'error' | undefined;
  let resolveEnded!: (v: 'end' | 'error') => void;
  const ended = new Promise<'end' | 'error'>((r) => (resolveEnded = r));
  let resolveStatus!: (n: number) => void;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const flush = (): void => {
    for (const w of [...waiters]) {
      if (events.length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(events.slice(0, w.n));
      } else if (done) {
        waiters.splice(waiters.indexOf(w), 1);
        w.reject(
          new Error(`stream ended (${done}) after ${events.length} events: ${JSON.stringify(events)}`),
        );
      }
    }
  };
  const finish = (how: 'end' | 'error'): void => {
    if (done) return;
    done = how;
    resolveEnded(how);
    flush();
  };
  let buf = '';
  const req = https.get(
    `${c.server}${path}`,
    {
      ca: fleet.caPem,
      agent: false,
      headers: {
        Accept: opts.accept ?? 'application/json',
        ...(creds.token ? { Authorization: `Bearer ${creds.token}` } : {}),
      },
      ...(creds.cert ?? {}),
    },
    (res) => {
      resolveStatus(res.statusCode ?? 0);
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buf += d;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.trim()) events.push(JSON.parse(line));
        }
        flush();
      });
      res.on('end', () => finish('end'));
      res.on('aborted', () => finish('error'));
      res.on('error', () => finish('error'));
      res.on('close', () => finish(res.complete ? 'end' : 'error'));
    },
  );
  req.on('error', () => {
    resolveStatus(0);
    finish('error');
  });
  return {
    status,
    ended,
    next: (n = 1) =>
      new Promise((resolve, reject) => {
        waiters.push({ n, resolve, reject });
        flush();
      }),
    close: () => req.destroy(),
  };
}
