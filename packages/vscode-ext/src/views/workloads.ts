/**
 * The Workloads view: every workload across the fleet, loaded the first time it is shown (starting the
 * fleet if needed) and on its Refresh command.
 */
import * as vscode from 'vscode';
import { settings } from '../config.js';
import type { FleetConnection } from '../connection.js';
import { WorkloadsProvider } from '../workloads/provider.js';

export class WorkloadsView implements vscode.Disposable {
  readonly provider: WorkloadsProvider;
  private loaded = false;
  private inventory: { dispose(): void } | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly connection: FleetConnection) {
    this.provider = new WorkloadsProvider(() => connection.backend, settings);
    const view = vscode.window.createTreeView('kubectl-mc.workloads', {
      treeDataProvider: this.provider,
      canSelectMany: true,
    });
    this.disposables = [
      this.provider,
      view,
      view.onDidChangeVisibility((e) => e.visible && this.show()),
      // a hub's cluster joining or leaving: list the workloads again (once they were listed)
      connection.onDidChangeBackend(({ backend }) => {
        this.inventory?.dispose();
        this.inventory = backend?.onDidChangeInventory(() => this.loaded && this.provider.refresh());
      }),
      { dispose: () => this.inventory?.dispose() },
      vscode.commands.registerCommand('kubectl-mc.refreshWorkloads', () => {
        connection.start();
        this.loaded = true;
        this.provider.refresh();
      }),
    ];
    if (view.visible) this.show();
  }

  private show(): void {
    this.connection.start();
    if (!this.loaded) {
      this.loaded = true;
      this.provider.refresh();
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
