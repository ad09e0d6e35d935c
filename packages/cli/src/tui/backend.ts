/**
 * The dashboard's `Backend`: core's fleet over the selected kubeconfig (one connection per context from
 * core's cache; health, server-printed tables, watches and YAML from `@kubectl-mc/core/fleet`).
 */
import type { LoadedKubeconfig } from '@kubectl-mc/core';
import { Fleet } from '@kubectl-mc/core/fleet';
import type { Backend } from './data.js';

export function coreBackend(loaded: LoadedKubeconfig): Backend {
  return new Fleet(loaded);
}
