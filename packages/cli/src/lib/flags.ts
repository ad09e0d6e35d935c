import { Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { parseDuration } from '@kubectl-mc/core/util';
import {
  checkOverridesForSelection,
  loadKubeconfig,
  selectContexts,
  type ContextInfo,
  type ContextSelection,
  type KubeconfigOverrides,
  type LoadedKubeconfig,
} from '@kubectl-mc/core/kubeconfig';
import { insecureSkipTlsWarning, preloadTransport } from '@kubectl-mc/core/transport';
import type { HubKubeconfig, HubSourceOptions } from '@kubectl-mc/core/fleet';
import { ClusterApi, defaultCacheDir } from '@kubectl-mc/core/api';
import { DEFAULT_CONCURRENCY } from '@kubectl-mc/core/fanout';

/** `--kubeconfig`, `--context`: where the kubeconfig is and which single context to use. */
export const kubeconfigFlags = {
  kubeconfig: Flags.string({
    description: 'Path to the kubeconfig file to use (default: $KUBECONFIG, else ~/.kube/config).',
    helpGroup: 'KUBECONFIG',
  }),
  context: Flags.string({
    description: 'The kubeconfig context to use (one cluster).',
    helpGroup: 'KUBECONFIG',
  }),
  'cache-dir': Flags.string({
    description:
      "Default cache directory, as kubectl's (discovery is kept under discovery/ for 6 hours; default: $KUBECACHEDIR, else ~/.kube/cache).",
    helpGroup: 'KUBECONFIG',
  }),
  ...connectionFlags(),
};

/**
 * kubectl's global connection flags, with kubectl's meanings, applied to every selected context.
 * Those that name one API server (--server, --cluster, --certificate-authority, --tls-server-name)
 * are refused when more than one context is selected.
 */
function connectionFlags() {
  const s = (description: string, extra: { char?: 's' } = {}) =>
    Flags.string({ description, helpGroup: 'CONNECTION', ...extra });
  return {
    cluster: s('The kubeconfig cluster to use (one context only).'),
    user: s('The kubeconfig user to use.'),
    server: s('The address and port of the Kubernetes API server (one context only).', { char: 's' }),
    'certificate-authority': s('Path to a cert file for the certificate authority (one context only).'),
    'insecure-skip-tls-verify': Flags.boolean({
      description:
        "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure.",
      helpGroup: 'CONNECTION',
    }),
    'tls-server-name': s(
      'Server name to use for server certificate validation; default: the hostname of the server (one context only).',
    ),
    'disable-compression': Flags.boolean({
      description: 'If true, opt-out of response compression for all requests to the server.',
      helpGroup: 'CONNECTION',
    }),
    token: s('Bearer token for authentication to the API server.'),
    'client-certificate': s('Path to a client certificate file for TLS.'),
    'client-key': s('Path to a client key file for TLS.'),
    username: s('Username for basic authentication to the API server.'),
    password: s('Password for basic authentication to the API server.'),
    as: s(
      'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.',
    ),
    'as-group': Flags.string({
      description: 'Group to impersonate for the operation; repeat for several groups.',
      multiple: true,
      helpGroup: 'CONNECTION',
    }),
    'as-uid': s('UID to impersonate for the operation.'),
  };
}

/** A fleet from hubs: the ClusterProfiles a hub lists instead of the kubeconfig's contexts. */
export const hubFlags = {
  hub: Flags.string({
    description:
      'Take the clusters from the ClusterProfiles (multicluster.x-k8s.io) on this hub, a kubeconfig context; repeatable.',
    multiple: true,
    delimiter: ',',
    helpGroup: 'HUB',
  }),
  'hub-namespace': Flags.string({
    description: 'List ClusterProfiles only in these hub namespaces (default: every namespace); repeatable.',
    multiple: true,
    delimiter: ',',
    helpGroup: 'HUB',
  }),
  'cluster-providers': Flags.string({
    description:
      'Access providers file (KEP-5339): which credentials plugin to run per provider (default: ~/.kube/clusterprofile-providers.json).',
    helpGroup: 'HUB',
  }),
  'cluster-selector': Flags.string({
    description:
      'Select clusters by label (env=prod,region in (a,b),!gpu): hub clusters by their ClusterProfile labels or status properties (property:region=eu-west), contexts and hub clusters by the topology (--topology or .kubectl-mc.yaml) region, environment, workload and labels.',
    helpGroup: 'CLUSTERS',
  }),
  topology: Flags.string({
    description:
      'A topology YAML file (as for "lint"): its clusters\' region, environment, workloads and labels are what --cluster-selector selects on (also .kubectl-mc.yaml\'s topology:); for commands that change clusters, its environment: production clusters are protected. Repeatable.',
    multiple: true,
    helpGroup: 'CLUSTERS',
  }),
};

/** `--concurrency` with a default: core's for requests, PROCESS_CONCURRENCY where a cluster costs a process. */
export function concurrencyFlag(defaultValue: number) {
  return Flags.integer({
    description: 'How many clusters to query at once.',
    default: defaultValue,
    min: 1,
    helpGroup: 'CLUSTERS',
  });
}

/** Which clusters a fan-out command runs on, and how hard it tries. */
export const clusterFlags = {
  'all-clusters': Flags.boolean({
    description: 'Run on every context of the kubeconfig.',
    default: false,
    helpGroup: 'CLUSTERS',
  }),
  clusters: Flags.string({
    description: 'Contexts to run on: comma-separated names or globs (e.g. "*-prod"); repeatable.',
    multiple: true,
    delimiter: ',',
    helpGroup: 'CLUSTERS',
  }),
  exclude: Flags.string({
    description: 'Contexts to leave out: comma-separated names or globs; repeatable.',
    multiple: true,
    delimiter: ',',
    helpGroup: 'CLUSTERS',
  }),
  concurrency: concurrencyFlag(DEFAULT_CONCURRENCY),
  'request-timeout': Flags.string({
    description:
      'Per-cluster deadline, a kubectl duration (e.g. 10s, 1m, 500ms; a bare number is seconds; 0 = none).',
    default: '10s',
    helpGroup: 'CLUSTERS',
  }),
  ...hubFlags,
};

export interface ConnectionFlags {
  cluster?: string | undefined;
  user?: string | undefined;
  server?: string | undefined;
  'certificate-authority'?: string | undefined;
  'insecure-skip-tls-verify'?: boolean | undefined;
  'tls-server-name'?: string | undefined;
  'disable-compression'?: boolean | undefined;
  token?: string | undefined;
  'client-certificate'?: string | undefined;
  'client-key'?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  as?: string | undefined;
  'as-group'?: string[] | undefined;
  'as-uid'?: string | undefined;
}

/** kubectl's global connection flags as kubeconfig overrides (empty strings count as not given). */
export function overridesFromFlags(f: ConnectionFlags): KubeconfigOverrides {
  const o: KubeconfigOverrides = {};
  const set = <K extends keyof KubeconfigOverrides>(k: K, v: KubeconfigOverrides[K] | '' | undefined) => {
    if (v !== undefined && v !== '') o[k] = v;
  };
  set('cluster', f.cluster);
  set('user', f.user);
  set('server', f.server);
  set('certificateAuthority', f['certificate-authority']);
  if (f['insecure-skip-tls-verify'] === true) o.insecureSkipTlsVerify = true;
  set('tlsServerName', f['tls-server-name']);
  if (f['disable-compression'] === true) o.disableCompression = true;
  set('token', f.token);
  set('clientCertificate', f['client-certificate']);
  set('clientKey', f['client-key']);
  set('username', f.username);
  set('password', f.password);
  set('as', f.as);
  const groups = (f['as-group'] ?? []).filter((g) => g !== '');
  if (groups.length > 0) o.asGroups = groups;
  set('asUid', f['as-uid']);
  return o;
}

export interface SelectionFlags extends ConnectionFlags {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  'cache-dir'?: string | undefined;
  'all-clusters'?: boolean | undefined;
  clusters?: string[] | undefined;
  exclude?: string[] | undefined;
  concurrency?: number | undefined;
  'request-timeout'?: string | undefined;
  hub?: string[] | undefined;
  'hub-namespace'?: string[] | undefined;
  'cluster-providers'?: string | undefined;
  'cluster-selector'?: string | undefined;
  /** `--topology`: repeatable here, one file where a command declares its own. */
  topology?: string | string[] | undefined;
}

export interface Selection {
  loaded: LoadedKubeconfig;
  /** Selected context names, in kubeconfig order. */
  contexts: string[];
  /** The selected contexts' details (no secrets). */
  infos: ContextInfo[];
  timeoutMs: number;
  concurrency: number;
  /** With `--hub`: the hubs' fleet (each context's ClusterProfile; `loaded` is the same object). */
  hub?: HubKubeconfig;
  /**
   * With `--hub`: how it was listed and selected, for a front end that follows the hub
   * (`watchHubMembership(options)`, then `selectHubContexts(fleet, selection, options.clusterSelector)`).
   */
  hubSource?: { options: HubSourceOptions; selection: ContextSelection };
}

/** Parse `--request-timeout` like kubectl: `10s`, `1m30s`, `500ms`, a bare number of seconds, `0` = none. */
export function timeoutFromFlag(value: string | undefined): number {
  return parseDuration(value ?? '10s', '--request-timeout');
}

/**
 * Load the kubeconfig and resolve the selection flags into the contexts to fan out over: the kubeconfig's
 * contexts, or with `--hub` the hubs' ClusterProfiles (listed now, within `--request-timeout`).
 */
export async function selectionFromFlags(flags: SelectionFlags, signal?: AbortSignal): Promise<Selection> {
  const timeoutMs = timeoutFromFlag(flags['request-timeout']);
  const concurrency = flags.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new UsageError(`--concurrency must be a positive integer, got ${String(concurrency)}`);
  }
  const overrides = overridesFromFlags(flags);
  // Discovery on disk as kubectl keeps it, so a second run resolves CRD names without asking again.
  const cacheDir = flags['cache-dir'];
  ClusterApi.useDiscoveryCache({
    dir: cacheDir !== undefined && cacheDir !== '' ? cacheDir : defaultCacheDir(),
  });
  const loaded = loadKubeconfig({
    ...(flags.kubeconfig !== undefined && { kubeconfig: flags.kubeconfig }),
    overrides,
  });
  const selection: ContextSelection = {};
  if (flags.context !== undefined) selection.context = flags.context;
  if (flags['all-clusters']) selection.allClusters = true;
  if (flags.clusters && flags.clusters.length > 0)
    selection.clusters = flags.clusters.filter((c) => c !== '');
  if (flags.exclude && flags.exclude.length > 0) selection.exclude = flags.exclude.filter((c) => c !== '');
  const hubs = (flags.hub ?? []).filter((h) => h !== '');
  if (hubs.length > 0) return hubSelection(flags, loaded, hubs, selection, timeoutMs, concurrency, signal);
  for (const f of ['hub-namespace', 'cluster-providers'] as const) {
    const v = flags[f];
    if (v !== undefined && (!Array.isArray(v) || v.length > 0)) throw new UsageError(`--${f} needs --hub`);
  }
  const selector = flags['cluster-selector'];
  const contexts =
    selector !== undefined && selector !== ''
      ? await contextsBySelector(loaded, selection, selector, topologyFiles(flags))
      : selectContexts(loaded, selection);
  checkOverridesForSelection(overrides, contexts);
  // client-node (for exec / auth-provider users) loads now, not inside the first clusters' deadlines
  preloadTransport(loaded, contexts);
  const byName = new Map(loaded.contexts.map((c) => [c.name, c]));
  const infos = contexts.map((name) => byName.get(name)).filter((c): c is ContextInfo => c !== undefined);
  return { loaded, contexts, infos, timeoutMs, concurrency };
}

/**
 * What a command should say on stderr before it fans out: the kubeconfig's own warnings (missing files,
 * duplicate names) and, per selected context, that the kubeconfig turned TLS verification off.
 */
export function selectionWarnings(sel: Selection): string[] {
  return [
    ...sel.loaded.warnings,
    ...sel.infos
      .filter((c) => c.insecureSkipTlsVerify && !c.server?.startsWith('http:'))
      .map((c) => insecureSkipTlsWarning(c.name)),
  ];
}

async function hubSelection(
  flags: SelectionFlags,
  kubeconfig: LoadedKubeconfig,
  hubs: string[],
  selection: ContextSelection,
  timeoutMs: number,
  concurrency: number,
  signal: AbortSignal | undefined,
): Promise<Selection> {
  // kubectl's connection flags (--as, --token, …) apply to the hubs, never to the members.
  checkOverridesForSelection(overridesFromFlags(flags), hubs);
  // Loaded here only: a kubeconfig fleet never pays for the hub code.
  const { loadHubFleet, loadProviders, loadTopologyLabels, selectHubContexts } =
    await import('@kubectl-mc/core/fleet');
  const providers = loadProviders(flags['cluster-providers']);
  const selector = flags['cluster-selector'];
  // The topology's labels matter only to a selector: read only then.
  const topology = selector ? await loadTopologyLabels({ files: topologyFiles(flags) }) : undefined;
  const options: HubSourceOptions = {
    kubeconfig,
    hubs,
    namespaces: (flags['hub-namespace'] ?? []).filter((n) => n !== ''),
    providers,
    ...(selector !== undefined && { clusterSelector: selector }),
    ...(topology !== undefined && { topology }),
    timeoutMs,
  };
  const loaded = await loadHubFleet({ ...options, ...(signal !== undefined && { signal }) });
  const contexts = selectHubContexts(loaded, selection, selector);
  const byName = new Map(loaded.contexts.map((c) => [c.name, c]));
  const infos = contexts.map((name) => byName.get(name)).filter((c): c is ContextInfo => c !== undefined);
  return {
    loaded,
    contexts,
    infos,
    timeoutMs,
    concurrency,
    hub: loaded,
    hubSource: { options, selection },
  };
}

/** `--topology` as a list (a command may declare it as one file). */
export function topologyFiles(flags: Pick<SelectionFlags, 'topology'>): string[] {
  const t = flags.topology;
  return (Array.isArray(t) ? t : t === undefined ? [] : [t]).filter((f) => f !== '');
}

/**
 * `--cluster-selector` over kubeconfig contexts, by the topology's labels: among the contexts
 * `--context`/`--clusters`/`--exclude` select (every context when none of the first two is given).
 */
async function contextsBySelector(
  loaded: LoadedKubeconfig,
  selection: ContextSelection,
  selector: string,
  files: string[],
): Promise<string[]> {
  const { loadTopologyLabels, selectContextsByLabels } = await import('@kubectl-mc/core/fleet');
  const topology = await loadTopologyLabels({ files });
  if (!topology) {
    throw new UsageError(
      '--cluster-selector needs --hub, or a topology to take labels from (--topology FILE, or topology: in .kubectl-mc.yaml)',
    );
  }
  const explicit = (selection.context ?? '') !== '' || (selection.clusters?.length ?? 0) > 0;
  const base = selectContexts(loaded, explicit ? selection : { ...selection, allClusters: true });
  return selectContextsByLabels(base, topology, selector);
}
