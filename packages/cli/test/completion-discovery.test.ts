import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { discoverResourceTypes, discoveryTimeoutMs, listNamespaces } from '../src/completion/discovery.js';

const run = promisify(execFile);
const cliRoot = fileURLToPath(new URL('..', import.meta.url));

const kubeconfig = (server: string) => `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: '${server}'}
users:
- name: u
  user: {token: completion-test-token}
contexts:
- name: here
  context: {cluster: c, user: u}
current-context: here
`;

/** A minimal API server answering aggregated discovery with one CRD type. */
function discoveryServer(): Server {
  return createServer((req, res) => {
    const agg = (items: unknown[]) =>
      JSON.stringify({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', items });
    res.setHeader('content-type', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    if (req.url === '/api') {
      res.end(
        agg([
          {
            metadata: { name: '' },
            versions: [
              {
                version: 'v1',
                resources: [
                  {
                    resource: 'pods',
                    responseKind: { kind: 'Pod' },
                    scope: 'Namespaced',
                    verbs: ['get', 'list'],
                    shortNames: ['po'],
                  },
                ],
              },
            ],
          },
        ]),
      );
    } else if (req.url === '/apis') {
      res.end(
        agg([
          {
            metadata: { name: 'fleet.example.com' },
            versions: [
              {
                version: 'v1',
                resources: [
                  {
                    resource: 'rollouts',
                    responseKind: { group: 'fleet.example.com', version: 'v1', kind: 'Rollout' },
                    scope: 'Namespaced',
                    verbs: ['get', 'list', 'watch'],
                    shortNames: ['ro'],
                  },
                  { resource: 'rollouts/status', responseKind: { kind: 'Rollout' }, verbs: ['get'] },
                ],
              },
            ],
          },
        ]),
      );
    } else if ((req.url ?? '').split('?')[0] === '/api/v1/namespaces') {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          kind: 'NamespaceList',
          apiVersion: 'v1',
          metadata: { resourceVersion: '7' },
          items: [{ metadata: { name: 'default' } }, { metadata: { name: 'payments' } }],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
}

describe('completion: resource types from discovery', function () {
  this.timeout(30_000);
  let dir: string;
  let api: Server;
  let hang: TcpServer;
  const sockets: Socket[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kmc-disc-'));
    api = discoveryServer();
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    // Accepts connections and never answers.
    hang = createTcpServer((s) => sockets.push(s));
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    await writeFile(join(dir, 'ok'), kubeconfig(`http://127.0.0.1:${(api.address() as AddressInfo).port}`));
    await writeFile(
      join(dir, 'hang'),
      kubeconfig(`http://127.0.0.1:${(hang.address() as AddressInfo).port}`),
    );
  });

  after(async () => {
    for (const s of sockets) s.destroy();
    api.close();
    hang.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds the cluster’s own types (CRDs) with short names, skipping subresources', async () => {
    // A generous budget: this test is about what discovery finds, not how fast (the machine may be busy).
    const types = await discoverResourceTypes({ kubeconfig: join(dir, 'ok') }, 20_000);
    assert.deepEqual(
      types.map((t) => t.value),
      ['pods', 'po', 'rollouts', 'ro'],
    );
    assert.equal(types.find((t) => t.value === 'rollouts')?.description, 'Rollout (fleet.example.com)');
  });

  it('gives up on a cluster that does not answer, within its timeout', async () => {
    const types = await discoverResourceTypes({ kubeconfig: join(dir, 'hang') }, 300);
    assert.deepEqual(types, []);
    assert.deepEqual(await listNamespaces({ kubeconfig: join(dir, 'hang') }, 300), []);
  });

  it('lists the cluster’s namespaces for --namespace', async () => {
    assert.deepEqual(await listNamespaces({ kubeconfig: join(dir, 'ok') }, 20_000), ['default', 'payments']);
  });

  it('reads its budget from KUBECTL_MC_COMPLETION_TIMEOUT_MS, 1.5 s by default', () => {
    assert.equal(discoveryTimeoutMs({}), 1500);
    assert.equal(discoveryTimeoutMs({ KUBECTL_MC_COMPLETION_TIMEOUT_MS: '4000' }), 4000);
    assert.equal(discoveryTimeoutMs({ KUBECTL_MC_COMPLETION_TIMEOUT_MS: 'soon' }), 1500);
  });

  it('gives nothing for an unknown --context or a missing kubeconfig', async () => {
    assert.deepEqual(await discoverResourceTypes({ kubeconfig: join(dir, 'ok'), context: 'nope' }), []);
    assert.deepEqual(await discoverResourceTypes({ kubeconfig: join(dir, 'missing') }), []);
  });

  it('kubectl-mc __complete offers discovered types, and still answers (built-ins) when the cluster hangs', async () => {
    const cli = join(cliRoot, 'bin/run.js');
    // Generous for the answering cluster (the machine may be busy), short for the hanging one.
    const env = { ...process.env, KUBECTL_MC_COMPLETION_TIMEOUT_MS: '20000' };
    const ok = await run(
      process.execPath,
      [cli, '__complete', '--', 'get', '--kubeconfig', join(dir, 'ok'), 'ro'],
      {
        env,
      },
    );
    assert.deepEqual(
      ok.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split('\t')[0]),
      ['rolebindings', 'roles', 'rollouts', 'ro', ':4'],
    );
    const ns = await run(
      process.execPath,
      [cli, '__complete', '--', 'get', 'pods', '--kubeconfig', join(dir, 'ok'), '-n', 'p'],
      {
        env,
      },
    );
    assert.equal(ns.stdout, 'payments\n:4\n');
    const hung = await run(
      process.execPath,
      [cli, '__complete', '--', 'get', '--kubeconfig', join(dir, 'hang'), 'ro'],
      {
        env: { ...process.env, KUBECTL_MC_COMPLETION_TIMEOUT_MS: '300' },
      },
    );
    assert.deepEqual(
      hung.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split('\t')[0]),
      ['rolebindings', 'roles', ':4'],
    );
  });
});
