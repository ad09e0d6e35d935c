// One simulated kube-apiserver: an HTTPS server on 127.0.0.1 with token / client-certificate auth,
// RBAC-style refusals, discovery, list/get/watch (objects, Table, metadata), pagination, selectors and
// injectable faults. This file holds the server's life (listen, faults that change the connection,
// stop) and the router; each kind of request has its handler under `routes/`.
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FaultSpec } from './faults.js';
import { sendJson, sendStatus } from './http.js';
import { ACCESS_REVIEW_PATH, sendAccessReview } from './routes/access-review.js';
import { authenticate, impersonate, type UserInfo } from './routes/auth.js';
import { apiGroup, resourceList, rootPaths, sendDiscoveryRoot, sendHealthy } from './routes/discovery.js';
import { answerFault } from './routes/faults.js';
import { sendPodLog } from './routes/logs.js';
import { serveMetrics } from './routes/metrics.js';
import { route } from './routes/paths.js';
import { serveResource } from './routes/resource.js';
import { WatchHub } from './routes/watch.js';
import { serveDelete } from './routes/delete.js';
import { serveScale, serveWrite } from './routes/write.js';
import { serveCreate } from './routes/create.js';
import { otherVersion, viewAtVersion } from './routes/version-view.js';
import { proxyTarget, serveServiceProxy } from './routes/proxy.js';
import { currentSeries, type HealthModel } from './prometheus/series.js';
import { sendOpenApi } from './routes/openapi.js';
import type { ResourceStore } from './store.js';
import { Timers } from './timers.js';
import { DeploymentController } from './controllers/deployment.js';
import type { VersionInfo } from './versions.js';

export type { UserInfo } from './routes/auth.js';

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

export interface ClusterServerOptions {
  name: string;
  store: ResourceStore;
  tls: TlsMaterial;
  badTls: TlsMaterial;
  /** bearer token → user */
  tokens: Map<string, UserInfo>;
  /** client certificates (CN) accepted as users; verified against the CA */
  certUsers: Map<string, UserInfo>;
  bookmarkIntervalMs: number;
  fault: FaultSpec;
  /** what `/version` answers */
  version: VersionInfo;
  /** API groups this cluster does not serve (a CRD installed elsewhere only): 404 and absent from discovery */
  withoutGroups?: ReadonlySet<string>;
  /** serve metrics.k8s.io (metrics-server); false: `kubectl top` says "Metrics API not available" */
  metrics?: boolean;
  /** simulated seconds per real second for the controllers (default 1) */
  timeScale?: number;
  /** false: no deployment controller (objects stay exactly as written) */
  controllers?: boolean;
  /** serve Prometheus behind monitoring/prometheus's service proxy, with this health model */
  prometheus?: HealthModel;
}

export class ClusterServer {
  readonly name: string;
  readonly store: ResourceStore;
  #server: https.Server;
  #port = 0;
  #fault: FaultSpec;
  #opts: ClusterServerOptions;
  #sockets = new Set<Socket>();
  #timers = new Timers();
  #watches: WatchHub;
  #listening = false;
  #usingBadCert = false;
  readonly deployments: DeploymentController;

  constructor(opts: ClusterServerOptions) {
    this.name = opts.name;
    this.store = opts.store;
    this.#opts = opts;
    this.#fault = opts.fault;
    this.#server = https.createServer(
      {
        key: opts.tls.keyPem,
        cert: opts.tls.certPem,
        ca: opts.tls.caPem,
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => {
        this.#handle(req, res).catch((err: unknown) => {
          sendStatus(res, 500, `internal error: ${err instanceof Error ? err.message : String(err)}`);
        });
      },
    );
    this.#server.keepAliveTimeout = 30_000;
    this.#server.on('connection', (s: Socket) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
      if (this.#fault.down) s.destroy();
    });
    this.#server.on('tlsClientError', () => {
      /* bad-cert clients hang up; nothing to do */
    });
    this.#server.on('error', () => {
      /* listen errors on recovery are reported through listening state */
    });
    this.deployments = new DeploymentController(this.store, this.#timers, {
      ...(opts.timeScale !== undefined ? { timeScale: opts.timeScale } : {}),
      enabled: opts.controllers !== false,
    });
    this.#watches = new WatchHub({
      store: this.store,
      timers: this.#timers,
      bookmarkIntervalMs: opts.bookmarkIntervalMs,
      dropWatchMs: () => this.#fault.dropWatchMs,
    });
  }

  get port(): number {
    return this.#port;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.#server.once('error', onError);
      this.#server.listen(this.#port, '127.0.0.1', () => {
        this.#server.off('error', onError);
        resolve();
      });
    });
    const addr = this.#server.address();
    if (addr && typeof addr === 'object') this.#port = addr.port;
    this.#listening = true;
    if (this.#fault.down) this.#goDown();
    if (this.#fault.badCert) this.#applyCert();
  }

  get fault(): FaultSpec {
    return { ...this.#fault };
  }

  setFault(fault: FaultSpec): void {
    const wasDown = !!this.#fault.down;
    this.#fault = { ...fault };
    this.#applyCert();
    if (this.#timers.stopped || !this.#listening) return;
    if (fault.down && !wasDown) this.#goDown();
    if (!fault.down && wasDown) this.#recover();
    if (fault.dropWatchMs !== undefined) this.#watches.armDrops();
    if (fault.hang || fault.unauthorized || fault.forbid || fault.errorStatus) {
      // open watch streams see the new state too: end them so clients re-request
      this.#watches.endAll();
    }
  }

  #applyCert(): void {
    const want = !!this.#fault.badCert;
    if (want === this.#usingBadCert) return;
    const t = want ? this.#opts.badTls : this.#opts.tls;
    this.#server.setSecureContext({ key: t.keyPem, cert: t.certPem, ca: this.#opts.tls.caPem });
    this.#usingBadCert = want;
    // existing keep-alive connections keep the old certificate: drop them
    for (const s of this.#sockets) s.destroy();
  }

  #goDown(): void {
    this.#server.close();
    for (const s of this.#sockets) s.destroy();
    this.#watches.endAll();
  }

  #recover(): void {
    // Re-listen on the same port: the kubeconfig points at it.
    let attempts = 0;
    const tryListen = (): void => {
      if (this.#timers.stopped || this.#fault.down) return;
      const onError = (): void => {
        if (++attempts < 20) this.#timers.set(tryListen, 100);
      };
      this.#server.once('error', onError);
      this.#server.listen(this.#port, '127.0.0.1', () => this.#server.off('error', onError));
    };
    tryListen();
  }

  async stop(): Promise<void> {
    this.deployments.stop();
    this.#timers.stop();
    this.#watches.close();
    const closed = new Promise<void>((resolve) => {
      if (!this.#server.listening) return resolve();
      this.#server.close(() => resolve());
    });
    for (const s of this.#sockets) s.destroy();
    this.#server.closeAllConnections();
    await closed;
  }

  // --- the router ---------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fault = this.#fault;
    if (fault.hang) return; // accepted, never answered (stop() destroys the socket)
    if (fault.latencyMs) {
      await new Promise<void>((resolve) => {
        const t = this.#timers.set(resolve, fault.latencyMs!);
        res.once('close', () => {
          this.#timers.clear(t);
          resolve();
        });
      });
      if (res.destroyed || this.#timers.stopped) return;
    }
    if (fault.unauthorized) return sendStatus(res, 401, 'Unauthorized');
    const authenticated = authenticate(req, this.#opts);
    if (!authenticated) return sendStatus(res, 401, 'Unauthorized');
    const as = impersonate(req, authenticated);
    if (!('user' in as)) {
      return sendStatus(
        res,
        as.status,
        as.message,
        as.status === 403 ? 'Forbidden' : 'BadRequest',
        as.details,
      );
    }
    const { user } = as;
    if (answerFault(req, res, fault, this.#timers)) return;

    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    if (req.method === 'POST' && url.pathname === ACCESS_REVIEW_PATH) {
      return sendAccessReview(req, res, user);
    }
    if (req.method === 'GET' && /^\/openapi\/v3(\/|$)/.test(url.pathname)) {
      return sendOpenApi(res, url.pathname);
    }
    const proxied = proxyTarget(url.pathname);
    if (proxied) {
      const model = this.#opts.prometheus;
      const series = model
        ? (): ReturnType<typeof currentSeries> => currentSeries(this.store, model)
        : undefined;
      return serveServiceProxy(req, res, this.store, user, proxied, url.searchParams, series, !!fault.forbid);
    }
    const without = this.#opts.withoutGroups ?? new Set<string>();
    let r = route(url.pathname);
    const group = r.kind === 'group' ? r.group : r.kind === 'resource' ? r.def.group : undefined;
    const gv = r.kind === 'resourceList' ? r.groupVersion : '';
    if ((group && without.has(group)) || (gv.includes('/') && without.has(gv.slice(0, gv.indexOf('/')))))
      r = { kind: 'notFound' };
    if (r.kind === 'resource') {
      const v = otherVersion(r.def, url.pathname);
      if (v) viewAtVersion(res, r.def, v);
    }
    if (r.kind === 'scale' && (req.method === 'GET' || req.method === 'PATCH')) {
      return serveScale(this.store, {
        req,
        res,
        user,
        fault,
        ...r,
        subresource: 'scale',
        query: url.searchParams,
      });
    }
    if (req.method === 'PATCH' && r.kind === 'resource' && r.name !== undefined) {
      return serveWrite(this.store, { req, res, user, fault, ...r, name: r.name, query: url.searchParams });
    }
    if (req.method === 'DELETE' && r.kind === 'resource' && r.name !== undefined) {
      return serveDelete(this.store, {
        req,
        res,
        user,
        fault,
        ...r,
        name: r.name,
        query: url.searchParams,
        timers: this.#timers,
      });
    }
    if (req.method === 'POST' && r.kind === 'resource' && r.name === undefined) {
      return serveCreate(this.store, {
        req,
        res,
        user,
        fault,
        def: r.def,
        ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
        query: url.searchParams,
      });
    }
    if (req.method !== 'GET') {
      return sendStatus(
        res,
        405,
        `the server does not allow this method on the requested resource`,
        'MethodNotAllowed',
      );
    }
    const metricsPath = /^\/apis\/metrics\.k8s\.io(\/|$)/.test(url.pathname);
    if (metricsPath && this.#opts.metrics !== false) {
      const segments = url.pathname.split('/').slice(3).filter(Boolean).map(decodeSegment);
      const q = url.searchParams;
      return serveMetrics({
        req,
        res,
        store: this.store,
        cluster: this.name,
        user,
        segments,
        query: q,
        forbid: !!fault.forbid,
      });
    }
    switch (r.kind) {
      case 'version':
        return sendJson(res, 200, this.#opts.version);
      case 'health':
        return sendHealthy(res);
      case 'discovery':
        return sendDiscoveryRoot(req, res, r.which, this.#port, without, this.#opts.metrics !== false);
      case 'paths':
        return sendJson(res, 200, rootPaths(without));
      case 'group':
        return sendJson(res, 200, apiGroup(r.group, r.version, r.versions));
      case 'resourceList':
        return sendJson(res, 200, resourceList(r.groupVersion, r.defs));
      case 'podLog':
        return sendPodLog(
          res,
          this.store,
          this.#timers,
          user,
          r.namespace,
          r.name,
          url.searchParams,
          fault.dropWatchMs,
        );
      case 'resource':
        return serveResource(this.store, this.#watches, {
          req,
          res,
          user,
          fault,
          def: r.def,
          ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
          ...(r.name !== undefined ? { name: r.name } : {}),
          query: url.searchParams,
        });
      case 'scale':
      case 'notFound':
        return sendStatus(res, 404, 'the server could not find the requested resource', 'NotFound', {});
    }
  }
}

/** A path segment decoded; a malformed escape stays as sent (and then names nothing: 404). */
function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
