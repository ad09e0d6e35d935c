/** The topology linter: pure, text in, diagnostics out. */
export type * from './types.js';
export { lintDocuments, lintReport, compareDiagnostics } from './engine.js';
export type { FileDocuments, LintReport } from './engine.js';
export { LintConfigError, parseLintConfig } from './config.js';
export { rules } from './rules/index.js';
export { classifyDocument, parseFile } from './parse.js';
export { buildModel, isProductionValue } from './model.js';
export { suggest } from './suggest.js';
export { parseCorefile } from './corefile.js';
export { topologySchema } from './schema.js';
export { toJsonReport, toSarif } from './format.js';
export type { JsonReport, SarifOptions } from './format.js';
export { regionGeo, jurisdictionGeo } from './regions.js';
export * from './workspace/index.js';
export {
  parseDuration as parseTopologyDuration,
  parsePercentage,
  stageLabel,
  stageTraffic,
} from './rules/_helpers-l2.js';
