/**
 * Which containers a log request reads on one cluster: a pod by name, the pods of a label selector, or of
 * a workload's selector (`deploy/NAME` → every pod it selects); per pod its default container, the one
 * named, or all of them.
 */
import type { ClusterApi } from '../../api/client.js';
import type { KubeObject } from '../../api/types.js';
import { ClusterError } from '../../errors.js';
import type { LogSource, LogTarget } from './types.js';

interface PodShape extends KubeObject {
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: {
    containers?: { name: string }[];
    initContainers?: { name: string }[];
    ephemeralContainers?: { name: string }[];
  };
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A `LabelSelector` (or a Service's map) as the `labelSelector` query text. */
export function selectorText(sel: LabelSelector | Record<string, string>): string {
  const isLabelSelector = 'matchLabels' in sel || 'matchExpressions' in sel;
  const labels = isLabelSelector
    ? ((sel as LabelSelector).matchLabels ?? {})
    : (sel as Record<string, string>);
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  for (const e of isLabelSelector ? ((sel as LabelSelector).matchExpressions ?? []) : []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** The containers of `pod` to read: the one named, all of them, or its default (kubectl's rules). */
export function containersOf(pod: PodShape, opts: { container?: string; allContainers?: boolean }): string[] {
  const spec = pod.spec ?? {};
  const main = (spec.containers ?? []).map((c) => c.name);
  if (opts.container !== undefined) return [opts.container];
  if (opts.allContainers) {
    return [
      ...(spec.initContainers ?? []).map((c) => c.name),
      ...main,
      ...(spec.ephemeralContainers ?? []).map((c) => c.name),
    ];
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && main.includes(annotated)) return [annotated];
  return main.slice(0, 1);
}

/** The pods of one cluster for `target` in `namespace` (a missing pod or workload is `NotFound`). */
async function podsOf(
  api: ClusterApi,
  target: LogTarget,
  namespace: string,
  signal: AbortSignal,
): Promise<PodShape[]> {
  const pods = await api.resolve('pods', signal);
  if (target.kind === 'pod') return [await api.get<PodShape>(pods, target.name, { namespace, signal })];
  let selector: string;
  if (target.kind === 'selector') {
    selector = target.selector;
  } else {
    const res = await api.resolve(target.type, signal);
    if (res.group === '' && res.resource === 'pods') {
      return [await api.get<PodShape>(pods, target.name, { namespace, signal })];
    }
    const obj = await api.get<{ spec?: { selector?: LabelSelector | Record<string, string> } }>(
      res,
      target.name,
      { namespace, signal },
    );
    const sel = obj.spec?.selector;
    selector = sel ? selectorText(sel) : '';
    if (selector === '') {
      throw new ClusterError(
        'NotFound',
        api.context,
        `${res.resource} "${target.name}" has no selector: cannot find its pods`,
      );
    }
  }
  return (await api.list<PodShape>(pods, { namespace, labelSelector: selector, signal })).items;
}

/** The sources of one cluster, pods in the server's order, each pod's containers in kubectl's order. */
export async function findSources(
  api: ClusterApi,
  target: LogTarget,
  namespace: string,
  opts: { container?: string; allContainers?: boolean },
  signal: AbortSignal,
): Promise<LogSource[]> {
  const out: LogSource[] = [];
  for (const pod of await podsOf(api, target, namespace, signal)) {
    for (const container of containersOf(pod, opts)) {
      out.push({
        context: api.context,
        namespace: pod.metadata.namespace ?? namespace,
        pod: pod.metadata.name,
        container,
      });
    }
  }
  return out;
}
