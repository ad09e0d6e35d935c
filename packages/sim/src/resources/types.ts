/* eslint-disable @typescript-eslint/no-explicit-any -- a printer reads schemaless JSON field by field */
// What the simulator knows of a resource: discovery metadata, field selectors and Table printing.

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

export interface ResourceDef {
  /** plural name, unique across the simulator */
  plural: string;
  singular: string;
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** field selector values for an object (metadata.name and metadata.namespace are always there). */
  fields?: (obj: any) => Record<string, string>;
  columns: ColumnDefinition[];
  cells: (obj: any, now: number) => unknown[];
  conditions?: (obj: any) => TableRowCondition[] | undefined;
}
