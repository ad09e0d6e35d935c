/** One API resource type of one cluster, as discovery reports it. */
export interface ResolvedResource {
  /** API group, `''` for the core group. */
  group: string;
  version: string;
  /** Plural resource name used in paths (`pods`). */
  resource: string;
  kind: string;
  namespaced: boolean;
  singular: string;
  shortNames: string[];
  verbs: string[];
  categories: string[];
}

export interface ListOptions {
  /** Namespace to list in (namespaced resources); default `default`. */
  namespace?: string;
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size (default 500). */
  limit?: number;
  /** For Table requests: what each row carries in `object` (server default `Metadata`). */
  includeObject?: 'None' | 'Metadata' | 'Object';
  /**
   * Most rows a server-printed list may hold, all pages together (`listTable`): more is that cluster's
   * `InvalidResponse`, refused page by page before the rows are kept (a server ignoring `limit`, or a
   * collection too big to keep live). Default: no bound.
   */
  maxRows?: number;
  signal?: AbortSignal;
}

export interface TableColumn {
  name: string;
  type: string;
  format?: string;
  priority: number;
  description?: string;
}

export interface RowObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  [key: string]: unknown;
}

export interface TableRow {
  cells: unknown[];
  object?: { metadata?: RowObjectMeta; [key: string]: unknown };
}

export interface Table {
  columns: TableColumn[];
  rows: TableRow[];
  resourceVersion?: string;
  /** `getTable`: the names the server does not have. */
  notFound?: string[];
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  [key: string]: unknown;
}

/** Any Kubernetes object, loosely typed. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}
