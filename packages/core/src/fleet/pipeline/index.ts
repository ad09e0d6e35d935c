export { PipelineError, pipelineOf } from './model.js';
export type { Gate, Pipeline, PipelineCluster, PipelineStage } from './model.js';
export { loadPipeline } from './load.js';
export type { LoadedPipeline, LoadPipelineOptions } from './load.js';
export { canaryRouting, planPipeline, unroutableStages } from './plan.js';
export type { CanaryRouting, ClusterPlan, PipelinePlan } from './plan.js';
export * from './run/index.js';
export * from './gates/index.js';
