// Watch streams: synthetic ADDED for the current state or a replay from a resourceVersion, then live
// events as the store logs them (ADDED/DELETED when an object starts or stops matching a selector),
// BOOKMARKs, the server-side timeout, and the drop-watch fault.
import type { ServerResponse } from 'node:http';
import { statusBody } from '../http.js';
import { fieldsOf, groupVersion } from '../resources.js';
import { matchesFields, matchesLabels } from '../selectors.js';
import { ExpiredError, type Entry, type KubeObject, type LoggedEvent, type ResourceStore } from '../store.js';
import type { Timers } from '../timers.js';
import { filterEntries, type Query } from './objects.js';
import { partial, table, tableType } from './render.js';

interface WatchStream extends Query {
  res: ServerResponse;
  bookmarks: boolean;
  timers: Set<NodeJS.Timeout>;
}

export interface WatchHubOptions {
  store: ResourceStore;
  timers: Timers;
  bookmarkIntervalMs: number;
  /** The drop-watch fault in force now, if any. */
  dropWatchMs: () => number | undefined;
}

/** Every open watch of one server, fed from its store's event log. */
export class WatchHub {
  #watches = new Set<WatchStream>();
  #opts: WatchHubOptions;
  #unsubscribe: () => void;

  constructor(opts: WatchHubOptions) {
    this.#opts = opts;
    this.#unsubscribe = opts.store.onEvent((ev) => this.#dispatch(ev));
  }

  open(res: ServerResponse, query: Query, q: URLSearchParams): void {
    const { store, timers, bookmarkIntervalMs } = this.#opts;
    const { def, namespace, labels, fields, neg } = query;
    const rvParam = q.get('resourceVersion');
    const w: WatchStream = {
      ...query,
      res,
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
    res.on('close', () => this.#end(w));

    const initialEvents = q.get('sendInitialEvents') === 'true';
    if (initialEvents) {
      // WatchList: the current state as ADDED, then a BOOKMARK marking the end of the initial events.
      for (const e of filterEntries(def, store.entries(def.plural, namespace), labels, fields)) {
        this.#send(w, 'ADDED', JSON.parse(e.json) as KubeObject);
      }
      if (w.bookmarks) this.#bookmark(w, true);
    } else if (!rvParam || rvParam === '0') {
      // "Start at any version": synthetic ADDED for the current state, then live events.
      for (const e of filterEntries(def, store.entries(def.plural, namespace), labels, fields)) {
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
        return this.#end(w);
      }
      let replay: LoggedEvent[];
      try {
        replay = store.eventsSince(rv, def.plural);
      } catch (err) {
        if (!(err instanceof ExpiredError)) throw err;
        this.#send(w, 'ERROR', statusBody(410, err.message, 'Expired') as unknown as KubeObject);
        return this.#end(w);
      }
      for (const ev of replay) this.#deliver(w, ev);
    }

    const timeout = Number.parseInt(q.get('timeoutSeconds') ?? '', 10);
    if (Number.isFinite(timeout) && timeout > 0) {
      timers.set(() => this.#end(w), timeout * 1000, w.timers);
    } else {
      // kube-apiserver's default watch timeout is randomised within [30m, 60m)
      timers.set(() => this.#end(w), 30 * 60_000, w.timers);
    }
    if (w.bookmarks && bookmarkIntervalMs > 0) {
      const tick = (): void => {
        if (!this.#watches.has(w)) return;
        this.#bookmark(w);
        timers.set(tick, bookmarkIntervalMs, w.timers);
      };
      timers.set(tick, bookmarkIntervalMs, w.timers);
    }
    this.#armDrop(w);
  }

  /** The drop-watch fault changed: arm it on every open stream. */
  armDrops(): void {
    for (const w of this.#watches) this.#armDrop(w);
  }

  /** End every open stream (the server went down, or a fault makes clients re-request). */
  endAll(): void {
    for (const w of [...this.#watches]) this.#end(w);
  }

  /** Stop following the store and end every stream. */
  close(): void {
    this.#unsubscribe();
    this.endAll();
  }

  #end(w: WatchStream): void {
    if (!this.#watches.delete(w)) return;
    for (const t of w.timers) this.#opts.timers.clear(t);
    if (!w.res.writableEnded && !w.res.destroyed) w.res.end();
  }

  #armDrop(w: WatchStream): void {
    const ms = this.#opts.dropWatchMs();
    if (ms === undefined || !this.#watches.has(w)) return;
    this.#opts.timers.set(
      () => {
        if (!this.#watches.has(w)) return;
        // abrupt: the connection goes away mid-stream
        w.res.socket?.destroy();
        this.#end(w);
      },
      ms,
      w.timers,
    );
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
        object = table(w.def, [obj], w.neg.version, w.includeObject, {
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
    const rv = this.#opts.store.resourceVersion;
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
}
