/**
 * The shape of the dashboard's state and the actions that change it. Plain data: no functions, no I/O.
 */
import type { ClusterHealth } from '@kubectl-mc/core/fleet';
import type { RunView } from '../runs.js';

/** What the topology file (or nothing) says about a cluster. */
export interface ClusterMeta {
  name: string;
  region?: string;
  environment?: string;
  /** With `--cluster-selector`: the cluster's values of the selector's keys (`env=prod`); clusters are ordered by it. */
  group?: string;
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
  /** Per cell (aligned with `cells`): when the age it shows started, epoch ms; it is redrawn from it. */
  stamps?: (number | undefined)[];
  /** The object's real name and namespace when escaping changed them (requests use these). */
  realName?: string;
  realNamespace?: string;
}

/** A pod's usage: CPU and MEM as kubectl top prints them, then as numbers (millicores, bytes). */
export type PodMetrics = [cpu: string, mem: string, cpuMilli: number, memBytes: number];

/** A row as the data layer hands it over (the reducer adds the search text). */
export interface RowInput {
  namespace?: string;
  name: string;
  cells: string[];
  object?: unknown;
  stamps?: (number | undefined)[];
  realName?: string;
  realNamespace?: string;
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

export interface ListFrame {
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
  /** `:pods app=web`: a label selector the clusters apply (its own watch). */
  selector?: string;
  /** Every column the server prints (`-o wide`: IP, NODE…), its own watch. */
  wide?: boolean;
}
export interface YamlFrame {
  kind: 'yaml';
  /** What the text is: the object's YAML (default) or kubectl's describe. */
  view?: 'describe';
  resource: string;
  cluster: string;
  /** Display (escaped) namespace and name; `realName`/`realNamespace` when escaping changed them. */
  namespace?: string;
  name: string;
  realName?: string;
  realNamespace?: string;
  /** Undefined while loading. */
  text?: string;
  error?: string;
  scroll: number;
}
export interface HelpFrame {
  kind: 'help';
  scroll: number;
}
/** Logs of a pod, or of a workload's pods on every cluster that has it (lines prefixed). */
export interface LogsFrame {
  kind: 'logs';
  /** Stream identity: a new id (a toggle of `previous` or `timestamps`) is a new stream. */
  id: number;
  resource: string;
  /** Contexts read: one for a pod, every cluster showing the workload for a workload. */
  clusters: string[];
  namespace?: string;
  name: string;
  realName?: string;
  realNamespace?: string;
  /** One container of a pod (its real name; picked in the container picker); undefined: all of them. */
  container?: string;
  /** That container's name as shown (escaped). */
  containerLabel?: string;
  previous: boolean;
  timestamps: boolean;
  wrap: boolean;
  /** Stick to the last line as lines come. */
  follow: boolean;
  /** Escaped display lines (bounded). */
  lines: string[];
  /** Lines dropped from the front to keep the bound. */
  dropped: number;
  /** Cluster- and source-level problems (escaped). */
  notes: string[];
  scroll: number;
}
/** `:drift`: the workloads whose clusters disagree on image or replicas (core's drift model). */
export interface DriftFrame {
  kind: 'drift';
  /** A new id asks the clusters again (`r`). */
  id: number;
  /** Undefined while loading. */
  text?: string;
  scroll: number;
}
/** `:runs`: the pipeline runs of the state directory (core's `listRuns`), refreshed while shown. */
export interface RunsFrame {
  kind: 'runs';
  selected: number;
  scroll: number;
}
/** Enter on a run: its stages and each cluster's status and message. */
export interface RunFrame {
  kind: 'run';
  /** The run's (escaped) id. */
  id: string;
  scroll: number;
}
export type Frame =
  ClustersFrame | ResourceFrame | YamlFrame | HelpFrame | LogsFrame | DriftFrame | RunsFrame | RunFrame;

export type Prompt = { kind: 'command' | 'filter'; text: string };
/** A pod's container, as the container picker offers it. */
export interface ContainerChoice {
  /** Real name (what the log request names). */
  name: string;
  /** Escaped for the terminal. */
  label: string;
  kind: 'init' | 'container' | 'ephemeral';
}
/**
 * `l` on a pod: its containers (init containers first) to pick one from, or all. `containers` is
 * undefined while the pod is being read; `logs` is the view the choice opens.
 */
export interface ContainerPicker {
  kind: 'containers';
  selected: number;
  id: number;
  logs: LogsFrame;
  containers?: ContainerChoice[];
}
export type Picker = { kind: 'namespace' | 'clusters'; selected: number } | ContainerPicker;

export interface State {
  clusters: ClusterMeta[];
  health: Record<string, ClusterHealth>;
  resources: Record<string, ResourceData>;
  /** Clusters the user has excluded with `c`. */
  excluded: Record<string, true>;
  /** The namespace picked with `n` or `:ns`, for every cluster; undefined: see `nsByCluster`, else all. */
  namespace?: string;
  /** Each context's own namespace (kubeconfig), when they differ and none was picked. */
  nsByCluster?: Record<string, string>;
  /** Each context's namespace in the kubeconfig (`default` when none), whatever is shown. */
  contextNs?: Record<string, string>;
  /**
   * Clusters shown in all namespaces whose user may not list across them: shown in their context's
   * namespace instead (and the view says so).
   */
  fallbackNs?: Record<string, string>;
  /** CPU and MEM per cluster and pod key, from the metrics API (while a pods view is shown). */
  usage?: Record<string, Record<string, PodMetrics>>;
  /** The clock ages are drawn with (epoch ms), moved by `tick`. */
  now?: number;
  /** The pipeline runs, as last read while `:runs` was shown (sorted, escaped); `error`: why not. */
  runs?: { list: RunView[]; at: number; error?: string };
  /** Stream ids for new log views. */
  nextId?: number;
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
  /** The fleet's clusters now (a hub's membership changed): see `state/membership.ts`. */
  | { type: 'clusters'; clusters: ClusterMeta[] }
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
  | {
      type: 'yamlLoaded';
      cluster: string;
      resource: string;
      key: string;
      view?: 'describe';
      text?: string;
      error?: string;
    }
  | { type: 'pageSize'; rows: number }
  | { type: 'push'; frame: Frame }
  | { type: 'pop' }
  | { type: 'openResource'; resource: string; cluster?: string; namespace?: string; selector?: string }
  | { type: 'open'; view: 'yaml' | 'describe' | 'logs' }
  | { type: 'logsToggle'; what: 'previous' | 'timestamps' | 'wrap' | 'follow' }
  | { type: 'logLines'; id: number; lines: string[] }
  | { type: 'logNote'; id: number; note: string }
  /** The pod's containers for the picker `id` (undefined: unknown, open every container's logs). */
  | { type: 'containersLoaded'; id: number; containers?: ContainerChoice[] }
  | { type: 'tick'; now: number }
  | { type: 'driftLoaded'; id: number; text: string }
  | { type: 'driftReload' }
  /** The runs read at `at` (epoch ms), or why they could not be (the last list is kept). */
  | { type: 'runsLoaded'; at: number; runs?: RunView[]; error?: string }
  | { type: 'usage'; cluster: string; pods: Record<string, PodMetrics> | undefined }
  | { type: 'sortBy'; column: string; desc: boolean }
  | { type: 'drill' }
  | { type: 'move'; delta: number }
  | { type: 'moveTo'; index: 'first' | 'last' }
  | { type: 'cycleSort' }
  | { type: 'toggleWide' }
  | { type: 'setFilter'; text: string }
  | { type: 'promptOpen'; kind: Prompt['kind'] }
  | { type: 'promptText'; text: string }
  | { type: 'promptComplete' }
  | { type: 'promptClose'; submit: boolean }
  | { type: 'pickerOpen'; kind: 'namespace' | 'clusters' }
  | { type: 'pickerMove'; delta: number }
  /** `previous`: the container picker opens the chosen container's previous logs (`p`). */
  | { type: 'pickerChoose'; previous?: boolean }
  | { type: 'pickerClose' }
  | { type: 'flash'; text?: string }
  | { type: 'quit' };

/** The actions of one concern (`ActionOf<'move' | 'moveTo'>`), for that concern's reducer. */
export type ActionOf<T extends Action['type']> = Extract<Action, { type: T }>;
