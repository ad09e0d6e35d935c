/**
 * What the dashboard opens on one object: kubectl's describe (`d`) and logs (`l`), through core's
 * `describeObjects` and `fleetLogs` (the backend's `describe` and `logs`). Logs stream while their view is
 * on the stack and stop when it goes (or when a toggle asks for a new stream). Everything a cluster sent
 * is escaped before it becomes an action.
 */
import { toClusterError } from '@kubectl-mc/core';
import type { LogEvent, LogOptions, LogSource, LogTarget, WorkloadDrift } from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { RunsPoller, type RunsBackend } from './runs-poller.js';
import {
  logTarget,
  yamlKey,
  type Action,
  type ContainerChoice,
  type ContainerPicker,
  type LogsFrame,
  type State,
} from './state.js';

/** The clusters' side of describe and logs (core's `Fleet` in `backend.ts`, a fake in tests). */
export interface DetailBackend extends RunsBackend {
  /** kubectl's describe text of one object (raw: escaped here). */
  describe?(
    context: string,
    resource: string,
    name: string,
    namespace: string | undefined,
    signal: AbortSignal,
  ): Promise<string>;
  /** Core's `fleetLogs` over `contexts`. */
  logs?(contexts: string[], target: LogTarget, opts: LogOptions): AsyncIterable<LogEvent>;
  /** A pod's containers, init containers first (kubectl's order); the container picker offers them. */
  podContainers?(
    context: string,
    name: string,
    namespace: string,
    signal: AbortSignal,
  ): Promise<{ name: string; kind: ContainerChoice['kind'] }[]>;
  /** Core's drift model over the selected clusters. */
  drift?(opts: { signal: AbortSignal; timeoutMs: number }): Promise<WorkloadDrift>;
}

/** The drift view's text: the workloads whose clusters disagree, and the clusters that did not answer. */
export function driftText(d: WorkloadDrift): string {
  const drifted = d.workloads.filter((w) => w.drift.length > 0);
  const lines = [
    `${drifted.length} of ${d.workloads.length} workloads differ between clusters (${d.answered} answered)`,
  ];
  for (const e of d.failed) lines.push(`${e.context}: ${e.kind.toLowerCase()}: ${e.message}`);
  for (const w of drifted) {
    lines.push('', `${w.kind} ${w.namespace}/${w.name}  on ${w.clusters.map((c) => c.context).join(', ')}`);
    for (const l of w.drift) lines.push(`  ${l}`);
  }
  return lines.map((l) => escapeTerminal(l)).join('\n');
}

/** The last lines each source starts with (k9s shows a tail too). */
export const LOG_TAIL_LINES = 200;
/** Streams one cluster may have open for one logs view (a workload's pods × containers). */
const MAX_LOG_STREAMS = 20;

export class DetailStreams {
  private readonly logs = new Map<number, AbortController>();
  private readonly described = new Set<string>();
  private readonly drifts = new Set<number>();
  private readonly containerReads = new Set<number>();
  private readonly ac = new AbortController();
  /** `:runs`: the pipeline runs of the state directory. */
  private readonly runs: RunsPoller;

  constructor(
    private readonly backend: DetailBackend,
    private readonly emit: (a: Action) => void,
    private readonly track: (p: Promise<unknown>) => void,
    private readonly opts: { timeoutMs: number },
  ) {
    this.runs = new RunsPoller(backend, emit, track);
  }

  sync(state: State): void {
    if (this.ac.signal.aborted) return;
    this.runs.sync(state);
    const live = new Set<number>();
    const p = state.picker;
    if (p?.kind !== 'containers') this.containerReads.clear();
    else if (!p.containers && !this.containerReads.has(p.id)) {
      this.containerReads.add(p.id);
      this.track(this.loadContainers(p));
    }
    for (const f of state.stack) {
      if (f.kind === 'drift' && f.text === undefined && !this.drifts.has(f.id)) {
        this.drifts.add(f.id);
        this.track(this.loadDrift(f.id));
      } else if (f.kind === 'logs') {
        live.add(f.id);
        if (!this.logs.has(f.id)) this.startLogs(f);
      } else if (
        f.kind === 'yaml' &&
        f.view === 'describe' &&
        f.text === undefined &&
        f.error === undefined
      ) {
        const id = `${f.cluster}\u0000${f.resource}\u0000${yamlKey(f)}`;
        if (this.described.has(id)) continue;
        this.described.add(id);
        this.track(
          this.describe(
            f.cluster,
            f.resource,
            f.realName ?? f.name,
            f.realNamespace ?? f.namespace,
            yamlKey(f),
          ).finally(() => this.described.delete(id)),
        );
      }
    }
    for (const [id, ac] of this.logs) {
      if (!live.has(id)) {
        ac.abort();
        this.logs.delete(id);
      }
    }
  }

  stop(): void {
    this.ac.abort();
    this.runs.stop();
    for (const ac of this.logs.values()) ac.abort();
    this.logs.clear();
  }

  /** The pod's containers for the picker; unknown (undefined) when they cannot be read. */
  private async loadContainers(p: ContainerPicker): Promise<void> {
    const f = p.logs;
    const context = f.clusters[0];
    let containers: ContainerChoice[] | undefined;
    try {
      if (this.backend.podContainers && context !== undefined) {
        const signal = AbortSignal.any([this.ac.signal, AbortSignal.timeout(this.opts.timeoutMs)]);
        const found = await this.backend.podContainers(
          context,
          f.realName ?? f.name,
          f.realNamespace ?? f.namespace ?? 'default',
          signal,
        );
        containers = found.map((c) => ({ name: c.name, label: escapeTerminal(c.name), kind: c.kind }));
      }
    } catch {
      // The logs of every container say why the pod cannot be read.
    }
    if (!this.ac.signal.aborted)
      this.emit({ type: 'containersLoaded', id: p.id, ...(containers ? { containers } : {}) });
  }

  private async loadDrift(id: number): Promise<void> {
    try {
      if (!this.backend.drift) throw new Error('drift is not available');
      const d = await this.backend.drift({ signal: this.ac.signal, timeoutMs: this.opts.timeoutMs });
      this.emit({ type: 'driftLoaded', id, text: driftText(d) });
    } catch (e) {
      if (this.ac.signal.aborted) return;
      this.emit({
        type: 'driftLoaded',
        id,
        text: `error: ${escapeTerminal(e instanceof Error ? e.message : String(e))}`,
      });
    }
  }

  private async describe(
    cluster: string,
    resource: string,
    name: string,
    namespace: string | undefined,
    key: string,
  ): Promise<void> {
    const base = { type: 'yamlLoaded', cluster, resource, key, view: 'describe' } as const;
    try {
      if (!this.backend.describe) throw new Error('describe is not available');
      const signal = AbortSignal.any([this.ac.signal, AbortSignal.timeout(this.opts.timeoutMs)]);
      const text = await this.backend.describe(cluster, resource, name, namespace, signal);
      const safe = text
        .split('\n')
        .map((l) => escapeTerminal(l))
        .join('\n');
      this.emit({ ...base, text: safe });
    } catch (e) {
      if (this.ac.signal.aborted) return;
      const err = toClusterError(e, cluster);
      this.emit({ ...base, error: `${err.kind}: ${escapeTerminal(err.message)}` });
    }
  }

  private startLogs(f: LogsFrame): void {
    const ac = new AbortController();
    this.logs.set(f.id, ac);
    const id = f.id;
    const note = (text: string) => this.emit({ type: 'logNote', id, note: escapeTerminal(text) });
    if (!this.backend.logs) {
      note('logs are not available');
      return;
    }
    const namespace = f.realNamespace ?? f.namespace ?? 'default';
    const stream = this.backend.logs(f.clusters, logTarget(f.resource, f.realName ?? f.name), {
      namespace: () => namespace,
      // A pod shows the picked container, else every one (prefixed when it has several); a workload each
      // pod's default one.
      ...(f.container !== undefined ? { container: f.container } : { allContainers: f.resource === 'pods' }),
      follow: !f.previous,
      previous: f.previous,
      timestamps: f.timestamps,
      tailLines: LOG_TAIL_LINES,
      maxLogRequests: MAX_LOG_STREAMS,
      timeoutMs: this.opts.timeoutMs,
      signal: AbortSignal.any([this.ac.signal, ac.signal]),
    });
    const prefix = prefixer(f);
    this.track(
      (async () => {
        try {
          for await (const ev of stream) {
            if (ac.signal.aborted) break;
            switch (ev.type) {
              case 'sources':
                prefix.sources(ev.context, ev.sources);
                if (ev.sources.length === 0) note(`${ev.context}: no pods`);
                break;
              case 'lines': {
                const p = prefix.of(ev.source);
                this.emit({
                  type: 'logLines',
                  id,
                  lines: ev.lines.map((l) => p + escapeTerminal(l.text) + (l.cut ? ' …(cut)' : '')),
                });
                break;
              }
              case 'reconnecting':
                note(`${sourceName(ev.source)}: reconnecting (${ev.error.kind})`);
                break;
              case 'source-error':
                note(`${sourceName(ev.source)}: ${ev.error.message}`);
                break;
              case 'cluster-error':
                note(`${ev.context}: ${ev.error.kind.toLowerCase()}: ${ev.error.message}`);
                break;
              case 'end':
                break;
            }
          }
        } catch (e) {
          if (!ac.signal.aborted) note(`logs: ${toClusterError(e, f.clusters[0] ?? '').message}`);
        }
      })(),
    );
  }
}

function sourceName(s: LogSource): string {
  return `${s.context}/${s.pod}/${s.container}`;
}

/**
 * Line prefixes: the cluster when several are read, the pod for a workload, the container when a pod
 * has several; nothing for one container of one pod. Each part is padded to the widest seen so far, so
 * the lines of several pods line up.
 */
function prefixer(f: LogsFrame): {
  sources(context: string, sources: LogSource[]): void;
  of(s: LogSource): string;
} {
  const containers = new Map<string, Set<string>>();
  const widths = [0, 0, 0];
  const parts = (s: LogSource): string[] => [
    f.clusters.length > 1 ? escapeTerminal(s.context) : '',
    f.resource !== 'pods' ? escapeTerminal(s.pod) : '',
    (containers.get(`${s.context}\u0000${s.pod}`)?.size ?? 1) > 1 ? escapeTerminal(s.container) : '',
  ];
  return {
    sources(_context, sources) {
      for (const s of sources) {
        const k = `${s.context}\u0000${s.pod}`;
        const set = containers.get(k) ?? new Set<string>();
        set.add(s.container);
        containers.set(k, set);
      }
      for (const s of sources) parts(s).forEach((p, i) => (widths[i] = Math.max(widths[i]!, p.length)));
    },
    of(s) {
      const shown = parts(s)
        .map((p, i) => (widths[i] ? p.padEnd(widths[i]) : ''))
        .filter((p) => p !== '');
      return shown.length ? `${shown.join(' ')} │ ` : '';
    },
  };
}
