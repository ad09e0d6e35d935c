/**
 * A hostile API server for the reliability suites: HTTPS with a self-signed certificate (made with the
 * `openssl` CLI), serving just enough discovery for `pods`, and misbehaving by the first path segment of
 * its server URL (each context points at `https://127.0.0.1:<port>/<mode>`):
 * - `echo401`: every request is a 401 whose Status message, headers and body echo the Authorization
 *   header (and the client certificate) the server received;
 * - `echo403`, `echo500`: lists answer 403 (a Status echoing them) / 500 (text/plain echoing them);
 * - `echo200`: lists answer 200 with the echo in a Table cell, an annotation and a label;
 * - `watch-close`: lists work, every watch answers 200 and ends at once (one event, then the end);
 * - `watch-gone`: lists work, every watch answers 410 Gone;
 * - `ok`: a well-behaved cluster with one pod.
 * Every request is counted per mode and kind (`list`, `watch`, `other`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';

export interface HostileServer {
  url: string;
  /** PEM of the self-signed server certificate (its own CA). */
  caPem: string;
  counts: Map<string, number>;
  count(mode: string, kind?: 'list' | 'watch' | 'other'): number;
  close(): Promise<void>;
}

function selfSigned(): { cert: string; key: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kmc-hostile-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=hostile',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

const podTable = (rv: string) => ({
  kind: 'Table',
  apiVersion: 'meta.k8s.io/v1',
  metadata: { resourceVersion: rv },
  columnDefinitions: [
    { name: 'Name', type: 'string', format: 'name', priority: 0 },
    { name: 'Status', type: 'string', priority: 0 },
  ],
  rows: [
    {
      cells: ['hostile-pod', 'Running'],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: { name: 'hostile-pod', namespace: 'default', resourceVersion: rv },
      },
    },
  ],
});

const podList = (rv: string) => ({
  kind: 'PodList',
  apiVersion: 'v1',
  metadata: { resourceVersion: rv },
  items: [{ metadata: { name: 'hostile-pod', namespace: 'default', resourceVersion: rv } }],
});

export async function startHostileServer(): Promise<HostileServer> {
  const { cert, key } = selfSigned();
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const server = https.createServer(
    { cert, key, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const u = new URL(req.url ?? '/', 'https://x');
      const [, mode = '', ...rest] = u.pathname.split('/');
      const p = `/${rest.join('/')}`;
      const watch = u.searchParams.get('watch') === 'true';
      const isList = /\/pods$/.test(p);
      bump(`${mode}:${watch ? 'watch' : isList ? 'list' : 'other'}`);
      const auth = req.headers.authorization ?? '';
      const peer = (req.socket as TLSSocket).getPeerCertificate?.();
      const peerB64 = peer?.raw ? peer.raw.toString('base64') : '';
      const param = auth.replace(/^\S+\s+/, '');
      const decoded = /^basic /i.test(auth)
        ? `, decoded ${Buffer.from(param, 'base64').toString('utf8')}`
        : '';
      const echo = `got Authorization "${auth}" (param ${param}${decoded}) cert ${peerB64}`;
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const statusBody = (code: number, reason: string, message: string) => ({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason,
        code,
      });
      if (mode === 'echo401') {
        json(401, statusBody(401, 'Unauthorized', `Unauthorized: ${echo}`), {
          'X-Echo-Authorization': auth,
          'Www-Authenticate': `Bearer realm="${auth}"`,
        });
        return;
      }
      // discovery, enough for `pods`
      if (p === '/api') return json(200, { kind: 'APIVersions', versions: ['v1'] });
      if (p === '/apis') return json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
      if (p === '/api/v1')
        return json(200, {
          kind: 'APIResourceList',
          groupVersion: 'v1',
          resources: [
            {
              name: 'pods',
              singularName: 'pod',
              namespaced: true,
              kind: 'Pod',
              verbs: ['get', 'list', 'watch'],
              shortNames: ['po'],
            },
          ],
        });
      if (p === '/version') return json(200, { major: '1', minor: '33', gitVersion: 'v1.33.0' });
      if (!isList)
        return json(404, statusBody(404, 'NotFound', 'the server could not find the requested resource'));
      if (mode === 'echo403') {
        json(403, statusBody(403, 'Forbidden', `pods is forbidden: ${echo}`), {
          'X-Echo-Authorization': auth,
        });
        return;
      }
      if (mode === 'echo500') {
        res.writeHead(500, { 'Content-Type': 'text/plain', 'X-Echo-Authorization': auth });
        res.end(`server failure: ${echo}`);
        return;
      }
      const table = /as=Table/.test(String(req.headers.accept ?? ''));
      if (mode === 'echo200' && !watch) {
        // the credential in the data itself: a Table cell, a label and an annotation
        const meta = {
          name: 'echo-pod',
          namespace: 'default',
          resourceVersion: '10',
          annotations: { seen: echo },
          labels: { auth: param.slice(0, 60).replace(/[^A-Za-z0-9._-]/g, '_') },
        };
        const body = table
          ? {
              ...podTable('10'),
              rows: [
                {
                  cells: ['echo-pod', echo],
                  object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: meta },
                },
              ],
            }
          : {
              kind: 'PodList',
              apiVersion: 'v1',
              metadata: { resourceVersion: '10' },
              items: [{ metadata: meta }],
            };
        return json(200, body);
      }
      if (!watch) return json(200, table ? podTable('10') : podList('10'));
      if (mode === 'watch-gone') {
        json(410, statusBody(410, 'Expired', 'too old resource version: 10 (11)'));
        return;
      }
      if (mode === 'watch-close') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const obj = table ? podTable('10') : podList('10').items[0];
        res.end(`${JSON.stringify({ type: 'MODIFIED', object: obj })}\n`);
        return;
      }
      // ok: a quiet watch that stays open
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: cert,
    counts,
    count: (mode, kind) =>
      kind === undefined
        ? ['list', 'watch', 'other'].reduce((n, k) => n + (counts.get(`${mode}:${k}`) ?? 0), 0)
        : (counts.get(`${mode}:${kind}`) ?? 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
