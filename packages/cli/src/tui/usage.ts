/**
 * CPU and MEM of the pods shown, from the metrics API through core's `topPodsOf` (the backend's
 * `podUsage`), polled while a pods view is on top, every refresh but not more often than the metrics
 * change: metrics-server samples every 15 s (its default `--metric-resolution`), so a poll more often
 * than that reads (and parses, for every pod of every cluster) the same numbers again. A cluster without
 * metrics shows none.
 */
import type { PodUsage } from '@kubectl-mc/core/fleet';
import { formatCpu, formatMemory } from '@kubectl-mc/core/fleet';
import { escapeTerminal, sleep } from '@kubectl-mc/core/util';
import { namespaceOf, top, type Action, type PodMetrics, type State } from './state.js';

export interface UsageBackend {
  /** Core's `topPodsOf` on one cluster: in `namespace`, or in all when undefined. */
  podUsage?(context: string, namespace: string | undefined, signal: AbortSignal): Promise<PodUsage[]>;
}

/** metrics-server's default `--metric-resolution`: its numbers change no more often. */
export const METRICS_RESOLUTION_MS = 15_000;

export class UsagePoller {
  private wanted = '';
  private ac: AbortController | undefined;
  private stopped = false;

  constructor(
    private readonly backend: UsageBackend,
    private readonly contexts: string[],
    private readonly emit: (a: Action) => void,
    private readonly track: (p: Promise<unknown>) => void,
    private readonly opts: { refreshMs: number; timeoutMs: number },
  ) {}

  sync(state: State): void {
    if (this.stopped || !this.backend.podUsage) return;
    const f = top(state);
    const targets =
      f.kind === 'resource' && f.resource === 'pods'
        ? this.contexts
            .filter((c) => !state.excluded[c] && (f.cluster === undefined || f.cluster === c))
            .map((c): [string, string | undefined] => [c, namespaceOf(state, c)])
        : [];
    const wanted = JSON.stringify(targets);
    if (wanted === this.wanted) return;
    this.wanted = wanted;
    this.ac?.abort();
    this.ac = undefined;
    if (targets.length === 0) return;
    const ac = new AbortController();
    this.ac = ac;
    this.track(this.loop(targets, ac.signal));
  }

  stop(): void {
    this.stopped = true;
    this.ac?.abort();
  }

  private async loop(targets: [string, string | undefined][], signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await Promise.allSettled(targets.map(([ctx, ns]) => this.poll(ctx, ns, signal)));
      // (an abort during the poll must not cost the quit a whole period: sleep returns at once then)
      await sleep(Math.max(this.opts.refreshMs, METRICS_RESOLUTION_MS), signal);
    }
  }

  private async poll(ctx: string, ns: string | undefined, signal: AbortSignal): Promise<void> {
    try {
      const s = AbortSignal.any([signal, AbortSignal.timeout(this.opts.timeoutMs)]);
      const pods = await this.backend.podUsage!(ctx, ns, s);
      if (signal.aborted) return;
      const byKey: Record<string, PodMetrics> = {};
      for (const p of pods) {
        // Keyed as the rows are: escaped namespace/name.
        byKey[`${escapeTerminal(p.namespace)}/${escapeTerminal(p.name)}`] = [
          formatCpu(p),
          formatMemory(p),
          p.cpuMilli,
          p.memoryBytes,
        ];
      }
      this.emit({ type: 'usage', cluster: ctx, pods: byKey });
    } catch {
      // No metrics API, not yet, or the cluster is down (its list says so): no CPU/MEM for it.
      if (!signal.aborted) this.emit({ type: 'usage', cluster: ctx, pods: undefined });
    }
  }
}
