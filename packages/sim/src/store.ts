// An in-memory object store for one simulated cluster: compact JSON per object, one global
// resourceVersion counter (like etcd), a bounded event log for watch replay, and compaction.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  resource: string;
  name: string;
  namespace?: string;
  resourceVersion: string;
}

/** A stored object: its JSON text plus what selectors need, parsed once. */
export interface Entry {
  key: string;
  name: string;
  namespace: string | undefined;
  rv: number;
  json: string;
  labels: Record<string, string> | undefined;
}

export interface LoggedEvent extends StoreEvent {
  rv: number;
  entry: Entry;
  /** the object before a MODIFIED or DELETED write (selector transitions, snapshots of older versions) */
  prev?: Entry;
}

/** Kubernetes-shaped object with at least metadata.name. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    uid?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export class ExpiredError extends Error {}

export class ResourceStore {
  #collections = new Map<string, Map<string, Entry>>();
  #sorted = new Map<string, Entry[]>();
  #rv = 0;
  #log: LoggedEvent[] = [];
  #compactedRv = 0;
  readonly #maxLog: number;
  readonly #emitter = new EventEmitter();
  readonly #namespaced: (resource: string) => boolean;

  constructor(namespaced: (resource: string) => boolean, maxLog = 1000) {
    this.#namespaced = namespaced;
    this.#maxLog = maxLog;
    this.#emitter.setMaxListeners(0);
  }

  /** The current resourceVersion (of the last write). */
  get resourceVersion(): string {
    return String(this.#rv);
  }
  /** Oldest resourceVersion that can still be watched from or continued (older → 410 Expired). */
  get compactedRevision(): number {
    return this.#compactedRv;
  }
  get revision(): number {
    return this.#rv;
  }

  #collection(resource: string): Map<string, Entry> {
    let c = this.#collections.get(resource);
    if (!c) {
      c = new Map();
      this.#collections.set(resource, c);
    }
    return c;
  }

  static key(namespace: string | undefined, name: string): string {
    return namespace ? `${namespace}/${name}` : name;
  }

  #check(resource: string, obj: KubeObject): void {
    if (!obj?.metadata?.name) throw new Error(`${resource}: object needs metadata.name`);
    if (this.#namespaced(resource) && !obj.metadata.namespace) {
      throw new Error(`${resource} "${obj.metadata.name}": namespaced object needs metadata.namespace`);
    }
  }

  #write(resource: string, obj: KubeObject, type: EventType, silent: boolean): KubeObject {
    const rv = ++this.#rv;
    const meta = obj.metadata;
    meta.resourceVersion = String(rv);
    const namespace = this.#namespaced(resource) ? meta.namespace : undefined;
    if (!this.#namespaced(resource)) delete meta.namespace;
    const key = ResourceStore.key(namespace, meta.name);
    const entry: Entry = {
      key,
      name: meta.name,
      namespace,
      rv,
      json: JSON.stringify(obj),
      labels: meta.labels && Object.keys(meta.labels).length ? meta.labels : undefined,
    };
    const c = this.#collection(resource);
    const prev = type === 'ADDED' ? undefined : c.get(key);
    if (type === 'DELETED') c.delete(key);
    else c.set(key, entry);
    if (type !== 'MODIFIED') this.#sorted.delete(resource);
    if (silent) {
      this.#compactedRv = rv;
    } else {
      const ev: LoggedEvent = { type, resource, name: meta.name, resourceVersion: String(rv), rv, entry };
      if (namespace) ev.namespace = namespace;
      if (prev) ev.prev = prev;
      this.#log.push(ev);
      if (this.#log.length > this.#maxLog) {
        const dropped = this.#log.splice(0, this.#log.length - this.#maxLog);
        this.#compactedRv = dropped[dropped.length - 1]!.rv;
      }
      this.#emitter.emit('event', ev);
    }
    return obj;
  }

  /** Bulk load without events (initial data): history starts after it. */
  load(resource: string, obj: KubeObject): void {
    this.#check(resource, obj);
    obj.metadata.uid ??= randomUUID();
    obj.metadata.creationTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    this.#write(resource, obj, 'ADDED', true);
  }

  /** Adds an object (emits ADDED). Throws if it exists. Returns the stored copy. */
  add(resource: string, object: KubeObject): KubeObject {
    const obj = structuredClone(object);
    this.#check(resource, obj);
    const key = ResourceStore.key(
      this.#namespaced(resource) ? obj.metadata.namespace : undefined,
      obj.metadata.name,
    );
    if (this.#collection(resource).has(key))
      throw new Error(`${resource} "${obj.metadata.name}" already exists`);
    obj.metadata.uid ??= randomUUID();
    obj.metadata.creationTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    return this.#write(resource, obj, 'ADDED', false);
  }

  /** Replaces an existing object (emits MODIFIED). Throws if it does not exist. */
  update(resource: string, object: KubeObject): KubeObject {
    const obj = structuredClone(object);
    this.#check(resource, obj);
    const key = ResourceStore.key(
      this.#namespaced(resource) ? obj.metadata.namespace : undefined,
      obj.metadata.name,
    );
    const old = this.#collection(resource).get(key);
    if (!old) throw new Error(`${resource} "${obj.metadata.name}" not found`);
    const prev = JSON.parse(old.json) as KubeObject;
    obj.metadata.uid = prev.metadata.uid;
    obj.metadata.creationTimestamp = prev.metadata.creationTimestamp;
    return this.#write(resource, obj, 'MODIFIED', false);
  }

  /** Reads, changes and writes back an object (emits MODIFIED). */
  modify(
    resource: string,
    namespace: string | undefined,
    name: string,
    change: (obj: KubeObject) => void,
  ): KubeObject {
    const obj = this.get(resource, namespace, name);
    if (!obj) throw new Error(`${resource} "${name}" not found`);
    change(obj);
    return this.update(resource, obj);
  }

  /** Deletes an object (emits DELETED). Returns the deleted object, or undefined if absent. */
  delete(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = ResourceStore.key(this.#namespaced(resource) ? namespace : undefined, name);
    const old = this.#collection(resource).get(key);
    if (!old) return undefined;
    const obj = JSON.parse(old.json) as KubeObject;
    return this.#write(resource, obj, 'DELETED', false);
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const e = this.entry(resource, namespace, name);
    return e ? (JSON.parse(e.json) as KubeObject) : undefined;
  }

  entry(resource: string, namespace: string | undefined, name: string): Entry | undefined {
    return this.#collection(resource).get(
      ResourceStore.key(this.#namespaced(resource) ? namespace : undefined, name),
    );
  }

  /** Every object of a resource (optionally in one namespace), sorted by namespace/name. */
  list(resource: string, namespace?: string): KubeObject[] {
    return this.entries(resource, namespace).map((e) => JSON.parse(e.json) as KubeObject);
  }

  entries(resource: string, namespace?: string): Entry[] {
    let sorted = this.#sorted.get(resource);
    if (!sorted) {
      sorted = [...this.#collection(resource).values()].sort((a, b) =>
        a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
      );
      this.#sorted.set(resource, sorted);
    } else {
      // MODIFIED writes replace entries in the map without re-sorting: refresh from the map.
      const c = this.#collection(resource);
      sorted = sorted.map((e) => c.get(e.key) ?? e);
      this.#sorted.set(resource, sorted);
    }
    return namespace ? sorted.filter((e) => e.namespace === namespace) : sorted;
  }

  /**
   * The entries as they were at resourceVersion `rv` (sorted), rebuilt by undoing the logged changes made
   * after it: continued lists stay consistent with their first page. Throws ExpiredError when `rv` is
   * older than the retained history.
   */
  entriesAt(resource: string, rv: number, namespace?: string): Entry[] {
    if (rv < this.#compactedRv)
      throw new ExpiredError(`too old resource version: ${rv} (${this.#compactedRv})`);
    const later = this.#log.filter((e) => e.rv > rv && e.resource === resource);
    if (!later.length) return this.entries(resource, namespace);
    const byKey = new Map(this.entries(resource).map((e) => [e.key, e]));
    for (let i = later.length - 1; i >= 0; i--) {
      const ev = later[i]!;
      if (ev.type === 'ADDED') byKey.delete(ev.entry.key);
      else if (ev.prev) byKey.set(ev.entry.key, ev.prev);
    }
    const all = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return namespace ? all.filter((e) => e.namespace === namespace) : all;
  }

  /** The resources (plurals) that ever held an object. */
  resources(): string[] {
    return [...this.#collections.keys()];
  }

  count(resource: string): number {
    return this.#collection(resource).size;
  }

  /** The event log (ADDED/MODIFIED/DELETED since start, bounded). */
  events(): readonly StoreEvent[] {
    return this.#log.map(({ type, resource, name, namespace, resourceVersion }) =>
      namespace !== undefined
        ? { type, resource, name, namespace, resourceVersion }
        : { type, resource, name, resourceVersion },
    );
  }

  /** Events after `rv` for a resource; throws ExpiredError when `rv` is older than the retained history. */
  eventsSince(rv: number, resource: string): LoggedEvent[] {
    if (rv < this.#compactedRv)
      throw new ExpiredError(`too old resource version: ${rv} (${this.#compactedRv})`);
    return this.#log.filter((e) => e.rv > rv && e.resource === resource);
  }

  /** Forgets the history: continue tokens and watch resourceVersions issued before now become 410 Expired. */
  compact(): void {
    this.#log = [];
    // The compaction takes a revision of its own, so every version handed out before it is now too old.
    this.#compactedRv = ++this.#rv;
  }

  onEvent(listener: (ev: LoggedEvent) => void): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }
}
