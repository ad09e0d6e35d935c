/**
 * The Clusters view: its tree, the read-only YAML documents its objects open as, and its commands
 * (Refresh, and the item commands in `commands/clusterItems.ts`). Showing it starts the fleet.
 */
import * as vscode from 'vscode';
import { targetOf } from '../actions/targets.js';
import type { WorkloadNode } from '../workloads/provider.js';
import { compareWithCluster, copyName, openTerminal, openYaml } from '../commands/clusterItems.js';
import { settings } from '../config.js';
import type { FleetConnection } from '../connection.js';
import type { TopologyDiagnostics } from '../diagnostics/workspace.js';
import { ResourceDocuments } from '../fleet/documents.js';
import { ClustersProvider, SCHEME, type Node } from '../tree/provider.js';
import { topologyClusters } from '../tree/topology.js';

export class ClustersView implements vscode.Disposable {
  readonly provider: ClustersProvider;
  private readonly disposables: vscode.Disposable[];

  constructor(connection: FleetConnection, diagnostics: TopologyDiagnostics, log: vscode.LogOutputChannel) {
    const clusters = new ClustersProvider(undefined, log, settings);
    this.provider = clusters;
    const view = vscode.window.createTreeView('kubectl-mc.clusters', {
      treeDataProvider: clusters,
      showCollapseAll: true,
      // Restart, Scale, Delete … act on every selected object
      canSelectMany: true,
    });
    this.disposables = [
      clusters,
      view,
      connection.onDidChangeBackend(({ backend, problem }) => clusters.setBackend(backend, problem)),
      view.onDidChangeVisibility((e) => e.visible && connection.start()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // A kubeconfig change reloads the backend, which refreshes the view anyway.
        if (e.affectsConfiguration('kubectl-mc.kubeconfig')) return;
        if (e.affectsConfiguration('kubectl-mc.groupBy') || e.affectsConfiguration('kubectl-mc.health')) {
          clusters.refresh();
        }
      }),
      // Group by region/environment of the workspace topology: the clusters the linter's model declares.
      diagnostics.onDidLint(() => {
        const before = JSON.stringify(clusters.topology);
        clusters.topology = topologyClusters(diagnostics.texts());
        if (settings().groupBy !== 'none' && JSON.stringify(clusters.topology) !== before) clusters.refresh();
      }),
      vscode.workspace.registerTextDocumentContentProvider(
        SCHEME,
        new ResourceDocuments(() => connection.backend),
      ),
      vscode.commands.registerCommand('kubectl-mc.refresh', () =>
        connection.isStarted ? clusters.refresh() : connection.start(),
      ),
      vscode.commands.registerCommand('kubectl-mc.openYaml', (n: Node) => openYaml(n)),
      vscode.commands.registerCommand('kubectl-mc.compare', (n: Node) => compareWithCluster(n, clusters)),
      vscode.commands.registerCommand('kubectl-mc.openTerminal', (n: Node) => openTerminal(n)),
      vscode.commands.registerCommand('kubectl-mc.copyName', (n: Node) => copyName(n)),
      vscode.commands.registerCommand(
        'kubectl-mc.filter',
        async (given?: { clusters?: string; namespaces?: string }) => {
          const ask = async (what: 'clusters' | 'namespaces') =>
            vscode.window.showInputBox({
              title: `Show the ${what} matching (empty: all)`,
              prompt: 'A part of the name, or a pattern with *',
              value: clusters.filter[what],
            });
          const next = given ?? { clusters: await ask('clusters'), namespaces: await ask('namespaces') };
          if (next.clusters !== undefined) clusters.filter.clusters = next.clusters.trim();
          if (next.namespaces !== undefined) clusters.filter.namespaces = next.namespaces.trim();
          const { clusters: c, namespaces: n } = clusters.filter;
          view.description =
            [c && `clusters: ${c}`, n && `namespaces: ${n}`].filter(Boolean).join(' · ') || undefined;
          clusters.refresh();
        },
      ),
      vscode.commands.registerCommand('kubectl-mc.revealInClusters', async (n?: WorkloadNode) => {
        const t = targetOf(n);
        if (!t || t.contexts.length === 0) return false;
        connection.start();
        const node: Node = { type: 'object', context: t.contexts[0]!, resource: t.resource, name: t.name };
        if (t.namespace !== undefined) node.namespace = t.namespace;
        await view.reveal(node, { select: true, focus: true, expand: false });
        return true;
      }),
    ];
    if (view.visible) connection.start();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
