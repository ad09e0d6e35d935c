// Text of `kubectl mc rollout plan`: core's (`pipeline-text.ts`), shared with the editor's Plan rollout.
export {
  changeRows,
  firstPlans,
  gateText,
  pipelinePlanText,
  routingRows,
  stageRows,
} from '@kubectl-mc/core/fleet';
