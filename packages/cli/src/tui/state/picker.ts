/** The `n` (namespace) and `c` (clusters) pickers, and a pod's containers before its logs. */
import { clampTop } from './selection.js';
import type { ActionOf, ContainerChoice, ContainerPicker, LogsFrame, State } from './types.js';

export type PickerAction = ActionOf<
  'pickerOpen' | 'pickerMove' | 'pickerChoose' | 'pickerClose' | 'containersLoaded'
>;

/** The logs view the container picker opens: one container (or all), current or previous. */
function openLogs(state: State, p: ContainerPicker, c: ContainerChoice | undefined, previous = false): State {
  const frame: LogsFrame = {
    ...p.logs,
    ...(c ? { container: c.name, containerLabel: c.label } : {}),
    previous,
    follow: !previous,
  };
  return { ...state, picker: undefined, stack: [...state.stack, frame] };
}

export function pickerReducer(state: State, action: PickerAction): State {
  switch (action.type) {
    case 'pickerOpen':
      return { ...state, picker: { kind: action.kind, selected: 0 }, flash: undefined };
    case 'pickerMove': {
      if (!state.picker) return state;
      const n = pickerItems(state).length;
      const selected = Math.min(Math.max(0, state.picker.selected + action.delta), Math.max(0, n - 1));
      return { ...state, picker: { ...state.picker, selected } };
    }
    case 'containersLoaded': {
      const p = state.picker;
      if (p?.kind !== 'containers' || p.id !== action.id || p.containers) return state;
      // Unknown (the pod could not be read: its logs view says why), or only one: no choice to make.
      if (!action.containers || action.containers.length <= 1) return openLogs(state, p, undefined);
      return { ...state, picker: { ...p, containers: action.containers } };
    }
    case 'pickerChoose': {
      const p = state.picker;
      if (!p) return state;
      if (p.kind === 'containers') {
        if (!p.containers) return state;
        // 0 is every container.
        return openLogs(state, p, p.containers[p.selected - 1], action.previous);
      }
      const item = pickerItems(state)[p.selected];
      if (item === undefined) return { ...state, picker: undefined };
      if (p.kind === 'namespace') {
        const { namespace: _, nsByCluster: __, ...rest } = state;
        return clampTop({
          ...rest,
          ...(item.value !== undefined ? { namespace: item.value } : {}),
          picker: undefined,
        });
      }
      // clusters: toggle, keep the picker open
      const name = item.value!;
      const excluded = { ...state.excluded };
      if (excluded[name]) delete excluded[name];
      else excluded[name] = true;
      return clampTop({ ...state, excluded });
    }
    case 'pickerClose':
      return { ...state, picker: undefined };
  }
}

export interface PickerItem {
  label: string;
  /** Namespace (undefined = all) or cluster name. */
  value: string | undefined;
  checked?: boolean;
}

/** What the `n` or `c` picker offers. */
export function pickerItems(state: State): PickerItem[] {
  if (state.picker?.kind === 'containers') {
    const cs = state.picker.containers;
    if (!cs) return [];
    return [
      { label: '(all containers)', value: undefined },
      ...cs.map((c) => ({
        label: c.kind === 'container' ? c.label : `${c.label} (${c.kind})`,
        value: c.name,
      })),
    ];
  }
  if (state.picker?.kind === 'clusters') {
    return state.clusters.map((c) => ({ label: c.name, value: c.name, checked: !state.excluded[c.name] }));
  }
  // Namespaces the rows are in, and those `:ns` (watched while the picker is open) lists. Real names are
  // the values; labels are the escaped ones.
  const seen = new Map<string, string>();
  for (const [resource, data] of Object.entries(state.resources)) {
    for (const rows of Object.values(data.rows)) {
      for (const r of rows) {
        if (resource === 'namespaces') seen.set(r.realName ?? r.name, r.name);
        else if (r.namespace) seen.set(r.realNamespace ?? r.namespace, r.namespace);
      }
    }
  }
  for (const ns of Object.values(state.nsByCluster ?? {})) if (!seen.has(ns)) seen.set(ns, ns);
  if (state.namespace !== undefined && !seen.has(state.namespace)) seen.set(state.namespace, state.namespace);
  const all = state.namespace === undefined && state.nsByCluster === undefined;
  return [
    { label: '(all namespaces)', value: undefined, checked: all },
    ...[...seen.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([ns, label]) => ({ label, value: ns, checked: state.namespace === ns })),
  ];
}
