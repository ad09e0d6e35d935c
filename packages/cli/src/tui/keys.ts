/**
 * Keys → actions, with no rendering: k9s keys where it has one.
 * The result says what to dispatch and which side effects (refresh, quit) the app should run.
 */
import { top, type Action, type State } from './state.js';

/** The subset of Ink's `Key` the dashboard reads. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

export interface KeyResult {
  actions: Action[];
  refresh?: boolean;
  quit?: boolean;
}

/** Every key, for `?`. */
export const KEY_HELP: ReadonlyArray<readonly [string, string]> = [
  [':', 'open a resource: :pods :deploy :svc :nodes, any CRD; :clusters; :q'],
  ['/', 'filter as you type over every cell; !text inverts'],
  ['Enter', 'cluster: its pods; resource row: its YAML; in a prompt: apply'],
  ['Esc', 'clear the filter, else go back'],
  ['j/k ↓/↑', 'move (scroll in YAML and help)'],
  ['g/G Home/End', 'first / last row'],
  ['PgDn/PgUp ^F/^B', 'a page down / up'],
  ['s', 'cycle the sort column (then the natural order)'],
  ['n', 'pick the namespace (all by default)'],
  ['c', 'include or exclude clusters (Enter or space toggles)'],
  ['r', 'refresh now'],
  ['?', 'this help'],
  ['q, Ctrl-C', 'quit'],
];

/**
 * A chunk of input as single keys. Terminals (and tmux, and pastes) may deliver `pods\r` in one read,
 * which Ink reports as one input: split it so the Enter inside is a key, not text.
 */
export function splitInput(input: string, key: KeyInfo): Array<[string, KeyInfo]> {
  if (input.length <= 1 || key.ctrl || key.meta || key.escape) return [[input, key]];
  return [...input].map((ch): [string, KeyInfo] => {
    if (ch === '\r' || ch === '\n') return ['', { return: true }];
    if (ch === '\x7f' || ch === '\b') return ['', { backspace: true }];
    if (ch === '\t') return ['', { tab: true }];
    return [ch, {}];
  });
}

export function handleKey(state: State, input: string, key: KeyInfo): KeyResult {
  if (key.ctrl && input === 'c') return { actions: [{ type: 'quit' }], quit: true };
  const clear: Action[] = state.flash ? [{ type: 'flash' }] : [];

  if (state.prompt) {
    const p = state.prompt;
    if (key.return) return { actions: [{ type: 'promptClose', submit: true }] };
    if (key.escape) return { actions: [{ type: 'promptClose', submit: false }] };
    if (key.backspace || key.delete) {
      if (p.text === '' && p.kind === 'command') return { actions: [{ type: 'promptClose', submit: false }] };
      return { actions: [{ type: 'promptText', text: p.text.slice(0, -1) }] };
    }
    if (key.ctrl && input === 'u') return { actions: [{ type: 'promptText', text: '' }] };
    const text = printable(input, key);
    if (text) return { actions: [{ type: 'promptText', text: p.text + text }] };
    return { actions: [] };
  }

  if (state.picker) {
    if (key.escape || input === 'q' || (state.picker.kind === 'namespace' && input === 'n')) {
      return { actions: [{ type: 'pickerClose' }] };
    }
    if (state.picker.kind === 'clusters' && input === 'c') return { actions: [{ type: 'pickerClose' }] };
    if (key.downArrow || input === 'j') return { actions: [{ type: 'pickerMove', delta: 1 }] };
    if (key.upArrow || input === 'k') return { actions: [{ type: 'pickerMove', delta: -1 }] };
    if (key.return || input === ' ') return { actions: [{ type: 'pickerChoose' }] };
    return { actions: [] };
  }

  const f = top(state);
  const page = Math.max(1, state.pageSize - 1);
  const act = (...a: Action[]): KeyResult => ({ actions: [...clear, ...a] });

  if (input === 'q' && !key.ctrl) return { actions: [{ type: 'quit' }], quit: true };
  if (key.escape) return act({ type: 'pop' });
  if (input === ':') return act({ type: 'promptOpen', kind: 'command' });
  if (input === '?')
    return f.kind === 'help'
      ? act({ type: 'pop' })
      : act({ type: 'push', frame: { kind: 'help', scroll: 0 } });
  if (key.downArrow || input === 'j') return act({ type: 'move', delta: 1 });
  if (key.upArrow || input === 'k') return act({ type: 'move', delta: -1 });
  if (key.pageDown || (key.ctrl && input === 'f')) return act({ type: 'move', delta: page });
  if (key.pageUp || (key.ctrl && input === 'b')) return act({ type: 'move', delta: -page });
  if (input === 'g' || key.home) return act({ type: 'moveTo', index: 'first' });
  if (input === 'G' || key.end) return act({ type: 'moveTo', index: 'last' });
  if (input === 'r') return { ...act(), refresh: true };

  if (f.kind === 'clusters' || f.kind === 'resource') {
    if (input === '/') return act({ type: 'promptOpen', kind: 'filter' });
    if (key.return) return act({ type: 'drill' });
    if (input === 's') return act({ type: 'cycleSort' });
    if (input === 'n') return act({ type: 'pickerOpen', kind: 'namespace' });
    if (input === 'c') return act({ type: 'pickerOpen', kind: 'clusters' });
  }
  return { actions: clear };
}

function printable(input: string, key: KeyInfo): string {
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow)
    return '';
  // Drop control characters (pasted text keeps its printable part).
  return [...input]
    .filter((ch) => {
      const code = ch.codePointAt(0)!;
      return code >= 0x20 && (code < 0x7f || code > 0x9f);
    })
    .join('');
}
