/** Fleets from hubs: ClusterProfiles (KEP-4322) with credentials from access provider plugins (KEP-5339). */
export {
  ADDITIONAL_ARGS_EXTENSION,
  ADDITIONAL_ENVS_EXTENSION,
  chooseAccess,
  CLUSTER_PROFILE_RESOURCE,
  connectionConfigOf,
  controlPlaneHealthy,
  EXEC_EXTENSION,
  parseProfile,
  placementOf,
} from './profiles.js';
export type { HubCluster, ProfileAccess, ProfileCondition } from './profiles.js';
export { DEFAULT_PROVIDERS_FILE, defaultProvidersFile, loadProviders, parseProviders } from './providers.js';
export type { AccessProvider, ExecProviderConfig, ProvidersConfig } from './providers.js';
export { matchesSelector, parseClusterSelector, PROPERTY_PREFIX } from './selector.js';
export type { Requirement, Selectable } from './selector.js';
export {
  assembleHubFleet,
  HubKubeconfig,
  hubErrorContext,
  loadHubFleet,
  selectHubContexts,
} from './source.js';
export type { HubListing, HubSourceOptions } from './source.js';
export { hubKubeconfigDocument, writeHubKubeconfig } from './kubeconfig-file.js';
export type { HubKubeconfigFile } from './kubeconfig-file.js';
export { nameHubClusters, usableDisplayName } from './naming.js';
export { watchHubMembership } from './membership.js';
export type { HubMembership, WatchHubOptions } from './membership.js';
export { LiveHubKubeconfig } from './live.js';
