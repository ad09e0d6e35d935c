export {
  cellText,
  formatLabels,
  mergeTables,
  formatTable,
  TableWriter,
  prepareTable,
  formatPreparedTables,
} from './table.js';
export type {
  ClusterTable,
  MergeOptions,
  MergedTable,
  PreparedTable,
  PrepareOptions,
  PreparedFormatOptions,
} from './table.js';
export {
  CONTEXT_ANNOTATION,
  annotateContext,
  toList,
  sortKeys,
  formatJson,
  formatYaml,
  writeJsonList,
  writeYamlList,
  kindGroup,
  formatName,
} from './output.js';
export type { ContextObjects, KubeList } from './output.js';
export { parseSortBy, valueAt, compareSortValues, sortByPath } from './sort.js';
export type { PathStep } from './sort.js';
