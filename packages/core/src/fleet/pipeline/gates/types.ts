/**
 * Gates as a run checks them: what must hold on every cluster of a stage for its validation duration.
 * A checker reads one cluster once; the runner calls it every `intervalMs` until the duration is over.
 */
import type { ClusterApi } from '../../../api/client.js';
import type { Gate } from '../model.js';

/** Where the Prometheus of every cluster is and how its series are selected (`.kubectl-mc.yaml` `rollout:`). */
export interface RolloutSettings {
  prometheus: {
    namespace: string; // default monitoring
    service: string; // default prometheus
    port: string; // default "9090" (a number or a port name, as the service proxy takes it)
    path: string; // default "" (a prefix such as /prometheus before /api/v1/query)
  };
  /** The Prometheus label that carries the pod-template-hash (default pod_template_hash). */
  selectorLabel: string;
  /** PromQL templates; `{{selector}}` is replaced by `namespace="NS",LABEL="HASH"`. */
  queries: { errorRate: string; requestRate: string; latencyP99: string };
  /** How often gates are read (default 10 s; scaled by --gate-duration-scale, never below 200 ms). */
  intervalMs: number;
}

/** The pods a gate looks at on one cluster: one ReplicaSet's pods (the canary's, or the new stable's). */
export interface GateTarget {
  context: string;
  api: ClusterApi;
  namespace: string;
  /** The Deployment whose pods are checked (NAME or NAME-canary). */
  deployment: string;
  /** The pod-template-hash of the ReplicaSet whose pods are checked. */
  podTemplateHash: string;
  /** Restart counts per pod when the gate window opened (filled by the first check). */
  restarts?: Map<string, number>;
}

export type GateState = 'ok' | 'failing' | 'no-data';

export interface GateReading {
  gate: Gate['kind'];
  context: string;
  state: GateState;
  /** error-rate: fraction; latency-p99: ms; pods-ready: ready pods. */
  value?: number;
  /** error-rate: fraction; latency-p99: ms; pods-ready: desired pods. */
  threshold?: number;
  /** One line for people, e.g. `error-rate 0.02% ≤ 0.1%`, `pods-ready 3/3, 0 restarts`, `latency-p99 no data`. */
  text: string;
}

export interface GateChecker {
  /** Read every gate once on one cluster; a cluster error (unreachable, 5xx…) rejects with ClusterError. */
  check(target: GateTarget, signal: AbortSignal): Promise<GateReading[]>;
}
