/** `rollout` across the fleet: kubectl's status viewers, waiting for a rollout, history, restart/pause/resume/undo. */
export { rolloutStatus, ROLLOUT_KINDS } from './viewer.js';
export type { RolloutKind, RolloutStatus } from './viewer.js';
export { waitForRollout } from './wait.js';
export type { RolloutOutcome, RolloutResult, WaitOptions } from './wait.js';
export {
  CHANGE_CAUSE_ANNOTATION,
  deploymentHistory,
  imagesOf,
  REVISION_ANNOTATION,
  revisionOf,
  revisionText,
  selectorString,
} from './history.js';
export type { Revision } from './history.js';
export {
  planRollout,
  planRolloutOne,
  RESTARTED_AT_ANNOTATION,
  rfc3339,
  runRollout,
  sameTemplate,
  undoTarget,
  withoutHashLabel,
} from './change.js';
export type { RolloutAction, RolloutApplied, RolloutPlanItem, RolloutRequest } from './change.js';
export { rolloutPlanTable, rolloutQuestion } from './text.js';
