export type * from './types.js';
export { loadKubeconfig, loadKubeconfigFromString } from './load.js';
export { selectContexts, contextInfo, globToRegExp, isGlob } from './select.js';
export { withOverrides } from './load.js';
export { checkOverridesForSelection, endpointOverrideFlags, hasOverrides } from './overrides.js';
export type { KubeconfigOverrides } from './overrides.js';
