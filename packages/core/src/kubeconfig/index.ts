export type * from './types.js';
export { loadKubeconfig, loadKubeconfigFromString } from './load.js';
export { selectContexts, contextInfo, globToRegExp, isGlob } from './select.js';
