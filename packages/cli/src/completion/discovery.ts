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
  let close: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    // Cheap check first: with no context to ask, do not load the Kubernetes client at all.
    const wanted = ctx.context ?? (await currentContextName({ kubeconfig: ctx.kubeconfig }));
    if (!wanted || !(await listContextNames({ kubeconfig: ctx.kubeconfig })).includes(wanted)) return [];
    const core = await import('@kubectl-mc/core');
    close = core.closeAllConnections;
    const loaded = core.loadKubeconfig({ kubeconfig: ctx.kubeconfig });
    const context = ctx.context ?? loaded.currentContext;
    if (!context || !loaded.contexts.some((c) => c.name === context)) return [];
    // The clock runs from the first network step (loading the client is local work).
    const ac = new AbortController();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        ac.abort();
        reject(new Error('discovery timed out'));
      }, timeoutMs);
      timer.unref();
    });
    deadline.catch(() => undefined);
    const work = (async () => {
      const conn = await core.getConnection(loaded, context);
      return new core.ClusterApi(conn).discover(ac.signal);
    })();
    work.catch(() => undefined);
    const resources = await Promise.race([work, deadline]);
    const out: Candidate[] = [];
    for (const r of resources) {
      if (!r.verbs.includes('list') && !r.verbs.includes('get')) continue;
      const group = r.group ? ` (${r.group})` : '';
      out.push({ value: r.resource, description: `${r.kind}${group}` });
      for (const s of r.shortNames) out.push({ value: s, description: `${r.kind} (${r.resource})` });
    }
    return out;
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
    close?.();
  }
}
