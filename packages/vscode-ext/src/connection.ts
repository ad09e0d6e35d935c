/**
 * The fleet half of the extension: the backend over the user's kubeconfig, started the first time a view
 * that needs clusters is shown, reloaded when the kubeconfig (file or setting) changes or trust is granted.
 * The views read `backend` and follow `onDidChangeBackend`.
 */
import * as vscode from 'vscode';
import { basename, dirname } from 'node:path';
import type { FleetBackend } from './fleet/backend.js';
import { hubSettings, kubeconfigFiles } from './config.js';

/**
 * The fleet half (kubeconfig, client-node, connections) is a second bundle, `dist/fleet.cjs`, loaded the
 * first time the Clusters view is shown: opening a YAML file (lint only) never pays for it and never
 * contacts a cluster.
 */
function loadFleetModule(): typeof import('./fleet/core-backend.js') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./fleet.cjs') as typeof import('./fleet/core-backend.js');
}

export interface BackendChange {
  backend: FleetBackend | undefined;
  /** Why there is no backend, for the view to show. */
  problem?: string;
}

export class FleetConnection implements vscode.Disposable {
  private current: FleetBackend | undefined;
  private started = false;
  private traceListener: vscode.Disposable | undefined;
  private readonly watchers: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<BackendChange>();
  /** Fires with the new backend (or none, and why) each time it is loaded. */
  readonly onDidChangeBackend = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration('kubectl-mc.kubeconfig') ||
          e.affectsConfiguration('kubectl-mc.hubs') ||
          e.affectsConfiguration('kubectl-mc.hubNamespaces') ||
          e.affectsConfiguration('kubectl-mc.clusterProviders')
        )
          this.reload();
      }),
    ];
  }

  /** The backend, once started in a trusted workspace. */
  get backend(): FleetBackend | undefined {
    return this.current;
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Start the fleet half once: when a view that needs it is first shown (or Refresh runs). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.load();
    this.watchKubeconfig();
  }

  private reload(): void {
    if (!this.started) return;
    this.load();
    this.watchKubeconfig();
  }

  private load(): void {
    if (!this.started) return;
    if (!vscode.workspace.isTrusted) {
      this.current = undefined;
      this.changed.fire({
        backend: undefined,
        problem: 'Workspace not trusted: clusters are not loaded (linting still runs).',
      });
      return;
    }
    const files = kubeconfigFiles();
    const t = performance.now();
    const fleet = loadFleetModule();
    this.current = fleet.coreBackend(files, process.env, hubSettings(), (line) => this.log.info(line));
    this.log.info(`fleet module loaded in ${Math.round(performance.now() - t)} ms`);
    // At the Trace log level ("Developer: Set Log Level…"), every API request is logged, as kubectl -v=6.
    const trace = () =>
      fleet.traceRequests(
        this.log.logLevel === vscode.LogLevel.Trace ? (line) => this.log.trace(line) : undefined,
      );
    trace();
    this.traceListener ??= this.log.onDidChangeLogLevel(trace);
    this.changed.fire({ backend: this.current });
  }

  /** Reload when one of the kubeconfig files the backend read changes. */
  private watchKubeconfig(): void {
    for (const w of this.watchers.splice(0)) w.dispose();
    if (!this.current) return;
    let files: string[] = [];
    try {
      files = this.current.fleet().kubeconfig.files;
    } catch {
      files = [];
    }
    for (const f of files) {
      const w = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(dirname(f)), basename(f)),
      );
      const reload = () => {
        this.log.info('kubeconfig changed: reloading');
        this.load();
      };
      const only = (u: vscode.Uri) => u.fsPath === f && reload();
      w.onDidChange(only);
      w.onDidCreate(only);
      w.onDidDelete(only);
      this.watchers.push(w);
    }
  }

  dispose(): void {
    for (const d of [...this.subscriptions, ...this.watchers.splice(0)]) d.dispose();
    this.traceListener?.dispose();
    this.changed.dispose();
  }
}
