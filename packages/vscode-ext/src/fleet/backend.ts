/** What the Clusters view needs from a fleet; implemented over core in `core-backend.ts`. */
import type { ClusterWorkloads } from '../workloads/model.js';

export interface ClusterHealth {
  version: string;
  latencyMs: number;
  nodesReady?: number;
  nodesTotal?: number;
}

export interface KindInfo {
  /** `resource.group` (or `resource` in the core group), as the API resolves it. */
  resource: string;
  kind: string;
  namespaced: boolean;
}

export interface ContextEntry {
  name: string;
  server?: string;
  namespace?: string;
}

/** One cluster's health result: its value or its typed error (kind and one-line message). */
export type HealthResult =
  | { context: string; ok: true; value: ClusterHealth }
  | { context: string; ok: false; error: { kind: string; message: string } };

export interface FleetBackend {
  /** Every context of the kubeconfig, in its order; warnings are for the log (never secrets). */
  contexts(): { contexts: ContextEntry[]; warnings: string[]; files: string[] };
  check(context: string, signal: AbortSignal): Promise<ClusterHealth>;
  /**
   * Check every context through core's fan-out (bounded concurrency, per-cluster deadline, cancellable):
   * one result per context, in completion order, never a rejection.
   */
  checkAll(
    contexts: readonly string[],
    opts: { concurrency: number; timeoutMs: number; signal: AbortSignal },
  ): AsyncIterable<HealthResult>;
  /** Names of the objects of `resource` (in `namespace`, or cluster-wide / all namespaces when absent). */
  names(
    context: string,
    resource: string,
    namespace: string | undefined,
    signal: AbortSignal,
  ): Promise<{ name: string; namespace?: string }[]>;
  /** Custom resource kinds discovery finds (listable ones). */
  customKinds(context: string, signal: AbortSignal): Promise<KindInfo[]>;
  /** One object as YAML; with `compare`, without what differs by nature between clusters (status, uid, …). */
  yaml(
    context: string,
    resource: string,
    namespace: string | undefined,
    name: string,
    signal: AbortSignal,
    compare?: boolean,
  ): Promise<string>;
  /** Deployments, StatefulSets and DaemonSets of every context (all namespaces), through the fan-out. */
  workloadsAll(
    contexts: readonly string[],
    opts: { concurrency: number; timeoutMs: number; signal: AbortSignal },
  ): AsyncIterable<ClusterWorkloads>;
  /** Drop cached connections (kubeconfig changed). */
  dispose(): void;
}
