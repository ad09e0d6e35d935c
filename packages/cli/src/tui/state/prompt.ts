/** The command line (`:`) and the filter prompt (`/`), which filters as you type. */
import { complete } from './complete.js';
import { listReducer, currentFilter } from './list.js';
import { navigationReducer } from './navigation.js';
import { normaliseResource } from './names.js';
import { openRuns } from './runs.js';
import type { ActionOf, State } from './types.js';

export type PromptAction = ActionOf<'promptOpen' | 'promptText' | 'promptClose' | 'promptComplete'>;

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
      const next = { ...state, prompt: { ...state.prompt, text: action.text }, flash: undefined };
      // The filter applies as you type.
      return state.prompt.kind === 'filter'
        ? listReducer(next, { type: 'setFilter', text: action.text })
        : next;
    }
    case 'promptComplete': {
      if (state.prompt?.kind !== 'command') return state;
      const c = complete(state, state.prompt.text);
      return { ...state, prompt: { ...state.prompt, text: c.text }, flash: c.choices };
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

const LABEL = '[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?';
const VALUE = '([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?';
/** Equality requirements, comma-separated (`app=web`, `tier!=db`, `env==prod`). */
const SELECTOR = new RegExp(`^${LABEL}(==|!=|=)${VALUE}(,${LABEL}(==|!=|=)${VALUE})*$`);

/** `:q` quits, `:help` shows the keys, anything else names a resource (or the clusters view). */
function runCommand(state: State, text: string): State {
  if (text === 'q' || text === 'quit' || text === 'q!') return { ...state, quitting: true };
  if (text === 'help') return navigationReducer(state, { type: 'push', frame: { kind: 'help', scroll: 0 } });
  if (text === 'runs') return openRuns(state);
  if (text === 'drift') {
    const id = state.nextId ?? 1;
    return { ...state, nextId: id + 1, stack: [state.stack[0]!, { kind: 'drift', id, scroll: 0 }] };
  }
  // `:pods kube-system`: the resource in that namespace (k9s); `:ns NAME` switches to it.
  const [name = '', arg, ...extra] = text.split(/\s+/);
  if (extra.length > 0) return { ...state, flash: `too many words: ${text}` };
  // `:pods app=web,tier!=db`: a label selector (k9s).
  if (arg !== undefined && /[=!]/.test(arg)) {
    if (!SELECTOR.test(arg)) return { ...state, flash: `not a label selector: ${arg}` };
    return navigationReducer(state, { type: 'openResource', resource: name, selector: arg });
  }
  if (arg !== undefined && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(arg)) {
    return { ...state, flash: `not a namespace name: ${arg}` };
  }
  if (arg !== undefined && normaliseResource(name) === 'namespaces') {
    return navigationReducer(state, { type: 'openResource', resource: 'pods', namespace: arg });
  }
  return navigationReducer(state, {
    type: 'openResource',
    resource: name,
    ...(arg !== undefined ? { namespace: arg } : {}),
  });
}
