/**
 * The hub fleet, live: `watchHubMembership` watches each hub's ClusterProfiles (core's one watch and
 * reconnect policy) and yields the fleet each time its membership changes, so that a long-running
 * front end (the dashboard, the editor's tree) shows a cluster joining or leaving without a restart.
 */
import { ClusterApi } from '../../api/client.js';
import { Reconnect } from '../../api/reconnect.js';
import { ClusterError } from '../../errors.js';
import { getConnection } from '../../transport/cache.js';
import { parseProfile, type HubCluster } from './profiles.js';
import {
  assembleHubFleet,
  checkHubs,
  forbiddenHint,
  resolveProfiles,
  type HubKubeconfig,
  type HubListing,
  type HubSourceOptions,
} from './source.js';

/** One state of a watched hub fleet. */
export interface HubMembership {
  /**
   * The fleet now: the selected profiles of every hub (named and selected as `loadHubFleet` does), and
   * as `hub:<name>` contexts the hubs that have not listed yet because they fail.
   */
  fleet: HubKubeconfig;
  /** Cluster names (contexts of `fleet`) that appeared since the last state: all of them the first time. */
  joined: string[];
  /** Cluster names that are gone since the last state. */
  left: string[];
  /** Cluster names whose profile changed (labels, properties, conditions, access providers). */
  changed: string[];
  /**
   * Per hub whose watch is failing now, its error. A hub that listed once and then broke keeps its last
   * known clusters (they did not leave) while its watch retries; this says why nothing changes.
   */
  failing: Map<string, ClusterError>;
}

export interface WatchHubOptions extends HubSourceOptions {
  /** First and longest delay between attempts on a hub that fails (default core's reconnect policy). */
  backoffMs?: number;
  maxBackoffMs?: number;
}

interface HubState {
  /** Per watched namespace ('' = all), its profiles by `<namespace>/<name>`; set once it listed. */
  streams: Map<string, Map<string, HubCluster> | undefined>;
  skipped: Map<string, number>;
  error?: ClusterError;
  listedOnce: boolean;
}

function toClusterError(e: unknown, hub: string): ClusterError {
  const err = forbiddenHint(e, hub);
  return err instanceof ClusterError ? err : new ClusterError('Unreachable', hub, String(err));
}

/**
 * Watch the hubs' ClusterProfiles until `opts.signal` aborts (or the consumer stops iterating) and yield
 * a `HubMembership` first once every hub has listed or failed (or `timeoutMs` passed), then each time
 * the selected clusters or their profiles change. Events that arrive together are yielded as one state.
 * A hub that cannot be watched (down, forbidden, no Cluster Inventory API) is retried with backoff; it
 * never ends the watch. Throws only for unusable options (an unknown hub, a bad selector).
 */
export async function* watchHubMembership(opts: WatchHubOptions): AsyncGenerator<HubMembership> {
  checkHubs(opts);
  const ac = new AbortController();
  const onAbort = () => ac.abort(opts.signal?.reason);
  if (opts.signal?.aborted) return;
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const signal = ac.signal;
  const namespaces = opts.namespaces?.length ? [...opts.namespaces] : [''];
  const hubs = new Map<string, HubState>();
  for (const hub of opts.hubs) {
    hubs.set(hub, {
      streams: new Map(namespaces.map((ns) => [ns, undefined])),
      skipped: new Map(),
      listedOnce: false,
    });
  }

  let wake: (() => void) | undefined;
  let dirty = true;
  const touch = () => {
    dirty = true;
    wake?.();
  };

  const watchOne = async (hub: string, ns: string): Promise<void> => {
    const st = hubs.get(hub)!;
    const backoff = new Reconnect({
      ...(opts.backoffMs !== undefined && { baseMs: opts.backoffMs }),
      ...(opts.maxBackoffMs !== undefined && { maxMs: opts.maxBackoffMs }),
    });
    while (!signal.aborted) {
      try {
        const api = new ClusterApi(await getConnection(opts.kubeconfig, hub, opts.connection ?? {}));
        const res = await resolveProfiles(api, hub, signal);
        const watch = api.watch(res, {
          ...(ns === '' ? { allNamespaces: true } : { namespace: ns }),
          signal,
          ...(opts.backoffMs !== undefined && { backoffMs: opts.backoffMs }),
          ...(opts.maxBackoffMs !== undefined && { maxBackoffMs: opts.maxBackoffMs }),
        });
        for await (const ev of watch) {
          if (ev.type === 'RECONNECTING') {
            st.error = toClusterError(ev.error, hub);
            touch();
            continue;
          }
          if (ev.type === 'BOOKMARK') continue;
          if (ev.type === 'RELIST') {
            const now = new Map<string, HubCluster>();
            let skipped = 0;
            for (const o of ev.items) {
              const c = parseProfile(o, hub);
              if (c) now.set(c.ref, c);
              else skipped++;
            }
            st.streams.set(ns, now);
            st.skipped.set(ns, skipped);
          } else {
            const now = st.streams.get(ns) ?? new Map<string, HubCluster>();
            st.streams.set(ns, now);
            const c = parseProfile(ev.object, hub);
            if (!c) continue;
            if (ev.type === 'DELETED') now.delete(c.ref);
            else now.set(c.ref, c);
          }
          backoff.up();
          delete st.error;
          st.listedOnce ||= [...st.streams.values()].every((m) => m !== undefined);
          touch();
        }
        if (signal.aborted) return;
      } catch (e) {
        if (signal.aborted) return;
        st.error = toClusterError(e, hub);
        touch();
      }
      await backoff.wait(backoff.down(), signal);
    }
  };

  const tasks = [...hubs.keys()].flatMap((hub) => namespaces.map((ns) => watchOne(hub, ns)));
  const settled = Promise.allSettled(tasks);
  const deadline = Date.now() + (opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : 30_000);
  const ready = () =>
    [...hubs.values()].every((h) => h.listedOnce || h.error !== undefined) || Date.now() >= deadline;

  let previous = new Map<string, string>();
  let first = true;
  try {
    while (!signal.aborted) {
      if (!dirty || (first && !ready())) {
        let timer: NodeJS.Timeout | undefined;
        let stop: (() => void) | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          stop = resolve;
          if (first) timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
          signal.addEventListener('abort', stop, { once: true });
        });
        clearTimeout(timer);
        if (stop) signal.removeEventListener('abort', stop);
        wake = undefined;
        continue;
      }
      // Let events that arrived together land before the state is taken.
      await new Promise((r) => setImmediate(r));
      dirty = false;
      const answers = new Map<string, HubListing | ClusterError>();
      const failing = new Map<string, ClusterError>();
      for (const [hub, st] of hubs) {
        if (st.error) failing.set(hub, st.error);
        if (!st.listedOnce) {
          answers.set(
            hub,
            st.error ?? new ClusterError('Timeout', hub, 'the hub did not list its ClusterProfiles in time'),
          );
          continue;
        }
        const clusters: HubCluster[] = [];
        for (const m of st.streams.values()) if (m) clusters.push(...m.values());
        let skipped = 0;
        for (const n of st.skipped.values()) skipped += n;
        answers.set(hub, { clusters, skipped });
      }
      const fleet = assembleHubFleet(opts, answers);
      const now = new Map(fleet.contexts.map((c) => [c.name, JSON.stringify(fleet.cluster(c.name) ?? c)]));
      const joined = [...now.keys()].filter((k) => !previous.has(k));
      const left = [...previous.keys()].filter((k) => !now.has(k));
      const changed = [...now.keys()].filter((k) => previous.has(k) && previous.get(k) !== now.get(k));
      if (first || joined.length > 0 || left.length > 0 || changed.length > 0) {
        first = false;
        previous = now;
        yield { fleet, joined, left, changed, failing };
      }
    }
  } finally {
    ac.abort();
    opts.signal?.removeEventListener('abort', onAbort);
    await settled;
  }
}
