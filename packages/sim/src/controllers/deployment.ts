// A deployment controller as kube-controller-manager runs it, over simulated time: a changed pod template
// gets a new ReplicaSet (named with its pod-template-hash, the next revision in the
// deployment.kubernetes.io/revision annotation; a template an older ReplicaSet already has — `rollout
// undo` — reuses that one with a new revision), the rolling update scales new up and old down within
// maxSurge / maxUnavailable, pods become ready a few simulated seconds after they are made (never, for
// an image marked `doesnotexist`), and the status carries observedGeneration, the counts and kube's
// Available / Progressing conditions, ending in NewReplicaSetAvailable or, after progressDeadlineSeconds
// without progress, ProgressDeadlineExceeded. spec.paused stops the rollout. The pods are Pod objects
// (controllers/pods.ts).
import type { ResourceStore, KubeObject } from '../store.js';
import type { Timers } from '../timers.js';
import {
  copiedAnnotations,
  DESIRED_REPLICAS,
  equalIgnoreHash,
  HASH_LABEL,
  isObj,
  MAX_REPLICAS,
  REVISION,
  REVISION_HISTORY,
  revisionOf,
  surgeAndUnavailable,
  templateHash,
  type Json,
} from './rollout-math.js';
import { progressingCondition, setCondition, type Condition } from './conditions.js';
import { PodSet } from './pods.js';
import { rollStep, SimClock } from './rolling.js';

export interface DeploymentControllerOptions {
  /** Simulated seconds per real second (default 1): 50 makes a 10-minute deadline 12 s. */
  timeScale?: number;
  /** Simulated seconds from a pod's creation to its readiness (default 2). */
  podStartSeconds?: number;
  /** false: no controller runs (objects stay exactly as written, for tests that compare snapshots). */
  enabled?: boolean;
}

type Obj = KubeObject & Json;

const specOf = (o: Json): Json => (isObj(o['spec']) ? o['spec'] : {});
const statusOf = (o: Json): Json => (isObj(o['status']) ? o['status'] : {});
const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** The Deployment's generation is newer than the one its status has observed. */
function unobserved(json: string): boolean {
  const d = JSON.parse(json) as Obj;
  const generation = num(d.metadata['generation'], 1);
  return generation !== num(statusOf(d)['observedGeneration'], 0);
}

export class DeploymentController {
  readonly clock: SimClock;
  readonly enabled: boolean;
  readonly #store: ResourceStore;
  readonly #timers: Timers;
  /** namespace/name of deployments with a rollout in progress (ticked every simulated second) */
  readonly #active = new Set<string>();
  /** simulated time of each deployment's last progress (the progress deadline counts from it) */
  readonly #progressAt = new Map<string, number>();
  readonly #podSet: PodSet;
  #scheduled: NodeJS.Timeout | undefined;
  #syncing = false;
  readonly #off: () => void;

  constructor(store: ResourceStore, timers: Timers, opts: DeploymentControllerOptions = {}) {
    this.enabled = opts.enabled !== false;
    this.#store = store;
    this.#timers = timers;
    this.clock = new SimClock(opts.timeScale && opts.timeScale > 0 ? opts.timeScale : 1);
    this.#podSet = new PodSet(store, (opts.podStartSeconds ?? 2) * 1000);
    this.#off = store.onEvent((ev) => {
      if (!this.enabled) return;
      if (ev.resource !== 'deployments' || ev.type === 'DELETED' || this.#syncing) return;
      // as kube's controller acts on a new generation (a metadata-only write such as a label changes none)
      if (!unobserved(ev.entry.json)) return;
      this.#active.add(`${ev.namespace ?? ''}/${ev.name}`);
      this.#schedule(0);
    });
  }

  stop(): void {
    this.#off();
    if (this.#scheduled) this.#timers.clear(this.#scheduled);
  }

  #schedule(simMs: number): void {
    if (this.#scheduled || this.#timers.stopped) return;
    this.#scheduled = this.#timers.set(
      () => {
        this.#scheduled = undefined;
        this.#tick();
      },
      simMs ? this.clock.real(simMs) : 0,
    );
  }

  #tick(): void {
    for (const key of [...this.#active]) {
      const slash = key.indexOf('/');
      let busy = false;
      this.#syncing = true;
      try {
        busy = this.sync(key.slice(0, slash), key.slice(slash + 1));
      } catch {
        busy = false; // an object the controller cannot read is left alone, as kube logs and moves on
      } finally {
        this.#syncing = false;
      }
      if (!busy) this.#active.delete(key);
    }
    if (this.#active.size) this.#schedule(1000);
  }

  /** One reconcile of a Deployment; true while its rollout still moves (more ticks needed). */
  sync(namespace: string, name: string): boolean {
    const store = this.#store;
    const d = store.get('deployments', namespace, name);
    if (!d) return false;
    const now = this.clock.now();
    const wall = Date.now();
    const key = `${namespace}/${name}`;
    const spec = specOf(d);
    const replicas = num(spec['replicas'], 1);
    const paused = spec['paused'] === true;
    const template = spec['template'];
    const owned = (store.list('replicasets', namespace) as Obj[]).filter((rs) =>
      (rs.metadata['ownerReferences'] as Json[] | undefined)?.some(
        (o) => o['controller'] === true && o['uid'] === d.metadata.uid,
      ),
    );
    const maxRevision = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    let newRS = owned.find((rs) => equalIgnoreHash(specOf(rs)['template'], template));
    const { surge, unavailable } = surgeAndUnavailable(spec, replicas);
    let event: Condition | undefined;
    if (!paused && !newRS) {
      newRS = this.#newReplicaSet(d, maxRevision + 1, replicas, surge, wall);
      owned.push(newRS);
      event = progressingCondition(
        'NewReplicaSetCreated',
        `Created new replica set "${newRS.metadata.name}"`,
      );
    } else if (!paused && newRS && revisionOf(newRS) < maxRevision) {
      const ann = (newRS.metadata.annotations ??= {}) as Record<string, string>;
      const old = String(revisionOf(newRS));
      ann[REVISION_HISTORY] = ann[REVISION_HISTORY] ? `${ann[REVISION_HISTORY]},${old}` : old;
      ann[REVISION] = String(maxRevision + 1);
      Object.assign(ann, copiedAnnotations(d));
      event = progressingCondition('FoundNewReplicaSet', `Found new replica set "${newRS.metadata.name}"`);
    }

    const olds = owned
      .filter((rs) => rs !== newRS)
      .sort((a, b) =>
        String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)),
      );
    if (!paused && newRS) rollStep(newRS, olds, replicas, surge, unavailable, spec);
    for (const rs of owned) this.#reconcilePods(rs, now, num(spec['minReadySeconds']));
    for (const rs of owned) this.#save(rs);
    this.#cleanup(olds, num(spec['revisionHistoryLimit'], 10));

    const all = owned.filter((rs) => store.entry('replicasets', namespace, rs.metadata.name));
    const before = statusOf(d);
    const count = (k: string, set: Obj[]): number => set.reduce((n, rs) => n + num(statusOf(rs)[k]), 0);
    const updated = newRS ? num(statusOf(newRS)['replicas']) : 0;
    const total = count('replicas', all);
    const ready = count('readyReplicas', all);
    const available = count('availableReplicas', all);
    const status: Json = {
      observedGeneration: num(d.metadata['generation'], 1),
      replicas: total,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
    };
    if (replicas - available > 0) status['unavailableReplicas'] = replicas - available;
    for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas'])
      if (status[k] === 0) delete status[k];
    let conditions = (Array.isArray(before['conditions']) ? before['conditions'] : []) as Condition[];
    const minAvailable = available >= replicas - unavailable;
    conditions = setCondition(
      conditions,
      {
        type: 'Available',
        status: minAvailable ? 'True' : 'False',
        reason: minAvailable ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
        message: minAvailable
          ? 'Deployment has minimum availability.'
          : 'Deployment does not have minimum availability.',
      },
      wall,
    );
    const complete = updated === replicas && total === replicas && available === replicas;
    const rsName = newRS?.metadata.name ?? '';
    const progressing = conditions.find((c) => c.type === 'Progressing');
    const progressed =
      updated > num(before['updatedReplicas']) ||
      total - updated < num(before['replicas']) - num(before['updatedReplicas']) ||
      ready > num(before['readyReplicas']) ||
      available > num(before['availableReplicas']);
    const deadlineMs = num(spec['progressDeadlineSeconds'], 600) * 1000;
    if (paused) {
      if (progressing?.reason !== 'DeploymentPaused')
        conditions = setCondition(
          conditions,
          progressingCondition('DeploymentPaused', 'Deployment is paused', 'Unknown'),
          wall,
        );
    } else if (progressing?.reason === 'DeploymentPaused' && !event) {
      event = progressingCondition('DeploymentResumed', 'Deployment is resumed', 'Unknown');
    }
    if (!paused) {
      if (complete) {
        if (progressing?.reason !== 'NewReplicaSetAvailable' || event)
          event = progressingCondition(
            'NewReplicaSetAvailable',
            `ReplicaSet "${rsName}" has successfully progressed.`,
          );
      } else if (!event && progressed) {
        event = progressingCondition('ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`);
      } else if (
        !event &&
        progressing?.reason !== 'ProgressDeadlineExceeded' &&
        (this.#progressAt.get(key) ?? now) + deadlineMs < now
      ) {
        event = progressingCondition(
          'ProgressDeadlineExceeded',
          `ReplicaSet "${rsName}" has timed out progressing.`,
          'False',
        );
      }
      if (event) conditions = setCondition(conditions, event, wall, true);
      if (event || !this.#progressAt.has(key)) this.#progressAt.set(key, now);
    }
    status['conditions'] = conditions;

    const ann = (d.metadata.annotations ??= {}) as Record<string, string>;
    const revision = newRS ? String(revisionOf(newRS)) : ann[REVISION];
    const changed =
      JSON.stringify(status) !== JSON.stringify(before) ||
      (revision !== undefined && ann[REVISION] !== revision);
    if (changed) {
      if (revision !== undefined) ann[REVISION] = revision;
      d['status'] = status;
      store.update('deployments', d);
    }
    const timedOut = conditions.some(
      (c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded',
    );
    return !paused && !complete && !timedOut;
  }

  #newReplicaSet(d: Obj, revision: number, replicas: number, surge: number, now: number): Obj {
    const spec = specOf(d);
    const template = structuredClone(isObj(spec['template']) ? spec['template'] : {});
    let collision = 0;
    let hash = templateHash(template);
    while (this.#store.entry('replicasets', d.metadata.namespace, `${d.metadata.name}-${hash}`))
      hash = templateHash(template, ++collision);
    const tmeta = (template['metadata'] = isObj(template['metadata']) ? template['metadata'] : {});
    tmeta['labels'] = { ...(isObj(tmeta['labels']) ? tmeta['labels'] : {}), [HASH_LABEL]: hash };
    const selector = isObj(spec['selector']) ? spec['selector'] : {};
    const match = isObj(selector['matchLabels']) ? selector['matchLabels'] : {};
    const rs: Obj = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace!,
        creationTimestamp: iso(now),
        generation: 1,
        labels: { ...(tmeta['labels'] as Record<string, string>) },
        annotations: {
          ...copiedAnnotations(d),
          [DESIRED_REPLICAS]: String(replicas),
          [MAX_REPLICAS]: String(replicas + surge),
          [REVISION]: String(revision),
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: d.metadata.name,
            uid: d.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: 0,
        ...(spec['minReadySeconds'] ? { minReadySeconds: spec['minReadySeconds'] } : {}),
        selector: { ...selector, matchLabels: { ...match, [HASH_LABEL]: hash } },
        template,
      },
      status: { replicas: 0 },
    };
    return this.#store.add('replicasets', rs);
  }

  /** Pods follow the ReplicaSet's spec; its status counts them. */
  #reconcilePods(rs: Obj, now: number, minReadySeconds: number): void {
    const counts = this.#podSet.reconcile(rs, num(specOf(rs)['replicas']), now, minReadySeconds * 1000);
    rs['status'] = {
      replicas: counts.replicas,
      ...(counts.replicas ? { fullyLabeledReplicas: counts.replicas } : {}),
      ...(counts.ready ? { readyReplicas: counts.ready } : {}),
      ...(counts.available ? { availableReplicas: counts.available } : {}),
      observedGeneration: num(rs.metadata['generation'], 1),
    };
  }

  #save(rs: Obj): void {
    const live = this.#store.get('replicasets', rs.metadata.namespace, rs.metadata.name);
    if (!live) return;
    const next: Obj = {
      ...live,
      metadata: { ...live.metadata, annotations: rs.metadata['annotations'] },
      spec: rs['spec'],
      status: rs['status'],
    };
    if (JSON.stringify(next) === JSON.stringify(live)) return;
    if (JSON.stringify(next['spec']) !== JSON.stringify(live['spec'])) {
      const generation = num(live.metadata['generation'], 1) + 1;
      next.metadata['generation'] = generation;
      (next['status'] as Json)['observedGeneration'] = generation;
    }
    this.#store.update('replicasets', next);
  }

  /** Old ReplicaSets scaled to zero beyond revisionHistoryLimit are deleted, oldest revision first. */
  #cleanup(olds: Obj[], limit: number): void {
    const idle = olds
      .filter((rs) => num(specOf(rs)['replicas']) === 0 && num(statusOf(rs)['replicas']) === 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      this.#store.delete('replicasets', rs.metadata.namespace, rs.metadata.name);
    }
  }
}
