/** The selected row and the scroll window: moving, and keeping both inside what the view lists. */
import { dataKey, replaceTop, top } from './frames.js';
import { clampRuns, moveRuns } from './runs.js';
import type { ActionOf, LogsFrame, State } from './types.js';
import { visibleClusters, visibleRows } from './views.js';

export type SelectionAction = ActionOf<'move' | 'moveTo' | 'pageSize'>;

export function selectionReducer(state: State, action: SelectionAction): State {
  switch (action.type) {
    case 'pageSize':
      return clampRuns(clampTop({ ...state, pageSize: Math.max(1, action.rows) }));
    case 'move': {
      const f = top(state);
      if (f.kind === 'logs') return replaceTop(state, scrollLogs(f, state.pageSize, action.delta));
      if (f.kind === 'runs' || f.kind === 'run') return moveRuns(state, action.delta);
      if (f.kind === 'yaml' || f.kind === 'help' || f.kind === 'drift') {
        return replaceTop(state, { ...f, scroll: Math.max(0, f.scroll + action.delta) });
      }
      return clampTop(replaceTop(state, { ...f, selected: f.selected + action.delta }));
    }
    case 'moveTo': {
      const f = top(state);
      const far = Number.MAX_SAFE_INTEGER;
      if (f.kind === 'runs' || f.kind === 'run') return moveRuns(state, action.index);
      if (f.kind === 'logs') {
        const first = action.index === 'first';
        return replaceTop(state, { ...f, follow: !first, scroll: 0 });
      }
      if (f.kind === 'yaml' || f.kind === 'help' || f.kind === 'drift') {
        return replaceTop(state, { ...f, scroll: action.index === 'first' ? 0 : far });
      }
      return clampTop(replaceTop(state, { ...f, selected: action.index === 'first' ? 0 : far }));
    }
  }
}

/** Scrolling logs: up stops following the last line; reaching the end follows again. */
function scrollLogs(f: LogsFrame, visible: number, delta: number): LogsFrame {
  const last = Math.max(0, f.lines.length - visible);
  const from = f.follow ? last : Math.min(f.scroll, last);
  const scroll = Math.min(Math.max(0, from + delta), last);
  return { ...f, scroll, follow: scroll >= last && delta > 0 };
}

/** Clamp only when the shown view lists this resource (keeps bulk updates cheap). */
export function clampFor(resource: string, state: State): State {
  const f = top(state);
  return f.kind === 'resource' && dataKey(f) === resource ? clampTop(state) : state;
}

/** Keep the selection within the rows and the scroll window around the selection. */
export function clampTop(state: State): State {
  const f = top(state);
  if (f.kind !== 'clusters' && f.kind !== 'resource') return state;
  const n = f.kind === 'clusters' ? visibleClusters(state).length : visibleRows(state, f).length;
  const selected = Math.min(Math.max(0, f.selected), Math.max(0, n - 1));
  let scroll = Math.min(f.scroll, selected);
  if (selected >= scroll + state.pageSize) scroll = selected - state.pageSize + 1;
  scroll = Math.max(0, Math.min(scroll, Math.max(0, n - state.pageSize)));
  if (selected === f.selected && scroll === f.scroll) return state;
  return replaceTop(state, { ...f, selected, scroll });
}
