/**
 * The Clusters view: groups → clusters → Namespaces / Nodes / Custom Resources → kinds → objects.
 * Children load lazily through core's fleet; a failed cluster or listing is an error node, never an
 * exception out of `getChildren`. Each cluster's health comes from `FleetHealth` (the background health
 * rounds) and the status bar is `FleetStatusBar`; this provider wires the two to the tree.
 */
import * as vscode from 'vscode';
import type { FleetBackend } from '../fleet/backend.js';
import { FleetHealth, type ClusterEntry, type HealthLog } from '../fleet/health.js';
import { objectContextValue } from '../actions/targets.js';
import { resourceUriPath, resourceUriQuery } from '../fleet/uri.js';
import { FleetStatusBar } from '../status/statusBar.js';
import { safe } from '../text.js';
import {
  NAMESPACE_KINDS,
  describeCluster,
  matchesFilter,
  groupClusters,
  hubGroups,
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
  /** The clusters and their health (background health rounds through core). */
  readonly health: FleetHealth;
  /** Fires when a background health check of the whole fleet has finished. */
  readonly onDidFinishHealth: FleetHealth['onDidFinish'];
  private readonly status: FleetStatusBar;
  private readonly subscriptions: { dispose(): void }[] = [];
  private clusterNodes = new Map<string, Node & { type: 'cluster' }>();
  private inventory: { dispose(): void } | undefined;
  topology: TopologyCluster[] = [];
  /** The filter box: clusters and namespaces shown (`matchesFilter`; empty: all). */
  filter = { clusters: '', namespaces: '' };

  constructor(
    private backend: FleetBackend | undefined,
    log: HealthLog,
    private readonly settings: () => { groupBy: GroupBy; timeoutMs: number; concurrency: number },
  ) {
    this.health = new FleetHealth(log, settings);
    this.onDidFinishHealth = this.health.onDidFinish;
    this.status = new FleetStatusBar(this.health);
    this.subscriptions.push(
      this.health.onDidChange((context) => {
        if (context === undefined) this.clusterNodes.clear();
        this.emitter.fire(context === undefined ? undefined : this.clusterNodes.get(context));
      }),
    );
  }

  /** Swap the backend (kubeconfig changed, trust granted) and reload everything. */
  setBackend(backend: FleetBackend | undefined, problem?: string): void {
    this.inventory?.dispose();
    this.backend?.dispose();
    this.backend = backend;
    // a hub's cluster joining or leaving: the contexts are read again, the tree redrawn
    this.inventory = backend?.onDidChangeInventory(() => this.refresh());
    this.health.setBackend(backend, problem);
  }

  /** Re-read the contexts and re-run the health fan-out. */
  refresh(): void {
    this.health.refresh();
  }

  /** The clusters as the view shows them (tests read this). */
  snapshot(): ClusterEntry[] {
    return this.health.snapshot();
  }

  getTreeItem(n: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (n.type) {
      case 'group': {
        const item = new vscode.TreeItem(n.label, C.Expanded);
        item.id = `group/${n.label}`;
        item.description = `${n.contexts.length}`;
        const hub = n.label.startsWith('hub ');
        item.iconPath = new vscode.ThemeIcon(hub ? 'cloud' : 'folder');
        item.contextValue = hub ? 'hub' : 'group';
        if (hub) item.tooltip = `The clusters of the ClusterProfiles on ${n.label.slice(4)}, followed live`;
        return item;
      }
      case 'cluster': {
        const entry = this.health.entry(n.context);
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
        // `resource-logs`: an object that has logs (a pod); `resource-logs-deployment` …: a workload
        item.contextValue = objectContextValue(n.resource);
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
      const fleet = backend.fleet();
      switch (n.type) {
        case 'group':
          return orEmpty(
            n.contexts.map((c) => this.cluster(c)),
            n.label.startsWith('hub ') ? 'No ClusterProfile listed (yet)' : 'No clusters',
          );
        case 'cluster': {
          const h = this.health.entry(n.context)?.health;
          if (h?.state === 'error')
            return [{ type: 'message', text: `${h.error.kind}: ${safe(h.error.message)}`, error: true }];
          return [
            { type: 'folder', context: n.context, folder: 'namespaces' },
            { type: 'folder', context: n.context, folder: 'nodes' },
            { type: 'folder', context: n.context, folder: 'custom' },
          ];
        }
        case 'folder': {
          if (n.folder === 'namespaces') {
            // The context's namespace first; a user who may not list namespaces still sees it (as kubectl
            // and the dashboard default to it), not an error.
            const own = fleet.infos.find((i) => i.name === n.context)?.namespace || 'default';
            let names: string[];
            try {
              names = (await fleet.refs(n.context, 'namespaces', { signal })).map((o) => o.name);
            } catch (e) {
              if ((e as { kind?: string }).kind !== 'Forbidden') throw e;
              names = [own];
            }
            const ordered = (names.includes(own) ? [own, ...names.filter((x) => x !== own)] : names).filter(
              (x) => matchesFilter(x, this.filter.namespaces),
            );
            return orEmpty(
              ordered.map((namespace) => ({ type: 'namespace', context: n.context, namespace })),
              'No namespaces',
            );
          }
          if (n.folder === 'nodes') {
            const list = await fleet.refs(n.context, 'nodes', { signal });
            return orEmpty(
              list.map((o) => ({ type: 'object', context: n.context, resource: 'nodes', name: o.name })),
              'No nodes',
            );
          }
          const kinds = await fleet.customKinds(n.context, signal);
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
          const list = await fleet.refs(n.context, n.resource, {
            signal,
            ...(n.namespace !== undefined ? { namespace: n.namespace } : {}),
          });
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

  /** The node above `n` as `getChildren` builds it (for `reveal`); none for top-level nodes. */
  getParent(n: Node): Node | undefined {
    switch (n.type) {
      case 'object': {
        if (n.resource === 'nodes' && n.namespace === undefined)
          return { type: 'folder', context: n.context, folder: 'nodes' };
        const builtin = NAMESPACE_KINDS.find((k) => k.resource === n.resource);
        if (builtin && n.namespace !== undefined)
          return {
            type: 'kind',
            context: n.context,
            namespace: n.namespace,
            resource: n.resource,
            label: builtin.label,
            namespaced: true,
          };
        // a custom resource: its kind under Custom Resources
        return {
          type: 'kind',
          context: n.context,
          resource: n.resource,
          label: n.resource,
          namespaced: n.namespace !== undefined,
        };
      }
      case 'kind':
        return n.namespace !== undefined
          ? { type: 'namespace', context: n.context, namespace: n.namespace }
          : { type: 'folder', context: n.context, folder: 'custom' };
      case 'namespace':
        return { type: 'folder', context: n.context, folder: 'namespaces' };
      case 'folder':
        return this.cluster(n.context);
      case 'cluster':
        return this.roots().find(
          (r): r is Node & { type: 'group' } => r.type === 'group' && r.contexts.includes(n.context),
        );
      default:
        return undefined;
    }
  }

  private roots(): Node[] {
    const contexts = this.health.contexts().filter((c) => matchesFilter(c, this.filter.clusters));
    if (!this.backend || contexts.length === 0) {
      const problem = this.health.problem;
      return problem ? [{ type: 'message', text: safe(problem), error: true }] : [];
    }
    // a hub is a group of its ClusterProfiles' clusters, after the kubeconfig's own contexts
    const hubs = hubGroups(this.backend.hubGroups(), contexts);
    const inHub = new Set(hubs.flatMap((h) => h.contexts));
    const own = contexts.filter((c) => !inHub.has(c));
    const groups = groupClusters(own, this.topology, this.settings().groupBy);
    if (hubs.length === 0 && groups.length === 1 && groups[0]!.label === '')
      return groups[0]!.contexts.map((c) => this.cluster(c));
    const roots: Node[] =
      groups.length === 1 && groups[0]!.label === ''
        ? groups[0]!.contexts.map((c) => this.cluster(c))
        : groups.map((g) => ({ type: 'group', label: g.label, contexts: g.contexts }));
    return [...roots, ...hubs];
  }

  /** A `kubectl-mc:` URI for an object's read-only YAML. */
  static uriOf(n: Node & { type: 'object' }, compare = false): vscode.Uri {
    const p: { context: string; resource: string; name: string; namespace?: string } = {
      context: n.context,
      resource: n.resource,
      name: n.name,
    };
    if (n.namespace !== undefined) p.namespace = n.namespace;
    return vscode.Uri.from({ scheme: SCHEME, path: resourceUriPath(p), query: resourceUriQuery(p, compare) });
  }

  dispose(): void {
    this.inventory?.dispose();
    for (const d of this.subscriptions.splice(0)) d.dispose();
    this.status.dispose();
    this.health.dispose();
    this.backend?.dispose();
    this.emitter.dispose();
  }
}

function orEmpty(nodes: Node[], text: string): Node[] {
  return nodes.length > 0 ? nodes : [{ type: 'message', text, error: false }];
}
