/** The view stack: opening a resource, drilling into a row, going back. */
import { freshList, replaceTop, top } from './frames.js';
import { isClustersView, normaliseResource } from './names.js';
import { clampTop } from './selection.js';
import type { ActionOf, ResourceFrame, State, YamlFrame } from './types.js';
import { visibleClusters, visibleRows } from './views.js';

export type NavigationAction = ActionOf<'push' | 'pop' | 'openResource' | 'drill'>;

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
    case 'openResource':
      return openResource(state, action.resource, action.cluster);
    case 'drill':
      return drill(state);
  }
}

function openResource(state: State, name: string, cluster: string | undefined): State {
  const resource = normaliseResource(name);
  if (resource === '') return state;
  if (isClustersView(resource)) return { ...state, stack: [state.stack[0]!] };
  const frame: ResourceFrame = {
    kind: 'resource',
    resource,
    ...(cluster !== undefined ? { cluster } : {}),
    ...freshList(),
  };
  // `:` replaces the current resource view rather than stacking them, as k9s does.
  const base = cluster !== undefined ? state.stack : [state.stack[0]!];
  return { ...state, stack: [...base, frame] };
}

/** Enter: a cluster opens its pods, a resource row its YAML. */
function drill(state: State): State {
  const f = top(state);
  if (f.kind === 'clusters') {
    const c = visibleClusters(state)[f.selected];
    if (!c) return state;
    return openResource(state, 'pods', c.name);
  }
  if (f.kind === 'resource') {
    const row = visibleRows(state, f)[f.selected];
    if (!row) return state;
    const frame: YamlFrame = {
      kind: 'yaml',
      resource: f.resource,
      cluster: row.cluster,
      ...(row.namespace !== undefined ? { namespace: row.namespace } : {}),
      name: row.name,
      scroll: 0,
    };
    return { ...state, stack: [...state.stack, frame] };
  }
  return state;
}
