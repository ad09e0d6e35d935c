/** The logs view: lines as they come (bounded), its toggles, and following the last line. */
import { replaceTop, top } from './frames.js';
import type { ActionOf, LogsFrame, State } from './types.js';

export type LogsAction = ActionOf<'logLines' | 'logNote' | 'logsToggle'>;

/** A logs view keeps at most this many lines (the oldest go). */
export const MAX_LOG_LINES = 5000;
const MAX_NOTES = 20;

export function logsReducer(state: State, action: LogsAction): State {
  switch (action.type) {
    case 'logLines':
      return mapLogs(state, action.id, (f) => {
        const all = f.lines.concat(action.lines);
        const drop = Math.max(0, all.length - MAX_LOG_LINES);
        const lines = drop > 0 ? all.slice(drop) : all;
        return {
          ...f,
          lines,
          dropped: f.dropped + drop,
          // Reading back (not following): the shown lines stay put as the oldest go.
          scroll: f.follow ? f.scroll : Math.max(0, f.scroll - drop),
        };
      });
    case 'logNote':
      return mapLogs(state, action.id, (f) =>
        f.notes.length >= MAX_NOTES || f.notes.includes(action.note)
          ? f
          : { ...f, notes: [...f.notes, action.note] },
      );
    case 'logsToggle': {
      const f = top(state);
      if (f.kind !== 'logs') return state;
      if (action.what === 'wrap') return replaceTop(state, { ...f, wrap: !f.wrap });
      if (action.what === 'follow') return replaceTop(state, { ...f, follow: !f.follow });
      // previous and timestamps ask the clusters again: a new stream, from an empty view.
      const id = state.nextId ?? 1;
      const next: LogsFrame = {
        ...f,
        id,
        [action.what]: !f[action.what],
        lines: [],
        dropped: 0,
        notes: [],
        scroll: 0,
        follow: true,
      };
      return { ...replaceTop(state, next), nextId: id + 1 };
    }
  }
}

function mapLogs(state: State, id: number, fn: (f: LogsFrame) => LogsFrame): State {
  let changed = false;
  const stack = state.stack.map((f) => {
    if (f.kind !== 'logs' || f.id !== id) return f;
    const next = fn(f);
    if (next !== f) changed = true;
    return next;
  });
  return changed ? { ...state, stack } : state;
}
