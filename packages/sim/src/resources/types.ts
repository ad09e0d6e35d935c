// What the simulator knows of a resource: discovery metadata, field selectors and Table printing.
import type { KubeObject } from '../store.js';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** A resource; its field selectors and printers read its objects as `T`. */
export interface ResourceDef<T extends KubeObject = KubeObject> {
  /** plural name, unique across the simulator */
  plural: string;
  singular: string;
  kind: string;
  group: string;
  /** the preferred (storage) version */
  version: string;
  /** every version served, the preferred one first (default: just `version`) */
  servedVersions?: string[];
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** field selector values for an object (metadata.name and metadata.namespace are always there). */
  fields?: (obj: T) => Record<string, string>;
  columns: ColumnDefinition[];
  cells: (obj: T, now: number) => unknown[];
  conditions?: (obj: T) => TableRowCondition[] | undefined;
}

/**
 * A resource whose objects are read as `T` (see kinds.ts): the edge where a stored object, schemaless
 * JSON, is taken for its kind's shape, every field optional as the API has them.
 */
export function readAs<T extends KubeObject>(def: ResourceDef<T>): ResourceDef {
  const { fields, cells, conditions, ...rest } = def;
  return {
    ...rest,
    cells: (o, now) => cells(o as T, now),
    ...(fields && { fields: (o: KubeObject) => fields(o as T) }),
    ...(conditions && { conditions: (o: KubeObject) => conditions(o as T) }),
  };
}
