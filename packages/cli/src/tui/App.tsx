/**
 * The dashboard: the header, the shown view and the footer, wired to the store, the data source and the
 * keys. The components (`components/`) read the state and compute what fits the terminal; keys go to
 * `keys.ts`; nothing here talks to a cluster.
 */
import { Box, useApp, useInput } from 'ink';
import { useEffect, useSyncExternalStore } from 'react';
import type { Actions } from './actions.js';
import { ActionDialog } from './components/ActionDialog.js';
import { Body } from './components/Body.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { MAX_ERROR_LINES, resourceErrors } from './components/ResourceView.js';
import { handleKey, splitInput } from './keys.js';
import { runsTickMs } from './runs.js';
import { usePacedState } from './pace.js';
import { top, visibleRows, type Row, type State } from './state.js';
import { tickInterval } from './state/ages.js';
import type { DataSource, Store } from './store.js';
import { useTerminalSize } from './useTerminalSize.js';

export interface AppProps {
  store: Store;
  data?: DataSource;
  /** Colour for status and health; false under NO_COLOR. */
  color: boolean;
  /** Fixed size (tests); else the terminal's, following resizes. */
  width?: number;
  height?: number;
  /** Called once when the user quits. */
  onQuit?: () => void;
  /** Clock for "updated …" (tests pin it). */
  formatTime?: (ms: number) => string;
  /** The clock ages are drawn with (tests pass a fake one), and how often they are redrawn (ms; default:
   * every second while a shown age has seconds, else every 10 s). */
  now?: () => number;
  tickMs?: number;
  /** Delete, scale, restart on the selected row, with their dialog (absent: no actions). */
  actions?: Actions;
  /**
   * Background changes (health, CPU/MEM, row events once all is shown) are drawn at most this often, with
   * the ages' tick (`pace.ts`); 0 (default): every change at once. The CLI paces at `IDLE_PACE_MS`.
   */
  paceMs?: number;
}

/** The CLI's pace, k9s's default refresh: an idle dashboard draws at most a frame every 2 s. */
export const IDLE_PACE_MS = 2000;

/** How often the shown ages move: the runs' or the shown rows'. */
function tickEvery(state: State): number {
  const k = top(state).kind;
  if (k === 'runs' || k === 'run') return runsTickMs(state.runs?.list ?? [], state.now);
  return tickInterval(shownRows(state), state.now);
}

/** The rows on screen (their ages set the tick). */
function shownRows(state: State): Row[] {
  const f = top(state);
  return f.kind === 'resource' ? visibleRows(state, f).slice(f.scroll, f.scroll + state.pageSize) : [];
}

const noDialog = () => undefined;
const noSubscribe = () => () => undefined;

/** Lines around the list: header (2), title, column header, footer. */
const CHROME = 5;

export function App({
  store,
  data,
  color,
  width: w,
  height: h,
  onQuit,
  formatTime,
  now = Date.now,
  tickMs,
  actions,
  paceMs = 0,
}: AppProps) {
  const state = usePacedState(store, {
    paceMs,
    // Ages are redrawn every second while a shown age has seconds, else every 10 s.
    tickEvery: () => tickMs ?? tickEvery(store.getState()),
    // Only resource lists and the runs show ages.
    ticking: () => ['resource', 'runs', 'run'].includes(top(store.getState()).kind),
    now,
  });
  const dialog = useSyncExternalStore(actions?.subscribe ?? noSubscribe, actions?.getDialog ?? noDialog);
  const { exit } = useApp();
  const { width, height } = useTerminalSize({ width: w, height: h });
  const f = top(state);

  const errorLines = f.kind === 'resource' ? resourceErrors(state, f).length : 0;
  const pageSize = Math.max(1, height - CHROME - Math.min(errorLines, MAX_ERROR_LINES) - 1);
  useEffect(() => {
    if (state.pageSize !== pageSize) store.dispatch({ type: 'pageSize', rows: pageSize });
  }, [pageSize, state.pageSize, store]);

  useEffect(() => {
    data?.sync(state);
  }, [data, state.stack, state]);

  useEffect(() => {
    if (state.quitting) {
      onQuit?.();
      exit();
    }
  }, [state.quitting, exit, onQuit]);

  useInput((chunk, k) => {
    for (const [input, key] of splitInput(chunk, k)) {
      if (actions?.handleKey(store.getState(), input, key)) continue;
      const result = handleKey(store.getState(), input, key);
      if (result.actions.length === 1) store.dispatch(result.actions[0]!);
      else if (result.actions.length > 1) store.dispatch({ type: 'batch', actions: result.actions });
      if (result.refresh) data?.refresh();
      if (result.quit) break;
    }
  });

  const fmt = formatTime ?? ((ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour12: false }));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header state={state} color={color} width={width} fmt={fmt} />
      <Box flexDirection="column" flexGrow={1}>
        <Body state={state} color={color} width={width} height={height - 3} />
      </Box>
      {dialog ? (
        <ActionDialog dialog={dialog} width={width} color={color} />
      ) : (
        <Footer state={state} width={width} />
      )}
    </Box>
  );
}
