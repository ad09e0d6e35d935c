/**
 * What the list views show: the clusters view's rows and a resource view's rows after the included
 * clusters, the namespace, the sort and the `/` filter. Pure selectors over the state, memoised so a
 * keystroke recomputes only the stage whose inputs changed.
 */
import { ageSortKey, liveCells } from './ages.js';
import { compareCells, compareKeys, sortKey } from './compare.js';
import { dataKey } from './frames.js';
import { podCounts } from './pods.js';
import type {
  ClusterHealth,
  ClusterMeta,
  ClustersFrame,
  ListFrame,
  PodMetrics,
  ResourceData,
  ResourceFrame,
  Row,
  State,
} from './types.js';

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
  const data = state.resources[dataKey(f)];
  return [
    'CLUSTER',
    ...(isNamespaced(data) ? ['NAMESPACE'] : []),
    ...(data?.columns ?? []),
    ...(showsUsage(state, f) ? USAGE_COLUMNS : []),
  ];
}

const USAGE_COLUMNS = ['CPU', 'MEM'];

/** A pods view shows CPU and MEM once a cluster's metrics API has answered. */
export function showsUsage(state: State, f: ResourceFrame): boolean {
  return f.resource === 'pods' && state.usage !== undefined && Object.keys(state.usage).length > 0;
}

/** Namespaced as discovery says, else as the rows show (kubectl adds NAMESPACE for -A the same way). */
export function isNamespaced(data: ResourceData | undefined): boolean {
  if (!data) return false;
  if (data.namespaced !== undefined) return data.namespaced;
  for (const rows of Object.values(data.rows)) if (rows.some((r) => r.namespace !== undefined)) return true;
  return false;
}

/**
 * A row's displayed cells: CLUSTER, NAMESPACE when namespaced, then the server's (ages at `now`), then
 * CPU and MEM when the view shows them (`width` server columns before them).
 */
export function rowCells(
  row: Row,
  namespaced: boolean,
  now?: number,
  usage?: { metrics: Record<string, Record<string, PodMetrics>>; width: number },
): string[] {
  const cells = liveCells(row, now);
  const lead = namespaced ? [row.cluster, row.namespace ?? ''] : [row.cluster];
  if (!usage) return [...lead, ...cells];
  const m = usage.metrics[row.cluster]?.[row.key];
  const own = Array.from({ length: usage.width }, (_, i) => cells[i] ?? '');
  return [...lead, ...own, m?.[0] ?? 'n/a', m?.[1] ?? 'n/a'];
}

/** The namespace a cluster is viewed in: the picked one, else the context's own; undefined = all. */
export function namespaceOf(state: State, cluster: string): string | undefined {
  return state.namespace ?? state.nsByCluster?.[cluster] ?? state.fallbackNs?.[cluster];
}

/** A displayed cell's sort key: ages by when they started, the rest by `sortKey`. */
function rowSortKey(
  row: Row,
  namespaced: boolean,
  i: number,
  usage?: { metrics: Record<string, Record<string, PodMetrics>>; width: number },
): number | string | undefined {
  if (i === 0) return sortKey(row.cluster);
  if (namespaced && i === 1) return sortKey(row.namespace ?? '');
  const c = i - (namespaced ? 2 : 1);
  if (usage && c >= usage.width) return usage.metrics[row.cluster]?.[row.key]?.[c - usage.width + 2];
  const text = row.cells[c] ?? '';
  return ageSortKey(text, row.stamps?.[c]) ?? sortKey(text);
}

// One-entry memos: each keystroke recomputes only the stage whose inputs changed (50,000 rows stay fast).
let baseMemo:
  | {
      data: ResourceData;
      rows: ResourceData['rows'];
      excluded: State['excluded'];
      ns: string | undefined;
      nsByCluster: State['nsByCluster'];
      fallbackNs: State['fallbackNs'];
      cluster: string | undefined;
      clusters: ClusterMeta[];
      out: Row[];
    }
  | undefined;
let sortMemo:
  { base: Row[]; sort: number; desc: boolean; namespaced: boolean; usage: unknown; out: Row[] } | undefined;
/** Filter results over one sorted list, by filter text: typing on narrows the last result, backspace hits. */
let filterMemo: { sorted: Row[]; byFilter: Map<string, Row[]> } | undefined;
const FILTER_MEMO_SIZE = 64;

/** The resource view's rows: included clusters, namespace, sort, then the `/` filter. */
export function visibleRows(state: State, f: ResourceFrame): Row[] {
  const data = state.resources[dataKey(f)];
  if (!data) return [];
  const namespaced = isNamespaced(data);

  let base: Row[];
  const m = baseMemo;
  if (
    m &&
    m.data.rows === data.rows &&
    m.excluded === state.excluded &&
    m.ns === state.namespace &&
    m.nsByCluster === state.nsByCluster &&
    m.fallbackNs === state.fallbackNs &&
    m.cluster === f.cluster &&
    m.clusters === state.clusters
  ) {
    base = m.out;
  } else {
    base = [];
    for (const c of state.clusters) {
      if (state.excluded[c.name]) continue;
      if (f.cluster !== undefined && c.name !== f.cluster) continue;
      const ns = namespaceOf(state, c.name);
      for (const r of data.rows[c.name] ?? []) {
        if (ns !== undefined && r.namespace !== undefined && (r.realNamespace ?? r.namespace) !== ns)
          continue;
        base.push(r);
      }
    }
    baseMemo = {
      data,
      rows: data.rows,
      excluded: state.excluded,
      ns: state.namespace,
      nsByCluster: state.nsByCluster,
      fallbackNs: state.fallbackNs,
      cluster: f.cluster,
      clusters: state.clusters,
      out: base,
    };
  }

  let sorted = base;
  if (f.sort >= 0) {
    const sm = sortMemo;
    const usage = showsUsage(state, f) ? { metrics: state.usage!, width: data.columns.length } : undefined;
    if (
      sm &&
      sm.base === base &&
      sm.sort === f.sort &&
      sm.desc === f.desc &&
      sm.namespaced === namespaced &&
      sm.usage === usage?.metrics
    ) {
      sorted = sm.out;
    } else {
      const sign = f.desc ? -1 : 1;
      const keyed = base.map((r) => ({ r, k: rowSortKey(r, namespaced, f.sort, usage) }));
      keyed.sort((a, b) => sign * compareKeys(a.k, b.k));
      sorted = keyed.map((x) => x.r);
      sortMemo = { base, sort: f.sort, desc: f.desc, namespaced, usage: usage?.metrics, out: sorted };
    }
  }

  if (f.filter === '') return sorted;
  if (!filterMemo || filterMemo.sorted !== sorted) filterMemo = { sorted, byFilter: new Map() };
  const memo = filterMemo.byFilter;
  const hit = memo.get(f.filter);
  if (hit) return hit;
  // A longer plain needle only narrows: start from the longest cached prefix's rows.
  let from = sorted;
  if (!f.filter.startsWith('!') && !isRegexFilter(f.filter)) {
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

const REGEX_CHARS = /[\\^$.|?*+()[\]{}]/;

/** A filter with regular-expression characters is a regular expression (case-insensitive), as in k9s. */
function isRegexFilter(filter: string): boolean {
  return REGEX_CHARS.test(filter.startsWith('!') ? filter.slice(1) : filter);
}

function applyFilter<T>(rows: T[], filter: string, text: (r: T) => string): T[] {
  const invert = filter.startsWith('!');
  const body = invert ? filter.slice(1) : filter;
  if (body === '') return rows;
  let re: RegExp | undefined;
  if (REGEX_CHARS.test(body)) {
    try {
      re = new RegExp(body, 'i');
    } catch {
      // half-typed (`web-(`): a plain substring until it compiles
    }
  }
  if (re) {
    const r = re;
    // Cells are joined by NUL: `.` and `[^x]` must not match across them as they would in one string.
    return rows.filter(
      (row) =>
        text(row)
          .split('\u0000')
          .some((cell) => r.test(cell)) !== invert,
    );
  }
  const needle = body.toLowerCase();
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
