/**
 * The dashboard's components. They read the state, compute what fits the terminal, and hand keys to
 * `keys.ts`; nothing here talks to a cluster.
 */
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { handleKey, KEY_HELP, splitInput } from './keys.js';
import {
  displayColumns,
  fleetSummary,
  isNamespaced,
  pickerItems,
  rowCells,
  top,
  visibleClusters,
  visibleRows,
  type ClustersFrame,
  type ResourceFrame,
  type State,
  type YamlFrame,
} from './state.js';
import type { DataSource, Store } from './store.js';

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
}

/** Lines around the list: header (2), title, column header, footer. */
const CHROME = 5;
const MAX_ERROR_LINES = 3;

function useTerminalSize(fixed: { width?: number; height?: number }) {
  const { stdout } = useStdout();
  const read = () => ({
    width: fixed.width ?? (stdout.columns || 80),
    // One line short of the terminal: a frame that fills it makes Ink clear the screen on every render.
    height: fixed.height ?? Math.max(8, (stdout.rows || 24) - 1),
  });
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed.width !== undefined && fixed.height !== undefined) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed.width, fixed.height]);
  return size;
}

export function App({ store, data, color, width: w, height: h, onQuit, formatTime }: AppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
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
      <Footer state={state} width={width} />
    </Box>
  );
}

function Line({ children, width }: { children: ReactNode; width: number }) {
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">{children}</Text>
    </Box>
  );
}

function Header({
  state,
  color,
  width,
  fmt,
}: {
  state: State;
  color: boolean;
  width: number;
  fmt: (ms: number) => string;
}) {
  const s = fleetSummary(state);
  const allOk = s.healthy === s.total;
  const c = (name: string) => (color ? name : undefined);
  return (
    <>
      <Line width={width}>
        <Text bold>kubectl-mc</Text>
        {'  clusters '}
        <Text color={c(allOk ? 'green' : 'red')}>
          {s.healthy}/{s.total} healthy
        </Text>
        {'  slowest '}
        {s.slowest ? `${s.slowest.cluster} ${Math.round(s.slowest.latencyMs)}ms` : '-'}
        {'  updated '}
        {s.lastRefresh !== undefined ? fmt(s.lastRefresh) : '-'}
      </Line>
      <Line width={width}>
        {'pods  '}
        <Text color={c('green')}>Running {s.pods.running}</Text>
        {'  '}
        <Text color={c(s.pods.pending ? 'yellow' : '')}>Pending {s.pods.pending}</Text>
        {'  '}
        <Text color={c(s.pods.failed ? 'red' : '')}>Failed {s.pods.failed}</Text>
        {'  '}
        <Text color={c(s.pods.crashLoop ? 'red' : '')}>CrashLoopBackOff {s.pods.crashLoop}</Text>
        {`  ns ${state.namespace ?? 'all'}`}
        {Object.keys(state.excluded).length ? `  excluded ${Object.keys(state.excluded).length}` : ''}
      </Line>
    </>
  );
}

function Footer({ state, width }: { state: State; width: number }) {
  if (state.prompt) {
    const sigil = state.prompt.kind === 'command' ? ':' : '/';
    return (
      <Line width={width}>
        <Text bold>
          {sigil}
          {state.prompt.text}
        </Text>
        <Text inverse> </Text>
      </Line>
    );
  }
  if (state.flash) return <Line width={width}>{state.flash}</Line>;
  const f = top(state);
  const hint =
    f.kind === 'yaml' || f.kind === 'help'
      ? '<esc> back  j/k scroll  g/G top/bottom  q quit'
      : ':resource  /filter  ⏎ open  s sort  n namespace  c clusters  r refresh  ? help  q quit';
  return (
    <Line width={width}>
      <Text dimColor>{hint}</Text>
    </Line>
  );
}

function Body({
  state,
  color,
  width,
  height,
}: {
  state: State;
  color: boolean;
  width: number;
  height: number;
}) {
  const f = top(state);
  if (state.picker) return <PickerView state={state} width={width} height={height} />;
  switch (f.kind) {
    case 'clusters':
      return <ClustersView state={state} frame={f} color={color} width={width} />;
    case 'resource':
      return <ResourceView state={state} frame={f} color={color} width={width} />;
    case 'yaml':
      return <YamlView frame={f} width={width} height={height} />;
    case 'help':
      return <HelpView scroll={f.scroll} width={width} height={height} />;
  }
}

function title(text: string, f: ClustersFrame | ResourceFrame, count: number, columns: string[]): string {
  const parts = [text, `${count} rows`];
  if (f.filter) parts.push(`filter /${f.filter}`);
  if (f.sort >= 0) parts.push(`sort ${columns[f.sort] ?? ''}`);
  return parts.join('  ·  ');
}

function ClustersView({
  state,
  frame,
  color,
  width,
}: {
  state: State;
  frame: ClustersFrame;
  color: boolean;
  width: number;
}) {
  const rows = useMemo(
    () => visibleClusters(state),
    [state.clusters, state.health, state.resources['pods'], state.excluded, frame],
  );
  const columns = displayColumns(state, frame);
  const page = rows.slice(frame.scroll, frame.scroll + state.pageSize);
  // The selected cluster's error in full (its row shows only the kind).
  const sel = rows[frame.selected];
  const selectedError =
    sel?.health.state === 'error' ? `${sel.name}: ${sel.health.error.message}` : undefined;
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>{title('Clusters', frame, rows.length, columns)}</Text>
        {selectedError ? `  ·  ${selectedError}` : ''}
      </Line>
      <Table
        columns={columns}
        rows={page.map((r, i) => ({
          cells: r.cells,
          selected: frame.scroll + i === frame.selected,
          dim: r.excluded,
        }))}
        width={width}
        colorOf={(col, value) => (color ? statusColor(columns[col], value) : undefined)}
      />
    </Box>
  );
}

function resourceErrors(state: State, f: ResourceFrame): [string, string][] {
  const data = state.resources[f.resource];
  if (!data) return [];
  return Object.entries(data.errors)
    .filter(([c]) => !state.excluded[c] && (f.cluster === undefined || f.cluster === c))
    .map(([c, e]) => [c, `${e.kind.toLowerCase()}: ${e.message}`]);
}

function ResourceView({
  state,
  frame,
  color,
  width,
}: {
  state: State;
  frame: ResourceFrame;
  color: boolean;
  width: number;
}) {
  const data = state.resources[frame.resource];
  const rows = useMemo(
    () => visibleRows(state, frame),
    [data, frame, state.excluded, state.namespace, state.clusters],
  );
  const columns = displayColumns(state, frame);
  const namespaced = isNamespaced(data);
  const page = rows.slice(frame.scroll, frame.scroll + state.pageSize);
  const errors = resourceErrors(state, frame);
  const scope = frame.cluster ? `cluster ${frame.cluster}` : 'all clusters';
  const waiting = state.clusters.filter(
    (c) => !state.excluded[c.name] && (!frame.cluster || frame.cluster === c.name) && !data?.loaded[c.name],
  ).length;
  const where = data?.namespaced === false ? 'cluster-scoped' : (state.namespace ?? 'all namespaces');
  const text = `${frame.resource} (${scope}, ${where})${waiting ? `  ·  waiting for ${waiting}` : ''}`;
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>{title(text, frame, rows.length, columns)}</Text>
      </Line>
      {errors.slice(0, MAX_ERROR_LINES).map(([c, e]) => (
        <Line key={c} width={width}>
          <Text color={color ? 'red' : undefined}>
            {c} {e}
          </Text>
        </Line>
      ))}
      <Table
        columns={columns}
        rows={page.map((r, i) => ({
          cells: rowCells(r, namespaced),
          selected: frame.scroll + i === frame.selected,
        }))}
        width={width}
        colorOf={(col, value) => (color ? statusColor(columns[col], value) : undefined)}
      />
    </Box>
  );
}

interface TableRow {
  cells: string[];
  selected: boolean;
  dim?: boolean;
}

/**
 * Column widths from the header and the visible rows, fitted to the width: gap 2, or 1 when tight; then the
 * widest columns shrink first, NAME and CLUSTER last (they keep up to 30% and 20% of the width) and
 * STATUS (16), others to their header.
 */
export function fitColumns(
  columns: string[],
  rows: string[][],
  width: number,
): { widths: number[]; gap: number } {
  const widths = columns.map((c, i) =>
    Math.min(60, Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const sum = widths.reduce((a, b) => a + b, 0);
  const gaps = Math.max(0, columns.length - 1);
  const gap = sum + gaps * 2 <= width ? 2 : 1;
  let total = sum + gaps * gap;
  const floors = columns.map((c, i) =>
    Math.min(
      widths[i]!,
      c === 'NAME'
        ? Math.floor(width * 0.3)
        : c === 'CLUSTER'
          ? Math.floor(width * 0.2)
          : c === 'STATUS'
            ? 16
            : Math.max(3, Math.min(c.length, 12)),
    ),
  );
  for (const floorOf of [(i: number) => floors[i]!, () => 3]) {
    while (total > width) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) {
        if (widths[i]! > floorOf(i) && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
      }
      if (widest < 0) break;
      widths[widest]!--;
      total--;
    }
  }
  return { widths, gap };
}

function cell(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
}

function Table({
  columns,
  rows,
  width,
  colorOf,
}: {
  columns: string[];
  rows: TableRow[];
  width: number;
  colorOf: (col: number, value: string) => string | undefined;
}) {
  const { widths, gap } = fitColumns(
    columns,
    rows.map((r) => r.cells),
    width,
  );
  const sep = ' '.repeat(gap);
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>{columns.map((c, i) => cell(c, widths[i]!)).join(sep)}</Text>
      </Line>
      {rows.map((r, ri) => (
        <Line key={ri} width={width}>
          <Text inverse={r.selected} dimColor={r.dim}>
            {r.cells.map((v, i) => {
              const c = colorOf(i, v);
              const t = cell(v, widths[i] ?? 0) + (i < r.cells.length - 1 ? sep : '');
              return c ? (
                <Text key={i} color={c}>
                  {t}
                </Text>
              ) : (
                t
              );
            })}
          </Text>
        </Line>
      ))}
    </Box>
  );
}

/** Colour carries meaning only: health and status. */
export function statusColor(column: string | undefined, value: string): string | undefined {
  if (column !== 'STATUS' && column !== 'Status' && column !== 'READY' && column !== 'Ready')
    return undefined;
  if (/^(ok|Running|Ready|Active|Bound|Succeeded|Completed)$/.test(value)) return 'green';
  if (/^(…|Pending|ContainerCreating|PodInitializing|Terminating|Init:.*|NotReady.*)$/.test(value)) {
    return 'yellow';
  }
  if (column === 'READY' || column === 'Ready') {
    const m = /^(\d+)\/(\d+)$/.exec(value);
    if (m) return m[1] === m[2] ? undefined : 'yellow';
    return undefined;
  }
  return 'red';
}

function YamlView({ frame, width, height }: { frame: YamlFrame; width: number; height: number }) {
  const lines = frame.error
    ? [`error: ${frame.error}`]
    : frame.text === undefined
      ? ['loading…']
      : frame.text.split('\n');
  const visible = Math.max(1, height - 1);
  const scroll = Math.min(frame.scroll, Math.max(0, lines.length - visible));
  const where = `${frame.cluster}/${frame.resource}/${frame.namespace ? `${frame.namespace}/` : ''}${frame.name}`;
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>
          {where} (YAML, lines {Math.min(lines.length, scroll + 1)}-{Math.min(lines.length, scroll + visible)}{' '}
          of {lines.length})
        </Text>
      </Line>
      {lines.slice(scroll, scroll + visible).map((l, i) => (
        <Line key={i} width={width}>
          {l}
        </Line>
      ))}
    </Box>
  );
}

function HelpView({ scroll, width, height }: { scroll: number; width: number; height: number }) {
  const keyWidth = Math.max(...KEY_HELP.map(([k]) => k.length)) + 2;
  const lines = KEY_HELP.map(([k, d]) => `${k.padEnd(keyWidth)}${d}`);
  const visible = Math.max(1, height - 1);
  const s = Math.min(scroll, Math.max(0, lines.length - visible));
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>Help: keys (Esc or ? to go back)</Text>
      </Line>
      {lines.slice(s, s + visible).map((l, i) => (
        <Line key={i} width={width}>
          {l}
        </Line>
      ))}
    </Box>
  );
}

function PickerView({ state, width, height }: { state: State; width: number; height: number }) {
  const items = pickerItems(state);
  const p = state.picker!;
  const visible = Math.max(1, height - 1);
  const scroll = Math.max(0, Math.min(p.selected - visible + 1, items.length - visible));
  const heading =
    p.kind === 'namespace'
      ? 'Namespace (Enter picks, Esc closes)'
      : 'Clusters included (Enter/space toggles, Esc closes)';
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>{heading}</Text>
      </Line>
      {items.slice(Math.max(0, scroll), Math.max(0, scroll) + visible).map((it, i) => (
        <Line key={it.label} width={width}>
          <Text inverse={Math.max(0, scroll) + i === p.selected}>
            {p.kind === 'clusters' ? (it.checked ? '[x] ' : '[ ] ') : it.checked ? '(•) ' : '( ) '}
            {it.label}
          </Text>
        </Line>
      ))}
    </Box>
  );
}
