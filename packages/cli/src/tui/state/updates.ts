/**
 * What the clusters answered, as the data controller dispatches it: health, resource rows (whole lists and
 * watch events), per-cluster errors and YAML.
 */
import { yamlKey } from './frames.js';
import { clampFor } from './selection.js';
import { namespaceOf } from './views.js';
import type { ActionOf, ResourceData, Row, RowInput, State } from './types.js';

export type UpdateAction = ActionOf<
  | 'health'
  | 'refreshed'
  | 'resourceMeta'
  | 'rowsReplaced'
  | 'rowUpsert'
  | 'rowDelete'
  | 'resourceError'
  | 'yamlLoaded'
>;

export function updateReducer(state: State, action: UpdateAction): State {
  switch (action.type) {
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
      const rows = action.rows.map((row) => toRow(action.cluster, aligned(columns, action.columns, row)));
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
      const row = toRow(action.cluster, aligned(columns, own, action.row));
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
      // Refused across all namespaces: fall back to the context's own namespace, as kubectl would list.
      const own = state.contextNs?.[action.cluster];
      if (
        action.error?.kind === 'Forbidden' &&
        own !== undefined &&
        r.namespaced !== false &&
        namespaceOf(state, action.cluster) === undefined
      ) {
        return { ...state, fallbackNs: { ...state.fallbackNs, [action.cluster]: own } };
      }
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
        f.view === action.view &&
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
  }
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
    ...(input.stamps !== undefined ? { stamps: input.stamps } : {}),
    ...(input.realName !== undefined ? { realName: input.realName } : {}),
    ...(input.realNamespace !== undefined ? { realNamespace: input.realNamespace } : {}),
    search: `${cluster}\u0000${input.namespace ?? ''}\u0000${input.cells.join('\u0000')}`.toLowerCase(),
  };
}

/** A row's cells (and their stamps) in the resource's columns. */
function aligned(columns: string[], own: string[], row: RowInput): RowInput {
  if (own.length === columns.length && own.every((c, i) => c === columns[i])) return row;
  return {
    ...row,
    cells: align(columns, own, row.cells, ''),
    ...(row.stamps ? { stamps: align(columns, own, row.stamps, undefined) } : {}),
  };
}

/** Cells re-ordered from a cluster's columns to the resource's columns (clusters may differ by version). */
function align<T>(columns: string[], own: string[], cells: T[], missing: T): T[] {
  return columns.map((c) => {
    const i = own.indexOf(c);
    return i >= 0 ? (cells[i] ?? missing) : missing;
  });
}

function mergeColumns(existing: string[], incoming: string[]): string[] {
  if (existing.length === 0) return incoming;
  const extra = incoming.filter((c) => !existing.includes(c));
  return extra.length === 0 ? existing : [...existing, ...extra];
}
