import type { Candidate, ProviderContext } from './engine.js';
import { currentContextName, listContextNames } from './kubeconfig.js';

/**
 * How long completion waits for a cluster's discovery before answering with the built-in types:
 * 1.5 s, or `KUBECTL_MC_COMPLETION_TIMEOUT_MS` for slow clusters.
 */
export function discoveryTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.KUBECTL_MC_COMPLETION_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : 1500;
}

/**
 * The resource types the cluster of the line's `--context` (else the current context) serves, with
 * their short names, from its discovery documents; `[]` when there is no kubeconfig, the cluster does
 * not answer within `timeoutMs`, or anything fails: completion never waits longer and never errors.
 * Core (and its Kubernetes client) is imported only here, so other completions stay light.
 */
export async function discoverResourceTypes(
  ctx: ProviderContext,
  timeoutMs = discoveryTimeoutMs(),
): Promise<Candidate[]> {
  const resources = await withCluster(ctx, timeoutMs, (api, signal) => api.discover(signal));
  const out: Candidate[] = [];
  for (const r of resources ?? []) {
    if (!r.verbs.includes('list') && !r.verbs.includes('get')) continue;
    const group = r.group ? ` (${r.group})` : '';
    out.push({ value: r.resource, description: `${r.kind}${group}` });
    for (const s of r.shortNames) out.push({ value: s, description: `${r.kind} (${r.resource})` });
  }
  return out;
}

/** The namespaces of the line's (or the current) context's cluster, on the same terms as the types. */
export async function listNamespaces(
  ctx: ProviderContext,
  timeoutMs = discoveryTimeoutMs(),
): Promise<string[]> {
  const names = await withCluster(ctx, timeoutMs, async (api, signal) => {
    const namespaces = {
      group: '',
      version: 'v1',
      resource: 'namespaces',
      kind: 'Namespace',
      namespaced: false,
      singular: 'namespace',
      shortNames: ['ns'],
      verbs: ['list'],
      categories: [],
    };
    const { items } = await api.list<{ metadata?: { name?: string } }>(namespaces, { signal, limit: 500 });
    return items.map((i) => i.metadata?.name).filter((n): n is string => typeof n === 'string' && n !== '');
  });
  return names ?? [];
}

type Api = import('@kubectl-mc/core/api').ClusterApi;

/**
 * Run `fn` against the cluster of the line's `--context` (else the current context) within
 * `timeoutMs`; undefined when there is no such context, the cluster does not answer in time, or
 * anything fails. Connections are closed afterwards so the process can exit.
 */
async function withCluster<T>(
  ctx: ProviderContext,
  timeoutMs: number,
  fn: (api: Api, signal: AbortSignal) => Promise<T>,
): Promise<T | undefined> {
  let close: (() => void) | undefined;
  try {
    // Cheap check first: with no context to ask, do not load the Kubernetes client at all.
    const wanted = ctx.context ?? (await currentContextName({ kubeconfig: ctx.kubeconfig }));
    if (!wanted || !(await listContextNames({ kubeconfig: ctx.kubeconfig })).includes(wanted))
      return undefined;
    const [{ loadKubeconfig }, transport, { ClusterApi }, { raceAbort }] = await Promise.all([
      import('@kubectl-mc/core/kubeconfig'),
      import('@kubectl-mc/core/transport'),
      import('@kubectl-mc/core/api'),
      import('@kubectl-mc/core/util'),
    ]);
    close = transport.closeAllConnections;
    const loaded = loadKubeconfig({ kubeconfig: ctx.kubeconfig });
    if (!loaded.contexts.some((c) => c.name === wanted)) return undefined;
    // The clock runs from the first network step (loading the client is local work).
    const signal = AbortSignal.timeout(timeoutMs);
    const work = (async () => fn(new ClusterApi(await transport.getConnection(loaded, wanted)), signal))();
    return await raceAbort(work, signal);
  } catch {
    return undefined;
  } finally {
    close?.();
  }
}
