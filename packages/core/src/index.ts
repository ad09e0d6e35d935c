/**
 * Everything core exports, for compatibility. Front ends should import the subpath they need
 * (`@kubectl-mc/core/fanout`, `/api`, `/render`, `/topology`, …): this barrel loads all of core,
 * the topology linter and ajv included.
 */
export * from './errors.js';
export * from './util/index.js';
export * from './kubeconfig/index.js';
export * from './transport/index.js';
export * from './api/index.js';
export * from './fanout/index.js';
export * from './render/index.js';
export * from './topology/index.js';
export * from './fleet/index.js';
