import type { ReconnectOptions } from '../../api/reconnect.js';
import type { ClusterError } from '../../errors.js';

/** Whose logs: one pod by name, the pods a label selector matches, or a workload's pods (`deploy/NAME`). */
export type LogTarget =
  | { kind: 'pod'; name: string }
  | { kind: 'selector'; selector: string }
  /** `TYPE/NAME` of a workload (deploy, rs, sts, ds, job, svc…): every pod its selector matches. */
  | { kind: 'object'; type: string; name: string };

export interface LogOptions {
  /** Namespace per context (default: `default`). */
  namespace?: (context: string) => string;
  /** One container by name (else each pod's default container). */
  container?: string;
  /** Every container of each pod: init containers, containers, ephemeral containers. */
  allContainers?: boolean;
  /** Stream new lines until `signal` aborts; a dropped stream resumes where it stopped. */
  follow?: boolean;
  /** The last N lines of each source (absent: all). */
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339. */
  sinceTime?: string;
  /** The previous (terminated) container instance. */
  previous?: boolean;
  /** Keep the server's RFC3339Nano timestamp at the start of each line's text. */
  timestamps?: boolean;
  /** Per source, as the API's `limitBytes`. */
  limitBytes?: number;
  /** Per cluster: requests at once, and with `follow` the most streams a cluster may have (default 5). */
  maxLogRequests?: number;
  /** A longer line is cut (default 64 KiB). */
  maxLineBytes?: number;
  /**
   * Without `follow`: lines of one source held back so that the source comes as one `lines` event
   * (default 10 000; a longer log comes in several, each in order).
   */
  blockLines?: number;
  /** Per-cluster deadline for finding the sources and for a log response to start (default 10 s; 0 = none). */
  timeoutMs?: number;
  /** How many clusters look up their sources at once (default 16). */
  concurrency?: number;
  /** Backoff before resuming a dropped stream: first delay and cap (ms). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** The reconnect policy (`Reconnect`: backoff, reset after a stream stayed up, clock for tests). */
  reconnect?: ReconnectOptions;
  signal?: AbortSignal;
}

/** One container of one pod of one cluster. */
export interface LogSource {
  context: string;
  namespace: string;
  pod: string;
  container: string;
}

export interface LogLine {
  /** The line without its newline (with the server's timestamp first when `timestamps`). Raw: escape it before a terminal. */
  text: string;
  /** The server's timestamp (RFC3339Nano), when it was asked for (`timestamps` or `follow`). */
  time?: string;
  /** The line was longer than `maxLineBytes` and is cut. */
  cut?: boolean;
}

export type LogEvent =
  /** A cluster's sources, once found (before any of their lines). */
  | { type: 'sources'; context: string; sources: LogSource[] }
  /** Lines of one source, in order; one source's events come in order. */
  | { type: 'lines'; source: LogSource; lines: LogLine[] }
  /** A followed stream broke; it resumes after a backoff from the time of its last line (`since`). */
  | { type: 'reconnecting'; source: LogSource; error: ClusterError; attempt: number; since?: string }
  /** A source that cannot be read (a container waiting to start, no previous container, …). */
  | { type: 'source-error'; source: LogSource; error: ClusterError }
  /** A source's log ended (without `follow`: all of it was read; with it: the container stopped). */
  | { type: 'end'; source: LogSource }
  /** A cluster that could not be read at all: down, forbidden, the pod missing, too many streams. */
  | { type: 'cluster-error'; context: string; error: ClusterError };
