/** Rollout gates: settings (`.kubectl-mc.yaml` `rollout:`), Prometheus queries, pods-ready, the checker. */
export * from './types.js';
export {
  defaultRolloutSettings,
  loadRolloutSettings,
  parseRolloutSettings,
  RolloutSettingsError,
} from './settings.js';
export { gateChecker, gateReadingText, gateReadingsText, latencyText, percentText } from './checker.js';
export {
  instantQuery,
  parseAnswer,
  prometheusName,
  PrometheusError,
  queryPath,
  selectorOf,
} from './prometheus.js';
export { checkPodsReady } from './pods.js';
