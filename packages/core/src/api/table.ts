/** Server-side printed tables (`meta.k8s.io` Table), and the NAME/AGE table of servers without them. */
import { humanDuration } from '../util/duration.js';
import type { KubeObject, TableColumn, TableRow } from './types.js';

/** What kubectl sends to get server-side printed tables (v1, then v1beta1, then plain objects). */
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** A Table as the server sends it (or a list / an object, from a server without server-side printing). */
export interface RawTable {
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  columnDefinitions?: TableColumn[];
  rows?: TableRow[];
  items?: KubeObject[];
}

const FALLBACK_COLUMNS: TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', priority: 0, description: 'Name' },
  { name: 'Age', type: 'string', priority: 0, description: 'CreationTimestamp' },
];

/** A server that answered objects instead of a Table (no server-side printing): NAME and AGE, as kubectl. */
function objectsToRows(items: KubeObject[], now = Date.now()): TableRow[] {
  return items.map((obj) => {
    const ts = obj.metadata?.creationTimestamp;
    const age = ts ? humanDuration(now - Date.parse(ts)) : '<unknown>';
    return { cells: [obj.metadata?.name ?? '', age], object: { metadata: obj.metadata ?? {} } };
  });
}

/** Columns, rows, resourceVersion and continue token of a Table page, a list, or a single object. */
export function toTable(raw: RawTable | KubeObject): {
  columns: TableColumn[];
  rows: TableRow[];
  rv?: string;
  cont?: string;
} {
  const r = raw as RawTable;
  if (r.kind === 'Table') {
    return {
      columns: (r.columnDefinitions ?? []).map((c) => ({ ...c, priority: c.priority ?? 0 })),
      rows: r.rows ?? [],
      ...(r.metadata?.resourceVersion ? { rv: r.metadata.resourceVersion } : {}),
      ...(r.metadata?.continue ? { cont: r.metadata.continue } : {}),
    };
  }
  if (Array.isArray(r.items)) {
    return {
      columns: FALLBACK_COLUMNS,
      rows: objectsToRows(r.items),
      ...(r.metadata?.resourceVersion ? { rv: r.metadata.resourceVersion } : {}),
      ...(r.metadata?.continue ? { cont: r.metadata.continue } : {}),
    };
  }
  // A single object (get by name, or a watch event without Table support).
  const obj = raw as KubeObject;
  return { columns: FALLBACK_COLUMNS, rows: objectsToRows([obj]) };
}
