/**
 * The fleet's health for the views: every kubeconfig context with its last health (pending until
 * checked), filled in by a background round of core's health checks (`Fleet.health`: bounded
 * concurrency, per-cluster deadline, cancellable). The Clusters tree, the status bar and cluster-name
 * completion read it. No `vscode` import: unit-tested in Node.
 */
import type { ClusterHealth } from '@kubectl-mc/core/fleet';
import { safe } from '../text.js';
import type { FleetBackend } from './backend.js';

/** One kubeconfig context as the views show it. */
export interface ClusterEntry {
  context: string;
  server?: string;
  namespace?: string;
  health: ClusterHealth;
}

export interface HealthLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface Disposable {
  dispose(): void;
}

/** A minimal event emitter (the shape of `vscode.Event`), so this unit needs no editor. */
class Emitter<T> {
  private readonly listeners = new Set<(e: T) => void>();
  readonly event = (listener: (e: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class FleetHealth implements Disposable {
  private backend: FleetBackend | undefined;
  private given: string | undefined;
  private loadError: string | undefined;
  private order: string[] = [];
  private readonly entries = new Map<string, ClusterEntry>();
  private round: AbortController | undefined;
  private readonly changed = new Emitter<string | undefined>();
  private readonly finished = new Emitter<void>();
  /** A cluster's health changed (its context), or every cluster's (undefined: contexts reloaded). */
  readonly onDidChange = this.changed.event;
  /** A health round of the whole fleet has finished (not fired for a round cut short by a refresh). */
  readonly onDidFinish = this.finished.event;
  /** Settles when the current round has finished or was cut short (tests). */
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly log: HealthLog,
    private readonly settings: () => { timeoutMs: number; concurrency: number },
  ) {}

  /** Follow another fleet (kubeconfig changed, trust granted): reload the contexts and check them. */
  setBackend(backend: FleetBackend | undefined, problem?: string): void {
    this.backend = backend;
    this.given = problem;
    this.refresh();
  }

  /** Why there is no cluster to show (untrusted workspace, unusable kubeconfig), if that is the case. */
  get problem(): string | undefined {
    return this.loadError ?? this.given;
  }

  /** Re-read the contexts (all pending again) and start a health round. */
  refresh(): void {
    this.round?.abort();
    this.entries.clear();
    this.order = [];
    this.loadError = undefined;
    if (this.backend) {
      try {
        const fleet = this.backend.fleet();
        const { files, warnings } = fleet.kubeconfig;
        this.log.info(`kubeconfig: ${fleet.contexts.length} contexts from ${files.length} file(s)`);
        for (const w of warnings) this.log.warn(`kubeconfig: ${w}`);
        for (const c of fleet.infos) {
          const entry: ClusterEntry = { context: c.name, health: { state: 'pending' } };
          if (c.server !== undefined) entry.server = c.server;
          if (c.namespace !== undefined) entry.namespace = c.namespace;
          this.entries.set(c.name, entry);
          this.order.push(c.name);
        }
      } catch (e) {
        this.loadError = e instanceof Error ? e.message : String(e);
        this.log.error(`kubeconfig: ${this.loadError}`);
      }
    }
    this.changed.fire(undefined);
    this.done = this.checkAll();
  }

  /** The contexts, in kubeconfig order. */
  contexts(): readonly string[] {
    return this.order;
  }

  entry(context: string): ClusterEntry | undefined {
    return this.entries.get(context);
  }

  /** Every context with its health (copies). */
  snapshot(): ClusterEntry[] {
    return [...this.entries.values()].map((e) => ({ ...e }));
  }

  private async checkAll(): Promise<void> {
    const backend = this.backend;
    if (!backend || this.order.length === 0) {
      this.finished.fire();
      return;
    }
    const ac = new AbortController();
    this.round = ac;
    const { timeoutMs, concurrency } = this.settings();
    const t0 = performance.now();
    try {
      for await (const { context, health } of backend.fleet().health({
        concurrency,
        timeoutMs,
        signal: ac.signal,
      })) {
        if (ac.signal.aborted) return;
        const entry = this.entries.get(context);
        if (!entry) continue;
        entry.health = health;
        if (health.state === 'error')
          this.log.warn(`health: ${safe(context)}: ${health.error.kind}: ${safe(health.error.message)}`);
        this.changed.fire(context);
      }
    } catch (e) {
      // Not a cluster's failure (those are results): a bug, logged, never an unhandled rejection.
      this.log.error(`health: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (ac.signal.aborted) return;
    this.log.info(
      `health: ${this.order.length} clusters checked in ${Math.round(performance.now() - t0)} ms`,
    );
    this.finished.fire();
  }

  dispose(): void {
    this.round?.abort();
    this.changed.dispose();
    this.finished.dispose();
  }
}
