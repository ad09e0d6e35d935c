/**
 * A fleet from hubs: the ClusterProfiles that each hub (a context of the user's kubeconfig) lets the user
 * list, as a `LoadedKubeconfig` whose contexts are `<namespace>/<name>`. Every command then fans out over
 * it as over a kubeconfig: one connection per cluster, its credentials from the user's access provider
 * plugin. A profile with no configured provider, or a hub that cannot be listed (down, forbidden, no
 * Cluster Inventory API), is one context's typed error, never the command's.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { ClusterApi } from '../../api/client.js';
import { ClusterError, ContextSelectionError } from '../../errors.js';
import { collect, fanOut } from '../../fanout/fanout.js';
import { loadClientNode } from '../../kubeconfig/client-node.js';
import { unknownContextError, unknownMessage } from '../../kubeconfig/load.js';
import { globToRegExp, selectContexts } from '../../kubeconfig/select.js';
import type {
  ConnectionConfig,
  ContextInfo,
  ContextSelection,
  LoadedKubeconfig,
} from '../../kubeconfig/types.js';
import { getConnection } from '../../transport/cache.js';
import type { ConnectionOptions } from '../../transport/connection.js';
import { q } from '../../util/text.js';
import {
  chooseAccess,
  CLUSTER_PROFILE_RESOURCE,
  connectionConfigOf,
  parseProfile,
  placementOf,
  type HubCluster,
} from './profiles.js';
import type { ProvidersConfig } from './providers.js';
import { matchesSelector, parseClusterSelector } from './selector.js';
import { nameHubClusters } from './naming.js';
import { hubSelectable, type TopologyLabels } from '../cluster-labels.js';

/** The context name under which a hub that could not be listed reports its error. */
export function hubErrorContext(hub: string): string {
  return `hub:${hub}`;
}

export interface HubSourceOptions {
  /** The user's kubeconfig: the hubs are its contexts. */
  kubeconfig: LoadedKubeconfig;
  /** `--hub`: hub contexts, in order (a profile listed by two hubs is the first one's). */
  hubs: readonly string[];
  /** `--hub-namespace`: list only there (default: every namespace, which needs a cluster-wide list). */
  namespaces?: readonly string[];
  providers: ProvidersConfig;
  /** `--cluster-selector` over labels and `property:` over `status.properties`. */
  clusterSelector?: string;
  /** The topology's labels, which the selector sees under each profile's own (see `hubSelectable`). */
  topology?: TopologyLabels;
  /**
   * Names a display name may not take, because the fleet shows these clusters beside others under those
   * names (the editor shows the kubeconfig's contexts and the hubs' clusters in one tree).
   */
  reservedNames?: ReadonlySet<string>;
  timeoutMs?: number;
  signal?: AbortSignal;
  connection?: ConnectionOptions;
}

/** The hubs' clusters as a kubeconfig (no secret material: credentials come from the plugins). */
export class HubKubeconfig implements LoadedKubeconfig {
  readonly files: string[];
  readonly currentContext?: string;
  readonly contexts: ContextInfo[];
  readonly warnings: string[];
  private readonly byId = new Map<string, HubCluster>();
  private readonly failed = new Map<string, ClusterError>();

  constructor(
    base: LoadedKubeconfig,
    /** The selected profiles, in hub then list order. */
    readonly clusters: readonly HubCluster[],
    /** Per hub that could not be listed, its error (its context is `hub:<name>`). */
    readonly hubErrors: readonly ClusterError[],
    readonly providers: ProvidersConfig,
    warnings: string[] = [],
  ) {
    this.files = base.files;
    this.warnings = [...base.warnings, ...warnings];
    this.contexts = [];
    for (const c of clusters) {
      this.byId.set(c.id, c);
      const chosen = chooseAccess(c, providers);
      const access = chosen?.access ?? c.access[0];
      this.contexts.push({
        name: c.id,
        cluster: `${c.hub}:${c.ref}`,
        user: chosen ? `provider:${chosen.provider.name}` : '',
        ...(access?.server !== undefined && { server: access.server }),
        file: `hub ${c.hub}`,
        insecureSkipTlsVerify: false,
      });
    }
    for (const e of hubErrors) {
      this.failed.set(e.context, e);
      this.contexts.push({
        name: e.context,
        cluster: e.context,
        user: '',
        file: `hub ${e.context.slice(4)}`,
        insecureSkipTlsVerify: false,
      });
    }
  }

  /** The profile behind a context of this fleet. */
  cluster(context: string): HubCluster | undefined {
    return this.byId.get(context);
  }

  /** A cluster's region and environment from its profile (see `placementOf`); {} for other contexts. */
  placement(context: string): { region?: string; environment?: string } {
    const c = this.byId.get(context);
    return c ? placementOf(c) : {};
  }

  connectionConfigFor(context: string): ConnectionConfig {
    const failed = this.failed.get(context);
    if (failed) throw failed;
    const c = this.byId.get(context);
    if (!c) throw unknownContextError(context, [...this.byId.keys()], 'hub cluster');
    return connectionConfigOf(c, this.providers);
  }

  kubeConfigFor(context: string): KubeConfig {
    const { cluster, user, context: ctx } = this.connectionConfigFor(context);
    const kc = new (loadClientNode().KubeConfig)();
    kc.loadFromOptions({ clusters: [cluster], users: [user], contexts: [ctx], currentContext: ctx.name });
    return kc;
  }
}

/** The resolved ClusterProfile resource of a hub, or the hub's error saying the API is not there. */
export async function resolveProfiles(api: ClusterApi, hub: string, signal: AbortSignal) {
  try {
    return await api.resolve(CLUSTER_PROFILE_RESOURCE, signal);
  } catch (e) {
    if (e instanceof ClusterError) throw e;
    throw new ClusterError(
      'NotFound',
      hub,
      `the hub does not serve ${CLUSTER_PROFILE_RESOURCE} (is the Cluster Inventory API installed?)`,
      { cause: e },
    );
  }
}

/** A refused cluster-wide list, with the hint that `--hub-namespace` lists fewer namespaces. */
export function forbiddenHint(e: unknown, hub: string): unknown {
  if (!(e instanceof ClusterError && e.kind === 'Forbidden')) return e;
  // Listing every namespace needs a cluster-wide grant; a user may still read some namespaces.
  return new ClusterError(
    'Forbidden',
    hub,
    `${e.message} (pass --hub-namespace for the namespaces you may list)`,
    {
      cause: e,
      ...(e.status !== undefined && { status: e.status }),
    },
  );
}

/** One hub's profiles: every namespace (a cluster-wide list) or the given ones. */
async function listHub(opts: HubSourceOptions, hub: string, signal: AbortSignal): Promise<HubListing> {
  const api = new ClusterApi(await getConnection(opts.kubeconfig, hub, opts.connection ?? {}));
  const res = await resolveProfiles(api, hub, signal);
  const items: unknown[] = [];
  const namespaces = opts.namespaces ?? [];
  if (namespaces.length === 0) {
    try {
      items.push(...(await api.list(res, { allNamespaces: true, signal })).items);
    } catch (e) {
      throw forbiddenHint(e, hub);
    }
  }
  for (const ns of namespaces) items.push(...(await api.list(res, { namespace: ns, signal })).items);
  const clusters: HubCluster[] = [];
  let skipped = 0;
  for (const o of items) {
    const c = parseProfile(o, hub);
    if (c) clusters.push(c);
    else skipped++;
  }
  return { clusters, skipped };
}

/** What one hub answered: its profiles (and how many were not profiles), or its error. */
export interface HubListing {
  clusters: HubCluster[];
  skipped: number;
}

/**
 * The fleet from what each hub answered (in `opts.hubs` order): a profile two hubs list is the first
 * one's, clusters are named (`nameHubClusters`), then `--cluster-selector` applies (over the profile's
 * labels on top of the topology's, and its properties).
 */
export function assembleHubFleet(
  opts: HubSourceOptions,
  answers: ReadonlyMap<string, HubListing | ClusterError>,
): HubKubeconfig {
  const reqs = parseClusterSelector(opts.clusterSelector ?? '');
  const warnings: string[] = [];
  const hubErrors: ClusterError[] = [];
  const all: HubCluster[] = [];
  const seen = new Map<string, string>();
  for (const hub of opts.hubs) {
    const r = answers.get(hub);
    if (r === undefined) continue;
    if (r instanceof ClusterError) {
      hubErrors.push(
        new ClusterError(r.kind, hubErrorContext(hub), `hub ${q(hub)}: ${r.message}`, {
          cause: r,
          ...(r.status !== undefined && { status: r.status }),
        }),
      );
      continue;
    }
    if (r.skipped > 0)
      warnings.push(`hub ${q(hub)}: ${r.skipped} ClusterProfile(s) without name or namespace ignored`);
    for (const c of r.clusters) {
      const first = seen.get(c.ref);
      if (first !== undefined) {
        warnings.push(`ClusterProfile ${q(c.ref)} of hub ${q(hub)} is ignored: hub ${q(first)} lists it too`);
        continue;
      }
      seen.set(c.ref, hub);
      all.push(c);
    }
  }
  const clusters = nameHubClusters(all, opts.reservedNames).filter((c) =>
    matchesSelector(hubSelectable(c, opts.topology), reqs),
  );
  return new HubKubeconfig(opts.kubeconfig, clusters, hubErrors, opts.providers, warnings);
}

/** Check that every hub is a context of the kubeconfig (a usage error otherwise). */
export function checkHubs(opts: HubSourceOptions): void {
  const known = opts.kubeconfig.contexts.map((c) => c.name);
  for (const h of opts.hubs) {
    if (!known.includes(h)) throw new ContextSelectionError(`--hub: ${unknownMessage(h, known)}`);
  }
  parseClusterSelector(opts.clusterSelector ?? '');
}

/** List every hub's ClusterProfiles (hubs in parallel, each with the deadline) into a `HubKubeconfig`. */
export async function loadHubFleet(opts: HubSourceOptions): Promise<HubKubeconfig> {
  checkHubs(opts);
  const results = await collect(
    fanOut(opts.hubs, (hub, signal) => listHub(opts, hub, signal), {
      ...(opts.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }),
      ...(opts.signal !== undefined && { signal: opts.signal }),
    }),
  );
  const answers = new Map<string, HubListing | ClusterError>();
  for (const r of results) answers.set(r.context, r.ok ? r.value : r.error);
  return assembleHubFleet(opts, answers);
}

/**
 * `--clusters`/`--exclude`/`--context` patterns with each profile's `<namespace>/<name>` standing for the
 * cluster's name: a pattern that names or globs profiles by `<namespace>/<name>` becomes their names.
 */
function aliasPatterns(fleet: HubKubeconfig, patterns: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of patterns.flatMap((p) => p.split(','))) {
    const p = raw.trim();
    if (p === '') continue;
    const re = globToRegExp(p);
    const byRef = fleet.clusters.filter((c) => c.ref !== c.id && re.test(c.ref)).map((c) => c.id);
    const byName = fleet.clusters.some((c) => re.test(c.id));
    if (byName || byRef.length === 0) out.push(p);
    out.push(...byRef);
  }
  return out;
}

/**
 * The contexts to fan out over in a hub fleet: the selected profiles (`--clusters`/`--exclude` globs and
 * `--context` apply to their names and to their `<namespace>/<name>`; default every one), and always
 * every hub that failed, so that its error is reported.
 */
export function selectHubContexts(fleet: HubKubeconfig, sel: ContextSelection, selector?: string): string[] {
  const failed = fleet.hubErrors.map((e) => e.context);
  const profiles = fleet.clusters.map((c) => c.id);
  const explicit = (sel.context ?? '') !== '' || (sel.clusters?.length ?? 0) > 0;
  if (profiles.length === 0) {
    if (failed.length > 0) return failed;
    const what = selector ? ` matches --cluster-selector ${q(selector)}` : '';
    throw new ContextSelectionError(`no ClusterProfile on the hub${what}`);
  }
  const view: LoadedKubeconfig = {
    files: fleet.files,
    contexts: fleet.contexts.filter((c) => !failed.includes(c.name)),
    warnings: [],
    connectionConfigFor: (c) => fleet.connectionConfigFor(c),
    kubeConfigFor: (c) => fleet.kubeConfigFor(c),
  };
  const aliased: ContextSelection = { ...sel };
  if (sel.context !== undefined && sel.context !== '') {
    const c = fleet.clusters.find((x) => x.ref === sel.context);
    if (c) aliased.context = c.id;
  }
  if (sel.clusters) aliased.clusters = aliasPatterns(fleet, sel.clusters);
  if (sel.exclude) aliased.exclude = aliasPatterns(fleet, sel.exclude);
  const chosen = selectContexts(view, explicit ? aliased : { ...aliased, allClusters: true });
  return [...chosen, ...failed];
}
