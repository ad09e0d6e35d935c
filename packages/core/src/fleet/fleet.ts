/**
 * The fleet as every front end sees it: the selected contexts of a kubeconfig and, per context, its one
 * connection (core's process-wide connection cache), its API, health, lists, watches and objects; across
 * contexts, fan-outs whose results are per cluster (a value or a typed error), never one rejection.
 */
import path from 'node:path';
import { ClusterApi } from '../api/client.js';
import type { WatchEvent, WatchOptions } from '../api/watch.js';
import { checkCluster, type HealthProbe, type HealthProbeOptions } from '../api/health.js';
import type { KubeObject, ListOptions, ResolvedResource, Table } from '../api/types.js';
import { collect, fanOut, type FanOut } from '../fanout/fanout.js';
import type { FanOutOptions } from '../fanout/types.js';
import { selectContexts } from '../kubeconfig/select.js';
import { loadKubeconfig } from '../kubeconfig/load.js';
import type {
  ContextInfo,
  ContextSelection,
  KubeconfigSourceOptions,
  LoadedKubeconfig,
} from '../kubeconfig/types.js';
import { formatYaml } from '../render/output.js';
import { getConnection } from '../transport/cache.js';
import type { ConnectionOptions, HttpClusterConnection } from '../transport/connection.js';
import { mergeWorkloads, type WorkloadDrift, type WorkloadItem } from './drift.js';
import { follow, type FollowOptions, type FollowStream } from './follow.js';
import { checkHealth, type ContextHealth, type HealthCheckOptions } from './health.js';
import { customKinds, type KindInfo } from './kinds.js';
import { forDisplay, normalizeForCompare, rowRef } from './object.js';
import { listWorkloads } from './workload-list.js';
import type { FleetSource, ObjectOptions } from './types.js';

export interface FleetOptions {
  /** Default for fan-outs: how many clusters at once (default 16). */
  concurrency?: number;
  /** Default for fan-outs: per-cluster deadline in ms (default 10 000; 0 = none). */
  timeoutMs?: number;
  /** For every connection of this fleet (response cap, proxy environment, warnings). */
  connection?: ConnectionOptions;
}

export interface OpenFleetOptions extends KubeconfigSourceOptions, FleetOptions {
  /**
   * Kubeconfig files, merged as `KUBECONFIG` would merge them (the first file wins per name); when
   * given, neither `kubeconfig` nor the environment's `KUBECONFIG` is read.
   */
  files?: readonly string[];
  /** Which contexts (kubectl's rules, as `--context`, `--clusters`, …); default: every context. */
  selection?: ContextSelection;
}

/** A fan-out over the fleet: the fleet's defaults, overridable per call. */
export type FleetFanOutOptions = FanOutOptions;

/** A resource by the name a user types (`po`, `deploy`, a CRD), or as already resolved on that cluster. */
export type ResourceRef = string | ResolvedResource;

export class Fleet implements FleetSource {
  /** The selected contexts, in kubeconfig order. */
  readonly contexts: readonly string[];
  private readonly used = new Set<Promise<HttpClusterConnection>>();

  /**
   * @param kubeconfig the loaded kubeconfig; its process-wide connections are this fleet's.
   * @param contexts the selected contexts (default: every context of the kubeconfig, in its order).
   */
  constructor(
    readonly kubeconfig: LoadedKubeconfig,
    contexts?: readonly string[],
    private readonly opts: FleetOptions = {},
  ) {
    this.contexts = [...new Set(contexts ?? kubeconfig.contexts.map((c) => c.name))];
  }

  /**
   * Load the kubeconfig (kubectl's rules, or `files`) and select contexts. Throws `KubeconfigError` or
   * `ContextSelectionError` for a kubeconfig or a selection that cannot be used.
   */
  static open(opts: OpenFleetOptions = {}): Fleet {
    const files = opts.files?.filter((f) => f !== '') ?? [];
    const loaded =
      files.length > 0
        ? loadKubeconfig({
            env: { ...(opts.env ?? process.env), KUBECONFIG: files.join(path.delimiter) },
            ...(opts.homeDir !== undefined ? { homeDir: opts.homeDir } : {}),
          })
        : loadKubeconfig({
            ...(opts.kubeconfig !== undefined ? { kubeconfig: opts.kubeconfig } : {}),
            ...(opts.env !== undefined ? { env: opts.env } : {}),
            ...(opts.homeDir !== undefined ? { homeDir: opts.homeDir } : {}),
          });
    const contexts = opts.selection ? selectContexts(loaded, opts.selection) : undefined;
    return new Fleet(loaded, contexts, opts);
  }

  /** The selected contexts' details (no secrets), in order. */
  get infos(): ContextInfo[] {
    const byName = new Map(this.kubeconfig.contexts.map((c) => [c.name, c]));
    return this.contexts.map((c) => byName.get(c)).filter((c): c is ContextInfo => c !== undefined);
  }

  /** The context's connection: one per context and kubeconfig for the process (core's cache). */
  connection(context: string): Promise<HttpClusterConnection> {
    const p = getConnection(this.kubeconfig, context, this.opts.connection ?? {});
    this.used.add(p);
    return p;
  }

  /** The context's API (discovery cached per cluster for the process). */
  async api(context: string): Promise<ClusterApi> {
    return new ClusterApi(await this.connection(context));
  }

  resolve(context: string, resource: ResourceRef, signal?: AbortSignal): Promise<ResolvedResource> {
    if (typeof resource !== 'string') return Promise.resolve(resource);
    return this.api(context).then((a) => a.resolve(resource, signal));
  }

  /** A fan-out of `task` over the selected contexts, streamed per cluster (see `fanOut`). */
  fanOut<T>(
    task: (api: ClusterApi, signal: AbortSignal) => Promise<T>,
    opts: FleetFanOutOptions = {},
  ): FanOut<T> {
    return fanOut(
      this.contexts,
      async (ctx, signal) => task(await this.api(ctx), signal),
      this.fanOutOptions(opts),
    );
  }

  private fanOutOptions(opts: FleetFanOutOptions): FanOutOptions {
    return {
      ...(this.opts.concurrency !== undefined ? { concurrency: this.opts.concurrency } : {}),
      ...(this.opts.timeoutMs !== undefined ? { timeoutMs: this.opts.timeoutMs } : {}),
      ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.signal !== undefined ? { signal: opts.signal } : {}),
    };
  }

  // ------------------------------------------------------------ health

  async probe(context: string, signal: AbortSignal, opts: HealthProbeOptions = {}): Promise<HealthProbe> {
    return checkCluster(await this.connection(context), signal, opts);
  }

  /** Every selected cluster's health, as each answers (see `checkHealth`). */
  health(opts: HealthCheckOptions = {}): AsyncGenerator<ContextHealth> {
    return checkHealth(this, this.contexts, { ...opts, ...this.fanOutOptions(opts) });
  }

  // ------------------------------------------------------------ lists and watches

  /** One cluster's server-printed table of `resource`. */
  async table(context: string, resource: ResourceRef, opts: ListOptions = {}): Promise<Table> {
    const api = await this.api(context);
    const res = typeof resource === 'string' ? await api.resolve(resource, opts.signal) : resource;
    return api.listTable(res, opts);
  }

  /**
   * Which objects of `resource` one cluster has (name and namespace, raw), from one server-printed
   * list: in `opts.namespace`, or in every namespace (and cluster-scoped) when it is absent.
   */
  async refs(
    context: string,
    resource: ResourceRef,
    opts: Pick<ListOptions, 'namespace' | 'labelSelector' | 'fieldSelector' | 'signal'> = {},
  ): Promise<{ name: string; namespace?: string }[]> {
    const table = await this.table(context, resource, {
      ...opts,
      includeObject: 'Metadata',
      ...(opts.namespace === undefined ? { allNamespaces: true } : {}),
    });
    return table.rows.map(rowRef);
  }

  /** `resource` on every selected cluster as server-printed tables, streamed per cluster. */
  list(resource: string, opts: Omit<ListOptions, 'signal'> & FleetFanOutOptions = {}): FanOut<Table> {
    return this.fanOut(
      async (api, signal) => api.listTable(await api.resolve(resource, signal), { ...opts, signal }),
      opts,
    );
  }

  /** One cluster's objects of `resource` (apiVersion and kind set on each). */
  async objects<T = KubeObject>(
    context: string,
    resource: ResourceRef,
    opts: ListOptions = {},
  ): Promise<T[]> {
    const api = await this.api(context);
    const res = typeof resource === 'string' ? await api.resolve(resource, opts.signal) : resource;
    return (await api.list<T>(res, opts)).items;
  }

  /** `resource` on every selected cluster as objects, streamed per cluster. */
  listObjects<T = KubeObject>(
    resource: string,
    opts: Omit<ListOptions, 'signal'> & FleetFanOutOptions = {},
  ): FanOut<T[]> {
    return this.fanOut(
      async (api, signal) =>
        (await api.list<T>(await api.resolve(resource, signal), { ...opts, signal })).items,
      opts,
    );
  }

  /** One cluster's watch of `resource` as one-row tables (the API's reconnect behaviour). */
  async *watchTable(
    context: string,
    resource: ResourceRef,
    opts: WatchOptions = {},
  ): AsyncGenerator<WatchEvent<Table>> {
    const api = await this.api(context);
    const res = typeof resource === 'string' ? await api.resolve(resource, opts.signal) : resource;
    yield* api.watch<Table>(res, { ...opts, table: true });
  }

  /** List-then-watch `resource` on every selected cluster, one stream of per-cluster events. */
  follow(resource: string, opts: FollowOptions = {}): FollowStream {
    return follow(this, this.contexts, resource, {
      ...(this.opts.timeoutMs !== undefined ? { timeoutMs: this.opts.timeoutMs } : {}),
      ...opts,
    });
  }

  // ------------------------------------------------------------ one object

  /** One object as the cluster sends it. */
  async object(
    context: string,
    resource: ResourceRef,
    name: string,
    opts: ObjectOptions = {},
  ): Promise<KubeObject> {
    const api = await this.api(context);
    const res = typeof resource === 'string' ? await api.resolve(resource, opts.signal) : resource;
    return api.get(res, name, {
      ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  }

  /**
   * One object as YAML for display, keys sorted and without managed fields as `kubectl get -o yaml`
   * prints it; with `compare`, without what differs by nature between clusters (`normalizeForCompare`).
   */
  async objectYaml(
    context: string,
    resource: string,
    name: string,
    opts: ObjectOptions = {},
  ): Promise<string> {
    const obj = await this.object(context, resource, name, opts);
    return formatYaml(opts.compare ? normalizeForCompare(obj) : forDisplay(obj));
  }

  /** The custom resource types one cluster serves (listable ones), sorted by kind. */
  async customKinds(context: string, signal?: AbortSignal): Promise<KindInfo[]> {
    return customKinds(await (await this.api(context)).discover(signal));
  }

  // ------------------------------------------------------------ drift

  /** Every selected cluster's Deployments, StatefulSets and DaemonSets (all namespaces), streamed per cluster. */
  workloads(opts: FleetFanOutOptions = {}): FanOut<WorkloadItem[]> {
    return this.fanOut((api, signal) => listWorkloads(api, signal), opts);
  }

  /** The fleet's workloads merged across clusters, with where they drift apart (see `mergeWorkloads`). */
  async drift(opts: FleetFanOutOptions = {}): Promise<WorkloadDrift> {
    return mergeWorkloads(await collect(this.workloads(opts)));
  }

  /**
   * Close the connections this fleet used. They are the process-wide connections of its kubeconfig:
   * close a fleet when that kubeconfig is done with (load it again for a new fleet).
   */
  close(): void {
    for (const p of this.used)
      p.then(
        (c) => c.close(),
        () => undefined,
      );
    this.used.clear();
  }
}
