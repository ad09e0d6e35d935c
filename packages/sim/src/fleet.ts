// startFleet: one CA, one HTTPS server per cluster, a kubeconfig for the fleet, optional churn.
import { mkdtemp, writeFile, mkdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { createCA, issueClientCert, issueServerCert } from './certs.js';
import { toFaultSpec, type FaultSpec } from './faults.js';
import { DEFAULT_PODS_PER_CLUSTER, Random, hashString, populate, ts } from './data.js';
import { churnOnce } from './churn.js';
import { ResourceStore } from './store.js';
import { isNamespaced } from './resources.js';
import { ClusterServer, type UserInfo } from './server.js';
import { defaultServerVersion, versionInfo } from './versions.js';
import { hubProfiles, writeHubFiles, HUB_NAMESPACE, type HubMember, type SimHub } from './hub.js';
import { CLUSTER_INVENTORY_GROUP } from './resources/hub.js';
import { APIEXTENSIONS_GROUP, ISTIO_GROUP } from './resources/istio.js';
import { istioClusters, loadIstio } from './istio.js';
import { DEFAULT_REQUEST_RATE } from './prometheus/traffic.js';

export type { SimHub } from './hub.js';
export { churnOnce } from './churn.js';

export interface FleetOptions {
  /** cluster names, or a count → generated names cluster-01, cluster-02, … */
  clusters: string[] | number;
  /** pods per cluster (default 40) */
  podsPerCluster?: number;
  /** deterministic data (default 1) */
  seed?: number;
  /** where to write the kubeconfig (default: a file in a fresh temp dir, deleted by stop()) */
  kubeconfigPath?: string;
  /** cluster name → fault, e.g. 'latency:300ms' */
  faults?: Record<string, string | FaultSpec>;
  /** > 0: pods restart / get replaced periodically so watches see events */
  churnIntervalMs?: number;
  /** interval of BOOKMARK events on watches that allow them (default 5000 ms) */
  bookmarkIntervalMs?: number;
  /**
   * cluster name → the gitVersion its /version answers, e.g. 'v1.31.2'. Default: v1.32.4-sim, except
   * the regional fleet's staging (v1.33.1-sim) and dev (v1.30.9-sim).
   */
  versions?: Record<string, string>;
  /** clusters without the metrics API (metrics.k8s.io); the others serve it as metrics-server does */
  noMetrics?: string[];
  /**
   * Also serve a hub (context `hub`) whose ClusterProfiles point at the members, with an access
   * providers file and exec plugin beside the kubeconfig (see hub.ts).
   */
  hub?: boolean;
  /**
   * Simulated seconds per real second for the deployment controller (default 1): rollouts, pod start-up
   * and progressDeadlineSeconds run this much faster (tests use 20-100).
   */
  timeScale?: number;
  /**
   * false: no deployment controller runs, so objects stay exactly as written (tests that count a
   * deployment's events or compare snapshots taken at different moments). Default true.
   */
  controllers?: boolean;
  /** cluster name → API groups it does not serve (e.g. `['apps']`), as a cluster with them disabled */
  withoutGroups?: Record<string, string[]>;
  /** Istio (networking.istio.io CRDs) and Prometheus (monitoring/prometheus): true all clusters, or these */
  istio?: boolean | string[];
  /** images containing one of these strings are a bad release: 5% errors, p99 ≈ 1.5 s (istio clusters) */
  badImages?: string[];
  /** requests per second each Service in front of pods receives (default 100; istio clusters) */
  requestRate?: number;
}

export interface SimCluster {
  name: string;
  /** kubeconfig context name (= cluster name) */
  context: string;
  /** https://127.0.0.1:<port> */
  server: string;
  port: number;
  /** bearer token of the cluster's admin user (undefined for the client-certificate cluster) */
  token?: string;
  /** how the context's user authenticates */
  auth: 'token' | 'client-certificate';
  /** the cluster's objects: add/update/modify/delete emit watch events; events() is the log; compact() expires history */
  store: ResourceStore;
  /** the current fault (empty when healthy) */
  readonly fault: FaultSpec;
  /** whether the cluster serves metrics.k8s.io (`kubectl top`) */
  metrics: boolean;
}

export interface Fleet {
  kubeconfigPath: string;
  caPem: string;
  clusters: SimCluster[];
  cluster(name: string): SimCluster;
  setFault(cluster: string, fault: string | FaultSpec | undefined): void;
  /** closes every server and socket (also hung ones) promptly */
  stop(): Promise<void>;
  /** the context whose user may list only in namespace default (403 elsewhere) */
  restrictedContext: string;
  /** with `hub: true`: the hub, its store (ClusterProfiles in namespace `fleet`) and files */
  hub?: SimHub & { store: ResourceStore };
}

export const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function clusterNames(clusters: string[] | number): string[] {
  if (typeof clusters === 'number') {
    if (!Number.isInteger(clusters) || clusters < 1)
      throw new Error(`clusters: expected a positive integer, got ${clusters}`);
    const width = Math.max(2, String(clusters).length);
    return Array.from({ length: clusters }, (_, i) => `cluster-${String(i + 1).padStart(width, '0')}`);
  }
  if (!clusters.length) throw new Error('clusters: at least one cluster name is needed');
  const seen = new Set<string>();
  for (const n of clusters) {
    if (!NAME_PATTERN.test(n))
      throw new Error(`invalid cluster name "${n}": use lowercase letters, digits and '-'`);
    if (seen.has(n)) throw new Error(`duplicate cluster name "${n}"`);
    seen.add(n);
  }
  return [...clusters];
}

const token = (): string => `sim-${randomBytes(24).toString('base64url')}`;

export async function startFleet(opts: FleetOptions): Promise<Fleet> {
  const names = clusterNames(opts.clusters);
  const pods = opts.podsPerCluster ?? DEFAULT_PODS_PER_CLUSTER;
  if (!Number.isInteger(pods) || pods < 0)
    throw new Error(`podsPerCluster: expected a non-negative integer, got ${pods}`);
  const seed = opts.seed ?? 1;
  const faults = new Map<string, FaultSpec>();
  for (const [name, f] of Object.entries(opts.faults ?? {})) {
    if (!names.includes(name))
      throw new Error(`fault for unknown cluster "${name}" (clusters: ${names.join(', ')})`);
    faults.set(name, toFaultSpec(f));
  }
  for (const name of Object.keys(opts.versions ?? {})) {
    if (!names.includes(name))
      throw new Error(`version for unknown cluster "${name}" (clusters: ${names.join(', ')})`);
  }
  const versions = new Map(names.map((n) => [n, versionInfo(opts.versions?.[n] ?? defaultServerVersion(n))]));
  for (const name of opts.noMetrics ?? []) {
    if (!names.includes(name))
      throw new Error(`noMetrics: unknown cluster "${name}" (clusters: ${names.join(', ')})`);
  }
  const noMetrics = new Set(opts.noMetrics ?? []);
  const istio = istioClusters(opts.istio, names);
  if (opts.requestRate !== undefined && !(opts.requestRate > 0))
    throw new Error(`requestRate: expected a positive number, got ${opts.requestRate}`);
  const health = { badImages: opts.badImages ?? [], requestRate: opts.requestRate ?? DEFAULT_REQUEST_RATE };
  for (const name of Object.keys(opts.withoutGroups ?? {})) {
    if (!names.includes(name))
      throw new Error(`withoutGroups: unknown cluster "${name}" (clusters: ${names.join(', ')})`);
  }

  const [ca, badCa] = await Promise.all([createCA('kubectl-mc-sim-ca'), createCA('unrelated-ca')]);
  const certUserIndex = names.length > 1 ? 1 : -1;
  const [serverCert, badServerCert, clientCert] = await Promise.all([
    issueServerCert(ca),
    issueServerCert(badCa),
    certUserIndex >= 0 ? issueClientCert(ca, `${names[certUserIndex]}-admin`) : Promise.resolve(undefined),
  ]);
  const tls = { caPem: ca.certPem, ...serverCert };
  const badTls = { caPem: badCa.certPem, ...badServerCert };
  const now = Date.now();
  const prod = names.filter((n) => n.endsWith('-prod'));
  const federation = prod.length ? prod : names.slice(0, 3);
  const restrictedToken = token();
  const restrictedContext = `${names[0]}-restricted`;

  const servers: ClusterServer[] = [];
  const clusters: SimCluster[] = [];
  const tokens = new Map<string, string>();
  names.forEach((name, index) => {
    const store = new ResourceStore(isNamespaced);
    const serverMinor = Number(versions.get(name)!.minor);
    populate(store, { cluster: name, index, seed, pods, now, federation, serverMinor });
    if (istio.has(name)) loadIstio(store, name, now);
    const tokenMap = new Map<string, UserInfo>();
    const certUsers = new Map<string, UserInfo>();
    let tok: string | undefined;
    if (index === certUserIndex) {
      certUsers.set(`${name}-admin`, { name: `${name}-admin` });
    } else {
      tok = token();
      tokens.set(name, tok);
      tokenMap.set(tok, { name: `${name}-admin` });
    }
    if (index === 0) tokenMap.set(restrictedToken, { name: 'restricted', restricted: true });
    const srv = new ClusterServer({
      name,
      store,
      tls,
      badTls,
      tokens: tokenMap,
      certUsers,
      bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 5000,
      fault: faults.get(name) ?? {},
      version: versions.get(name)!,
      // KubeFed's CRDs are on the federation's clusters only; the Cluster Inventory API on the hub only
      withoutGroups: new Set([
        CLUSTER_INVENTORY_GROUP,
        ...(federation.includes(name) ? [] : ['types.kubefed.io']),
        ...(istio.has(name) ? [] : [ISTIO_GROUP, APIEXTENSIONS_GROUP]),
        ...(opts.withoutGroups?.[name] ?? []),
      ]),
      metrics: !noMetrics.has(name),
      ...(istio.has(name) ? { prometheus: health } : {}),
      ...(opts.timeScale !== undefined ? { timeScale: opts.timeScale } : {}),
      ...(opts.controllers === false ? { controllers: false } : {}),
    });
    servers.push(srv);
  });

  let hubServer: ClusterServer | undefined;
  const hubToken = token();
  if (opts.hub) {
    const hubStore = new ResourceStore(isNamespaced);
    for (const ns of ['default', 'kube-system', HUB_NAMESPACE]) {
      hubStore.load('namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: ns,
          uid: `hub-ns-${ns}`,
          creationTimestamp: ts(now - 7 * 86_400_000),
          labels: { 'kubernetes.io/metadata.name': ns },
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    hubServer = new ClusterServer({
      name: 'hub',
      store: hubStore,
      tls,
      badTls,
      tokens: new Map([
        [hubToken, { name: 'hub-admin' }],
        [restrictedToken, { name: 'restricted', restricted: true }],
      ]),
      certUsers: new Map(),
      bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 5000,
      fault: {},
      version: versionInfo(defaultServerVersion('hub')),
      withoutGroups: new Set(['types.kubefed.io', ISTIO_GROUP, APIEXTENSIONS_GROUP]),
      metrics: false,
    });
  }
  const all = hubServer ? [...servers, hubServer] : servers;
  try {
    await Promise.all(all.map((s) => s.listen()));
  } catch (err) {
    await Promise.all(all.map((s) => s.stop()));
    throw err;
  }

  servers.forEach((srv, index) => {
    const name = names[index]!;
    const tok = tokens.get(name);
    const c: SimCluster = {
      name,
      context: name,
      server: `https://127.0.0.1:${srv.port}`,
      port: srv.port,
      auth: index === certUserIndex ? 'client-certificate' : 'token',
      store: srv.store,
      metrics: !noMetrics.has(name),
      get fault(): FaultSpec {
        return srv.fault;
      },
    };
    if (tok) c.token = tok;
    clusters.push(c);
  });

  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': names[0],
    clusters: clusters.map((c) => ({
      name: c.name,
      cluster: { server: c.server, 'certificate-authority-data': Buffer.from(ca.certPem).toString('base64') },
    })),
    contexts: [
      ...clusters.map((c) => ({
        name: c.context,
        context: { cluster: c.name, user: `${c.name}-admin`, namespace: 'default' },
      })),
      { name: restrictedContext, context: { cluster: names[0], user: 'restricted', namespace: 'default' } },
    ],
    users: [
      ...clusters.map((c, i) => ({
        name: `${c.name}-admin`,
        user:
          i === certUserIndex && clientCert
            ? {
                'client-certificate-data': Buffer.from(clientCert.certPem).toString('base64'),
                'client-key-data': Buffer.from(clientCert.keyPem).toString('base64'),
              }
            : { token: c.token },
      })),
      { name: 'restricted', user: { token: restrictedToken } },
    ],
  };
  let kubeconfigPath = opts.kubeconfigPath;
  let tempDir: string | undefined;
  if (!kubeconfigPath) {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'kubectl-mc-sim-'));
    kubeconfigPath = path.join(tempDir, 'kubeconfig.yaml');
  } else {
    await mkdir(path.dirname(path.resolve(kubeconfigPath)), { recursive: true });
  }
  let hub: Fleet['hub'];
  if (hubServer) {
    const members: HubMember[] = clusters.map((c) => ({
      name: c.name,
      server: c.server,
      gitVersion: versions.get(c.name)!.gitVersion,
      credential:
        c.token !== undefined
          ? { token: c.token }
          : { clientCertificateData: clientCert!.certPem, clientKeyData: clientCert!.keyPem },
    }));
    for (const p of hubProfiles(members, ca.certPem, now)) hubServer.store.load('clusterprofiles', p);
    const files = await writeHubFiles(path.dirname(path.resolve(kubeconfigPath)), members);
    const server = `https://127.0.0.1:${hubServer.port}`;
    hub = { context: 'hub', restrictedContext: 'hub-restricted', server, store: hubServer.store, ...files };
    kubeconfig.clusters.push({
      name: 'hub',
      cluster: { server, 'certificate-authority-data': Buffer.from(ca.certPem).toString('base64') },
    });
    kubeconfig.contexts.push(
      { name: 'hub', context: { cluster: 'hub', user: 'hub-admin', namespace: HUB_NAMESPACE } },
      { name: 'hub-restricted', context: { cluster: 'hub', user: 'restricted', namespace: 'default' } },
    );
    kubeconfig.users.push({ name: 'hub-admin', user: { token: hubToken } });
  }
  await writeFile(kubeconfigPath, stringify(kubeconfig), { mode: 0o600 });

  let churn: NodeJS.Timeout | undefined;
  if (opts.churnIntervalMs && opts.churnIntervalMs > 0) {
    const r = new Random(hashString('churn', seed));
    churn = setInterval(() => {
      for (const c of clusters) churnOnce(c.store, r);
    }, opts.churnIntervalMs);
    churn.unref();
  }

  const byName = new Map(clusters.map((c, i) => [c.name, { c, srv: servers[i]! }]));
  let stopped: Promise<void> | undefined;
  return {
    kubeconfigPath,
    caPem: ca.certPem,
    clusters,
    restrictedContext,
    ...(hub && { hub }),
    cluster(name: string): SimCluster {
      const hit = byName.get(name);
      if (!hit) throw new Error(`no cluster "${name}" in this fleet (clusters: ${names.join(', ')})`);
      return hit.c;
    },
    setFault(name: string, fault: string | FaultSpec | undefined): void {
      const hit = byName.get(name);
      if (!hit) throw new Error(`no cluster "${name}" in this fleet (clusters: ${names.join(', ')})`);
      hit.srv.setFault(toFaultSpec(fault));
    },
    stop(): Promise<void> {
      if (churn) clearInterval(churn);
      // the temp dir we made for the kubeconfig goes too; a path the caller chose stays
      stopped ??= Promise.all(all.map((s) => s.stop())).then(async () => {
        if (tempDir) await rm(tempDir, { recursive: true, force: true });
      });
      return stopped;
    },
  };
}
