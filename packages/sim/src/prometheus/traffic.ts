// The traffic model, with Istio's semantics: each Service that selects pods receives a steady request
// rate. A VirtualService in the Service's namespace whose spec.hosts names it splits that rate by its
// first http route's destination weights; a destination's subset is the DestinationRule (spec.host
// naming the destination's Service) subset whose labels further select among the Service's pods. Within
// a destination the rate is spread evenly over its Running and Ready pods. Without a VirtualService the
// Service's ready pods share it evenly.
import type { Pod, Service } from '../kinds.js';
import type { KubeObject, ResourceStore } from '../store.js';

export const DEFAULT_REQUEST_RATE = 100;

interface Destination {
  host?: unknown;
  subset?: unknown;
}
interface VirtualService extends KubeObject {
  spec?: { hosts?: unknown; http?: { route?: { destination?: Destination; weight?: unknown }[] }[] };
}
interface DestinationRule extends KubeObject {
  spec?: { host?: unknown; subsets?: { name?: unknown; labels?: unknown }[] };
}

/** A pod that receives traffic, with its requests per second. */
export interface PodTraffic {
  pod: Pod & { metadata: { namespace: string } };
  rate: number;
}

/** Whether `host` (as written in namespace `ns`) names Service `name` in namespace `svcNs`. */
export function hostNames(host: unknown, ns: string, name: string, svcNs: string): boolean {
  if (typeof host !== 'string') return false;
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === name) return ns === svcNs;
  return [`${name}.${svcNs}`, `${name}.${svcNs}.svc`, `${name}.${svcNs}.svc.cluster.local`].includes(h);
}

function isReady(p: Pod): boolean {
  if (p.metadata.deletionTimestamp || p.status?.phase !== 'Running') return false;
  return (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

const matches = (labels: Record<string, string> | undefined, want: Record<string, unknown>): boolean =>
  Object.entries(want).every(([k, v]) => labels?.[k] === v);

/** Every pod's request rate on a cluster (pods that get none are left out). */
export function podTraffic(store: ResourceStore, requestRate = DEFAULT_REQUEST_RATE): PodTraffic[] {
  const byPod = new Map<string, PodTraffic>();
  const podsIn = new Map<string, Pod[]>();
  const pods = (ns: string): Pod[] => {
    let list = podsIn.get(ns);
    if (!list) {
      list = (store.list('pods', ns) as Pod[]).filter(isReady);
      podsIn.set(ns, list);
    }
    return list;
  };
  const services = store.list('services') as Service[];
  const vss = store.list('virtualservices') as VirtualService[];
  const drs = store.list('destinationrules') as DestinationRule[];
  const give = (targets: Pod[], rate: number): void => {
    if (!targets.length || rate <= 0) return;
    for (const p of targets) {
      const key = `${p.metadata.namespace ?? ''}/${p.metadata.name}`;
      const t = byPod.get(key) ?? { pod: p as PodTraffic['pod'], rate: 0 };
      t.rate += rate / targets.length;
      byPod.set(key, t);
    }
  };
  const selected = (svc: Service): Pod[] => {
    const sel = svc.spec?.selector;
    if (!sel || !Object.keys(sel).length) return [];
    return pods(svc.metadata.namespace ?? 'default').filter((p) => matches(p.metadata.labels, sel));
  };

  for (const svc of services) {
    const ns = svc.metadata.namespace ?? 'default';
    const name = svc.metadata.name;
    const backends = selected(svc);
    if (!backends.length) continue;
    const vs = vss.find(
      (v) =>
        v.metadata.namespace === ns &&
        Array.isArray(v.spec?.hosts) &&
        v.spec.hosts.some((h) => hostNames(h, ns, name, ns)),
    );
    const route = vs?.spec?.http?.[0]?.route;
    if (!Array.isArray(route) || !route.length) {
      give(backends, requestRate);
      continue;
    }
    const weights = route.map((r) =>
      typeof r.weight === 'number' ? Math.max(0, r.weight) : route.length === 1 ? 100 : 0,
    );
    const total = weights.reduce((a, b) => a + b, 0);
    if (total <= 0) continue;
    route.forEach((r, i) => {
      const share = (requestRate * weights[i]!) / total;
      if (share <= 0) return;
      const host = r.destination?.host;
      const target = services.find((s) =>
        hostNames(host, ns, s.metadata.name, s.metadata.namespace ?? 'default'),
      );
      if (!target) return;
      let targets = target === svc ? backends : selected(target);
      const subset = r.destination?.subset;
      if (typeof subset === 'string' && subset) {
        const tNs = target.metadata.namespace ?? 'default';
        const dr = drs.find(
          (d) =>
            (d.metadata.namespace === ns || d.metadata.namespace === tNs) &&
            hostNames(d.spec?.host, ns, target.metadata.name, tNs),
        );
        const def = Array.isArray(dr?.spec?.subsets)
          ? dr.spec.subsets.find((s) => s.name === subset)
          : undefined;
        if (!def) return; // Istio answers 503 for an unknown subset: no pod sees the requests
        const labels =
          def.labels && typeof def.labels === 'object' ? (def.labels as Record<string, unknown>) : {};
        targets = targets.filter((p) => matches(p.metadata.labels, labels));
      }
      give(targets, share);
    });
  }
  return [...byPod.values()];
}
