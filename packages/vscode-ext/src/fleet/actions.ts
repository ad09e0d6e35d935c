/**
 * The editor's actions on the fleet, in the fleet bundle: each is a core function (describe, events,
 * logs, the apply plan and the apply), run on the clusters the action names, rendered as text the editor
 * shows. The editor never talks to a cluster another way. Everything a cluster sent is escaped.
 */
import { collect } from '@kubectl-mc/core/fanout';
import type { ClusterError } from '@kubectl-mc/core/errors';
import {
  changesOf,
  describeObjects,
  eventCells,
  eventHeaders,
  Fleet,
  fleetLogs,
  formatYamlForDiff,
  itemErrorText,
  listEvents,
  parseManifests,
  planApply,
  planRows,
  questionText,
  resultRows,
  runApply,
  type Applied,
  type LogEvent,
  type Manifest,
  type PlanItem,
} from '@kubectl-mc/core/fleet';
import { TableWriter } from '@kubectl-mc/core/render';
import { escapeTerminal } from '@kubectl-mc/core';
import type { KubeObject } from '@kubectl-mc/core/api';

/** One object (or one workload) on the clusters that have it. */
export interface ObjectTarget {
  contexts: string[];
  /** The resource as kubectl names it (`pods`, `deployments.apps`, …). */
  resource: string;
  namespace?: string;
  name: string;
}

/** The plan of an apply of one manifest text, as `kubectl mc apply` shows it before it asks. */
export interface ApplyPlan {
  /** The plan table (CLUSTER, OBJECT, NAMESPACE, RESULT, CHANGES). */
  table: string;
  /** A cluster that could not plan, or an object that cannot be applied, one line each. */
  errors: string[];
  /** How many objects would change, and on which clusters. */
  changes: number;
  changing: string[];
  /** `Apply 2 changes to 2 clusters (a, b)?` */
  question: string;
  /** Per cluster with changes: the live and the merged (server dry run) YAML of its changed objects. */
  diffs: { context: string; live: string; merged: string }[];
  /** For `apply` (opaque to the editor). */
  readonly plans: Map<string, PlanItem[]>;
}

export interface ApplyOutcome {
  /** The result table (CLUSTER, OBJECT, NAMESPACE, RESULT). */
  table: string;
  errors: string[];
  /** Per cluster that was to change: applied without an error or not. */
  clusters: { context: string; ok: boolean }[];
}

const esc = (s: string) => escapeTerminal(s);
/** A multi-line text from a cluster made inert: newlines kept, every other control escaped visibly. */
const escBlock = (s: string) => s.split('\n').map(esc).join('\n');

/** Annotations a cluster writes itself: never copied from one cluster to another. */
const OWN_ANNOTATIONS = [
  'deployment.kubernetes.io/revision',
  'kubectl.kubernetes.io/last-applied-configuration',
];

/** What aligning copies of a live object: apiVersion, kind, name, namespace, labels, annotations, spec. */
export function alignable(live: KubeObject): KubeObject {
  const meta = (live.metadata ?? {}) as Record<string, unknown>;
  const annotations = { ...((meta['annotations'] as Record<string, string> | undefined) ?? {}) };
  for (const k of OWN_ANNOTATIONS) delete annotations[k];
  const labels = meta['labels'] as Record<string, string> | undefined;
  return {
    apiVersion: live.apiVersion,
    kind: live.kind,
    metadata: {
      name: meta['name'],
      ...(meta['namespace'] !== undefined ? { namespace: meta['namespace'] } : {}),
      ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    ...(live['spec'] !== undefined ? { spec: live['spec'] } : {}),
  } as KubeObject;
}

export function errorText(e: ClusterError): string {
  const msg = e.message || e.kind;
  const plain =
    e.kind === 'Timeout' || e.kind === 'Cancelled' || e.kind === 'NotFound' || msg.startsWith(e.kind);
  return `context "${esc(e.context)}": ${esc(plain ? msg : `${e.kind}: ${msg}`)}`;
}

export class FleetActions {
  constructor(private readonly fleet: () => Fleet) {}

  /** The fleet narrowed to `contexts` (the same connections; never closed on its own). */
  private on(contexts: readonly string[]): Fleet {
    const f = this.fleet();
    return new Fleet(f.kubeconfig, contexts);
  }

  /** `kubectl describe` of the object on each of its clusters: one section per cluster, in order. */
  async describe(t: ObjectTarget, signal: AbortSignal): Promise<string> {
    const results = await collect(
      this.on(t.contexts).fanOut(
        (api, sig) =>
          describeObjects(
            api,
            { type: t.resource, names: [t.name], namespace: t.namespace ?? '', prefixMatch: false },
            sig,
          ),
        { signal },
      ),
    );
    const out: string[] = [];
    for (const context of t.contexts) {
      const r = results.find((x) => x.context === context);
      out.push(`=== ${esc(context)} ===`);
      if (!r) continue;
      if (!r.ok) out.push(`error: ${errorText(r.error)}`, '');
      else if (r.value.objects.length === 0)
        out.push(
          `Error from server (NotFound): ${esc(r.value.resource.resource)} "${esc(t.name)}" not found`,
          '',
        );
      else for (const o of r.value.objects) out.push(escBlock(o.text.replace(/\n+$/, '')), '');
    }
    return out.join('\n') + '\n';
  }

  /** The object's events on each of its clusters, one table sorted by last seen across clusters. */
  async events(t: ObjectTarget, signal: AbortSignal): Promise<string> {
    const { results, events } = await listEvents(this.on(t.contexts), {
      namespace: () => t.namespace ?? 'default',
      for: { type: t.resource, name: t.name },
      signal,
    });
    const now = Date.now();
    const rows = [['CLUSTER', ...eventHeaders(false)]];
    for (const e of events) rows.push([e.context, ...eventCells(e.event, now, false)].map(esc));
    const lines = [new TableWriter().format(rows).replace(/\n$/, '')];
    if (events.length === 0) lines.push(`No events found for ${esc(t.resource)}/${esc(t.name)}.`);
    for (const r of results) if (!r.ok) lines.push(`error: ${errorText(r.error)}`);
    return lines.join('\n') + '\n';
  }

  /**
   * The logs of the object (a pod, or every pod of a workload) on each of its clusters, every container,
   * as lines `cluster/pod/container text`; with `follow`, until `signal` aborts.
   */
  async *logs(
    t: ObjectTarget,
    opts: { follow: boolean; previous?: boolean; container?: string },
    signal: AbortSignal,
  ): AsyncGenerator<string> {
    const target =
      t.resource === 'pods'
        ? ({ kind: 'pod', name: t.name } as const)
        : ({ kind: 'object', type: t.resource, name: t.name } as const);
    const events: AsyncIterable<LogEvent> = fleetLogs(this.on(t.contexts), target, {
      namespace: () => t.namespace ?? 'default',
      follow: opts.follow,
      ...(opts.container ? { container: opts.container } : { allContainers: true }),
      ...(opts.previous ? { previous: true } : {}),
      // every pod of a workload is followed (kubectl's default of 5 streams per cluster is for a terminal)
      ...(opts.follow ? { tailLines: 100, maxLogRequests: 25 } : {}),
      signal,
    });
    for await (const ev of events) {
      switch (ev.type) {
        case 'lines': {
          const s = ev.source;
          const prefix = esc(`${s.context}/${s.pod}/${s.container}`);
          for (const l of ev.lines) yield `${prefix} ${esc(l.text)}${l.cut ? ' […cut]' : ''}`;
          break;
        }
        case 'sources':
          if (ev.sources.length === 0)
            yield `${esc(ev.context)}: no pods of ${esc(t.resource)}/${esc(t.name)}`;
          break;
        case 'cluster-error':
          yield `error: ${errorText(ev.error)}`;
          break;
        case 'source-error':
          yield `error: ${esc(`${ev.source.context}/${ev.source.pod}/${ev.source.container}`)}: ${esc(ev.error.message)}`;
          break;
        case 'reconnecting':
          yield `${esc(`${ev.source.context}/${ev.source.pod}/${ev.source.container}`)}: reconnecting (${esc(ev.error.message)})`;
          break;
        default:
          break;
      }
    }
  }

  /** The containers of the object (a pod's, or a workload's pod template's) on its first cluster. */
  async containers(t: ObjectTarget, signal: AbortSignal): Promise<string[]> {
    const obj = await this.fleet().object(t.contexts[0]!, t.resource, t.name, {
      ...(t.namespace !== undefined ? { namespace: t.namespace } : {}),
      signal,
    });
    type Spec = { containers?: { name?: unknown }[]; initContainers?: { name?: unknown }[] };
    const spec = (obj['spec'] ?? {}) as Spec & { template?: { spec?: Spec } };
    const pod = t.resource === 'pods' ? spec : (spec.template?.spec ?? {});
    return [...(pod.initContainers ?? []), ...(pod.containers ?? [])]
      .map((c) => c.name)
      .filter((n): n is string => typeof n === 'string');
  }

  /** The plan of applying `text` (YAML documents) on `contexts`: core's server-side dry run, per cluster. */
  plan(contexts: string[], text: string, source: string, signal: AbortSignal): Promise<ApplyPlan> {
    const manifests: Manifest[] = parseManifests(text, source).map((object) => ({ source, object }));
    return this.planManifests(contexts, manifests, signal);
  }

  /**
   * The plan of making the workload on its other clusters what it is on `from`: its spec, labels and
   * annotations as `from` has them, applied server-side (a field another manager owns is a conflict the
   * plan names, never forced).
   */
  async alignPlan(t: ObjectTarget, from: string, signal: AbortSignal): Promise<ApplyPlan> {
    const live = await this.fleet().object(from, t.resource, t.name, {
      ...(t.namespace !== undefined ? { namespace: t.namespace } : {}),
      signal,
    });
    const object = alignable(live);
    const others = t.contexts.filter((c) => c !== from);
    return this.planManifests(others, [{ source: `${t.resource}/${t.name} on ${from}`, object }], signal);
  }

  private async planManifests(
    contexts: string[],
    manifests: Manifest[],
    signal: AbortSignal,
  ): Promise<ApplyPlan> {
    const planned = await collect(planApply(this.on(contexts), manifests, { signal }));
    const plans = new Map<string, PlanItem[]>();
    const errors: string[] = [];
    for (const ctx of contexts) {
      const r = planned.find((p) => p.context === ctx);
      if (r?.ok) plans.set(ctx, r.value);
      else if (r) errors.push(`error: ${errorText(r.error)}`);
    }
    for (const [ctx, items] of plans)
      for (const i of items)
        if (i.error) errors.push(`error: ${esc(ctx)}: ${esc(i.ref)}: ${itemErrorText(i.error)}`);
    const changing = [...plans].filter(([, items]) => changesOf(items).length > 0);
    const changes = changing.reduce((n, [, items]) => n + changesOf(items).length, 0);
    const diffs = [...plans].map(([context, items]) => {
      const changed = changesOf(items);
      const doc = (f: (i: PlanItem) => string) => changed.map(f).join('---\n');
      return {
        context,
        live: doc((i) => (i.live ? formatYamlForDiff(i.live) : '')),
        merged: doc((i) => formatYamlForDiff(i.merged!)),
      };
    });
    return {
      table: planRows([...plans]),
      errors,
      changes,
      changing: changing.map(([c]) => c),
      question: questionText(
        changes,
        changing.map(([c]) => c),
      ),
      diffs,
      plans,
    };
  }

  /** Apply a plan's changes (core's `runApply`); `progress` hears each object as it is applied. */
  async apply(
    plan: ApplyPlan,
    progress: (context: string, line: string) => void,
    signal: AbortSignal,
  ): Promise<ApplyOutcome> {
    const changing = new Map([...plan.plans].filter(([, items]) => changesOf(items).length > 0));
    const results = await collect(
      runApply(this.on([...changing.keys()]), changing, {
        signal,
        onApplied: (ctx, a: Applied) =>
          progress(
            ctx,
            a.error
              ? `${esc(a.item.ref)}: ${itemErrorText(a.error)}`
              : `${esc(a.item.ref)} ${a.result ?? ''}`,
          ),
      }),
    );
    const done: [string, Applied[]][] = [];
    const errors: string[] = [];
    const clusters: ApplyOutcome['clusters'] = [];
    for (const ctx of changing.keys()) {
      const r = results.find((x) => x.context === ctx);
      if (r?.ok) {
        done.push([ctx, r.value]);
        for (const a of r.value)
          if (a.error) errors.push(`error: ${esc(ctx)}: ${esc(a.item.ref)}: ${itemErrorText(a.error)}`);
        clusters.push({ context: ctx, ok: r.value.every((a) => !a.error) });
      } else {
        if (r) errors.push(`error: ${errorText(r.error)}`);
        clusters.push({ context: ctx, ok: false });
      }
    }
    return { table: resultRows(done), errors, clusters };
  }
}
