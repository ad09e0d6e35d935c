/** A list view's sort column and `/` filter. */
import { replaceTop, top } from './frames.js';
import { clampTop } from './selection.js';
import type { ActionOf, State } from './types.js';
import { displayColumns } from './views.js';

export type ListAction = ActionOf<'cycleSort' | 'setFilter' | 'sortBy' | 'toggleWide'>;

export function listReducer(state: State, action: ListAction): State {
  const f = top(state);
  if (f.kind !== 'clusters' && f.kind !== 'resource') return state;
  switch (action.type) {
    case 'cycleSort': {
      const n = displayColumns(state, f).length;
      // natural → col 0 asc → col 1 asc → … → natural
      const sort = f.sort + 1 >= n ? -1 : f.sort + 1;
      return clampTop(replaceTop(state, { ...f, sort, desc: false }));
    }
    case 'toggleWide': {
      if (f.kind !== 'resource') return state;
      // Columns change: the sort goes back to the natural order.
      const { wide: _, ...rest } = f;
      return clampTop(
        replaceTop(state, { ...rest, ...(f.wide ? {} : { wide: true }), sort: -1, desc: false }),
      );
    }
    case 'sortBy': {
      // k9s's shift-keys: a column by name; the same key again flips the order.
      const i = displayColumns(state, f).indexOf(action.column);
      if (i < 0) return { ...state, flash: `no ${action.column} column here` };
      const desc = f.sort === i ? !f.desc : action.desc;
      return clampTop(replaceTop(state, { ...f, sort: i, desc }));
    }
    case 'setFilter':
      return clampTop(replaceTop(state, { ...f, filter: action.text, selected: 0, scroll: 0 }));
  }
}

/** The shown list's filter ('' when the view is not a list). */
export function currentFilter(state: State): string {
  const f = top(state);
  return f.kind === 'clusters' || f.kind === 'resource' ? f.filter : '';
}
