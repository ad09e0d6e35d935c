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
  [':', 'open a resource: :pods :deploy (:dp) :svc :nodes :ev, any CRD; :clusters (:ctx); :q'],
  ['Tab', 'on the : line, complete a resource or (second word) a namespace'],
  [':pods NS', 'the resource in namespace NS (every cluster); :ns lists namespaces, Enter switches'],
  [':pods app=web', 'only what the label selector picks (its own watch; =, ==, != and commas)'],
  [':runs', 'pipeline runs (rollout run), running first, read again every 2 s; Enter: stages and clusters'],
  [':drift', 'workloads whose clusters disagree on image or replicas, and where (r asks again)'],
  ['/', 'filter as you type over every cell (a regex when it has one of ^$.|?*+()[]{}); !text inverts'],
  ['Enter', 'cluster: its pods; namespace: switch to it; run: its stages and clusters; other row: its YAML'],
  ['y', "the selected object's YAML"],
  ['d', 'describe the selected object (kubectl describe, with events)'],
  ['l', "logs: a pod's, or a workload's pods on every cluster that has it (followed)"],
  ['', 'a pod with several containers: pick one (init containers too) or all; Enter, or p: previous'],
  ['  p t w s', 'in logs: previous container, timestamps, wrap, follow on/off'],
  ['Esc', 'clear the filter, else go back'],
  ['j/k ↓/↑', 'move (scroll in YAML, describe, logs and help)'],
  ['g/G Home/End', 'first / last row (in logs, G follows again)'],
  ['PgDn/PgUp ^F/^B', 'a page down / up'],
  ['N A R S T P I O', 'sort by NAME, AGE, READY, STATUS, RESTARTS, NAMESPACE, IP, NODE; again: reverse'],
  ['C M', 'sort pods by CPU, MEM (metrics API; descending first)'],
  ['Ctrl-W', 'wide: every column the server prints (IP, NODE…), as -o wide'],
  ['Ctrl-D', 'delete the selected object (asks first, naming it and its cluster)'],
  ['Ctrl-K', 'kill the selected pod: deleted at once, grace period 0 (asks first)'],
  ['s', 'scale the selected Deployment/StatefulSet/ReplicaSet (asks the replica count)'],
  ['r', 'on Deployments, StatefulSets, DaemonSets: restart the selected one (asks first)'],
  ['', 'a protected context needs its environment typed; --readonly disables all four'],
  ['n', 'pick the namespace (all, or one)'],
  ['c', 'include or exclude clusters (Enter or space toggles)'],
  ['r', 'refresh now (elsewhere)'],
  ['?', 'this help'],
  ['q, Ctrl-C', 'quit'],
];

/** k9s's sort keys: column, and whether the first press sorts descending. */
const SORT_KEYS: Record<string, [string, boolean]> = {
  N: ['NAME', false],
  A: ['AGE', false],
  R: ['READY', false],
  S: ['STATUS', false],
  T: ['RESTARTS', true],
  P: ['NAMESPACE', false],
  I: ['IP', false],
  O: ['NODE', false],
  C: ['CPU', true],
  M: ['MEM', true],
};

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
    if (key.tab) return { actions: [{ type: 'promptComplete' }] };
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
    if (state.picker.kind === 'containers' && input === 'p')
      return { actions: [{ type: 'pickerChoose', previous: true }] };
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
  if (input === 'r' && f.kind === 'drift') return act({ type: 'driftReload' });
  if (input === 'r') return { ...act(), refresh: true };

  if (f.kind === 'logs') {
    if (input === 'p') return act({ type: 'logsToggle', what: 'previous' });
    if (input === 't') return act({ type: 'logsToggle', what: 'timestamps' });
    if (input === 'w') return act({ type: 'logsToggle', what: 'wrap' });
    if (input === 's') return act({ type: 'logsToggle', what: 'follow' });
  }

  if (f.kind === 'runs' && key.return) return act({ type: 'drill' });
  if (f.kind === 'clusters' || f.kind === 'resource') {
    if (input === '/') return act({ type: 'promptOpen', kind: 'filter' });
    if (key.return) return act({ type: 'drill' });
    const sortKey = SORT_KEYS[input];
    if (sortKey && !key.ctrl && !key.meta) {
      return act({ type: 'sortBy', column: sortKey[0], desc: sortKey[1] });
    }
    // `s` is a shell in k9s: harmless here, and says where sorting went.
    if (input === 's') return act({ type: 'flash', text: 's: no shell here; sort with N A R S T P (shift)' });
    if (input === 'n') return act({ type: 'pickerOpen', kind: 'namespace' });
    if (input === 'c') return act({ type: 'pickerOpen', kind: 'clusters' });
  }
  // k9s's ctrl-w: every column the server prints (IP, NODE…).
  if (f.kind === 'resource' && key.ctrl && input === 'w') return act({ type: 'toggleWide' });
  if (f.kind === 'resource' && !key.ctrl && !key.meta) {
    if (input === 'y') return act({ type: 'open', view: 'yaml' });
    if (input === 'd') return act({ type: 'open', view: 'describe' });
    if (input === 'l') return act({ type: 'open', view: 'logs' });
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
