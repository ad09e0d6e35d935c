/** `apply` and `diff` across the fleet: manifests, the plan (server dry run), the apply, unified diffs. */
export { loadManifests, parseManifests } from './manifests.js';
export type { LoadOptions, Manifest } from './manifests.js';
export { changedFields, formatYamlForDiff, isUnchanged, withoutNoise } from './changes.js';
export { changesOf, defaultNamespaceOf, FIELD_MANAGER, objectRef, planApply, planObject } from './plan.js';
export type { ChangeResult, PlanItem, PlanOptions } from './plan.js';
export { runApply } from './run.js';
export type { Applied, RunOptions } from './run.js';
export { unifiedDiff, unifiedHunks } from './unified.js';
export { diffCommand, diffFileName, runExternalDiff } from './external-diff.js';
export type { DiffRun } from './external-diff.js';
export { alignRows, itemErrorText, planRows, questionText, resultRows } from './text.js';
