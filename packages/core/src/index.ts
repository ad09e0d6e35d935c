export * from './errors.js';
export * from './kubeconfig/index.js';
export * from './fanout/index.js';
export * from './transport/index.js';
export * from './api/index.js';
export * from './render/index.js';
export * from './topology/index.js';
export * from './util/duration.js';
