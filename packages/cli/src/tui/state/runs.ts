/** The `:runs` view: opening it, the runs read into it, moving in it and Enter on a run. */
import { replaceTop, top } from './frames.js';
import type { ActionOf, RunFrame, RunsFrame, State } from './types.js';

export type RunsAction = ActionOf<'runsLoaded'>;

/**
 * `:runs` replaces the shown view as `:` does (the clusters view stays under it), and shows the runs read
 * now rather than the last ones.
 */
export function openRuns(state: State): State {
  const frame: RunsFrame = { kind: 'runs', selected: 0, scroll: 0 };
  const { runs: _, ...rest } = state;
  return { ...rest, stack: [state.stack[0]!, frame] };
}

/** The runs read; the selection stays on its run when the order changes (a running run finished). */
export function runsReducer(state: State, action: RunsAction): State {
  const prev = state.runs;
  const list = action.runs ?? prev?.list ?? [];
  const runs = { list, at: action.at, ...(action.error !== undefined ? { error: action.error } : {}) };
  const next: State = { ...state, runs };
  const f = top(state);
  if (f.kind !== 'runs') return next;
  const id = prev?.list[f.selected]?.id;
  const moved = id === undefined ? -1 : list.findIndex((r) => r.id === id);
  return clampRuns(moved < 0 || moved === f.selected ? next : replaceTop(next, { ...f, selected: moved }));
}

/** Enter on the selected run: its stages and clusters. */
export function drillRun(state: State): State {
  const f = top(state);
  if (f.kind !== 'runs') return state;
  const run = state.runs?.list[f.selected];
  if (!run) return state;
  const frame: RunFrame = { kind: 'run', id: run.id, scroll: 0 };
  return { ...state, stack: [...state.stack, frame] };
}

/** j/k/PgDn… in the runs list (a selection) or in one run (a scroll). */
export function moveRuns(state: State, delta: number | 'first' | 'last'): State {
  const f = top(state);
  if (f.kind === 'run') {
    const scroll = delta === 'first' ? 0 : delta === 'last' ? Number.MAX_SAFE_INTEGER : f.scroll + delta;
    return replaceTop(state, { ...f, scroll: Math.max(0, scroll) });
  }
  if (f.kind !== 'runs') return state;
  const selected = delta === 'first' ? 0 : delta === 'last' ? Number.MAX_SAFE_INTEGER : f.selected + delta;
  return clampRuns(replaceTop(state, { ...f, selected }));
}

/** Keep the runs list's selection within its rows and the scroll window around it. */
export function clampRuns(state: State): State {
  const f = top(state);
  if (f.kind !== 'runs') return state;
  const n = state.runs?.list.length ?? 0;
  const selected = Math.min(Math.max(0, f.selected), Math.max(0, n - 1));
  let scroll = Math.min(f.scroll, selected);
  if (selected >= scroll + state.pageSize) scroll = selected - state.pageSize + 1;
  scroll = Math.max(0, Math.min(scroll, Math.max(0, n - state.pageSize)));
  if (selected === f.selected && scroll === f.scroll) return state;
  return replaceTop(state, { ...f, selected, scroll });
}
