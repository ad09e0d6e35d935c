/** `delete`, `scale`, `label`, `annotate` across the fleet: targets, the plan, the change. */
export { findTargets, parseTargets, targetRef } from './targets.js';
export type { Target, TargetSpec } from './targets.js';
export { actionsOf, namespaceOn, planTargets, runChanges } from './plan.js';
export type { Changed, MutatePlanOptions, PlanRow, RunChangesOptions } from './plan.js';
export { planDelete, runDelete } from './delete.js';
export type { Cascade, DeleteOptions } from './delete.js';
export { planScale, runScale } from './scale.js';
export type { RunScaleOptions, ScaleSpec } from './scale.js';
export { isMetadataChange, parseMetadataChanges, planMetadata, runMetadata } from './labels.js';
export type { MetadataChanges, MetadataField, RunMetadataOptions } from './labels.js';
export { mutationPlanTable, mutationQuestion, mutationResultTable } from './text.js';
