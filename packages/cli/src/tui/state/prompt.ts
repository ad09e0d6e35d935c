/** The command line (`:`) and the filter prompt (`/`), which filters as you type. */
import { listReducer, currentFilter } from './list.js';
import { navigationReducer } from './navigation.js';
import type { ActionOf, State } from './types.js';

export type PromptAction = ActionOf<'promptOpen' | 'promptText' | 'promptClose'>;

export function promptReducer(state: State, action: PromptAction): State {
  switch (action.type) {
    case 'promptOpen':
      return {
        ...state,
        prompt: { kind: action.kind, text: action.kind === 'filter' ? currentFilter(state) : '' },
        flash: undefined,
      };
    case 'promptText': {
      if (!state.prompt) return state;
      const next = { ...state, prompt: { ...state.prompt, text: action.text } };
      // The filter applies as you type.
      return state.prompt.kind === 'filter'
        ? listReducer(next, { type: 'setFilter', text: action.text })
        : next;
    }
    case 'promptClose': {
      const p = state.prompt;
      if (!p) return state;
      const closed: State = { ...state, prompt: undefined };
      if (p.kind === 'filter') {
        return action.submit ? closed : listReducer(closed, { type: 'setFilter', text: '' });
      }
      if (!action.submit) return closed;
      return runCommand(closed, p.text.trim());
    }
  }
}

/** `:q` quits, `:help` shows the keys, anything else names a resource (or the clusters view). */
function runCommand(state: State, text: string): State {
  if (text === 'q' || text === 'quit' || text === 'q!') return { ...state, quitting: true };
  if (text === 'help') return navigationReducer(state, { type: 'push', frame: { kind: 'help', scroll: 0 } });
  return navigationReducer(state, { type: 'openResource', resource: text });
}
