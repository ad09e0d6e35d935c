/**
 * kubectl-mc for VS Code: the Clusters view (fleet health, lazy resource tree, read-only YAML) and
 * topology diagnostics with quick fixes. Thin over pure modules (`tree/model`, `diagnostics/convert`,
 * `diagnostics/session`) and core.
 */
import * as vscode from 'vscode';
import { basename, delimiter, dirname } from 'node:path';
import { TopologyDiagnostics } from './diagnostics/workspace.js';
import { ClusterNames } from './diagnostics/clusterNamesProvider.js';
import { WorkloadsProvider } from './workloads/provider.js';
import { userKubeconfigFiles } from './fleet/settings.js';
import { ClustersProvider, SCHEME, type Node } from './tree/provider.js';
import { ResourceDocuments } from './fleet/documents.js';
import type { FleetBackend } from './fleet/backend.js';
import { shellQuote, type GroupBy } from './tree/model.js';
import { topologyClusters } from './tree/topology.js';

/** Set by the bundle's first line (esbuild banner); when run unbundled, the module's own evaluation. */
const loadStart = (globalThis as { __kubectlMcLoadStart?: number }).__kubectlMcLoadStart ?? performance.now();

/**
 * The fleet half (kubeconfig, client-node, connections) is a second bundle, `dist/fleet.cjs`, loaded the
 * first time the Clusters view is shown: opening a YAML file (lint only) never pays for it and never
 * contacts a cluster.
 */
function loadFleetModule(): typeof import('./fleet/core-backend.js') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./fleet.cjs') as typeof import('./fleet/core-backend.js');
}

/** What `activate` returns: used by the in-editor tests, stable enough for other extensions. */
export interface KubectlMcApi {
  clusters: ClustersProvider;
  workloads: WorkloadsProvider;
  diagnostics: TopologyDiagnostics;
  /** Resolves when the first workspace lint has been published. */
  ready: Promise<void>;
  activationMs: number;
  /** Time to load and evaluate the bundle before `activate` ran. */
  loadMs: number;
}

function settings(): { groupBy: GroupBy; timeoutMs: number; concurrency: number } {
  const cfg = vscode.workspace.getConfiguration('kubectl-mc');
  return {
    groupBy: cfg.get<GroupBy>('groupBy') ?? 'none',
    timeoutMs: cfg.get<number>('health.timeoutMs') ?? 5000,
    concurrency: cfg.get<number>('health.concurrency') ?? 16,
  };
}

/**
 * The kubeconfig files from USER settings only: a workspace could otherwise point us at a kubeconfig
 * whose exec plugin runs arbitrary commands.
 */
function kubeconfigFiles(): string[] {
  return userKubeconfigFiles(vscode.workspace.getConfiguration('kubectl-mc').inspect<string[]>('kubeconfig'));
}

export function activate(context: vscode.ExtensionContext): KubectlMcApi {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('kubectl-mc', { log: true });
  context.subscriptions.push(log);

  // Diagnostics: always, trusted or not (the linter only reads text).
  const diagnostics = new TopologyDiagnostics(context.extensionUri, log);
  context.subscriptions.push(diagnostics);

  // Clusters: only in a trusted workspace.
  let backend: FleetBackend | undefined;
  const clusters = new ClustersProvider(undefined, log, settings);
  context.subscriptions.push(clusters);
  const view = vscode.window.createTreeView('kubectl-mc.clusters', {
    treeDataProvider: clusters,
    showCollapseAll: true,
  });
  context.subscriptions.push(view);

  let fleetStarted = false;
  let traceListener: vscode.Disposable | undefined;
  const loadFleet = () => {
    if (!fleetStarted) return;
    if (!vscode.workspace.isTrusted) {
      backend = undefined;
      clusters.setBackend(undefined, 'Workspace not trusted: clusters are not loaded (linting still runs).');
      return;
    }
    const files = kubeconfigFiles();
    const t = performance.now();
    const fleet = loadFleetModule();
    backend = fleet.coreBackend(files);
    log.info(`fleet module loaded in ${Math.round(performance.now() - t)} ms`);
    // At the Trace log level ("Developer: Set Log Level…"), every API request is logged, as kubectl -v=6.
    const trace = () =>
      fleet.traceRequests(log.logLevel === vscode.LogLevel.Trace ? (line) => log.trace(line) : undefined);
    trace();
    if (!traceListener) {
      traceListener = log.onDidChangeLogLevel(trace);
      context.subscriptions.push(traceListener);
    }
    clusters.setBackend(backend);
  };

  // Group by region/environment of the workspace topology: the clusters the linter's model declares.
  const updateTopology = () => {
    clusters.topology = topologyClusters(diagnostics.texts());
  };

  const kubeconfigWatchers: vscode.Disposable[] = [];
  const watchKubeconfig = () => {
    for (const w of kubeconfigWatchers.splice(0)) w.dispose();
    if (!backend) return;
    let files: string[] = [];
    try {
      files = backend.contexts().files;
    } catch {
      files = [];
    }
    for (const f of files) {
      const w = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(dirname(f)), basename(f)),
      );
      const reload = () => {
        log.info('kubeconfig changed: reloading');
        loadFleet();
      };
      const only = (u: vscode.Uri) => u.fsPath === f && reload();
      w.onDidChange(only);
      w.onDidCreate(only);
      w.onDidDelete(only);
      kubeconfigWatchers.push(w);
    }
  };
  context.subscriptions.push({ dispose: () => kubeconfigWatchers.forEach((w) => w.dispose()) });

  // Workloads across clusters: loaded when its view is shown (starting the fleet if needed).
  const workloads = new WorkloadsProvider(
    () => backend,
    () => clusters.snapshot().map((e) => e.context),
    settings,
  );
  const workloadsView = vscode.window.createTreeView('kubectl-mc.workloads', { treeDataProvider: workloads });
  context.subscriptions.push(workloads, workloadsView);
  let workloadsLoaded = false;
  const showWorkloads = () => {
    startFleet();
    if (!workloadsLoaded) {
      workloadsLoaded = true;
      workloads.refresh();
    }
  };

  /** Start the fleet half once: when the view is first shown (or Refresh runs). */
  const startFleet = () => {
    if (fleetStarted) return;
    fleetStarted = true;
    loadFleet();
    watchKubeconfig();
  };
  if (view.visible) startFleet();
  if (workloadsView.visible) showWorkloads();
  context.subscriptions.push(workloadsView.onDidChangeVisibility((e) => e.visible && showWorkloads()));
  context.subscriptions.push(view.onDidChangeVisibility((e) => e.visible && startFleet()));

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (!fleetStarted) return;
      loadFleet();
      watchKubeconfig();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubectl-mc.kubeconfig')) {
        if (!fleetStarted) return;
        loadFleet();
        watchKubeconfig();
      } else if (
        e.affectsConfiguration('kubectl-mc.groupBy') ||
        e.affectsConfiguration('kubectl-mc.health')
      ) {
        clusters.refresh();
      }
    }),
    diagnostics.onDidLint(() => {
      const before = JSON.stringify(clusters.topology);
      updateTopology();
      if (settings().groupBy !== 'none' && JSON.stringify(clusters.topology) !== before) clusters.refresh();
    }),
    ...(() => {
      const names = new ClusterNames({
        topology: () => clusters.topology,
        contexts: () => clusters.snapshot(),
      });
      return [
        vscode.languages.registerCompletionItemProvider({ language: 'yaml' }, names),
        vscode.languages.registerHoverProvider({ language: 'yaml' }, names),
      ];
    })(),
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, new ResourceDocuments(() => backend)),
    vscode.commands.registerCommand('kubectl-mc.refresh', () =>
      fleetStarted ? clusters.refresh() : startFleet(),
    ),
    vscode.commands.registerCommand('kubectl-mc.refreshWorkloads', () => {
      startFleet();
      workloadsLoaded = true;
      workloads.refresh();
    }),
    vscode.commands.registerCommand('kubectl-mc.showOutput', () => log.show()),
    vscode.commands.registerCommand('kubectl-mc.openYaml', async (n: Node) => {
      if (n?.type !== 'object') return;
      const doc = await vscode.workspace.openTextDocument(ClustersProvider.uriOf(n));
      await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand('kubectl-mc.compare', async (n: Node) => {
      if (n?.type !== 'object') return;
      const others = clusters
        .snapshot()
        .filter((e) => e.context !== n.context && e.health.state === 'ok')
        .map((e) => e.context);
      if (others.length === 0) {
        void vscode.window.showInformationMessage('No other healthy cluster to compare with.');
        return;
      }
      const other = await vscode.window.showQuickPick(others, {
        title: `Compare ${n.resource} ${n.name} (${n.context}) with…`,
      });
      if (!other) return;
      const left = ClustersProvider.uriOf(n).with({ query: 'compare' });
      const right = ClustersProvider.uriOf({ ...n, context: other }).with({ query: 'compare' });
      await vscode.commands.executeCommand('vscode.diff', left, right, `${n.name}: ${n.context} ↔ ${other}`, {
        preview: true,
      });
    }),
    vscode.commands.registerCommand('kubectl-mc.openTerminal', (n: Node) => {
      if (n?.type !== 'cluster') return;
      const files = kubeconfigFiles();
      const terminal = vscode.window.createTerminal({
        name: `kubectl ${n.context}`,
        // The same kubeconfig as the view; nothing is written to it (no `use-context`).
        ...(files.length > 0 ? { env: { KUBECONFIG: files.join(delimiter) } } : {}),
      });
      terminal.show();
      terminal.sendText(`kubectl --context ${shellQuote(n.context)} get namespaces`, false);
    }),
    vscode.commands.registerCommand('kubectl-mc.copyName', async (n: Node) => {
      const name =
        n?.type === 'object'
          ? n.name
          : n?.type === 'cluster'
            ? n.context
            : n?.type === 'namespace'
              ? n.namespace
              : undefined;
      if (name !== undefined) await vscode.env.clipboard.writeText(name);
    }),
  );

  const ready = diagnostics.scan().catch((e: unknown) => {
    log.error(`lint: ${e instanceof Error ? e.message : String(e)}`);
  });
  const activationMs = Math.round(performance.now() - t0);
  const loadMs = Math.round(t0 - loadStart);
  log.info(
    `activated in ${activationMs} ms (loading the bundle took ${loadMs} ms before that); ` +
      `workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'}`,
  );
  return { clusters, workloads, diagnostics, ready, activationMs, loadMs };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
