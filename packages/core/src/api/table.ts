/** Server-side printed tables (`meta.k8s.io` Table), and the NAME/AGE table of servers without them. */
import { humanDuration } from '../util/duration.js';
import type { KubeObject, TableColumn, TableRow } from './types.js';
import { checkColumns, checkItems, checkObject, checkRows, expectObject, listMeta } from './validate.js';

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

/**
 * Columns, rows, resourceVersion and continue token of a Table page, a list, or a single object, checked:
 * anything of the wrong shape is the cluster's `InvalidResponse`.
 */
export function toTable(
  raw: unknown,
  context: string,
): {
  columns: TableColumn[];
  rows: TableRow[];
  rv?: string;
  cont?: string;
} {
  const r = expectObject(raw, 'a response', context);
  if (r['kind'] === 'Table') {
    const columns = checkColumns(r['columnDefinitions'], context);
    const rows = checkRows(r['rows'], context);
    return { columns, rows, ...listMeta(r, 'a Table', context) };
  }
  if (r['items'] !== undefined) {
    const items = checkItems(r['items'], context);
    return { columns: FALLBACK_COLUMNS, rows: objectsToRows(items), ...listMeta(r, 'a list', context) };
  }
  // A single object (get by name, or a watch event without Table support).
  return { columns: FALLBACK_COLUMNS, rows: objectsToRows([checkObject(r, 'an object', context)]) };
}
