import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadKubeconfigFromString } from '../../src/kubeconfig/index.js';
import type { LoadedKubeconfig } from '../../src/kubeconfig/index.js';

// Test certificates come from the openssl CLI (EC P-256): no crypto library to pull into core.

export interface Pem {
  cert: string;
  key: string;
}
export interface CA extends Pem {
  dir: string;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kmc-certs-'));
process.once('exit', () => fs.rmSync(work, { recursive: true, force: true }));
let n = 0;

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export function makeCA(cn = 'test-ca'): CA {
  const dir = fs.mkdtempSync(path.join(work, 'ca-'));
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', path.join(dir, 'ca.key')]);
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    path.join(dir, 'ca.key'),
    '-subj',
    `/CN=${cn}`,
    '-days',
    '2',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
    '-out',
    path.join(dir, 'ca.crt'),
  ]);
  return {
    dir,
    cert: fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8'),
    key: fs.readFileSync(path.join(dir, 'ca.key'), 'utf8'),
  };
}

export function issue(ca: CA, cn: string, kind: 'server' | 'client', dnsNames: string[] = []): Pem {
  const base = path.join(ca.dir, `leaf-${n++}`);
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${base}.key`]);
  openssl(['req', '-new', '-key', `${base}.key`, '-subj', `/CN=${cn}`, '-out', `${base}.csr`]);
  const ext =
    kind === 'server'
      ? `extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,${['localhost', ...dnsNames].map((d) => `DNS:${d}`).join(',')}\n`
      : 'extendedKeyUsage=clientAuth\n';
  fs.writeFileSync(`${base}.ext`, ext);
  openssl([
    'x509',
    '-req',
    '-in',
    `${base}.csr`,
    '-CA',
    path.join(ca.dir, 'ca.crt'),
    '-CAkey',
    path.join(ca.dir, 'ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    `${base}.ext`,
    '-out',
    `${base}.crt`,
  ]);
  return { cert: fs.readFileSync(`${base}.crt`, 'utf8'), key: fs.readFileSync(`${base}.key`, 'utf8') };
}

export const b64 = (s: string) => Buffer.from(s).toString('base64');

export interface TestServer {
  url: string;
  port: number;
  server: https.Server | http.Server;
  /** Every TCP connection accepted so far. */
  connections: () => number;
  close: () => Promise<void>;
}

export async function startServer(
  handler: http.RequestListener,
  tls?: https.ServerOptions,
): Promise<TestServer> {
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  let connections = 0;
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    server,
    connections: () => connections,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function status(
  res: http.ServerResponse,
  code: number,
  message: string,
  headers: http.OutgoingHttpHeaders = {},
) {
  json(res, code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code }, headers);
}

/** A one-context kubeconfig for `server`; `cluster` and `user` are YAML flow-mapping bodies. */
export function kubeconfigFor(
  server: string,
  cluster: string,
  user: string,
  name = 'test',
): LoadedKubeconfig {
  return loadKubeconfigFromString(
    `clusters:
- name: ${name}
  cluster: {server: "${server}"${cluster ? `, ${cluster}` : ''}}
users:
- name: ${name}
  user: {${user}}
contexts:
- name: ${name}
  context: {cluster: ${name}, user: ${name}}
current-context: ${name}
`,
    '/tmp/kubectl-mc-test-kubeconfig',
  );
}
