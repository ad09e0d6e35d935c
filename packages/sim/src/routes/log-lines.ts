// What a simulated container has written: deterministic access-log lines for a run (a start line, a
// line a minute), a previous run that ended with the reason it terminated, and, while someone follows,
// a live line a second that then stays in the log (as a container's log file grows).
import type { ResourceStore } from '../store.js';
import type { Timers } from '../timers.js';

export interface LogLine {
  at: number;
  text: string;
}

export interface PodShape {
  metadata: { name: string; namespace?: string; uid?: string };
  spec?: { containers?: { name: string; image?: string }[]; initContainers?: { name: string }[] };
  status?: {
    startTime?: string;
    containerStatuses?: ContainerStatusShape[];
  };
}

export interface ContainerStatusShape {
  name: string;
  restartCount?: number;
  containerID?: string;
  state?: {
    waiting?: { reason?: string };
    running?: { startedAt?: string };
    terminated?: Terminated;
  };
  lastState?: { terminated?: Terminated };
}

interface Terminated {
  reason?: string;
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
  containerID?: string;
}

const PATHS = [
  '/healthz',
  '/api/v1/orders',
  '/api/v1/payments',
  '/api/v1/users/me',
  '/metrics',
  '/api/v1/search',
];

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** One deterministic access-log line for a container. */
export function logLine(pod: PodShape, container: string, i: number, at: number, seed = ''): LogLine {
  const h = hash(`${pod.metadata.name}/${container}${seed}/${i}`);
  const path = PATHS[h % PATHS.length]!;
  const status = h % 53 === 0 ? 500 : h % 17 === 0 ? 404 : 200;
  const level = status >= 500 ? 'ERROR' : 'INFO';
  const text = `${new Date(at).toISOString()} ${level} ${container} request method=GET path=${path} status=${status} duration=${(h % 900) + 3}ms`;
  return { at, text };
}

function imageOf(pod: PodShape, container: string): string {
  return pod.spec?.containers?.find((c) => c.name === container)?.image ?? '';
}

/** A run from `started` until `end`: a start line, then a line a minute, at most 40. */
function runLines(pod: PodShape, container: string, started: number, end: number, seed = ''): LogLine[] {
  const step = 60_000;
  const count = Math.max(1, Math.min(40, Math.floor((end - started) / step) + 1));
  const out = [
    {
      at: started,
      text: `${new Date(started).toISOString()} INFO ${container} starting ${imageOf(pod, container)}`,
    },
  ];
  for (let i = 1; i < count; i++) out.push(logLine(pod, container, i, started + i * step, seed));
  return out;
}

/** The log of a container that terminated: its run, then why it ended. */
export function terminatedLines(pod: PodShape, container: string, t: Terminated): LogLine[] {
  const finished = Date.parse(t.finishedAt ?? '') || Date.now();
  const started = Date.parse(t.startedAt ?? '') || finished - 60_000;
  const lines = runLines(pod, container, started, finished - 1, `#${t.containerID ?? ''}`).filter(
    (l) => l.at < finished,
  );
  const why =
    t.reason === 'Completed'
      ? `INFO ${container} done, exiting`
      : t.reason === 'OOMKilled'
        ? `ERROR ${container} fatal error: runtime: out of memory`
        : `ERROR ${container} fatal: dial tcp 10.96.0.15:5432: connect: connection refused (exit code ${t.exitCode ?? 1})`;
  lines.push({ at: finished, text: `${new Date(finished).toISOString()} ${why}` });
  return lines;
}

interface LiveLog {
  lines: LogLine[];
  next: number;
  followers: Set<(l: LogLine) => void>;
  timer?: NodeJS.Timeout;
  /** When the last follower left: the container keeps writing a while (a dropped follower misses lines). */
  idleSince?: number;
}

/** How long a container goes on writing after its last follower left. */
const WRITE_AFTER_FOLLOW_MS = 10_000;
const MAX_LIVE_LINES = 2000;
const logs = new WeakMap<ResourceStore, Map<string, LiveLog>>();

/**
 * The running (or last) container's log: computed once per container instance, then fixed, so that
 * every request sees the same lines; live lines written while it is followed are kept.
 */
export function currentLog(store: ResourceStore, pod: PodShape, status: ContainerStatusShape): LiveLog {
  let byKey = logs.get(store);
  if (!byKey) logs.set(store, (byKey = new Map<string, LiveLog>()));
  const container = status.name;
  const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name}/${pod.metadata.uid ?? ''}/${container}/${status.restartCount ?? 0}`;
  let log = byKey.get(key);
  if (!log) {
    const now = Date.now();
    const lines = status.state?.running
      ? runLines(
          pod,
          container,
          Date.parse(status.state.running.startedAt ?? pod.status?.startTime ?? '') || now - 3_600_000,
          now,
        )
      : terminatedLines(pod, container, status.state?.terminated ?? status.lastState?.terminated ?? {});
    log = { lines, next: lines.length, followers: new Set() };
    byKey.set(key, log);
  }
  return log;
}

/**
 * Follow `log`: `onLine` for each new line (a line a second) until the returned function is called. The
 * container writes while followed and for a while after, so that a follower that reconnects has missed
 * lines to catch up on, as with a real container.
 */
export function followLog(
  log: LiveLog,
  pod: PodShape,
  container: string,
  timers: Timers,
  onLine: (l: LogLine) => void,
): () => void {
  log.followers.add(onLine);
  log.idleSince = undefined;
  const tick = (): void => {
    log.timer = undefined;
    if (timers.stopped) return;
    if (log.followers.size === 0 && Date.now() - (log.idleSince ?? 0) > WRITE_AFTER_FOLLOW_MS) return;
    const line = logLine(pod, container, log.next++, Date.now());
    log.lines.push(line);
    if (log.lines.length > MAX_LIVE_LINES) log.lines.splice(1, log.lines.length - MAX_LIVE_LINES);
    for (const f of log.followers) f(line);
    log.timer = timers.set(tick, 1000);
  };
  if (!log.timer) log.timer = timers.set(tick, 1000);
  return () => {
    if (log.followers.delete(onLine) && log.followers.size === 0) log.idleSince = Date.now();
  };
}
