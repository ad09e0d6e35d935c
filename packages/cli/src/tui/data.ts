/**
 * The dashboard's data controller: health checks on a timer through the fan-out, a list-then-watch per
 * cluster for every resource the views show (polling when a cluster cannot watch), YAML on demand. It
 * dispatches into the store in batches and stops everything on `stop()`.
 *
 * It talks to clusters through a `Backend` (`backend.ts` implements it with core's API), so tests can drive
 * it with a fake and the reducer never sees a network type. Every string from a cluster is escaped here,
 * before it reaches the state.
 */
import { escapeTerminal, fanOut, toClusterError } from '@kubectl-mc/core';
import { sleep } from '@kubectl-mc/core/util';
import type { Action, ErrorInfo, RowInput, State } from './state.js';
import { neededResources, yamlKey } from './state.js';
import type { DataSource, Store } from './store.js';

export interface HealthInfo {
  version?: string;
  latencyMs: number;
  /** Absent when the cluster will not list nodes. */
  nodesReady?: number;
  nodesTotal?: number;
}

export interface TableData {
  columns: string[];
  rows: RowInput[];
  resourceVersion?: string;
}

export type TableEvent =
  | { type: 'ADDED' | 'MODIFIED'; columns?: string[]; row: RowInput; resourceVersion?: string }
  | { type: 'DELETED'; row: RowInput; resourceVersion?: string }
  | { type: 'BOOKMARK'; resourceVersion?: string }
  /** The watch had to start over: here is the whole list again. */
  | { type: 'RELIST'; table: TableData }
  | { type: 'RECONNECTING'; error?: unknown };

/** One cluster's operations, as the dashboard needs them. Every call honours `signal`. */
export interface Backend {
  health(context: string, signal: AbortSignal): Promise<HealthInfo>;
  /** Warning events, counted (undefined when the cluster will not say). */
  warnings(context: string, signal: AbortSignal): Promise<number | undefined>;
  /** Resolve what the user typed (`deploy`, a CRD name) on this cluster. */
  resolve(context: string, resource: string, signal: AbortSignal): Promise<{ namespaced: boolean }>;
  list(context: string, resource: string, signal: AbortSignal): Promise<TableData>;
  /** Watch from `resourceVersion`; undefined when this cluster or resource cannot be watched (then: poll). */
  watch?(
    context: string,
    resource: string,
    resourceVersion: string,
    signal: AbortSignal,
  ): AsyncIterable<TableEvent>;
  yaml(
    context: string,
    resource: string,
    namespace: string | undefined,
    name: string,
    signal: AbortSignal,
  ): Promise<string>;
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

function safeRow(row: RowInput): RowInput {
  return {
    ...(row.namespace !== undefined ? { namespace: escapeTerminal(row.namespace) } : {}),
    name: escapeTerminal(row.name),
    cells: row.cells.map((c) => escapeTerminal(c)),
    ...(row.object !== undefined ? { object: row.object } : {}),
  };
}

function safeColumns(columns: string[]): string[] {
  return columns.map((c) => escapeTerminal(c));
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
  private readonly subs = new Map<string, { ac: AbortController; kick: Set<() => void> }>();
  private readonly yamlRequested = new Set<string>();
  private readonly tasks = new Set<Promise<unknown>>();
  /** Per cluster: resolved once its first health check has answered (or failed). */
  private readonly checked = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  /** Lists in flight are bounded by `concurrency`, as every fan-out is; watches are not (they idle). */
  private listSlots: number;
  private readonly listWaiters: Array<() => void> = [];

  constructor(
    private readonly store: Store,
    private readonly contexts: string[],
    private readonly backend: Backend,
    options: ControllerOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 5000;
    this.concurrency = options.concurrency ?? 16;
    this.listSlots = this.concurrency;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.flushMs = options.flushMs ?? 100;
    this.now = options.now ?? Date.now;
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
    const needed = new Set(neededResources(state));
    for (const r of needed) if (!this.subs.has(r)) this.subscribe(r);
    for (const [r, sub] of this.subs) {
      if (!needed.has(r)) {
        sub.ac.abort();
        this.subs.delete(r);
      }
    }
  }

  private syncYaml(state: State): void {
    for (const f of state.stack) {
      if (f.kind !== 'yaml' || f.text !== undefined || f.error !== undefined) continue;
      const id = `${f.cluster}\u0000${f.resource}\u0000${yamlKey(f)}`;
      if (this.yamlRequested.has(id)) continue;
      this.yamlRequested.add(id);
      this.track(
        this.loadYaml(f.cluster, f.resource, f.namespace, f.name).finally(() =>
          this.yamlRequested.delete(id),
        ),
      );
    }
  }

  refresh(): void {
    if (this.ac.signal.aborted) return;
    this.scheduleHealth(0);
    for (const sub of this.subs.values()) for (const kick of sub.kick) kick();
  }

  async stop(): Promise<void> {
    this.ac.abort();
    clearTimeout(this.healthTimer);
    clearTimeout(this.flushTimer);
    for (const sub of this.subs.values()) sub.ac.abort();
    this.subs.clear();
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
    const results = fanOut(
      this.contexts,
      async (ctx, signal) => {
        const [health, warnings] = await Promise.allSettled([
          this.backend.health(ctx, signal),
          this.backend.warnings(ctx, signal),
        ]);
        if (health.status === 'rejected') throw health.reason;
        return { ...health.value, warnings: warnings.status === 'fulfilled' ? warnings.value : undefined };
      },
      { concurrency: this.concurrency, timeoutMs: this.timeoutMs, signal: this.ac.signal },
    );
    for await (const r of results) {
      const at = this.now();
      this.markChecked(r.context);
      if (r.ok) {
        const v = r.value;
        this.emit({
          type: 'health',
          cluster: r.context,
          health: {
            state: 'ok',
            ...(v.version !== undefined ? { version: escapeTerminal(v.version) } : {}),
            latencyMs: v.latencyMs,
            nodesReady: v.nodesReady,
            nodesTotal: v.nodesTotal,
            ...(v.warnings !== undefined ? { warnings: v.warnings } : {}),
            checkedAt: at,
          },
        });
      } else if (r.error.kind !== 'Cancelled') {
        this.emit({
          type: 'health',
          cluster: r.context,
          health: {
            state: 'error',
            error: { kind: r.error.kind, message: escapeTerminal(r.error.message) },
            checkedAt: at,
          },
        });
      }
    }
    this.emit({ type: 'refreshed', at: this.now() });
  }

  // ------------------------------------------------------------ resources

  private subscribe(resource: string): void {
    const ac = new AbortController();
    const signal = AbortSignal.any([this.ac.signal, ac.signal]);
    const kick = new Set<() => void>();
    this.subs.set(resource, { ac, kick });
    for (const ctx of this.contexts) this.track(this.follow(ctx, resource, signal, kick));
  }

  /** List, then watch from the list's version; on failure show the error, wait, start over. */
  private async follow(
    ctx: string,
    resource: string,
    signal: AbortSignal,
    kicks: Set<() => void>,
  ): Promise<void> {
    let resolved = false;
    let attempt = 0;
    await Promise.race([
      this.checkedOnce(ctx),
      new Promise((r) => signal.addEventListener('abort', r, { once: true })),
    ]);
    while (!signal.aborted) {
      // `r` (refresh) cuts a wait or a watch short.
      const round = new AbortController();
      const kick = () => round.abort();
      kicks.add(kick);
      const roundSignal = AbortSignal.any([signal, round.signal]);
      let delay = this.refreshMs;
      try {
        if (!resolved) {
          const meta = await this.deadline(roundSignal, (s) => this.backend.resolve(ctx, resource, s));
          this.emit({ type: 'resourceMeta', resource, namespaced: meta.namespaced });
          resolved = true;
        }
        const table = await this.limited(roundSignal, () =>
          this.deadline(roundSignal, (s) => this.backend.list(ctx, resource, s)),
        );
        this.replace(ctx, resource, table);
        attempt = 0;
        if (this.backend.watch && table.resourceVersion) {
          await this.watch(ctx, resource, table.resourceVersion, roundSignal);
          delay = 0; // the watch ended cleanly or was kicked: list again at once
        }
      } catch (e) {
        if (signal.aborted) break;
        if (!round.signal.aborted) {
          this.emit({ type: 'resourceError', resource, cluster: ctx, error: errorInfo(e, ctx) });
          attempt++;
          delay = Math.min(this.refreshMs * attempt, 30_000);
        } else delay = 0;
      }
      if (!round.signal.aborted && delay > 0) await sleep(delay, roundSignal);
      kicks.delete(kick);
    }
  }

  private async watch(ctx: string, resource: string, rv: string, signal: AbortSignal): Promise<void> {
    let broken = false;
    for await (const ev of this.backend.watch!(ctx, resource, rv, signal)) {
      if (signal.aborted) return;
      if (broken && ev.type !== 'RECONNECTING') {
        // The watch is back: its cluster's error line goes.
        broken = false;
        this.emit({ type: 'resourceError', resource, cluster: ctx, error: undefined });
      }
      switch (ev.type) {
        case 'ADDED':
        case 'MODIFIED':
          this.emit({
            type: 'rowUpsert',
            resource,
            cluster: ctx,
            ...(ev.columns ? { columns: safeColumns(ev.columns) } : {}),
            row: safeRow(ev.row),
          });
          break;
        case 'DELETED': {
          const row = safeRow(ev.row);
          this.emit({
            type: 'rowDelete',
            resource,
            cluster: ctx,
            key: row.namespace ? `${row.namespace}/${row.name}` : row.name,
          });
          break;
        }
        case 'RELIST':
          this.replace(ctx, resource, ev.table);
          break;
        case 'RECONNECTING':
          broken = true;
          if (ev.error !== undefined) {
            this.emit({ type: 'resourceError', resource, cluster: ctx, error: errorInfo(ev.error, ctx) });
          }
          break;
        case 'BOOKMARK':
          break;
      }
    }
  }

  private replace(ctx: string, resource: string, table: TableData): void {
    this.emit({
      type: 'rowsReplaced',
      resource,
      cluster: ctx,
      columns: safeColumns(table.columns),
      rows: table.rows.map(safeRow),
    });
  }

  private async limited<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    while (this.listSlots === 0) {
      await new Promise<void>((resolve) => {
        this.listWaiters.push(resolve);
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      signal.throwIfAborted();
    }
    this.listSlots--;
    try {
      return await fn();
    } finally {
      this.listSlots++;
      // Wake every waiter: each re-checks for a slot (an aborted one may have left already).
      for (const wake of this.listWaiters.splice(0)) wake();
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
  ): Promise<void> {
    const key = namespace ? `${namespace}/${name}` : name;
    try {
      const text = await this.deadline(this.ac.signal, (s) =>
        this.backend.yaml(ctx, resource, namespace, name, s),
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
