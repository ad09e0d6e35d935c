/** The `n` (namespace) and `c` (clusters) pickers. */
import { clampTop } from './selection.js';
import type { ActionOf, State } from './types.js';

export type PickerAction = ActionOf<'pickerOpen' | 'pickerMove' | 'pickerChoose' | 'pickerClose'>;

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
    case 'pickerChoose': {
      const p = state.picker;
      if (!p) return state;
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
