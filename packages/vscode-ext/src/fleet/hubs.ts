/**
 * Hub clusters for the views, in the fleet bundle: the kubeconfig's contexts plus, for each hub the user
 * named (`kubectl-mc.hubs`), the clusters of its ClusterProfiles, as one kubeconfig (core's
 * `loadHubFleet`, as `--hub` builds a fleet). The hubs' ClusterProfiles are watched: a cluster joining or
 * leaving is re-listed and the listener told, so the tree follows without a reload. A hub that cannot be
 * listed is its own `hub:<name>` context, whose error the tree shows.
 */
import { ClusterApi } from '@kubectl-mc/core/api';
import type { ClusterError } from '@kubectl-mc/core/errors';
import type { ConnectionConfig, ContextInfo, LoadedKubeconfig } from '@kubectl-mc/core/kubeconfig';
import { getConnection } from '@kubectl-mc/core/transport';
import {
  CLUSTER_PROFILE_RESOURCE,
  loadHubFleet,
  loadProviders,
  type HubKubeconfig,
} from '@kubectl-mc/core/fleet';
import type { KubeConfig } from '@kubernetes/client-node';

export interface HubSettings {
  /** Hub contexts of the kubeconfig. */
  hubs: string[];
  /** Where to list ClusterProfiles (default: every namespace). */
  namespaces: string[];
  /** The access providers file (default `~/.kube/clusterprofile-providers.json`). */
  providersFile?: string;
}

/** One hub as the tree groups it: its clusters' contexts (or its `hub:<name>` error context). */
export interface HubGroup {
  hub: string;
  contexts: string[];
}

/** How long to wait after a ClusterProfile event before re-listing (a burst of events is one re-list). */
const SETTLE_MS = 150;

/** The kubeconfig's contexts, then the hubs' clusters (replaced each time the hubs are re-listed). */
export class FleetKubeconfig implements LoadedKubeconfig {
  hub: HubKubeconfig | undefined;

  constructor(readonly base: LoadedKubeconfig) {}

  get files(): string[] {
    return this.base.files;
  }
  get currentContext(): string | undefined {
    return this.base.currentContext;
  }
  get warnings(): string[] {
    return [...this.base.warnings, ...(this.hub?.warnings.slice(this.base.warnings.length) ?? [])];
  }
  get contexts(): ContextInfo[] {
    const own = new Set(this.base.contexts.map((c) => c.name));
    // a profile named like a kubeconfig context never shadows it
    return [...this.base.contexts, ...(this.hub?.contexts ?? []).filter((c) => !own.has(c.name))];
  }
  private owner(context: string): LoadedKubeconfig {
    return this.base.contexts.some((c) => c.name === context) || !this.hub ? this.base : this.hub;
  }
  connectionConfigFor(context: string): ConnectionConfig {
    return this.owner(context).connectionConfigFor(context);
  }
  kubeConfigFor(context: string): KubeConfig {
    return this.owner(context).kubeConfigFor(context);
  }

  /** Each hub's clusters, in the order listed. */
  groups(hubs: readonly string[]): HubGroup[] {
    const h = this.hub;
    if (!h) return [];
    return hubs.map((hub) => ({
      hub,
      contexts: [
        ...h.clusters.filter((c) => c.hub === hub).map((c) => c.id),
        ...h.hubErrors.filter((e) => e.context === `hub:${hub}`).map((e) => e.context),
      ],
    }));
  }
}

/**
 * List the hubs now and again after every ClusterProfile change, until `signal` aborts; `onChange` hears
 * each listing whose clusters differ from the last. Errors of one hub are its context's (never thrown).
 */
export async function followHubs(
  kubeconfig: FleetKubeconfig,
  settings: HubSettings,
  onChange: () => void,
  signal: AbortSignal,
  log: (line: string) => void = () => {},
): Promise<void> {
  const providers = loadProviders(settings.providersFile);
  let last = '';
  const relist = async () => {
    const hub = await loadHubFleet({
      kubeconfig: kubeconfig.base,
      hubs: settings.hubs,
      namespaces: settings.namespaces,
      providers,
      // the tree shows the kubeconfig's contexts beside the hubs' clusters: a display name may not
      // take a context's name
      reservedNames: new Set(kubeconfig.base.contexts.map((c) => c.name)),
      timeoutMs: 10_000,
      signal,
    });
    const key = JSON.stringify([hub.contexts, hub.hubErrors.map((e) => [e.context, e.message])]);
    kubeconfig.hub = hub;
    if (key !== last) {
      last = key;
      onChange();
    }
  };
  await relist();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!signal.aborted) relist().catch((e: unknown) => log(`hub: ${String(e)}`));
    }, SETTLE_MS);
  };
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  await Promise.allSettled(
    settings.hubs.map((hub) => watchHub(kubeconfig.base, hub, settings.namespaces, soon, signal, log)),
  );
}

/** Watch one hub's ClusterProfiles (each namespace, or all) and call `changed` on every event. */
async function watchHub(
  base: LoadedKubeconfig,
  hub: string,
  namespaces: string[],
  changed: () => void,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<void> {
  let api: ClusterApi;
  let res;
  try {
    api = new ClusterApi(await getConnection(base, hub, {}));
    res = await api.resolve(CLUSTER_PROFILE_RESOURCE, signal);
  } catch (e) {
    // the listing names this hub's failure; nothing to watch
    log(`hub ${hub}: not watched: ${(e as ClusterError).message ?? String(e)}`);
    return;
  }
  const scopes =
    namespaces.length > 0 ? namespaces.map((namespace) => ({ namespace })) : [{ allNamespaces: true }];
  await Promise.allSettled(
    scopes.map(async (scope) => {
      const first = await api.list(res, { ...scope, signal });
      const events = api.watch(res, {
        ...scope,
        resourceVersion: first.resourceVersion,
        signal,
      });
      for await (const ev of events) {
        if (ev.type === 'RECONNECTING') {
          log(`hub ${hub}: watch reconnecting (${ev.error.message})`);
          continue;
        }
        changed();
      }
    }),
  );
}
