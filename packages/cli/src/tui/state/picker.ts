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
        return clampTop({ ...state, namespace: item.value, picker: undefined });
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
  const seen = new Set<string>();
  for (const data of Object.values(state.resources)) {
    for (const rows of Object.values(data.rows)) for (const r of rows) if (r.namespace) seen.add(r.namespace);
  }
  return [
    { label: '(all namespaces)', value: undefined, checked: state.namespace === undefined },
    ...[...seen].sort().map((ns) => ({ label: ns, value: ns, checked: state.namespace === ns })),
  ];
}
