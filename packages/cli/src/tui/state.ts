/**
 * The dashboard's state: a plain reducer with no rendering and no I/O.
 *
 * The data controller (`data.ts`) dispatches what clusters answered; key handling (`keys.ts`) dispatches
 * what the user asked for; components only read. Everything here is a pure function of its inputs, so the
 * behaviour of the dashboard is tested without a terminal.
 */
import type { ClusterHealth } from '@kubectl-mc/core/fleet';

/** What the topology file (or nothing) says about a cluster. */
export interface ClusterMeta {
  name: string;
  region?: string;
  environment?: string;
}

/** One failure, as a front end shows it. */
export interface ErrorInfo {
  kind: string;
  message: string;
}

/** The health of one cluster, as last checked: core's one type, its strings escaped by the controller. */
export type { ClusterHealth };

/** A row of a resource table, from one cluster. */
export interface Row {
  cluster: string;
  /** Stable identity within the cluster: namespace/name. */
  key: string;
  namespace?: string;
  name: string;
  /** The server's cells, aligned with the resource's `columns` (already display strings). */
  cells: string[];
  /** The object (or its metadata) the server sent with the row. */
  object?: unknown;
  /** Lower-cased text of the cluster and every cell, for the `/` filter. */
  search: string;
}

/** One resource (pods, deployments…) across the clusters. */
export interface ResourceData {
  /** The server's column names, `CLUSTER` not included. */
  columns: string[];
  /** Rows per cluster, in the order the server gave them. */
  rows: Record<string, Row[]>;
  /** Clusters that could not list or watch it, and why. */
  errors: Record<string, ErrorInfo>;
  /** Clusters that have answered at least once. */
  loaded: Record<string, true>;
  /** Whether objects are namespaced (undefined until known). */
  namespaced?: boolean;
}

interface ListFrame {
  /** `/` filter text (`!text` inverts). */
  filter: string;
  /** Index of the sort column in the displayed columns, or -1 for the natural order. */
  sort: number;
  /** Sort descending. */
  desc: boolean;
  /** Index of the selected row in the displayed (filtered, sorted) rows. */
  selected: number;
  /** First displayed row. */
  scroll: number;
}

export interface ClustersFrame extends ListFrame {
  kind: 'clusters';
}
export interface ResourceFrame extends ListFrame {
  kind: 'resource';
  /** The resource key (normalised name the user typed). */
  resource: string;
  /** Drill-down: only this cluster. */
  cluster?: string;
}
export interface YamlFrame {
  kind: 'yaml';
  resource: string;
  cluster: string;
  namespace?: string;
  name: string;
  /** Undefined while loading. */
  text?: string;
  error?: string;
  scroll: number;
}
export interface HelpFrame {
  kind: 'help';
  scroll: number;
}
export type Frame = ClustersFrame | ResourceFrame | YamlFrame | HelpFrame;

export type Prompt = { kind: 'command' | 'filter'; text: string };
export type Picker = { kind: 'namespace' | 'clusters'; selected: number };

export interface State {
  clusters: ClusterMeta[];
  health: Record<string, ClusterHealth>;
  resources: Record<string, ResourceData>;
  /** Clusters the user has excluded with `c`. */
  excluded: Record<string, true>;
  /** The namespace picked with `n`; undefined = all. */
  namespace?: string;
  /** The view stack; the last frame is shown. Never empty. */
  stack: Frame[];
  prompt?: Prompt;
  picker?: Picker;
  /** Rows available for the list (terminal height minus chrome). */
  pageSize: number;
  lastRefresh?: number;
  /** A one-line message (unknown command…), cleared by the next key. */
  flash?: string;
  quitting: boolean;
}

export type Action =
  | { type: 'batch'; actions: Action[] }
  | { type: 'health'; cluster: string; health: ClusterHealth }
  | { type: 'refreshed'; at: number }
  | { type: 'resourceMeta'; resource: string; namespaced: boolean }
  | {
      type: 'rowsReplaced';
      resource: string;
      cluster: string;
      columns: string[];
      rows: RowInput[];
    }
  | { type: 'rowUpsert'; resource: string; cluster: string; columns?: string[]; row: RowInput }
  | { type: 'rowDelete'; resource: string; cluster: string; key: string }
  | { type: 'resourceError'; resource: string; cluster: string; error: ErrorInfo | undefined }
  | { type: 'yamlLoaded'; cluster: string; resource: string; key: string; text?: string; error?: string }
  | { type: 'pageSize'; rows: number }
  | { type: 'push'; frame: Frame }
  | { type: 'pop' }
  | { type: 'openResource'; resource: string; cluster?: string }
  | { type: 'drill' }
  | { type: 'move'; delta: number }
  | { type: 'moveTo'; index: 'first' | 'last' }
  | { type: 'cycleSort' }
  | { type: 'setFilter'; text: string }
  | { type: 'promptOpen'; kind: Prompt['kind'] }
  | { type: 'promptText'; text: string }
  | { type: 'promptClose'; submit: boolean }
  | { type: 'pickerOpen'; kind: Picker['kind'] }
  | { type: 'pickerMove'; delta: number }
  | { type: 'pickerChoose' }
  | { type: 'pickerClose' }
  | { type: 'flash'; text?: string }
  | { type: 'quit' };

/** A row as the data layer hands it over (the reducer adds the search text). */
export interface RowInput {
  namespace?: string;
  name: string;
  cells: string[];
  object?: unknown;
}

export const CLUSTER_COLUMNS = [
  'NAME',
  'REGION',
  'ENV',
  'STATUS',
  'VERSION',
  'LATENCY',
  'NODES',
  'PODS R/P/F/C',
  'WARN',
] as const;

/** The resource names people type, mapped to one key so `:po` and `:pods` share a watch. */
const ALIASES: Record<string, string> = {
  po: 'pods',
  pod: 'pods',
  deploy: 'deployments',
  deployment: 'deployments',
  svc: 'services',
  service: 'services',
  no: 'nodes',
  node: 'nodes',
  ns: 'namespaces',
  namespace: 'namespaces',
  rs: 'replicasets',
  ds: 'daemonsets',
  sts: 'statefulsets',
  cm: 'configmaps',
  ev: 'events',
  ing: 'ingresses',
  pvc: 'persistentvolumeclaims',
  pv: 'persistentvolumes',
  sa: 'serviceaccounts',
  fdeploy: 'federateddeployments',
};

export function normaliseResource(name: string): string {
  const n = name.trim().toLowerCase();
  return ALIASES[n] ?? n;
}

export function initialState(clusters: ClusterMeta[], pageSize = 20): State {
  const health: Record<string, ClusterHealth> = {};
  for (const c of clusters) health[c.name] = { state: 'pending' };
  return {
    clusters,
    health,
    resources: {},
    excluded: {},
    stack: [{ kind: 'clusters', ...freshList() }],
    pageSize: Math.max(1, pageSize),
    quitting: false,
  };
}

function freshList(): ListFrame {
  return { filter: '', sort: -1, desc: false, selected: 0, scroll: 0 };
}

export function top(state: State): Frame {
  return state.stack[state.stack.length - 1]!;
}

function replaceTop(state: State, frame: Frame): State {
  return { ...state, stack: [...state.stack.slice(0, -1), frame] };
}

function emptyResource(): ResourceData {
  return { columns: [], rows: {}, errors: {}, loaded: {} };
}

function toRow(cluster: string, input: RowInput): Row {
  const key = input.namespace ? `${input.namespace}/${input.name}` : input.name;
  return {
    cluster,
    key,
    ...(input.namespace !== undefined ? { namespace: input.namespace } : {}),
    name: input.name,
    cells: input.cells,
    ...(input.object !== undefined ? { object: input.object } : {}),
    search: `${cluster}\u0000${input.namespace ?? ''}\u0000${input.cells.join('\u0000')}`.toLowerCase(),
  };
}

/** Cells re-ordered from a cluster's columns to the resource's columns (clusters may differ by version). */
function align(columns: string[], own: string[], cells: string[]): string[] {
  if (own.length === columns.length && own.every((c, i) => c === columns[i])) return cells;
  return columns.map((c) => {
    const i = own.indexOf(c);
    return i >= 0 ? (cells[i] ?? '') : '';
  });
}

function mergeColumns(existing: string[], incoming: string[]): string[] {
  if (existing.length === 0) return incoming;
  const extra = incoming.filter((c) => !existing.includes(c));
  return extra.length === 0 ? existing : [...existing, ...extra];
}

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'batch':
      return action.actions.reduce(reducer, state);
    case 'health':
      return { ...state, health: { ...state.health, [action.cluster]: action.health } };
    case 'refreshed':
      return { ...state, lastRefresh: action.at };
    case 'resourceMeta': {
      const r = state.resources[action.resource] ?? emptyResource();
      return {
        ...state,
        resources: { ...state.resources, [action.resource]: { ...r, namespaced: action.namespaced } },
      };
    }
    case 'rowsReplaced': {
      const r = state.resources[action.resource] ?? emptyResource();
      const columns = mergeColumns(r.columns, action.columns);
      const rows = action.rows.map((row) =>
        toRow(action.cluster, { ...row, cells: align(columns, action.columns, row.cells) }),
      );
      const errors = { ...r.errors };
      delete errors[action.cluster];
      return clampFor(action.resource, {
        ...state,
        resources: {
          ...state.resources,
          [action.resource]: {
            ...r,
            columns,
            rows: { ...r.rows, [action.cluster]: rows },
            errors,
            loaded: { ...r.loaded, [action.cluster]: true },
          },
        },
      });
    }
    case 'rowUpsert': {
      const r = state.resources[action.resource] ?? emptyResource();
      const own = action.columns ?? r.columns;
      const columns = mergeColumns(r.columns, own);
      const row = toRow(action.cluster, { ...action.row, cells: align(columns, own, action.row.cells) });
      const list = r.rows[action.cluster] ?? [];
      const i = list.findIndex((x) => x.key === row.key);
      const next = i >= 0 ? [...list.slice(0, i), row, ...list.slice(i + 1)] : [...list, row];
      return {
        ...state,
        resources: {
          ...state.resources,
          [action.resource]: {
            ...r,
            columns,
            rows: { ...r.rows, [action.cluster]: next },
            loaded: { ...r.loaded, [action.cluster]: true },
          },
        },
      };
    }
    case 'rowDelete': {
      const r = state.resources[action.resource];
      const list = r?.rows[action.cluster];
      if (!r || !list) return state;
      const next = list.filter((x) => x.key !== action.key);
      if (next.length === list.length) return state;
      return clampFor(action.resource, {
        ...state,
        resources: {
          ...state.resources,
          [action.resource]: { ...r, rows: { ...r.rows, [action.cluster]: next } },
        },
      });
    }
    case 'resourceError': {
      const r = state.resources[action.resource] ?? emptyResource();
      const errors = { ...r.errors };
      if (action.error) errors[action.cluster] = action.error;
      else delete errors[action.cluster];
      return {
        ...state,
        resources: {
          ...state.resources,
          [action.resource]: { ...r, errors, loaded: { ...r.loaded, [action.cluster]: true } },
        },
      };
    }
    case 'yamlLoaded': {
      const stack = state.stack.map((f) =>
        f.kind === 'yaml' &&
        f.cluster === action.cluster &&
        f.resource === action.resource &&
        yamlKey(f) === action.key &&
        f.text === undefined &&
        f.error === undefined
          ? {
              ...f,
              ...(action.text !== undefined ? { text: action.text } : {}),
              ...(action.error !== undefined ? { error: action.error } : {}),
            }
          : f,
      );
      return { ...state, stack };
    }
    case 'pageSize':
      return clampTop({ ...state, pageSize: Math.max(1, action.rows) });
    case 'push':
      return { ...state, stack: [...state.stack, action.frame], flash: undefined };
    case 'pop': {
      const f = top(state);
      if ((f.kind === 'clusters' || f.kind === 'resource') && f.filter !== '') {
        return clampTop(replaceTop(state, { ...f, filter: '', selected: 0, scroll: 0 }));
      }
      if (state.stack.length <= 1) return state;
      return clampTop({ ...state, stack: state.stack.slice(0, -1) });
    }
    case 'openResource': {
      const resource = normaliseResource(action.resource);
      if (resource === '') return state;
      if (
        resource === 'clusters' ||
        resource === 'cluster' ||
        resource === 'ctx' ||
        resource === 'contexts'
      ) {
        return { ...state, stack: [state.stack[0]!] };
      }
      const frame: ResourceFrame = {
        kind: 'resource',
        resource,
        ...(action.cluster !== undefined ? { cluster: action.cluster } : {}),
        ...freshList(),
      };
      // `:` replaces the current resource view rather than stacking them, as k9s does.
      const base = action.cluster !== undefined ? state.stack : [state.stack[0]!];
      return { ...state, stack: [...base, frame] };
    }
    case 'drill': {
      const f = top(state);
      if (f.kind === 'clusters') {
        const c = visibleClusters(state)[f.selected];
        if (!c) return state;
        return reducer(state, { type: 'openResource', resource: 'pods', cluster: c.name });
      }
      if (f.kind === 'resource') {
        const row = visibleRows(state, f)[f.selected];
        if (!row) return state;
        const frame: YamlFrame = {
          kind: 'yaml',
          resource: f.resource,
          cluster: row.cluster,
          ...(row.namespace !== undefined ? { namespace: row.namespace } : {}),
          name: row.name,
          scroll: 0,
        };
        return { ...state, stack: [...state.stack, frame] };
      }
      return state;
    }
    case 'move': {
      const f = top(state);
      if (f.kind === 'yaml' || f.kind === 'help') {
        return replaceTop(state, { ...f, scroll: Math.max(0, f.scroll + action.delta) });
      }
      return clampTop(replaceTop(state, { ...f, selected: f.selected + action.delta }));
    }
    case 'moveTo': {
      const f = top(state);
      const far = Number.MAX_SAFE_INTEGER;
      if (f.kind === 'yaml' || f.kind === 'help') {
        return replaceTop(state, { ...f, scroll: action.index === 'first' ? 0 : far });
      }
      return clampTop(replaceTop(state, { ...f, selected: action.index === 'first' ? 0 : far }));
    }
    case 'cycleSort': {
      const f = top(state);
      if (f.kind !== 'clusters' && f.kind !== 'resource') return state;
      const n = displayColumns(state, f).length;
      // natural → col 0 asc → col 1 asc → … → natural
      const sort = f.sort + 1 >= n ? -1 : f.sort + 1;
      return clampTop(replaceTop(state, { ...f, sort, desc: false }));
    }
    case 'setFilter': {
      const f = top(state);
      if (f.kind !== 'clusters' && f.kind !== 'resource') return state;
      return clampTop(replaceTop(state, { ...f, filter: action.text, selected: 0, scroll: 0 }));
    }
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
      return state.prompt.kind === 'filter' ? reducer(next, { type: 'setFilter', text: action.text }) : next;
    }
    case 'promptClose': {
      const p = state.prompt;
      if (!p) return state;
      const closed: State = { ...state, prompt: undefined };
      if (p.kind === 'filter') {
        return action.submit ? closed : reducer(closed, { type: 'setFilter', text: '' });
      }
      if (!action.submit) return closed;
      const text = p.text.trim();
      if (text === 'q' || text === 'quit' || text === 'q!') return { ...closed, quitting: true };
      if (text === 'help') return reducer(closed, { type: 'push', frame: { kind: 'help', scroll: 0 } });
      return reducer(closed, { type: 'openResource', resource: text });
    }
    case 'pickerOpen':
      return { ...state, picker: { kind: action.kind, selected: 0 }, flash: undefined };
    case 'pickerMove': {
      if (!state.picker) return state;
      const n = pickerItems(state).length;
      const selected = Math.min(Math.max(0, state.picker.selected + action.delta), Math.max(0, n - 1));
      return { ...state, picker: { ...state.picker, selected } };
    }
    case 'pickerChoose': {
      const p = state.picker;
      if (!p) return state;
      const item = pickerItems(state)[p.selected];
      if (item === undefined) return { ...state, picker: undefined };
      if (p.kind === 'namespace') {
        return clampTop({ ...state, namespace: item.value, picker: undefined });
      }
      // clusters: toggle, keep the picker open
      const name = item.value!;
      const excluded = { ...state.excluded };
      if (excluded[name]) delete excluded[name];
      else excluded[name] = true;
      return clampTop({ ...state, excluded });
    }
    case 'pickerClose':
      return { ...state, picker: undefined };
    case 'flash':
      return { ...state, flash: action.text };
    case 'quit':
      return { ...state, quitting: true };
  }
}

function yamlKey(f: YamlFrame): string {
  return f.namespace ? `${f.namespace}/${f.name}` : f.name;
}
export { yamlKey };

function currentFilter(state: State): string {
  const f = top(state);
  return f.kind === 'clusters' || f.kind === 'resource' ? f.filter : '';
}

/** Clamp only when the shown view lists this resource (keeps bulk updates cheap). */
function clampFor(resource: string, state: State): State {
  const f = top(state);
  return f.kind === 'resource' && f.resource === resource ? clampTop(state) : state;
}

/** Keep the selection within the rows and the scroll window around the selection. */
function clampTop(state: State): State {
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

// ---------------------------------------------------------------- selectors

export interface PodCounts {
  running: number;
  pending: number;
  failed: number;
  crashLoop: number;
}

const podCountCache = new WeakMap<Row[], { statusCol: number; counts: PodCounts }>();

/**
 * Count a cluster's pods by their STATUS cell, as kubectl prints it; CrashLoopBackOff counted apart from
 * Running. Cached per rows array: the reducer replaces the array when the cluster's pods change.
 */
export function podCounts(data: ResourceData | undefined, cluster: string): PodCounts | undefined {
  const rows = data?.rows[cluster];
  if (!data || !rows) return undefined;
  const statusCol = data.columns.findIndex((c) => c.toLowerCase() === 'status');
  const hit = podCountCache.get(rows);
  if (hit && hit.statusCol === statusCol) return hit.counts;
  const counts: PodCounts = { running: 0, pending: 0, failed: 0, crashLoop: 0 };
  for (const r of rows) {
    const cell = statusCol >= 0 ? (r.cells[statusCol] ?? '') : '';
    const phase = podPhase(r.object) ?? '';
    if (cell.includes('CrashLoopBackOff')) counts.crashLoop++;
    else if (phase === 'Failed' || FAILED.test(cell)) counts.failed++;
    else if (phase === 'Pending' || (phase === '' && PENDING.test(cell))) counts.pending++;
    else if (phase === 'Running' || cell === 'Running') counts.running++;
  }
  podCountCache.set(rows, { statusCol, counts });
  return counts;
}

const FAILED = /^(Failed|Error|OOMKilled|Evicted)$/;
const PENDING = /^(Pending|ContainerCreating|PodInitializing|Init:.*|ImagePullBackOff|ErrImagePull)$/;

function podPhase(object: unknown): string | undefined {
  if (typeof object !== 'object' || object === null) return undefined;
  const status = (object as { status?: { phase?: unknown } }).status;
  return typeof status?.phase === 'string' ? status.phase : undefined;
}

export interface FleetSummary {
  healthy: number;
  total: number;
  pods: PodCounts;
  slowest?: { cluster: string; latencyMs: number };
  lastRefresh?: number;
}

/** The header: over the included clusters. */
export function fleetSummary(state: State): FleetSummary {
  const included = state.clusters.filter((c) => !state.excluded[c.name]);
  const pods: PodCounts = { running: 0, pending: 0, failed: 0, crashLoop: 0 };
  let healthy = 0;
  let slowest: FleetSummary['slowest'];
  for (const c of included) {
    const h = state.health[c.name];
    if (h?.state === 'ok') healthy++;
    if (h?.state === 'ok' && h.latencyMs !== undefined && (!slowest || h.latencyMs > slowest.latencyMs)) {
      slowest = { cluster: c.name, latencyMs: h.latencyMs };
    }
    const p = podCounts(state.resources['pods'], c.name);
    if (p) {
      pods.running += p.running;
      pods.pending += p.pending;
      pods.failed += p.failed;
      pods.crashLoop += p.crashLoop;
    }
  }
  return {
    healthy,
    total: included.length,
    pods,
    ...(slowest ? { slowest } : {}),
    ...(state.lastRefresh !== undefined ? { lastRefresh: state.lastRefresh } : {}),
  };
}

export interface ClusterRow {
  name: string;
  excluded: boolean;
  health: ClusterHealth;
  cells: string[];
}

/** The clusters view's rows, after filter and sort. */
export function visibleClusters(state: State): ClusterRow[] {
  const frame = state.stack[0] as ClustersFrame;
  const rows = state.clusters.map((c): ClusterRow => {
    const h = state.health[c.name] ?? { state: 'pending' };
    const p = podCounts(state.resources['pods'], c.name);
    const num = (n: number | undefined) => (n === undefined ? '' : String(n));
    const status = h.state === 'ok' ? 'ok' : h.state === 'pending' ? '…' : errorLabel(h.error.kind);
    const ok = h.state === 'ok' ? h : undefined;
    return {
      name: c.name,
      excluded: !!state.excluded[c.name],
      health: h,
      cells: [
        c.name,
        c.region ?? '',
        c.environment ?? '',
        status,
        ok?.version ?? '',
        ok ? `${Math.round(ok.latencyMs)}ms` : '',
        ok?.nodesTotal !== undefined ? `${ok.nodesReady ?? 0}/${ok.nodesTotal}` : '',
        p ? `${p.running}/${p.pending}/${p.failed}/${p.crashLoop}` : '',
        num(ok?.warnings),
      ],
    };
  });
  return sortAndFilter(rows, frame);
}

/** `Unreachable` → `unreachable`: the typed error as a status word. */
export function errorLabel(kind: string | undefined): string {
  return (kind ?? 'error').toLowerCase();
}

/** Displayed columns of a list frame, `CLUSTER` first for resources. */
export function displayColumns(state: State, f: ClustersFrame | ResourceFrame): string[] {
  if (f.kind === 'clusters') return [...CLUSTER_COLUMNS];
  const data = state.resources[f.resource];
  return ['CLUSTER', ...(isNamespaced(data) ? ['NAMESPACE'] : []), ...(data?.columns ?? [])];
}

/** Namespaced as discovery says, else as the rows show (kubectl adds NAMESPACE for -A the same way). */
export function isNamespaced(data: ResourceData | undefined): boolean {
  if (!data) return false;
  if (data.namespaced !== undefined) return data.namespaced;
  for (const rows of Object.values(data.rows)) if (rows.some((r) => r.namespace !== undefined)) return true;
  return false;
}

/** A row's displayed cells: CLUSTER, NAMESPACE when namespaced, then the server's. */
export function rowCells(row: Row, namespaced: boolean): string[] {
  return namespaced ? [row.cluster, row.namespace ?? '', ...row.cells] : [row.cluster, ...row.cells];
}

function rowCell(row: Row, namespaced: boolean, i: number): string {
  if (i === 0) return row.cluster;
  if (namespaced) return i === 1 ? (row.namespace ?? '') : (row.cells[i - 2] ?? '');
  return row.cells[i - 1] ?? '';
}

// One-entry memos: each keystroke recomputes only the stage whose inputs changed (50,000 rows stay fast).
let baseMemo:
  | {
      data: ResourceData;
      rows: ResourceData['rows'];
      excluded: State['excluded'];
      ns: string | undefined;
      cluster: string | undefined;
      clusters: ClusterMeta[];
      out: Row[];
    }
  | undefined;
let sortMemo: { base: Row[]; sort: number; desc: boolean; namespaced: boolean; out: Row[] } | undefined;
/** Filter results over one sorted list, by filter text: typing on narrows the last result, backspace hits. */
let filterMemo: { sorted: Row[]; byFilter: Map<string, Row[]> } | undefined;
const FILTER_MEMO_SIZE = 64;

/** The resource view's rows: included clusters, namespace, sort, then the `/` filter. */
export function visibleRows(state: State, f: ResourceFrame): Row[] {
  const data = state.resources[f.resource];
  if (!data) return [];
  const namespaced = isNamespaced(data);

  let base: Row[];
  const m = baseMemo;
  if (
    m &&
    m.data.rows === data.rows &&
    m.excluded === state.excluded &&
    m.ns === state.namespace &&
    m.cluster === f.cluster &&
    m.clusters === state.clusters
  ) {
    base = m.out;
  } else {
    base = [];
    for (const c of state.clusters) {
      if (state.excluded[c.name]) continue;
      if (f.cluster !== undefined && c.name !== f.cluster) continue;
      for (const r of data.rows[c.name] ?? []) {
        if (state.namespace !== undefined && r.namespace !== undefined && r.namespace !== state.namespace)
          continue;
        base.push(r);
      }
    }
    baseMemo = {
      data,
      rows: data.rows,
      excluded: state.excluded,
      ns: state.namespace,
      cluster: f.cluster,
      clusters: state.clusters,
      out: base,
    };
  }

  let sorted = base;
  if (f.sort >= 0) {
    const sm = sortMemo;
    if (sm && sm.base === base && sm.sort === f.sort && sm.desc === f.desc && sm.namespaced === namespaced) {
      sorted = sm.out;
    } else {
      const sign = f.desc ? -1 : 1;
      const keyed = base.map((r) => ({ r, k: sortKey(rowCell(r, namespaced, f.sort)) }));
      keyed.sort((a, b) => sign * compareKeys(a.k, b.k));
      sorted = keyed.map((x) => x.r);
      sortMemo = { base, sort: f.sort, desc: f.desc, namespaced, out: sorted };
    }
  }

  if (f.filter === '') return sorted;
  if (!filterMemo || filterMemo.sorted !== sorted) filterMemo = { sorted, byFilter: new Map() };
  const memo = filterMemo.byFilter;
  const hit = memo.get(f.filter);
  if (hit) return hit;
  // A longer plain needle only narrows: start from the longest cached prefix's rows.
  let from = sorted;
  if (!f.filter.startsWith('!')) {
    for (let n = f.filter.length - 1; n > 0; n--) {
      const prefix = memo.get(f.filter.slice(0, n));
      if (prefix) {
        from = prefix;
        break;
      }
    }
  }
  const out = applyFilter(from, f.filter, (r) => r.search);
  if (memo.size >= FILTER_MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(f.filter, out);
  return out;
}

function applyFilter<T>(rows: T[], filter: string, text: (r: T) => string): T[] {
  const invert = filter.startsWith('!');
  const needle = (invert ? filter.slice(1) : filter).toLowerCase();
  if (needle === '') return rows;
  return rows.filter((r) => text(r).includes(needle) !== invert);
}

function sortAndFilter<T extends { cells: string[] }>(rows: T[], f: ListFrame): T[] {
  let out = rows;
  if (f.filter !== '') out = applyFilter(out, f.filter, (r) => r.cells.join('\u0000').toLowerCase());
  if (f.sort >= 0) {
    const i = f.sort;
    const sign = f.desc ? -1 : 1;
    out = [...out].sort((a, b) => sign * compareCells(a.cells[i] ?? '', b.cells[i] ?? ''));
  }
  return out;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, y: 31536000 };

/** Seconds in a kubectl age (`5m`, `2d3h`), or undefined. */
export function ageSeconds(text: string): number | undefined {
  if (!/^(\d+[smhdy])+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+)([smhdy])/g)) total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return total;
}

/**
 * A cell as a cheap sort key (sorting 50,000 rows with a collator is too slow for a keystroke): ages as
 * seconds, cells starting with a number (`3`, `1/1`, `2 (5m ago)`) by that number, the rest lower-cased.
 */
export function sortKey(text: string): number | string | undefined {
  if (text === '' || text === '<none>') return undefined;
  const age = ageSeconds(text);
  if (age !== undefined) return age;
  const m = /^-?\d+(\.\d+)?/.exec(text);
  if (m && (m[0].length === text.length || !/[\d.]/.test(text[m[0].length]!))) return Number(m[0]);
  return text.toLowerCase();
}

/** Numbers before text; empty cells last. */
export function compareKeys(a: number | string | undefined, b: number | string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : 1;
}

/** Ages as durations, numbers numerically (`10` after `9`), empty cells last, the rest by text. */
export function compareCells(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const da = ageSeconds(a);
  const db = ageSeconds(b);
  if (da !== undefined && db !== undefined) return da - db;
  return collator.compare(a, b);
}

export interface PickerItem {
  label: string;
  /** Namespace (undefined = all) or cluster name. */
  value: string | undefined;
  checked?: boolean;
}

/** What the `n` or `c` picker offers. */
export function pickerItems(state: State): PickerItem[] {
  if (state.picker?.kind === 'clusters') {
    return state.clusters.map((c) => ({ label: c.name, value: c.name, checked: !state.excluded[c.name] }));
  }
  const seen = new Set<string>();
  for (const data of Object.values(state.resources)) {
    for (const rows of Object.values(data.rows)) for (const r of rows) if (r.namespace) seen.add(r.namespace);
  }
  return [
    { label: '(all namespaces)', value: undefined, checked: state.namespace === undefined },
    ...[...seen].sort().map((ns) => ({ label: ns, value: ns, checked: state.namespace === ns })),
  ];
}

/** Resources the current view stack needs data for (the controller keeps these watched). */
export function neededResources(state: State): string[] {
  const out = new Set<string>(['pods']);
  for (const f of state.stack) if (f.kind === 'resource' || f.kind === 'yaml') out.add(f.resource);
  return [...out];
}
