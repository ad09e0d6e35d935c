// The pods of the deployment controller's ReplicaSets as Pod objects, the way the ReplicaSet controller,
// the scheduler and the kubelet would leave them: made Pending from the ReplicaSet's template (owned by
// it, on a node), Running and Ready a few simulated seconds later — or stuck in ImagePullBackOff for an
// image marked `doesnotexist` — and deleted on scale-down, unready ones first, then the newest.
import type { KubeObject, ResourceStore } from '../store.js';
import { isObj, templateBroken, type Json } from './rollout-math.js';

type Obj = KubeObject & Json;

interface Timing {
  readyAt: number;
  availableAt: number;
  /** the Pod object already shows it ready */
  shown: boolean;
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

export interface PodCounts {
  replicas: number;
  ready: number;
  available: number;
}

export class PodSet {
  readonly #timing = new Map<string, Timing>();
  #next = 0;

  constructor(
    private readonly store: ResourceStore,
    private readonly podStartMs: number,
  ) {}

  /** The ReplicaSet's pods brought to `want` at simulated time `now`; the counts its status reports. */
  reconcile(rs: Obj, want: number, now: number, minReadyMs: number): PodCounts {
    const ns = rs.metadata.namespace;
    const uid = rs.metadata.uid;
    const pods = (this.store.list('pods', ns) as Obj[]).filter((p) =>
      (p.metadata['ownerReferences'] as Json[] | undefined)?.some((o) => o['uid'] === uid),
    );
    const timing = (p: Obj): Timing => {
      const key = `${ns}/${p.metadata.name}`;
      let t = this.#timing.get(key);
      if (!t) {
        const conds = (
          isObj(p['status']) && Array.isArray(p['status']['conditions']) ? p['status']['conditions'] : []
        ) as Json[];
        const ready = conds.some((c) => c['type'] === 'Ready' && c['status'] === 'True');
        t = ready
          ? { readyAt: -Infinity, availableAt: -Infinity, shown: true }
          : { readyAt: Infinity, availableAt: Infinity, shown: false };
        this.#timing.set(key, t);
      }
      return t;
    };
    const template = isObj(rs['spec']) && isObj(rs['spec']['template']) ? rs['spec']['template'] : {};
    const broken = templateBroken(template);
    while (pods.length < want) {
      const readyAt = broken ? Infinity : now + this.podStartMs;
      const pod = this.#newPod(rs, template, broken);
      this.#timing.set(`${ns}/${pod.metadata.name}`, {
        readyAt,
        availableAt: readyAt + minReadyMs,
        shown: false,
      });
      pods.push(pod);
    }
    if (pods.length > want) {
      // unready first, then the newest
      pods.sort((a, b) => {
        const ra = timing(a).readyAt <= now ? 1 : 0;
        const rb = timing(b).readyAt <= now ? 1 : 0;
        if (ra !== rb) return ra - rb;
        return String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp));
      });
      for (const p of pods.splice(0, pods.length - want)) {
        this.store.delete('pods', ns, p.metadata.name);
        this.#timing.delete(`${ns}/${p.metadata.name}`);
      }
    }
    let ready = 0;
    let available = 0;
    for (const p of pods) {
      const t = timing(p);
      if (t.readyAt <= now) {
        ready++;
        if (!t.shown) {
          t.shown = true;
          this.#markReady(p);
        }
      }
      if (t.availableAt <= now) available++;
    }
    return { replicas: pods.length, ready, available };
  }

  #newPod(rs: Obj, template: Json, broken: boolean): Obj {
    const wall = Date.now();
    const tmeta = isObj(template['metadata']) ? template['metadata'] : {};
    const tspec = isObj(template['spec']) ? template['spec'] : {};
    // where the scheduler would put it: not on a control-plane node while workers exist
    const all = this.store.entries('nodes');
    const workers = all.filter((n) => !n.labels?.['node-role.kubernetes.io/control-plane']);
    const nodes = workers.length ? workers : all;
    const node = nodes.length ? nodes[this.#next++ % nodes.length]!.name : undefined;
    let name: string;
    do {
      name = `${rs.metadata.name}-${Array.from({ length: 5 }, () => SAFE[Math.floor(Math.random() * SAFE.length)]).join('')}`;
    } while (this.store.entry('pods', rs.metadata.namespace, name));
    const containers = (Array.isArray(tspec['containers']) ? tspec['containers'] : []) as Json[];
    const cond = (type: string, status: string): Json => ({
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: iso(wall),
    });
    const pod: Obj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: rs.metadata.namespace!,
        creationTimestamp: iso(wall),
        labels: { ...(isObj(tmeta['labels']) ? (tmeta['labels'] as Record<string, string>) : {}) },
        ...(isObj(tmeta['annotations']) ? { annotations: { ...tmeta['annotations'] } } : {}),
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rs.metadata.name,
            uid: rs.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        schedulerName: 'default-scheduler',
        ...structuredClone(tspec),
        ...(node ? { nodeName: node } : {}),
      },
      status: {
        phase: 'Pending',
        conditions: [
          cond('PodReadyToStartContainers', 'True'),
          cond('Initialized', 'True'),
          cond('Ready', 'False'),
          cond('ContainersReady', 'False'),
          cond('PodScheduled', 'True'),
        ],
        qosClass: 'Burstable',
        startTime: iso(wall),
        containerStatuses: containers.map((c) => ({
          name: c['name'],
          image: c['image'],
          imageID: '',
          ready: false,
          restartCount: 0,
          started: false,
          state: {
            waiting: broken
              ? { reason: 'ImagePullBackOff', message: `Back-off pulling image "${String(c['image'])}"` }
              : { reason: 'ContainerCreating' },
          },
        })),
      },
    };
    return this.store.add('pods', pod);
  }

  #markReady(p: Obj): void {
    const wall = Date.now();
    this.store.modify('pods', p.metadata.namespace, p.metadata.name, (o) => {
      const status = (o['status'] ?? {}) as Json;
      status['phase'] = 'Running';
      const n = 10 + (this.#next++ % 240);
      status['podIP'] = `10.244.${n}.${((this.#next * 7) % 250) + 2}`;
      status['podIPs'] = [{ ip: status['podIP'] }];
      for (const c of (status['conditions'] ?? []) as Json[])
        if (c['status'] === 'False') {
          c['status'] = 'True';
          c['lastTransitionTime'] = iso(wall);
        }
      for (const cs of (status['containerStatuses'] ?? []) as Json[]) {
        cs['ready'] = true;
        cs['started'] = true;
        cs['state'] = { running: { startedAt: iso(wall) } };
      }
      o['status'] = status;
    });
  }
}
