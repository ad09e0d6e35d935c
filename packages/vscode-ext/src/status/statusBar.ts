/** The status bar item: the fleet's health at a glance (`⎈ 4/5 clusters`), following `FleetHealth`. */
import * as vscode from 'vscode';
import type { FleetHealth } from '../fleet/health.js';
import { statusBar } from './model.js';

export class FleetStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };

  constructor(private readonly health: FleetHealth) {
    this.item = vscode.window.createStatusBarItem('kubectl-mc.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'kubectl-mc clusters';
    this.item.command = 'workbench.view.extension.kubectl-mc';
    this.subscription = health.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const entries = this.health.snapshot();
    if (entries.length === 0) {
      this.item.hide();
      return;
    }
    const s = statusBar(entries);
    this.item.text = s.text;
    this.item.tooltip = s.tooltip;
    this.item.backgroundColor =
      s.unhealthy > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
