/**
 * The dashboard's state: a plain reducer with no rendering and no I/O.
 *
 * The data controller (`data.ts`) dispatches what clusters answered; key handling (`keys.ts`) dispatches
 * what the user asked for; components only read. Everything here is a pure function of its inputs, so the
 * behaviour of the dashboard is tested without a terminal.
 *
 * This module is the one door: it routes each action to the reducer of its concern under `state/`
 * (updates from clusters, navigation, selection, list sort and filter, prompt, pickers) and re-exports the
 * types and selectors the rest of the dashboard reads.
 */
import { dataKey, freshList, top } from './state/frames.js';
import { listReducer } from './state/list.js';
import { membershipReducer } from './state/membership.js';
import { logsReducer } from './state/logs.js';
import { navigationReducer } from './state/navigation.js';
import { pickerReducer } from './state/picker.js';
import { promptReducer } from './state/prompt.js';
import { runsReducer } from './state/runs.js';
import { selectionReducer } from './state/selection.js';
import type { Action, ClusterHealth, ClusterMeta, State } from './state/types.js';
import { updateReducer } from './state/updates.js';

export type * from './state/types.js';
export { dataKey, parseDataKey, top, yamlKey } from './state/frames.js';
export { ageSeconds, compareCells, compareKeys, sortKey } from './state/compare.js';
export { normaliseResource } from './state/names.js';
export { liveCells } from './state/ages.js';
export { logTarget } from './state/navigation.js';
export { MAX_LOG_LINES } from './state/logs.js';
export { pickerItems, type PickerItem } from './state/picker.js';
export { fleetSummary, podCounts, type FleetSummary, type PodCounts } from './state/pods.js';
export {
  CLUSTER_COLUMNS,
  displayColumns,
  errorLabel,
  isNamespaced,
  namespaceOf,
  rowCells,
  showsUsage,
  visibleClusters,
  visibleRows,
  type ClusterRow,
} from './state/views.js';

/** Where the dashboard starts: one namespace, each context's own, or (neither) all namespaces. */
export interface StartNamespaces {
  namespace?: string;
  nsByCluster?: Record<string, string>;
  /** Each context's own namespace: where a cluster refused across namespaces is shown instead. */
  contextNs?: Record<string, string>;
}

export function initialState(clusters: ClusterMeta[], pageSize = 20, ns: StartNamespaces = {}): State {
  const health: Record<string, ClusterHealth> = {};
  for (const c of clusters) health[c.name] = { state: 'pending' };
  return {
    ...(ns.namespace !== undefined ? { namespace: ns.namespace } : {}),
    ...(ns.namespace === undefined && ns.nsByCluster !== undefined ? { nsByCluster: ns.nsByCluster } : {}),
    ...(ns.contextNs !== undefined ? { contextNs: ns.contextNs } : {}),
    clusters,
    health,
    resources: {},
    excluded: {},
    stack: [{ kind: 'clusters', ...freshList() }],
    pageSize: Math.max(1, pageSize),
    quitting: false,
  };
}

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'batch':
      return action.actions.reduce(reducer, state);
    case 'health':
    case 'refreshed':
    case 'resourceMeta':
    case 'rowsReplaced':
    case 'rowUpsert':
    case 'rowDelete':
    case 'resourceError':
    case 'yamlLoaded':
      return updateReducer(state, action);
    case 'push':
    case 'pop':
    case 'openResource':
    case 'drill':
    case 'open':
      return navigationReducer(state, action);
    case 'logLines':
    case 'logNote':
    case 'logsToggle':
      return logsReducer(state, action);
    case 'tick':
      return { ...state, now: action.now };
    case 'clusters':
      return membershipReducer(state, action);
    case 'driftReload': {
      const f = top(state);
      if (f.kind !== 'drift') return state;
      const id = state.nextId ?? 1;
      return {
        ...state,
        nextId: id + 1,
        stack: [...state.stack.slice(0, -1), { kind: 'drift', id, scroll: 0 }],
      };
    }
    case 'runsLoaded':
      return runsReducer(state, action);
    case 'driftLoaded':
      return {
        ...state,
        stack: state.stack.map((f) =>
          f.kind === 'drift' && f.id === action.id ? { ...f, text: action.text } : f,
        ),
      };
    case 'usage': {
      const usage = { ...state.usage };
      if (action.pods) usage[action.cluster] = action.pods;
      else if (usage[action.cluster]) delete usage[action.cluster];
      else return state;
      return { ...state, usage };
    }
    case 'pageSize':
    case 'move':
    case 'moveTo':
      return selectionReducer(state, action);
    case 'cycleSort':
    case 'toggleWide':
    case 'sortBy':
    case 'setFilter':
      return listReducer(state, action);
    case 'promptOpen':
    case 'promptText':
    case 'promptComplete':
    case 'promptClose':
      return promptReducer(state, action);
    case 'pickerOpen':
    case 'pickerMove':
    case 'pickerChoose':
    case 'pickerClose':
    case 'containersLoaded':
      return pickerReducer(state, action);
    case 'flash':
      return { ...state, flash: action.text };
    case 'quit':
      return { ...state, quitting: true };
  }
}

/** Resources the current view stack needs data for (the controller keeps these watched). */
export function neededResources(state: State): string[] {
  const out = new Set<string>(['pods']);
  for (const f of state.stack) {
    if (f.kind === 'resource') out.add(dataKey(f));
    else if (f.kind === 'yaml') out.add(f.resource);
  }
  // The namespace picker offers what `:ns` lists.
  if (state.picker?.kind === 'namespace') out.add('namespaces');
  return [...out];
}
