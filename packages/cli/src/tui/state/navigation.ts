/** The view stack: opening a resource, drilling into a row, going back. */
import { freshList, replaceTop, top } from './frames.js';
import { isClustersView, normaliseResource } from './names.js';
import { drillRun } from './runs.js';
import { clampTop } from './selection.js';
import type { ActionOf, LogsFrame, ResourceFrame, State, YamlFrame } from './types.js';
import { visibleClusters, visibleRows } from './views.js';

export type NavigationAction = ActionOf<'push' | 'pop' | 'openResource' | 'drill' | 'open'>;

/** Types whose pods `l` streams: a pod itself, or a workload's pods through its selector. */
const LOG_TYPES: Record<string, string> = {
  pods: 'pod',
  deployments: 'deploy',
  statefulsets: 'sts',
  daemonsets: 'ds',
  replicasets: 'rs',
  jobs: 'job',
  services: 'svc',
};

export function navigationReducer(state: State, action: NavigationAction): State {
  switch (action.type) {
    case 'push':
      return { ...state, stack: [...state.stack, action.frame], flash: undefined };
    case 'pop': {
      const f = top(state);
      if ((f.kind === 'clusters' || f.kind === 'resource') && f.filter !== '') {
        return clampTop(replaceTop(state, { ...f, filter: '', selected: 0, scroll: 0 }));
      }
      if (state.stack.length <= 1) return state;
      return clampTop({ ...state, stack: state.stack.slice(0, -1) });
    }
    case 'openResource': {
      // After Enter on a cluster, `:deploy` stays on that cluster (as k9s stays in its context).
      const cluster = action.cluster ?? scopedCluster(state);
      const next = action.namespace !== undefined ? withNamespace(state, action.namespace) : state;
      return openResource(next, action.resource, cluster, action.selector);
    }
    case 'drill':
      return drill(state);
    case 'open':
      return open(state, action.view);
  }
}

/** The cluster the shown resource views are narrowed to (by Enter on a cluster), if any. */
function scopedCluster(state: State): string | undefined {
  for (let i = state.stack.length - 1; i >= 0; i--) {
    const f = state.stack[i]!;
    if (f.kind === 'resource') return f.cluster;
  }
  return undefined;
}

/** Every cluster viewed in `ns`. */
function withNamespace(state: State, ns: string): State {
  const { nsByCluster: _, ...rest } = state;
  return { ...rest, namespace: ns };
}

function openResource(state: State, name: string, cluster: string | undefined, selector?: string): State {
  const resource = normaliseResource(name);
  if (resource === '') return state;
  if (isClustersView(resource)) return { ...state, stack: [state.stack[0]!] };
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(resource)) return { ...state, flash: `unknown resource ${resource}` };
  const frame: ResourceFrame = {
    kind: 'resource',
    resource,
    ...(cluster !== undefined ? { cluster } : {}),
    ...(selector ? { selector } : {}),
    ...freshList(),
  };
  // `:` replaces the current resource view rather than stacking them, as k9s does (the frame keeps the
  // cluster it is narrowed to).
  return { ...state, stack: [state.stack[0]!, frame] };
}

/** Enter: a cluster opens its pods, a resource row its YAML. */
function drill(state: State): State {
  const f = top(state);
  if (f.kind === 'clusters') {
    const c = visibleClusters(state)[f.selected];
    if (!c) return state;
    return openResource(state, 'pods', c.name);
  }
  if (f.kind === 'runs') return drillRun(state);
  if (f.kind === 'resource') {
    const row = visibleRows(state, f)[f.selected];
    if (!row) return state;
    // A namespace row switches to it and lists its pods, as k9s does.
    if (f.resource === 'namespaces') {
      const next = withNamespace(state, row.realName ?? row.name);
      return openResource({ ...next, stack: state.stack.slice(0, -1) }, 'pods', f.cluster);
    }
    return open(state, 'yaml');
  }
  return state;
}

/** `y`, `d`, `l` (and Enter): the selected row's YAML, describe or logs. */
function open(state: State, view: 'yaml' | 'describe' | 'logs'): State {
  const f = top(state);
  if (f.kind !== 'resource') return state;
  const row = visibleRows(state, f)[f.selected];
  if (!row) return state;
  const names = {
    ...(row.namespace !== undefined ? { namespace: row.namespace } : {}),
    name: row.name,
    ...(row.realName !== undefined ? { realName: row.realName } : {}),
    ...(row.realNamespace !== undefined ? { realNamespace: row.realNamespace } : {}),
  };
  if (view === 'logs') {
    if (LOG_TYPES[f.resource] === undefined) return { ...state, flash: `no logs for ${f.resource}` };
    // A pod is on one cluster; a workload's pods on every shown cluster that has it.
    const clusters =
      f.resource === 'pods'
        ? [row.cluster]
        : visibleRows(state, { ...f, filter: '' })
            .filter((r) => r.key === row.key)
            .map((r) => r.cluster);
    const id = state.nextId ?? 1;
    const frame: LogsFrame = {
      kind: 'logs',
      id,
      resource: f.resource,
      clusters: [...new Set(clusters)],
      ...names,
      previous: false,
      timestamps: false,
      wrap: false,
      follow: true,
      lines: [],
      dropped: 0,
      notes: [],
      scroll: 0,
    };
    // A pod's containers are picked first (k9s lists them): the data layer reads the pod, and a pod with
    // one container opens its logs at once (`containersLoaded`).
    if (f.resource === 'pods') {
      return { ...state, nextId: id + 1, picker: { kind: 'containers', selected: 0, id, logs: frame } };
    }
    return { ...state, nextId: id + 1, stack: [...state.stack, frame] };
  }
  const frame: YamlFrame = {
    kind: 'yaml',
    ...(view === 'describe' ? { view } : {}),
    resource: f.resource,
    cluster: row.cluster,
    ...names,
    scroll: 0,
  };
  return { ...state, stack: [...state.stack, frame] };
}

/** The target core's `fleetLogs` reads for a logs view's resource. */
export function logTarget(
  resource: string,
  name: string,
):
  | { kind: 'pod'; name: string }
  | {
      kind: 'object';
      type: string;
      name: string;
    } {
  const type = LOG_TYPES[resource] ?? resource;
  return type === 'pod' ? { kind: 'pod', name } : { kind: 'object', type, name };
}
