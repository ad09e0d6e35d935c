/**
 * The dashboard's `Backend`: core's fleet over the selected kubeconfig (one connection per context from
 * core's cache; health, server-printed tables, watches and YAML from `@kubectl-mc/core/fleet`), with
 * describe, logs and pod usage through core's `describeObjects`, `fleetLogs` and `topPodsOf`; a pod's
 * containers (for the logs' container picker) read with core's client; pipeline runs (`:runs`) with
 * core's `listRuns`.
 */
import { ClusterError, type LoadedKubeconfig } from '@kubectl-mc/core';
import {
  defaultStateDir,
  describeObjects,
  Fleet,
  fleetLogs,
  listRuns,
  type LogEvent,
  type LogOptions,
  type LogTarget,
  type PodUsage,
  type RunRecord,
  topPodsOf,
} from '@kubectl-mc/core/fleet';
import type { Backend } from './data.js';

interface PodSpecShape {
  spec?: {
    initContainers?: { name?: unknown }[];
    containers?: { name?: unknown }[];
    ephemeralContainers?: { name?: unknown }[];
  };
}

class DashboardFleet extends Fleet implements Backend {
  /** Where `:runs` reads the pipeline runs (core's default when undefined). */
  stateDir: string | undefined;

  runs(): Promise<RunRecord[]> {
    return listRuns(this.stateDir ?? defaultStateDir());
  }

  async describe(
    context: string,
    resource: string,
    name: string,
    namespace: string | undefined,
    signal: AbortSignal,
  ): Promise<string> {
    const api = await this.api(context);
    const d = await describeObjects(
      api,
      { type: resource, names: [name], namespace: namespace ?? 'default', prefixMatch: false },
      signal,
    );
    const o = d.objects[0];
    if (!o) throw new ClusterError('NotFound', context, `${d.resource.resource} "${name}" not found`);
    return o.text;
  }

  async podUsage(context: string, namespace: string | undefined, signal: AbortSignal): Promise<PodUsage[]> {
    const api = await this.api(context);
    return topPodsOf(
      api,
      { namespace: namespace ?? 'default', allNamespaces: namespace === undefined },
      signal,
    );
  }

  async podContainers(
    context: string,
    name: string,
    namespace: string,
    signal: AbortSignal,
  ): Promise<{ name: string; kind: 'init' | 'container' | 'ephemeral' }[]> {
    const api = await this.api(context);
    const pod = await api.get<PodSpecShape>(await api.resolve('pods', signal), name, { namespace, signal });
    const spec = pod.spec ?? {};
    const of = (list: { name?: unknown }[] | undefined, kind: 'init' | 'container' | 'ephemeral') =>
      (list ?? []).flatMap((c) => (typeof c.name === 'string' ? [{ name: c.name, kind }] : []));
    return [
      ...of(spec.initContainers, 'init'),
      ...of(spec.containers, 'container'),
      ...of(spec.ephemeralContainers, 'ephemeral'),
    ];
  }

  logs(contexts: string[], target: LogTarget, opts: LogOptions): AsyncIterable<LogEvent> {
    return fleetLogs({ contexts, api: (c) => this.api(c) }, target, opts);
  }
}

/**
 * The dashboard's backend over `contexts` (default: every context of the kubeconfig); `:runs` reads the
 * pipeline runs of `stateDir` (default: core's `defaultStateDir()`).
 */
export function coreBackend(
  loaded: LoadedKubeconfig,
  contexts?: readonly string[],
  stateDir?: string,
): Backend {
  const b = new DashboardFleet(loaded, contexts);
  b.stateDir = stateDir;
  return b;
}
