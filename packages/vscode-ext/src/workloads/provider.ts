/**
 * The Workloads view: every Deployment / StatefulSet / DaemonSet across the fleet, merged by kind,
 * namespace and name, drifted ones first with a warning marker (core's drift model, `Fleet.drift`);
 * children are the clusters that run it and the drift lines. Loaded when the view is shown and on Refresh.
 */
import * as vscode from 'vscode';
import type { MergedWorkload, WorkloadDrift } from '@kubectl-mc/core/fleet';
import type { FleetBackend } from '../fleet/backend.js';
import { safe } from '../text.js';
import { describeWorkload } from './model.js';

export type WorkloadNode =
  | { type: 'workload'; workload: MergedWorkload }
  | { type: 'instance'; context: string; workload: MergedWorkload }
  | { type: 'drift'; text: string }
  | { type: 'message'; text: string; error: boolean };

type LoadState =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'done'; drift: WorkloadDrift };

export class WorkloadsProvider implements vscode.TreeDataProvider<WorkloadNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<WorkloadNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private loading: AbortController | undefined;
  private state: LoadState = { phase: 'idle' };
  /** Resolves when the current load has finished (tests). */
  loaded: Promise<void> = Promise.resolve();

  constructor(
    private readonly backend: () => FleetBackend | undefined,
    private readonly settings: () => { timeoutMs: number; concurrency: number },
  ) {}

  refresh(): void {
    this.loading?.abort();
    const backend = this.backend();
    if (!backend) {
      this.state = { phase: 'idle' };
      this.emitter.fire(undefined);
      return;
    }
    const ac = new AbortController();
    this.loading = ac;
    this.state = { phase: 'loading' };
    this.emitter.fire(undefined);
    const { timeoutMs, concurrency } = this.settings();
    this.loaded = (async () => {
      let next: LoadState;
      try {
        next = {
          phase: 'done',
          drift: await backend.fleet().drift({ timeoutMs, concurrency, signal: ac.signal }),
        };
      } catch (e) {
        // The kubeconfig cannot be used (cluster failures are results, never thrown).
        next = { phase: 'failed', message: e instanceof Error ? e.message : String(e) };
      }
      if (ac.signal.aborted) return;
      this.state = next;
      this.emitter.fire(undefined);
    })();
  }

  /** The merged workloads (tests read this). */
  snapshot(): MergedWorkload[] {
    return this.state.phase === 'done' ? this.state.drift.workloads : [];
  }

  getTreeItem(n: WorkloadNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (n.type) {
      case 'workload': {
        const answered = this.state.phase === 'done' ? this.state.drift.answered : 0;
        const v = describeWorkload(n.workload, answered);
        const item = new vscode.TreeItem(v.label, C.Collapsed);
        item.id = `wl/${n.workload.key}`;
        item.description = v.description;
        item.tooltip = v.tooltip;
        item.contextValue = n.workload.drift.length > 0 ? 'workload-drift' : 'workload';
        item.iconPath =
          n.workload.drift.length > 0
            ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'))
            : new vscode.ThemeIcon('layers');
        return item;
      }
      case 'instance': {
        const it = n.workload.clusters.find((c) => c.context === n.context)?.item;
        const item = new vscode.TreeItem(safe(n.context), C.None);
        item.id = `wl/${n.workload.key}/${n.context}`;
        const ready =
          it?.replicas !== undefined ? `${it.ready ?? 0}/${it.replicas} ready` : `${it?.ready ?? 0} ready`;
        item.description = `${ready} · ${safe(it?.images.join(', ') ?? '')}`;
        item.iconPath = new vscode.ThemeIcon('server-environment');
        item.contextValue = 'workload-instance';
        return item;
      }
      case 'drift': {
        const item = new vscode.TreeItem(n.text, C.None);
        item.iconPath = new vscode.ThemeIcon('diff');
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(n.text, C.None);
        item.iconPath = new vscode.ThemeIcon(n.error ? 'error' : 'info');
        return item;
      }
    }
  }

  getChildren(n?: WorkloadNode): WorkloadNode[] {
    if (!n) {
      if (this.state.phase === 'idle') return [];
      if (this.state.phase === 'loading')
        return [{ type: 'message', text: 'Loading workloads…', error: false }];
      if (this.state.phase === 'failed')
        return [{ type: 'message', text: safe(this.state.message), error: true }];
      const { workloads, failed } = this.state.drift;
      return [
        ...failed.map((f): WorkloadNode => ({
          type: 'message',
          text: `${safe(f.context)}: ${f.kind}: ${safe(f.message)}`,
          error: true,
        })),
        ...workloads.map((w): WorkloadNode => ({ type: 'workload', workload: w })),
      ];
    }
    if (n.type === 'workload') {
      return [
        ...n.workload.drift.map((d): WorkloadNode => ({ type: 'drift', text: safe(d) })),
        ...n.workload.clusters.map((c): WorkloadNode => ({
          type: 'instance',
          context: c.context,
          workload: n.workload,
        })),
      ];
    }
    return [];
  }

  dispose(): void {
    this.loading?.abort();
    this.emitter.dispose();
  }
}
