// One simulated kube-apiserver: an HTTPS server on 127.0.0.1 with token / client-certificate auth,
// RBAC-style refusals, discovery, list/get/watch (objects, Table, metadata), pagination, selectors and
// injectable faults.
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { ExpiredError, type Entry, type KubeObject, type LoggedEvent, ResourceStore } from './store.js';
import {
  BY_PLURAL,
  RESOURCES,
  fieldsOf,
  groupVersion,
  supportedFields,
  type ResourceDef,
} from './resources.js';
import { negotiate, sendJson, sendStatus, statusBody, type Negotiated } from './http.js';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
  type FieldRequirement,
  type LabelRequirement,
} from './selectors.js';
import type { FaultSpec } from './faults.js';

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

export interface UserInfo {
  name: string;
  /** May list only in namespace `default`, never secrets. */
  restricted?: boolean;
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
}

interface WatchStream {
  def: ResourceDef;
  namespace: string | undefined;
  labels: LabelRequirement[];
  fields: FieldRequirement[];
  res: ServerResponse;
  neg: Negotiated;
  includeObject: string;
  bookmarks: boolean;
  timers: Set<NodeJS.Timeout>;
}

const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4-sim',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:05:38Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const PAGE_DEFAULT_MAX = 100_000;

export class ClusterServer {
  readonly name: string;
  readonly store: ResourceStore;
  #server: https.Server;
  #port = 0;
  #fault: FaultSpec;
  #opts: ClusterServerOptions;
  #sockets = new Set<Socket>();
  #watches = new Set<WatchStream>();
  #timers = new Set<NodeJS.Timeout>();
  #unsubscribe: () => void;
  #listening = false;
  #stopped = false;
  #usingBadCert = false;

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
    this.#unsubscribe = this.store.onEvent((ev) => this.#dispatch(ev));
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
    if (this.#stopped || !this.#listening) return;
    if (fault.down && !wasDown) this.#goDown();
    if (!fault.down && wasDown) this.#recover();
    if (fault.dropWatchMs !== undefined) for (const w of this.#watches) this.#armDrop(w);
    if (fault.hang || fault.unauthorized || fault.forbid || fault.errorStatus) {
      // open watch streams see the new state too: end them so clients re-request
      for (const w of [...this.#watches]) this.#endWatch(w);
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
    for (const w of [...this.#watches]) this.#endWatch(w);
  }

  #recover(): void {
    // Re-listen on the same port: the kubeconfig points at it.
    let attempts = 0;
    const tryListen = (): void => {
      if (this.#stopped || this.#fault.down) return;
      const onError = (): void => {
        if (++attempts < 20) this.#timer(tryListen, 100);
      };
      this.#server.once('error', onError);
      this.#server.listen(this.#port, '127.0.0.1', () => this.#server.off('error', onError));
    };
    tryListen();
  }

  #timer(fn: () => void, ms: number, owner?: Set<NodeJS.Timeout>): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      owner?.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
    owner?.add(t);
    return t;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe();
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const w of [...this.#watches]) this.#endWatch(w);
    const closed = new Promise<void>((resolve) => {
      if (!this.#server.listening) return resolve();
      this.#server.close(() => resolve());
    });
    for (const s of this.#sockets) s.destroy();
    this.#server.closeAllConnections();
    await closed;
  }

  // ---------------------------------------------------------------------------------------------

  #authenticate(req: IncomingMessage): UserInfo | undefined {
    const auth = req.headers.authorization;
    if (auth && /^bearer /i.test(auth)) {
      return this.#opts.tokens.get(auth.slice(7).trim());
    }
    const sock = req.socket as TLSSocket;
    if (sock.authorized) {
      const peer = sock.getPeerCertificate();
      const cn = peer?.subject?.CN;
      const name = Array.isArray(cn) ? cn[0] : cn;
      if (name) return this.#opts.certUsers.get(name);
    }
    return undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fault = this.#fault;
    if (fault.hang) return; // accepted, never answered (stop() destroys the socket)
    if (fault.latencyMs) {
      await new Promise<void>((resolve) => {
        const t = this.#timer(resolve, fault.latencyMs!);
        res.once('close', () => {
          clearTimeout(t);
          this.#timers.delete(t);
          resolve();
        });
      });
      if (res.destroyed || this.#stopped) return;
    }
    if (fault.unauthorized) return sendStatus(res, 401, 'Unauthorized');
    const user = this.#authenticate(req);
    if (!user) return sendStatus(res, 401, 'Unauthorized');
    if (fault.errorStatus) {
      const code = fault.errorStatus;
      const msg =
        code === 503
          ? 'the server is currently unable to handle the request'
          : code === 504
            ? 'the server was unable to return a response in the time allotted, but may still be processing the request'
            : code >= 500
              ? 'an error on the server ("simulated fault") has prevented the request from succeeding'
              : `the server rejected the request (simulated fault error:${code})`;
      return sendStatus(res, code, msg);
    }
    if (fault.throttle) {
      return sendStatus(
        res,
        429,
        'Too many requests, please try again later.',
        'TooManyRequests',
        { retryAfterSeconds: 1 },
        { 'Retry-After': '1' },
      );
    }
    if (fault.garbage) {
      const body =
        '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"12"},"items":[{"metadata":{"name":"x\u0000';
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (fault.stallBody) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.write('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"');
      return; // never ends
    }
    if (fault.hugeBody) return this.#hugeBody(res);

    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    if (req.method !== 'GET') {
      return sendStatus(
        res,
        405,
        `the server does not allow this method on the requested resource`,
        'MethodNotAllowed',
      );
    }
    const path = url.pathname.replace(/\/+$/, '') || '/';
    switch (path) {
      case '/version':
        return sendJson(res, 200, VERSION_INFO);
      case '/healthz':
      case '/livez':
      case '/readyz':
        res.writeHead(200, {
          'Content-Type': 'text/plain; charset=utf-8',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end('ok');
        return;
      case '/api':
        return this.#discoveryRoot(req, res, 'core');
      case '/apis':
        return this.#discoveryRoot(req, res, 'apis');
      case '/':
        return sendJson(res, 200, {
          paths: [
            '/api',
            '/api/v1',
            '/apis',
            ...this.#groups().map((g) => `/apis/${g.group}/${g.version}`),
            '/healthz',
            '/livez',
            '/readyz',
            '/version',
          ],
        });
    }
    let segs: string[];
    try {
      segs = path.split('/').slice(1).map(decodeURIComponent);
    } catch {
      return this.#notFoundPath(res);
    }
    let rest: string[];
    let gv: string;
    if (segs[0] === 'api' && segs[1] === 'v1') {
      gv = 'v1';
      rest = segs.slice(2);
    } else if (segs[0] === 'apis' && segs.length >= 3) {
      gv = `${segs[1]}/${segs[2]}`;
      rest = segs.slice(3);
    } else if (segs[0] === 'apis' && segs.length === 2) {
      const g = this.#groups().find((x) => x.group === segs[1]);
      if (!g) return this.#notFoundPath(res);
      return sendJson(res, 200, this.#apiGroup(g.group, g.version));
    } else {
      return this.#notFoundPath(res);
    }
    const defs = RESOURCES.filter((r) => groupVersion(r) === gv);
    if (!defs.length) return this.#notFoundPath(res);
    if (rest.length === 0) return sendJson(res, 200, this.#resourceList(gv, defs));

    let namespace: string | undefined;
    let plural: string;
    let name: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      plural = rest[2]!;
      name = rest[3];
      if (gv === 'v1' && plural === 'pods' && rest.length === 5 && rest[4] === 'log' && name) {
        return this.#podLog(res, user, namespace!, name, url.searchParams);
      }
      if (rest.length > 4) return this.#notFoundPath(res);
    } else {
      plural = rest[0]!;
      name = rest[1];
      if (rest.length > 2) return this.#notFoundPath(res);
    }
    const def = BY_PLURAL.get(plural);
    if (!def || groupVersion(def) !== gv || (namespace !== undefined && !def.namespaced))
      return this.#notFoundPath(res);

    const q = url.searchParams;
    const watch = q.get('watch') === '1' || q.get('watch') === 'true';
    const verb = watch ? 'watch' : name ? 'get' : 'list';

    const neg = negotiate(req.headers.accept, 'resource');
    if (!neg) {
      return sendStatus(
        res,
        406,
        `only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io`,
        'NotAcceptable',
      );
    }

    const denied = this.#authorize(user, verb, def, namespace, name);
    if (denied) return sendStatus(res, 403, denied.message, 'Forbidden', denied.details);
    if (fault.forbid && verb !== 'get') {
      const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      return sendStatus(
        res,
        403,
        `${def.plural}${def.group ? '.' + def.group : ''} is forbidden: User "${user.name}" cannot ${verb} resource "${def.plural}" in API group "${def.group}" ${where}`,
        'Forbidden',
        { group: def.group, kind: def.plural },
      );
    }

    const includeObject = q.get('includeObject') ?? 'Metadata';
    if (!['Object', 'Metadata', 'None'].includes(includeObject)) {
      return sendStatus(
        res,
        400,
        `includeObject: Unsupported value: "${includeObject}": supported values: "Metadata", "None", "Object"`,
        'BadRequest',
      );
    }

    if (verb === 'get') {
      const entry = this.store.entry(def.plural, namespace, name!);
      if (!entry) {
        return sendStatus(
          res,
          404,
          `${def.plural}${def.group ? '.' + def.group : ''} "${name}" not found`,
          'NotFound',
          {
            name,
            ...(def.group ? { group: def.group } : {}),
            kind: def.plural,
          },
        );
      }
      if (neg.kind === 'json') {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(entry.json),
          'Cache-Control': 'no-cache, private',
        });
        res.end(entry.json);
        return;
      }
      const obj = JSON.parse(entry.json) as KubeObject;
      if (neg.kind === 'partial') return sendJson(res, 200, partial(obj, neg.version));
      return sendJson(
        res,
        200,
        this.#table(def, [obj], neg.version, includeObject, {
          resourceVersion: entry.rv ? String(entry.rv) : '',
        }),
        tableType(neg.version),
      );
    }

    let labels: LabelRequirement[];
    let fields: FieldRequirement[];
    try {
      labels = parseLabelSelector(q.get('labelSelector') ?? undefined);
      fields = parseFieldSelector(q.get('fieldSelector') ?? undefined);
    } catch (err) {
      const msg = err instanceof SelectorError ? err.message : String(err);
      return sendStatus(res, 400, `unable to parse requirement: ${msg}`, 'BadRequest');
    }
    const supported = supportedFields(def);
    for (const f of fields) {
      if (!supported.has(f.field)) {
        return sendStatus(res, 400, `field label not supported: ${f.field}`, 'BadRequest');
      }
    }

    if (watch) return this.#watch(res, def, namespace, labels, fields, neg, includeObject, q);
    return this.#list(res, def, namespace, labels, fields, neg, includeObject, q);
  }

  #notFoundPath(res: ServerResponse): void {
    sendStatus(res, 404, 'the server could not find the requested resource', 'NotFound', {});
  }

  #authorize(
    user: UserInfo,
    verb: string,
    def: ResourceDef,
    namespace: string | undefined,
    name: string | undefined,
    subresource?: string,
  ): { message: string; details: Record<string, unknown> } | undefined {
    if (!user.restricted) return undefined;
    const allowed = def.namespaced && namespace === 'default' && def.plural !== 'secrets';
    if (allowed) return undefined;
    const res = `${def.plural}${def.group ? '.' + def.group : ''}`;
    const subject = name ? `${res} "${name}"` : res;
    const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
    const resource = subresource ? `${def.plural}/${subresource}` : def.plural;
    return {
      message: `${subject} is forbidden: User "${user.name}" cannot ${verb} resource "${resource}" in API group "${def.group}" ${where}`,
      details: { ...(name ? { name } : {}), group: def.group, kind: def.plural },
    };
  }

  #filter(
    def: ResourceDef,
    entries: Entry[],
    labels: LabelRequirement[],
    fields: FieldRequirement[],
  ): Entry[] {
    if (!labels.length && !fields.length) return entries;
    return entries.filter((e) => {
      if (labels.length && !matchesLabels(labels, e.labels)) return false;
      if (fields.length) {
        const obj = JSON.parse(e.json) as KubeObject;
        if (!matchesFields(fields, fieldsOf(def, obj))) return false;
      }
      return true;
    });
  }

  #list(
    res: ServerResponse,
    def: ResourceDef,
    namespace: string | undefined,
    labels: LabelRequirement[],
    fields: FieldRequirement[],
    neg: Negotiated,
    includeObject: string,
    q: URLSearchParams,
  ): void {
    const limitRaw = q.get('limit');
    const limit = limitRaw ? Math.max(0, Number.parseInt(limitRaw, 10) || 0) : 0;
    const cont = q.get('continue');
    let listRv = this.store.revision;
    let startAfter: string | undefined;
    if (cont) {
      const token = decodeContinue(cont);
      if (!token)
        return sendStatus(res, 400, 'continue key is not valid: invalid continue token', 'BadRequest');
      if (token.rv < this.store.compactedRevision) {
        return sendStatus(
          res,
          410,
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
          'Expired',
        );
      }
      listRv = token.rv;
      startAfter = token.start;
    }
    let snapshot: Entry[];
    try {
      snapshot = cont
        ? this.store.entriesAt(def.plural, listRv, namespace)
        : this.store.entries(def.plural, namespace);
    } catch (err) {
      if (!(err instanceof ExpiredError)) throw err;
      return sendStatus(res, 410, err.message, 'Expired');
    }
    let all = this.#filter(def, snapshot, labels, fields);
    if (startAfter !== undefined) {
      const after = startAfter;
      all = all.filter((e) => e.key > after);
    }
    const max = limit > 0 ? limit : PAGE_DEFAULT_MAX;
    const page = all.slice(0, max);
    const metadata: Record<string, unknown> = { resourceVersion: String(listRv) };
    if (all.length > page.length) {
      metadata['continue'] = encodeContinue({ rv: listRv, start: page[page.length - 1]!.key });
      if (!labels.length && !fields.length) metadata['remainingItemCount'] = all.length - page.length;
    }
    if (neg.kind === 'table') {
      const objs = page.map((e) => JSON.parse(e.json) as KubeObject);
      return sendJson(
        res,
        200,
        this.#table(def, objs, neg.version, includeObject, metadata),
        tableType(neg.version),
      );
    }
    if (neg.kind === 'partial') {
      const items = page.map((e) => partial(JSON.parse(e.json) as KubeObject, neg.version));
      return sendJson(res, 200, {
        kind: 'PartialObjectMetadataList',
        apiVersion: `meta.k8s.io/${neg.version}`,
        metadata,
        items,
      });
    }
    // Plain objects: splice the stored JSON texts without re-serialising each object.
    const head = JSON.stringify({ kind: `${def.kind}List`, apiVersion: groupVersion(def), metadata });
    const body = `${head.slice(0, -1)},"items":[${page.map((e) => e.json).join(',')}]}`;
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-cache, private',
    });
    res.end(body);
  }

  #table(
    def: ResourceDef,
    objs: KubeObject[],
    version: string,
    includeObject: string,
    metadata: Record<string, unknown>,
  ): unknown {
    const now = Date.now();
    return {
      kind: 'Table',
      apiVersion: `meta.k8s.io/${version}`,
      metadata,
      columnDefinitions: def.columns,
      rows: objs.map((o) => this.#row(def, o, now, includeObject, version)),
    };
  }

  #row(def: ResourceDef, o: KubeObject, now: number, includeObject: string, version: string): unknown {
    const row: Record<string, unknown> = { cells: def.cells(o, now) };
    const conditions = def.conditions?.(o);
    if (conditions) row['conditions'] = conditions;
    if (includeObject === 'Object') row['object'] = o;
    else if (includeObject === 'Metadata') row['object'] = partial(o, version);
    return row;
  }

  // --- watch -------------------------------------------------------------------------------------

  #watch(
    res: ServerResponse,
    def: ResourceDef,
    namespace: string | undefined,
    labels: LabelRequirement[],
    fields: FieldRequirement[],
    neg: Negotiated,
    includeObject: string,
    q: URLSearchParams,
  ): void {
    const rvParam = q.get('resourceVersion');
    const w: WatchStream = {
      def,
      namespace,
      labels,
      fields,
      res,
      neg,
      includeObject,
      bookmarks: q.get('allowWatchBookmarks') === 'true' || q.get('allowWatchBookmarks') === '1',
      timers: new Set(),
    };
    res.writeHead(200, {
      'Content-Type': neg.kind === 'table' ? tableType(neg.version) : 'application/json',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    res.flushHeaders();
    this.#watches.add(w);
    res.on('close', () => this.#endWatch(w));

    const initialEvents = q.get('sendInitialEvents') === 'true';
    if (initialEvents) {
      // WatchList: the current state as ADDED, then a BOOKMARK marking the end of the initial events.
      for (const e of this.#filter(def, this.store.entries(def.plural, namespace), labels, fields)) {
        this.#send(w, 'ADDED', JSON.parse(e.json) as KubeObject);
      }
      if (w.bookmarks) this.#bookmark(w, true);
    } else if (!rvParam || rvParam === '0') {
      // "Start at any version": synthetic ADDED for the current state, then live events.
      for (const e of this.#filter(def, this.store.entries(def.plural, namespace), labels, fields)) {
        this.#send(w, 'ADDED', JSON.parse(e.json) as KubeObject);
      }
    } else {
      const rv = Number.parseInt(rvParam, 10);
      if (!Number.isFinite(rv) || String(rv) !== rvParam) {
        this.#send(
          w,
          'ERROR',
          statusBody(400, `invalid resource version: "${rvParam}"`, 'BadRequest') as unknown as KubeObject,
        );
        return this.#endWatch(w);
      }
      let replay: LoggedEvent[];
      try {
        replay = this.store.eventsSince(rv, def.plural);
      } catch (err) {
        if (!(err instanceof ExpiredError)) throw err;
        this.#send(w, 'ERROR', statusBody(410, err.message, 'Expired') as unknown as KubeObject);
        return this.#endWatch(w);
      }
      for (const ev of replay) this.#deliver(w, ev);
    }

    const timeout = Number.parseInt(q.get('timeoutSeconds') ?? '', 10);
    if (Number.isFinite(timeout) && timeout > 0) {
      this.#timer(() => this.#endWatch(w), timeout * 1000, w.timers);
    } else {
      // kube-apiserver's default watch timeout is randomised within [30m, 60m)
      this.#timer(() => this.#endWatch(w), 30 * 60_000, w.timers);
    }
    if (w.bookmarks && this.#opts.bookmarkIntervalMs > 0) {
      const tick = (): void => {
        if (!this.#watches.has(w)) return;
        this.#bookmark(w);
        this.#timer(tick, this.#opts.bookmarkIntervalMs, w.timers);
      };
      this.#timer(tick, this.#opts.bookmarkIntervalMs, w.timers);
    }
    this.#armDrop(w);
  }

  #armDrop(w: WatchStream): void {
    const ms = this.#fault.dropWatchMs;
    if (ms === undefined || !this.#watches.has(w)) return;
    this.#timer(
      () => {
        if (!this.#watches.has(w)) return;
        // abrupt: the connection goes away mid-stream
        w.res.socket?.destroy();
        this.#endWatch(w);
      },
      ms,
      w.timers,
    );
  }

  #endWatch(w: WatchStream): void {
    if (!this.#watches.delete(w)) return;
    for (const t of w.timers) {
      clearTimeout(t);
      this.#timers.delete(t);
    }
    if (!w.res.writableEnded && !w.res.destroyed) w.res.end();
  }

  #dispatch(ev: LoggedEvent): void {
    for (const w of this.#watches) if (w.def.plural === ev.resource) this.#deliver(w, ev);
  }

  #matches(w: WatchStream, entry: Entry, obj?: KubeObject): boolean {
    if (w.labels.length && !matchesLabels(w.labels, entry.labels)) return false;
    if (!w.fields.length) return true;
    return matchesFields(w.fields, fieldsOf(w.def, obj ?? (JSON.parse(entry.json) as KubeObject)));
  }

  #deliver(w: WatchStream, ev: LoggedEvent): void {
    if (w.namespace && ev.namespace !== w.namespace) return;
    const obj = JSON.parse(ev.entry.json) as KubeObject;
    const now = this.#matches(w, ev.entry, obj);
    let type: string = ev.type;
    if (ev.prev && (w.labels.length || w.fields.length)) {
      // like the watch cache: an object that starts matching is ADDED, one that stops matching DELETED
      const was = this.#matches(w, ev.prev);
      if (now && !was) type = 'ADDED';
      else if (!now && was) type = 'DELETED';
      else if (!now) return;
    } else if (!now) {
      return;
    }
    this.#send(w, type, obj);
  }

  #send(w: WatchStream, type: string, obj: KubeObject): void {
    if (w.res.writableEnded || w.res.destroyed) return;
    let object: unknown = obj;
    if (type !== 'ERROR') {
      if (w.neg.kind === 'table') {
        object = this.#table(w.def, [obj], w.neg.version, w.includeObject, {
          resourceVersion: obj.metadata.resourceVersion ?? '',
        });
      } else if (w.neg.kind === 'partial') {
        object = partial(obj, w.neg.version);
      }
    }
    w.res.write(`${JSON.stringify({ type, object })}\n`);
  }

  #bookmark(w: WatchStream, initialEventsEnd = false): void {
    if (w.res.writableEnded || w.res.destroyed) return;
    const rv = this.store.resourceVersion;
    const metadata: Record<string, unknown> = { resourceVersion: rv };
    if (initialEventsEnd) metadata['annotations'] = { 'k8s.io/initial-events-end': 'true' };
    let object: unknown;
    if (w.neg.kind === 'table') {
      object = {
        kind: 'Table',
        apiVersion: `meta.k8s.io/${w.neg.version}`,
        metadata,
        columnDefinitions: [],
        rows: [],
      };
    } else if (w.neg.kind === 'partial') {
      object = { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${w.neg.version}`, metadata };
    } else {
      object = { kind: w.def.kind, apiVersion: groupVersion(w.def), metadata };
    }
    w.res.write(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`);
  }

  // --- pod logs (GET .../pods/NAME/log) -------------------------------------------------------------

  #podLog(res: ServerResponse, user: UserInfo, namespace: string, name: string, q: URLSearchParams): void {
    const def = BY_PLURAL.get('pods')!;
    const denied = this.#authorize(user, 'get', def, namespace, name, 'log');
    if (denied) return sendStatus(res, 403, denied.message, 'Forbidden', denied.details);
    const entry = this.store.entry('pods', namespace, name);
    if (!entry) return sendStatus(res, 404, `pods "${name}" not found`, 'NotFound', { name, kind: 'pods' });
    const pod = JSON.parse(entry.json) as PodShape;
    const containers = (pod.spec?.containers ?? []).map((c) => c.name);
    const container = q.get('container') ?? containers[0] ?? '';
    if (!containers.includes(container)) {
      return sendStatus(res, 400, `container ${container} is not valid for pod ${name}`, 'BadRequest');
    }
    const status = (pod.status?.containerStatuses ?? []).find((c) => c.name === container);
    if (!status || (status.state?.waiting && !status.lastState?.terminated && !status.restartCount)) {
      const why = status?.state?.waiting?.reason ?? 'ContainerCreating';
      return sendStatus(
        res,
        400,
        `container "${container}" in pod "${name}" is waiting to start: ${why}`,
        'BadRequest',
      );
    }
    const lines = logLines(pod, container, Date.now());
    const tail = Number.parseInt(q.get('tailLines') ?? '', 10);
    const stamps = q.get('timestamps') === 'true';
    const fmt = (l: { at: number; text: string }): string =>
      `${stamps ? `${new Date(l.at).toISOString().replace('Z', '000000Z')} ` : ''}${l.text}\n`;
    res.writeHead(200, {
      'Content-Type': 'text/plain',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    res.write(
      (Number.isFinite(tail) && tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines)
        .map(fmt)
        .join(''),
    );
    if (q.get('follow') !== 'true') {
      res.end();
      return;
    }
    let n = lines.length;
    const next = (): void => {
      if (res.destroyed || res.writableEnded || this.#stopped) return;
      res.write(fmt(logLine(pod, container, n++, Date.now())));
      this.#timer(next, 1000);
    };
    this.#timer(next, 1000);
  }

  // --- huge body ---------------------------------------------------------------------------------

  #hugeBody(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.write('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[');
    const item = JSON.stringify({
      metadata: { name: 'huge', namespace: 'default', annotations: { filler: 'x'.repeat(4000) } },
    });
    const chunk = Array.from({ length: 16 }, () => item).join(',') + ',';
    const pump = (): void => {
      if (res.destroyed || res.writableEnded || this.#stopped) return;
      const ok = res.write(chunk);
      if (ok) this.#timer(pump, 2);
      else res.once('drain', () => this.#timer(pump, 2));
    };
    pump();
  }

  // --- discovery ---------------------------------------------------------------------------------

  #groups(): { group: string; version: string }[] {
    const seen = new Map<string, string>();
    for (const r of RESOURCES) if (r.group && !seen.has(r.group)) seen.set(r.group, r.version);
    return [...seen].map(([group, version]) => ({ group, version }));
  }

  #apiGroup(group: string, version: string): unknown {
    const gv = { groupVersion: `${group}/${version}`, version };
    return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: [gv], preferredVersion: gv };
  }

  #resourceList(gv: string, defs: ResourceDef[]): unknown {
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: gv,
      resources: defs.flatMap((r) => [
        {
          name: r.plural,
          singularName: r.singular,
          namespaced: r.namespaced,
          kind: r.kind,
          verbs: r.verbs,
          ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
          ...(r.categories.length ? { categories: r.categories } : {}),
        },
        ...(r.plural === 'pods'
          ? [{ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }]
          : []),
      ]),
    };
  }

  #discoveryRoot(req: IncomingMessage, res: ServerResponse, which: 'core' | 'apis'): void {
    const neg = negotiate(req.headers.accept, 'discovery');
    if (!neg)
      return sendStatus(
        res,
        406,
        'only the following media types are accepted: application/json, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
        'NotAcceptable',
      );
    if (neg.kind === 'discovery') {
      const groups = which === 'core' ? [{ group: '', version: 'v1' }] : this.#groups();
      const body = {
        kind: 'APIGroupDiscoveryList',
        apiVersion: `apidiscovery.k8s.io/${neg.version}`,
        metadata: {},
        items: groups.map((g) => ({
          metadata: g.group ? { name: g.group, creationTimestamp: null } : { creationTimestamp: null },
          versions: [
            {
              version: g.version,
              resources: RESOURCES.filter((r) => r.group === g.group && r.version === g.version).map((r) => ({
                resource: r.plural,
                responseKind: { group: r.group, version: r.version, kind: r.kind },
                scope: r.namespaced ? 'Namespaced' : 'Cluster',
                singularResource: r.singular,
                verbs: r.verbs,
                ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
                ...(r.categories.length ? { categories: r.categories } : {}),
                ...(r.plural === 'pods'
                  ? {
                      subresources: [
                        {
                          subresource: 'log',
                          responseKind: { group: '', version: 'v1', kind: 'Pod' },
                          verbs: ['get'],
                        },
                      ],
                    }
                  : {}),
              })),
              freshness: 'Current',
            },
          ],
        })),
      };
      return sendJson(
        res,
        200,
        body,
        `application/json;g=apidiscovery.k8s.io;v=${neg.version};as=APIGroupDiscoveryList`,
      );
    }
    if (which === 'core') {
      return sendJson(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${this.#port}` }],
      });
    }
    return sendJson(res, 200, {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: this.#groups().map((g) => this.#apiGroup(g.group, g.version)),
    });
  }
}

function tableType(version: string): string {
  return `application/json;as=Table;v=${version};g=meta.k8s.io`;
}

function partial(obj: KubeObject, version: string): unknown {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start })).toString('base64url');
}

function decodeContinue(s: string): ContinueToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as { rv?: unknown; start?: unknown };
    if (typeof t.rv !== 'number' || typeof t.start !== 'string') return undefined;
    return { rv: t.rv, start: t.start };
  } catch {
    return undefined;
  }
}

interface PodShape {
  metadata: { name: string; namespace?: string };
  spec?: { containers?: { name: string; image?: string }[] };
  status?: {
    startTime?: string;
    containerStatuses?: {
      name: string;
      restartCount?: number;
      state?: { waiting?: { reason?: string }; running?: { startedAt?: string } };
      lastState?: { terminated?: { reason?: string } };
    }[];
  };
}

const PATHS = [
  '/healthz',
  '/api/v1/orders',
  '/api/v1/payments',
  '/api/v1/users/me',
  '/metrics',
  '/api/v1/search',
];

/** One deterministic access-log line for a container. */
function logLine(pod: PodShape, container: string, i: number, at: number): { at: number; text: string } {
  let h = 2166136261;
  for (const ch of `${pod.metadata.name}/${container}/${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  h >>>= 0;
  const path = PATHS[h % PATHS.length]!;
  const status = h % 53 === 0 ? 500 : h % 17 === 0 ? 404 : 200;
  const level = status >= 500 ? 'ERROR' : 'INFO';
  const text = `${new Date(at).toISOString()} ${level} ${container} request method=GET path=${path} status=${status} duration=${(h % 900) + 3}ms`;
  return { at, text };
}

/** The log so far: a start line, then request lines. */
function logLines(pod: PodShape, container: string, now: number): { at: number; text: string }[] {
  const status = pod.status?.containerStatuses?.find((c) => c.name === container);
  const started =
    Date.parse(status?.state?.running?.startedAt ?? pod.status?.startTime ?? '') || now - 3_600_000;
  // a line a minute after the start: at most 40, none in the future, the same on every request
  const step = 60_000;
  const count = Math.max(1, Math.min(40, Math.floor((now - started) / step) + 1));
  const image = pod.spec?.containers?.find((c) => c.name === container)?.image ?? '';
  const out = [
    { at: started, text: `${new Date(started).toISOString()} INFO ${container} starting ${image}` },
  ];
  for (let i = 1; i < count; i++) out.push(logLine(pod, container, i, started + i * step));
  return out;
}
