import { Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { parseDuration } from '@kubectl-mc/core/util';
import {
  loadKubeconfig,
  selectContexts,
  type ContextInfo,
  type ContextSelection,
  type LoadedKubeconfig,
} from '@kubectl-mc/core/kubeconfig';
import { insecureSkipTlsWarning, preloadTransport } from '@kubectl-mc/core/transport';

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
};

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
  concurrency: Flags.integer({
    description: 'How many clusters to query at once.',
    default: 16,
    min: 1,
    helpGroup: 'CLUSTERS',
  }),
  'request-timeout': Flags.string({
    description:
      'Per-cluster deadline, a kubectl duration (e.g. 10s, 1m, 500ms; a bare number is seconds; 0 = none).',
    default: '10s',
    helpGroup: 'CLUSTERS',
  }),
};

export interface SelectionFlags {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  'all-clusters'?: boolean | undefined;
  clusters?: string[] | undefined;
  exclude?: string[] | undefined;
  concurrency?: number | undefined;
  'request-timeout'?: string | undefined;
}

export interface Selection {
  loaded: LoadedKubeconfig;
  /** Selected context names, in kubeconfig order. */
  contexts: string[];
  /** The selected contexts' details (no secrets). */
  infos: ContextInfo[];
  timeoutMs: number;
  concurrency: number;
}

/** Parse `--request-timeout` like kubectl: `10s`, `1m30s`, `500ms`, a bare number of seconds, `0` = none. */
export function timeoutFromFlag(value: string | undefined): number {
  return parseDuration(value ?? '10s', '--request-timeout');
}

/** Load the kubeconfig and resolve the selection flags into the contexts to fan out over. */
export function selectionFromFlags(flags: SelectionFlags): Selection {
  const timeoutMs = timeoutFromFlag(flags['request-timeout']);
  const concurrency = flags.concurrency ?? 16;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new UsageError(`--concurrency must be a positive integer, got ${String(concurrency)}`);
  }
  const loaded = loadKubeconfig(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig });
  const selection: ContextSelection = {};
  if (flags.context !== undefined) selection.context = flags.context;
  if (flags['all-clusters']) selection.allClusters = true;
  if (flags.clusters && flags.clusters.length > 0)
    selection.clusters = flags.clusters.filter((c) => c !== '');
  if (flags.exclude && flags.exclude.length > 0) selection.exclude = flags.exclude.filter((c) => c !== '');
  const contexts = selectContexts(loaded, selection);
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
