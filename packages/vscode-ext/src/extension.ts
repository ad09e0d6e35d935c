/**
 * kubectl-mc for VS Code: the Clusters view (fleet health, lazy resource tree, read-only YAML), the
 * Workloads view and topology diagnostics with quick fixes. `activate` only wires the parts together;
 * each view registers its own commands (`views/`), the fleet half starts on demand (`connection.ts`), and
 * the logic lives in pure modules (`tree/model`, `diagnostics/convert`, `diagnostics/session`) and core.
 */
import * as vscode from 'vscode';
import { ChangeActions } from './actions/changes.js';
import { Actions } from './actions/commands.js';
import { PipelineActions } from './actions/pipeline.js';
import { isReadonly } from './config.js';
import { registerOutputCommands } from './commands/output.js';
import { FleetConnection } from './connection.js';
import { ClusterNames } from './diagnostics/clusterNamesProvider.js';
import { TopologyDiagnostics } from './diagnostics/workspace.js';
import type { ClustersProvider } from './tree/provider.js';
import { ClustersView } from './views/clusters.js';
import { WorkloadsView } from './views/workloads.js';
import type { WorkloadsProvider } from './workloads/provider.js';

/** Set by the bundle's first line (esbuild banner); when run unbundled, the module's own evaluation. */
const loadStart = (globalThis as { __kubectlMcLoadStart?: number }).__kubectlMcLoadStart ?? performance.now();

/** What `activate` returns: used by the in-editor tests, stable enough for other extensions. */
export interface KubectlMcApi {
  clusters: ClustersProvider;
  workloads: WorkloadsProvider;
  diagnostics: TopologyDiagnostics;
  /** Describe, events, logs, diff and apply (tests drive them through the commands). */
  actions: Actions;
  /** Restart, undo, scale, delete, rollout status (tests replace their questions). */
  changes: ChangeActions;
  /** Plan rollout of a pipeline file. */
  pipelines: PipelineActions;
  /** Resolves when the first workspace lint has been published. */
  ready: Promise<void>;
  activationMs: number;
  /** Time to load and evaluate the bundle before `activate` ran. */
  loadMs: number;
}

export function activate(context: vscode.ExtensionContext): KubectlMcApi {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('kubectl-mc', { log: true });
  // Diagnostics: always, trusted or not (the linter only reads text).
  const diagnostics = new TopologyDiagnostics(context.extensionUri, log);
  // Clusters: only in a trusted workspace, and only once a view needs them.
  const connection = new FleetConnection(log);
  const clusters = new ClustersView(connection, diagnostics, log);
  const workloads = new WorkloadsView(connection);
  const actions = new Actions(connection, clusters.provider);
  const changes = new ChangeActions(connection, actions.documents);
  actions.guard = changes;
  const pipelines = new PipelineActions(connection, actions.documents);
  // `kubectl-mc.readonly` hides the changing actions from the menus (and each refuses on its own).
  const readonlyKey = () =>
    void vscode.commands.executeCommand('setContext', 'kubectl-mc.readonly', isReadonly());
  readonlyKey();
  // Cluster names in topology files: completion and hover from the declared and the kubeconfig clusters.
  const names = new ClusterNames({
    topology: () => clusters.provider.topology,
    contexts: () => clusters.provider.snapshot(),
  });
  context.subscriptions.push(
    log,
    diagnostics,
    connection,
    clusters,
    workloads,
    actions,
    changes,
    pipelines,
    vscode.workspace.onDidChangeConfiguration(
      (e) => e.affectsConfiguration('kubectl-mc.readonly') && readonlyKey(),
    ),
    vscode.languages.registerCompletionItemProvider({ language: 'yaml' }, names),
    vscode.languages.registerHoverProvider({ language: 'yaml' }, names),
    registerOutputCommands(log),
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
  return {
    clusters: clusters.provider,
    workloads: workloads.provider,
    diagnostics,
    actions,
    changes,
    pipelines,
    ready,
    activationMs,
    loadMs,
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
