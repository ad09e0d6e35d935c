/**
 * The Clusters view: groups → clusters (health from a background fan-out) → Namespaces / Nodes /
 * Custom Resources → kinds → objects. Children load lazily; a failed cluster or listing is an error
 * node, never an exception out of `getChildren`.
 */
import * as vscode from 'vscode';
import type { ContextEntry, FleetBackend } from '../fleet/backend.js';
import {
  NAMESPACE_KINDS,
  describeCluster,
  groupClusters,
  resourceUriPath,
  safe,
  statusBar,
  type ClusterEntry,
  type GroupBy,
  type TopologyCluster,
} from './model.js';

export type Node =
  | { type: 'group'; label: string; contexts: string[] }
  | { type: 'cluster'; context: string }
  | { type: 'folder'; context: string; folder: 'namespaces' | 'nodes' | 'custom' }
  | { type: 'namespace'; context: string; namespace: string }
  | {
      type: 'kind';
      context: string;
      namespace?: string;
      resource: string;
      label: string;
      namespaced: boolean;
    }
  | { type: 'object'; context: string; namespace?: string; resource: string; name: string }
  | { type: 'message'; text: string; error: boolean; tooltip?: string };

export const SCHEME = 'kubectl-mc';

export class ClustersProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly healthDone = new vscode.EventEmitter<void>();
  /** Fires when a background health check of the whole fleet has finished. */
  readonly onDidFinishHealth = this.healthDone.event;
  private entries = new Map<string, ClusterEntry>();
  private clusterNodes = new Map<string, Node & { type: 'cluster' }>();
  private order: ContextEntry[] = [];
  private problem: string | undefined;
  private health: AbortController | undefined;
  private readonly status: vscode.StatusBarItem;
  topology: TopologyCluster[] = [];

  constructor(
    private backend: FleetBackend | undefined,
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: () => { groupBy: GroupBy; timeoutMs: number; concurrency: number },
  ) {
    this.status = vscode.window.createStatusBarItem('kubectl-mc.status', vscode.StatusBarAlignment.Left, 10);
    this.status.name = 'kubectl-mc clusters';
    this.status.command = 'workbench.view.extension.kubectl-mc';
  }

  /** Swap the backend (kubeconfig changed, trust granted) and reload everything. */
  setBackend(backend: FleetBackend | undefined, problem?: string): void {
    this.backend?.dispose();
    this.backend = backend;
    this.problem = problem;
    this.refresh();
  }

  /** Re-read the contexts and re-run the health fan-out. */
  refresh(): void {
    this.health?.abort();
    this.entries.clear();
    this.clusterNodes.clear();
    this.order = [];
    if (this.backend) {
      try {
        const { contexts, warnings, files } = this.backend.contexts();
        this.order = contexts;
        this.log.info(`kubeconfig: ${contexts.length} contexts from ${files.length} file(s)`);
        for (const w of warnings) this.log.warn(`kubeconfig: ${w}`);
      } catch (e) {
        this.problem = e instanceof Error ? e.message : String(e);
        this.log.error(`kubeconfig: ${this.problem}`);
      }
    }
    for (const c of this.order) {
      const entry: ClusterEntry = { context: c.name, health: { state: 'pending' } };
      if (c.server !== undefined) entry.server = c.server;
      if (c.namespace !== undefined) entry.namespace = c.namespace;
      this.entries.set(c.name, entry);
    }
    this.emitter.fire(undefined);
    this.updateStatus();
    void this.checkAll();
  }

  private async checkAll(): Promise<void> {
    const backend = this.backend;
    if (!backend || this.order.length === 0) {
      this.healthDone.fire();
      return;
    }
    const ac = new AbortController();
    this.health = ac;
    const { timeoutMs, concurrency } = this.settings();
    const t0 = performance.now();
    const results = backend.checkAll(
      this.order.map((c) => c.name),
      { concurrency, timeoutMs, signal: ac.signal },
    );
    for await (const r of results) {
      if (ac.signal.aborted) return;
      const entry = this.entries.get(r.context);
      if (!entry) continue;
      entry.health = r.ok
        ? { state: 'ok', ...r.value }
        : { state: 'error', kind: r.error.kind, message: r.error.message };
      if (!r.ok) this.log.warn(`health: ${safe(r.context)}: ${r.error.kind}: ${safe(r.error.message)}`);
      const node = this.clusterNodes.get(r.context);
      this.emitter.fire(node);
      this.updateStatus();
    }
    this.log.info(
      `health: ${this.order.length} clusters checked in ${Math.round(performance.now() - t0)} ms`,
    );
    this.healthDone.fire();
  }

  private updateStatus(): void {
    if (!this.backend || this.entries.size === 0) {
      this.status.hide();
      return;
    }
    const s = statusBar([...this.entries.values()]);
    this.status.text = s.text;
    this.status.tooltip = s.tooltip;
    this.status.backgroundColor =
      s.unhealthy > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.status.show();
  }

  /** The clusters as the view shows them (tests read this). */
  snapshot(): ClusterEntry[] {
    return [...this.entries.values()].map((e) => ({ ...e }));
  }

  getTreeItem(n: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (n.type) {
      case 'group': {
        const item = new vscode.TreeItem(n.label, C.Expanded);
        item.id = `group/${n.label}`;
        item.description = `${n.contexts.length}`;
        item.iconPath = new vscode.ThemeIcon('folder');
        item.contextValue = 'group';
        return item;
      }
      case 'cluster': {
        const entry = this.entries.get(n.context);
        const v = describeCluster(entry ?? { context: n.context, health: { state: 'pending' } });
        const item = new vscode.TreeItem(v.label, v.expandable ? C.Collapsed : C.None);
        item.id = `cluster/${n.context}`;
        item.description = v.description;
        item.tooltip = v.tooltip;
        item.contextValue = v.contextValue;
        item.iconPath =
          v.icon === 'pass'
            ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
            : v.icon === 'error'
              ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
              : v.icon === 'warning'
                ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'))
                : new vscode.ThemeIcon('loading~spin');
        return item;
      }
      case 'folder': {
        const label =
          n.folder === 'namespaces' ? 'Namespaces' : n.folder === 'nodes' ? 'Nodes' : 'Custom Resources';
        const item = new vscode.TreeItem(label, C.Collapsed);
        item.id = `folder/${n.context}/${n.folder}`;
        item.iconPath = new vscode.ThemeIcon(
          n.folder === 'nodes' ? 'server' : n.folder === 'custom' ? 'extensions' : 'symbol-namespace',
        );
        return item;
      }
      case 'namespace': {
        const item = new vscode.TreeItem(safe(n.namespace), C.Collapsed);
        item.id = `ns/${n.context}/${n.namespace}`;
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        item.contextValue = 'namespace';
        return item;
      }
      case 'kind': {
        const item = new vscode.TreeItem(safe(n.label), C.Collapsed);
        item.id = `kind/${n.context}/${n.namespace ?? ''}/${n.resource}`;
        item.iconPath = new vscode.ThemeIcon('symbol-class');
        return item;
      }
      case 'object': {
        const item = new vscode.TreeItem(safe(n.name), C.None);
        item.id = `obj/${n.context}/${n.resource}/${n.namespace ?? ''}/${n.name}`;
        item.iconPath = new vscode.ThemeIcon('symbol-object');
        item.contextValue = 'resource';
        item.tooltip = `${safe(n.resource)} ${safe(n.name)}${n.namespace ? ` in ${safe(n.namespace)}` : ''} (${safe(n.context)})`;
        item.command = { command: 'kubectl-mc.openYaml', title: 'Open YAML', arguments: [n] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(n.text, C.None);
        item.iconPath = new vscode.ThemeIcon(n.error ? 'error' : 'info');
        item.contextValue = n.error ? 'message-error' : 'message';
        if (n.tooltip) item.tooltip = n.tooltip;
        return item;
      }
    }
  }

  private cluster(context: string): Node & { type: 'cluster' } {
    let node = this.clusterNodes.get(context);
    if (!node) {
      node = { type: 'cluster', context };
      this.clusterNodes.set(context, node);
    }
    return node;
  }

  async getChildren(n?: Node): Promise<Node[]> {
    if (!n) return this.roots();
    const backend = this.backend;
    if (!backend) return [];
    const { timeoutMs } = this.settings();
    const signal = AbortSignal.timeout(Math.max(timeoutMs * 2, 5000));
    try {
      switch (n.type) {
        case 'group':
          return n.contexts.map((c) => this.cluster(c));
        case 'cluster': {
          const h = this.entries.get(n.context)?.health;
          if (h?.state === 'error')
            return [{ type: 'message', text: `${h.kind}: ${safe(h.message)}`, error: true }];
          return [
            { type: 'folder', context: n.context, folder: 'namespaces' },
            { type: 'folder', context: n.context, folder: 'nodes' },
            { type: 'folder', context: n.context, folder: 'custom' },
          ];
        }
        case 'folder': {
          if (n.folder === 'namespaces') {
            const list = await backend.names(n.context, 'namespaces', undefined, signal);
            return orEmpty(
              list.map((o) => ({ type: 'namespace', context: n.context, namespace: o.name })),
              'No namespaces',
            );
          }
          if (n.folder === 'nodes') {
            const list = await backend.names(n.context, 'nodes', undefined, signal);
            return orEmpty(
              list.map((o) => ({ type: 'object', context: n.context, resource: 'nodes', name: o.name })),
              'No nodes',
            );
          }
          const kinds = await backend.customKinds(n.context, signal);
          return orEmpty(
            kinds.map((k) => ({
              type: 'kind',
              context: n.context,
              resource: k.resource,
              label: k.kind,
              namespaced: k.namespaced,
            })),
            'No custom resources',
          );
        }
        case 'namespace':
          return NAMESPACE_KINDS.map((k) => ({
            type: 'kind',
            context: n.context,
            namespace: n.namespace,
            resource: k.resource,
            label: k.label,
            namespaced: true,
          }));
        case 'kind': {
          const list = await backend.names(n.context, n.resource, n.namespace, signal);
          return orEmpty(
            list.map((o) => {
              const obj: Node = { type: 'object', context: n.context, resource: n.resource, name: o.name };
              const ns = o.namespace ?? n.namespace;
              if (ns !== undefined && n.namespaced) obj.namespace = ns;
              return obj;
            }),
            'None',
          );
        }
        default:
          return [];
      }
    } catch (e) {
      const kind = (e as { kind?: string }).kind;
      const msg = e instanceof Error ? e.message : String(e);
      return [{ type: 'message', text: `${kind ?? 'Error'}: ${safe(msg)}`, error: true }];
    }
  }

  private roots(): Node[] {
    if (!this.backend) {
      return this.problem ? [{ type: 'message', text: safe(this.problem), error: true }] : [];
    }
    if (this.order.length === 0) {
      return this.problem ? [{ type: 'message', text: safe(this.problem), error: true }] : [];
    }
    const groups = groupClusters(
      this.order.map((c) => c.name),
      this.topology,
      this.settings().groupBy,
    );
    if (groups.length === 1 && groups[0]!.label === '')
      return groups[0]!.contexts.map((c) => this.cluster(c));
    return groups.map((g) => ({ type: 'group', label: g.label, contexts: g.contexts }));
  }

  /** A `kubectl-mc:` URI for an object's read-only YAML. */
  static uriOf(n: Node & { type: 'object' }): vscode.Uri {
    const p: { context: string; resource: string; name: string; namespace?: string } = {
      context: n.context,
      resource: n.resource,
      name: n.name,
    };
    if (n.namespace !== undefined) p.namespace = n.namespace;
    return vscode.Uri.from({ scheme: SCHEME, path: resourceUriPath(p) });
  }

  dispose(): void {
    this.health?.abort();
    this.backend?.dispose();
    this.status.dispose();
    this.emitter.dispose();
    this.healthDone.dispose();
  }
}

function orEmpty(nodes: Node[], text: string): Node[] {
  return nodes.length > 0 ? nodes : [{ type: 'message', text, error: false }];
}
