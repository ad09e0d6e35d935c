/**
 * The dashboard's data controller: health rounds on a timer and a list-then-watch of every resource the
 * views show, both from core's fleet layer (`@kubectl-mc/core/fleet`: `checkHealth`, `follow`), YAML on
 * demand. It turns what the clusters answered into store actions (display columns and cells, every
 * string escaped before it reaches the state), dispatches them in batches and stops everything on
 * `stop()`.
 *
 * It talks to clusters through a `Backend` (core's `Fleet` in the CLI, `backend.ts`), so tests can drive
 * it with a fake and the reducer never sees a network type.
 */
import {
  cellText,
  escapeTerminal,
  toClusterError,
  type Table,
  type TableColumn,
  type TableRow,
} from '@kubectl-mc/core';
import {
  checkHealth,
  follow,
  Limiter,
  rowRef,
  type FleetSource,
  type FollowEvent,
  type FollowStream,
} from '@kubectl-mc/core/fleet';
import { DetailStreams, type DetailBackend } from './details.js';
import type { Action, ErrorInfo, RowInput, State } from './state.js';
import { cellStamps } from './state/ages.js';
import { parseDataKey, yamlKey } from './state.js';
import type { DataSource, Store } from './store.js';
import { UsagePoller, type UsageBackend } from './usage.js';
import { watchesFor, type Watch } from './watches.js';

/**
 * Most rows of one resource the dashboard keeps live per cluster (the 50 × 1,000-pod bench has 1,000):
 * a bigger list (a server ignoring `limit` with 200,000 rows) is that cluster's error, not 400 MB.
 */
const MAX_ROWS_PER_CLUSTER = 20_000;

/** The clusters as the dashboard reads them: core's per-cluster fleet operations (logs, describe too). */
export interface Backend extends FleetSource, DetailBackend, UsageBackend {
  /** Release connections. */
  close?(): void;
}

export interface ControllerOptions {
  /** Health checks and polling, ms (default 5000). */
  refreshMs?: number;
  concurrency?: number;
  /** Per-cluster deadline for one request, ms. */
  timeoutMs?: number;
  /** How often batched actions reach the store, ms (default 100). */
  flushMs?: number;
  now?: () => number;
}

function errorInfo(e: unknown, context: string): ErrorInfo {
  const err = toClusterError(e, context);
  return { kind: err.kind, message: escapeTerminal(err.message) };
}

/** kubectl's default table shows priority-0 columns only (`-o wide`: all), upper-cased. */
function shownColumns(columns: TableColumn[], wide = false): { names: string[]; index: number[] } {
  const index: number[] = [];
  columns.forEach((c, i) => {
    if (wide || (c.priority ?? 0) === 0) index.push(i);
  });
  return { names: index.map((i) => escapeTerminal(columns[i]!.name.toUpperCase())), index };
}

/** A server-printed row as displayed: its cells as text, every string escaped. */
function toRow(row: TableRow, index: number[], columns: string[], now: number): RowInput {
  const ref = rowRef(row);
  const namespace = ref.namespace !== undefined ? escapeTerminal(ref.namespace) : undefined;
  const name = escapeTerminal(ref.name);
  // cellText escapes.
  const cells = index.map((i) => cellText(row.cells[i]));
  const stamps = cellStamps(columns, cells, now, createdAt(row));
  return {
    ...(namespace !== undefined ? { namespace } : {}),
    name,
    cells,
    ...(stamps ? { stamps } : {}),
    // Requests need the real name: an escaped one names another object (or none).
    ...(name !== ref.name ? { realName: ref.name } : {}),
    ...(namespace !== ref.namespace && ref.namespace !== undefined ? { realNamespace: ref.namespace } : {}),
    // The object is not kept: 50,000 rows of metadata cost more memory than they are worth here
    // (YAML is fetched on demand).
  };
}

/** The row's object's creationTimestamp, epoch ms. */
function createdAt(row: TableRow): number | undefined {
  const t = row.object?.metadata?.creationTimestamp;
  const ms = typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** A table's displayed columns and rows (ages stamped at `now`). */
function display(
  t: Pick<Table, 'columns' | 'rows'>,
  now: number,
  wide = false,
): { columns: string[]; rows: RowInput[] } {
  const { names, index } = shownColumns(t.columns, wide);
  return { columns: names, rows: t.rows.map((r) => toRow(r, index, names, now)) };
}

export class Controller implements DataSource {
  private readonly ac = new AbortController();
  private readonly refreshMs: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly flushMs: number;
  private readonly now: () => number;
  private queue: Action[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private healthRunning: Promise<void> | undefined;
  private readonly subs = new Map<string, { ac: AbortController; stream: FollowStream }>();
  private readonly details: DetailStreams;
  private readonly usage: UsagePoller;
  private readonly yamlRequested = new Set<string>();
  private readonly tasks = new Set<Promise<unknown>>();
  /** Per cluster: resolved once its first health check has answered (or failed). */
  private readonly checked = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  /** Lists in flight are bounded by `concurrency`, as every fan-out is; watches are not (they idle). */
  private readonly lists: Limiter;

  constructor(
    private readonly store: Store,
    private readonly contexts: string[],
    private readonly backend: Backend,
    options: ControllerOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 5000;
    this.concurrency = options.concurrency ?? 16;
    this.lists = new Limiter(this.concurrency);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.flushMs = options.flushMs ?? 100;
    this.now = options.now ?? Date.now;
    this.usage = new UsagePoller(
      backend,
      contexts,
      (a) => this.emit(a),
      (p) => this.track(p),
      {
        refreshMs: this.refreshMs,
        timeoutMs: this.timeoutMs,
      },
    );
    this.details = new DetailStreams(
      backend,
      (a) => this.emit(a),
      (p) => this.track(p),
      {
        timeoutMs: this.timeoutMs,
      },
    );
  }

  /** Start the health loop and the watches the current views need. */
  start(): void {
    // Health first: each cluster's lists wait for its first health answer, so every status shows before
    // the heavy lists compete with the checks (and a hung cluster delays only itself).
    const first = this.checkAll().finally(() => {
      this.healthRunning = undefined;
      for (const ctx of this.contexts) this.markChecked(ctx);
      if (!this.ac.signal.aborted) this.scheduleHealth(this.refreshMs);
    });
    this.healthRunning = first;
    this.track(first);
    this.sync(this.store.getState());
  }

  private checkedOnce(ctx: string): Promise<void> {
    let w = this.checked.get(ctx);
    if (!w) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      w = { promise, resolve };
      this.checked.set(ctx, w);
    }
    return w.promise;
  }

  private markChecked(ctx: string): void {
    void this.checkedOnce(ctx);
    this.checked.get(ctx)!.resolve();
  }

  sync(state: State): void {
    if (this.ac.signal.aborted) return;
    this.syncYaml(state);
    this.details.sync(state);
    this.usage.sync(state);
    const needed = watchesFor(state, this.contexts);
    for (const [key, w] of needed) if (!this.subs.has(key)) this.subscribe(key, w);
    for (const [key, sub] of this.subs) {
      if (!needed.has(key)) {
        sub.ac.abort();
        this.subs.delete(key);
      }
    }
  }

  private syncYaml(state: State): void {
    for (const f of state.stack) {
      // describe: `details.ts`.
      if (f.kind !== 'yaml' || f.view || f.text !== undefined || f.error !== undefined) continue;
      const id = `${f.cluster}\u0000${f.resource}\u0000${yamlKey(f)}`;
      if (this.yamlRequested.has(id)) continue;
      this.yamlRequested.add(id);
      this.track(
        this.loadYaml(
          f.cluster,
          f.resource,
          f.realNamespace ?? f.namespace,
          f.realName ?? f.name,
          yamlKey(f),
        ).finally(() => this.yamlRequested.delete(id)),
      );
    }
  }

  refresh(): void {
    if (this.ac.signal.aborted) return;
    this.scheduleHealth(0);
    for (const sub of this.subs.values()) sub.stream.refresh();
  }

  async stop(): Promise<void> {
    this.ac.abort();
    clearTimeout(this.healthTimer);
    clearTimeout(this.flushTimer);
    for (const sub of this.subs.values()) sub.ac.abort();
    this.subs.clear();
    this.details.stop();
    this.usage.stop();
    await Promise.allSettled([...this.tasks]);
    this.queue = [];
    this.backend.close?.();
  }

  /** Wait until nothing is queued (tests). */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const actions = this.queue;
    this.queue = [];
    if (actions.length === 1) this.store.dispatch(actions[0]!);
    else if (actions.length > 1) this.store.dispatch({ type: 'batch', actions });
  }

  private emit(action: Action): void {
    if (this.ac.signal.aborted) return;
    this.queue.push(action);
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), this.flushMs);
      this.flushTimer.unref?.();
    }
  }

  private track<T>(p: Promise<T>): void {
    const q = p.catch(() => undefined);
    this.tasks.add(q);
    void q.finally(() => this.tasks.delete(q));
  }

  // ------------------------------------------------------------ health

  private scheduleHealth(delay: number): void {
    clearTimeout(this.healthTimer);
    this.healthTimer = setTimeout(() => {
      if (this.healthRunning) return this.scheduleHealth(this.refreshMs);
      this.healthRunning = this.checkAll().finally(() => {
        this.healthRunning = undefined;
        if (!this.ac.signal.aborted) this.scheduleHealth(this.refreshMs);
      });
      this.track(this.healthRunning);
    }, delay);
    this.healthTimer.unref?.();
  }

  private async checkAll(): Promise<void> {
    const results = checkHealth(this.backend, this.contexts, {
      warnings: true,
      concurrency: this.concurrency,
      timeoutMs: this.timeoutMs,
      signal: this.ac.signal,
      now: this.now,
    });
    for await (const { context, health } of results) {
      this.markChecked(context);
      // Escaped here: the state holds nothing a terminal would act on.
      const shown =
        health.state === 'ok' && health.version !== undefined
          ? { ...health, version: escapeTerminal(health.version) }
          : health.state === 'error'
            ? { ...health, error: { ...health.error, message: escapeTerminal(health.error.message) } }
            : health;
      this.emit({ type: 'health', cluster: context, health: shown });
    }
    this.emit({ type: 'refreshed', at: this.now() });
  }

  // ------------------------------------------------------------ resources

  /** List, then watch, a resource on its clusters through core's `follow`; its events become actions. */
  private subscribe(id: string, { key, resource, selector, namespace, contexts }: Watch): void {
    const ac = new AbortController();
    const stream = follow(this.backend, contexts, resource, {
      ...(namespace === undefined ? { allNamespaces: true } : { namespace }),
      ...(selector !== undefined ? { labelSelector: selector } : {}),
      maxRows: MAX_ROWS_PER_CLUSTER,
      signal: AbortSignal.any([this.ac.signal, ac.signal]),
      timeoutMs: this.timeoutMs,
      retryMs: this.refreshMs,
      limiter: this.lists,
      ready: (ctx) => this.checkedOnce(ctx),
    });
    this.subs.set(id, { ac, stream });
    this.track(
      (async () => {
        for await (const ev of stream) {
          // A namespace switch replaced this watch: what it still had queued is stale.
          if (ac.signal.aborted) break;
          this.onFollow(key, ev);
        }
      })(),
    );
  }

  private onFollow(resource: string, ev: FollowEvent): void {
    const cluster = ev.context;
    const wide = parseDataKey(resource).wide === true;
    switch (ev.type) {
      case 'RESOLVED':
        this.emit({ type: 'resourceMeta', resource, namespaced: ev.resource.namespaced });
        break;
      case 'LIST': {
        const t = display(ev.table, this.now(), wide);
        this.emit({ type: 'rowsReplaced', resource, cluster, columns: t.columns, rows: t.rows });
        break;
      }
      case 'ADDED':
      case 'MODIFIED': {
        const t = display(ev.table, this.now(), wide);
        for (const row of t.rows)
          this.emit({ type: 'rowUpsert', resource, cluster, columns: t.columns, row });
        break;
      }
      case 'DELETED':
        for (const row of display(ev.table, this.now()).rows) {
          const key = row.namespace ? `${row.namespace}/${row.name}` : row.name;
          this.emit({ type: 'rowDelete', resource, cluster, key });
        }
        break;
      case 'ERROR':
        this.emit({ type: 'resourceError', resource, cluster, error: errorInfo(ev.error, cluster) });
        break;
      case 'RECOVERED':
        // The watch is back: its cluster's error line goes.
        this.emit({ type: 'resourceError', resource, cluster, error: undefined });
        break;
    }
  }

  /** One request under the per-cluster deadline. */
  private deadline<T>(signal: AbortSignal, fn: (s: AbortSignal) => Promise<T>): Promise<T> {
    const s = this.timeoutMs > 0 ? AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]) : signal;
    return fn(s);
  }

  // ------------------------------------------------------------ yaml

  private async loadYaml(
    ctx: string,
    resource: string,
    namespace: string | undefined,
    name: string,
    key: string,
  ): Promise<void> {
    try {
      const text = await this.deadline(this.ac.signal, (signal) =>
        this.backend.objectYaml(ctx, resource, name, { ...(namespace ? { namespace } : {}), signal }),
      );
      const safe = text
        .split('\n')
        .map((l) => escapeTerminal(l))
        .join('\n');
      this.emit({ type: 'yamlLoaded', cluster: ctx, resource, key, text: safe });
    } catch (e) {
      const err = errorInfo(e, ctx);
      this.emit({ type: 'yamlLoaded', cluster: ctx, resource, key, error: `${err.kind}: ${err.message}` });
    }
  }
}
