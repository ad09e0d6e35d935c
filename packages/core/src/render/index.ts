export { cellText, formatLabels, mergeTables, formatTable, TableWriter } from './table.js';
export type { ClusterTable, MergeOptions, MergedTable } from './table.js';
export { prepareTable, appendPrepared, formatPreparedTables, preparedTableChunks } from './prepared.js';
export type { PreparedTable, PrepareOptions, PreparedFormatOptions } from './prepared.js';
export {
  CONTEXT_ANNOTATION,
  annotateContext,
  omitManagedFields,
  toList,
  sortKeys,
  formatJson,
  formatYaml,
  jsonListChunks,
  writeJsonList,
  writeYamlList,
  yamlListChunks,
  kindGroup,
  formatName,
} from './output.js';
export type { ContextObjects, KubeList } from './output.js';
export { appendItemPage, itemPagesChunks } from './list-pages.js';
export type { ItemPages, ItemTextOptions, ListFormat } from './list-pages.js';
export { parseSortBy, valueAt, compareSortValues, sortByPath } from './sort.js';
export type { PathStep } from './sort.js';
export {
  JsonPathPrinter,
  PrinterError,
  JsonPathParseError,
  JsonPathExecError,
  parseJsonPath,
  findJsonPathResults,
  printJsonPathResults,
} from './jsonpath.js';
export type { JpList, JpNode, ResultGroup, JsonPathOptions, JsonPathPrintOptions } from './jsonpath.js';
export { formatFloat, goJson, goQuote, goSharpV, goSprint, goTypeName } from './go-format.js';
export { GoTemplatePrinter, TemplateExecError, TemplateParseError } from './go-template.js';
export type { GoTemplateOptions } from './go-template.js';
export {
  CustomColumnsPrinter,
  parseCustomColumns,
  parseCustomColumnsFile,
  relaxedJsonPath,
  tabwrite,
} from './custom-columns.js';
export type { Column, ContextObject, CustomColumnsOptions } from './custom-columns.js';
export { OUTPUT_FORMATS, needsObjects, printerFromFlags, printWithTemplate } from './printers.js';
export type { PrinterFlags, PrinterSpec, TemplateOutputOptions } from './printers.js';
