/** kubectl's Deployment, ReplicaSet, StatefulSet and DaemonSet describers. */
import { describeEvents, type EventItem } from './events.js';
import { describePodTemplate } from './containers.js';
import {
  arr,
  controllerOf,
  formatLabels,
  formatLabelSelector,
  num,
  printAnnotations,
  printLabels,
  rec,
  rfc1123z,
  selectorString,
  str,
  strMap,
} from './format.js';
import { LEVEL_0, LEVEL_1, type DescribeWriter, tabbed } from './writer.js';

type Obj = Record<string, unknown>;

/** Pod phases of a controller's pods (`getPodStatusForController`). */
export interface PodCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/** Count the pods `uid` controls among `pods`, by phase. */
export function podCounts(pods: Obj[], uid: string): PodCounts {
  const c: PodCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of pods) {
    const ref = arr(rec(p.metadata).ownerReferences).find((r) => r.controller === true);
    if (!ref || str(ref.uid) !== uid) continue;
    const phase = str(rec(p.status).phase);
    if (phase === 'Running') c.running++;
    else if (phase === 'Pending') c.waiting++;
    else if (phase === 'Succeeded') c.succeeded++;
    else if (phase === 'Failed') c.failed++;
  }
  return c;
}

const podsStatus = (c: PodCounts) =>
  `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;

function conditionsTable(conditions: Obj[], w: DescribeWriter): void {
  if (conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
}

/** Canonical JSON (sorted keys) of a pod template without the pod-template-hash label. */
function templateKey(t: unknown): string {
  const copy = structuredClone(rec(t));
  const meta = rec(copy.metadata);
  const labels = rec(meta.labels);
  delete labels['pod-template-hash'];
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon((v as Obj)[k])]),
          )
        : v;
  return JSON.stringify(canon({ ...copy, metadata: { ...meta, labels } }));
}

/** `deploymentutil.GetAllReplicaSets`: the old ones that still have replicas, and the new one. */
export function splitReplicaSets(d: Obj, replicaSets: Obj[]): { old: Obj[]; current: Obj | undefined } {
  const uid = str(rec(d.metadata).uid);
  const owned = replicaSets.filter((rs) =>
    arr(rec(rs.metadata).ownerReferences).some((r) => r.controller === true && str(r.uid) === uid),
  );
  const want = templateKey(rec(d.spec).template);
  const byAge = [...owned].sort((a, b) => {
    const ta = Date.parse(str(rec(a.metadata).creationTimestamp));
    const tb = Date.parse(str(rec(b.metadata).creationTimestamp));
    if (ta !== tb) return ta - tb;
    const na = str(rec(a.metadata).name);
    const nb = str(rec(b.metadata).name);
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
  const current = byAge.find((rs) => templateKey(rec(rs.spec).template) === want);
  const old = owned.filter((rs) => rs !== current && num(rec(rs.spec).replicas) !== 0);
  return { old, current };
}

const rsList = (list: Obj[]) =>
  list.length === 0
    ? '<none>'
    : list
        .map(
          (rs) =>
            `${str(rec(rs.metadata).name)} (${num(rec(rs.status).replicas)}/${num(rec(rs.spec).replicas)} replicas created)`,
        )
        .join(', ');

export function describeDeployment(
  d: Obj,
  replicaSets: Obj[] | undefined,
  events: EventItem[] | undefined,
): string {
  return tabbed((w) => {
    const meta = rec(d.metadata);
    const spec = rec(d.spec);
    const status = rec(d.status);
    w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta.namespace)}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
    printLabels(w, 'Labels', strMap(meta.labels));
    printAnnotations(w, 'Annotations', strMap(meta.annotations));
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${num(spec.replicas)} desired | ${num(status.updatedReplicas)} updated | ${num(status.replicas)} total | ${num(status.availableReplicas)} available | ${num(status.unavailableReplicas)} unavailable\n`,
    );
    const strategy = rec(spec.strategy);
    w.write(LEVEL_0, `StrategyType:\t${str(strategy.type)}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${num(spec.minReadySeconds)}\n`);
    if (strategy.rollingUpdate) {
      const ru = rec(strategy.rollingUpdate);
      w.write(
        LEVEL_0,
        `RollingUpdateStrategy:\t${str(ru.maxUnavailable) || '0'} max unavailable, ${str(ru.maxSurge) || '0'} max surge\n`,
      );
    }
    describePodTemplate(rec(spec.template), w);
    conditionsTable(arr(status.conditions), w);
    if (replicaSets) {
      const { old, current } = splitReplicaSets(d, replicaSets);
      w.write(LEVEL_0, `OldReplicaSets:\t${rsList(old)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${rsList(current ? [current] : [])}\n`);
    }
    describeEvents(events, w);
  });
}

export function describeReplicaSet(
  rs: Obj,
  pods: PodCounts | string,
  events: EventItem[] | undefined,
): string {
  return tabbed((w) => {
    const meta = rec(rs.metadata);
    const spec = rec(rs.spec);
    w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta.namespace)}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
    printLabels(w, 'Labels', strMap(meta.labels));
    printAnnotations(w, 'Annotations', strMap(meta.annotations));
    const controlledBy = controllerOf(meta);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${num(rec(rs.status).replicas)} current / ${num(spec.replicas)} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(
      LEVEL_0,
      typeof pods === 'string' ? `error in fetching pods: ${pods}\n` : `${podsStatus(pods)}\n`,
    );
    describePodTemplate(rec(spec.template), w);
    conditionsTable(arr(rec(rs.status).conditions), w);
    describeEvents(events, w);
  });
}

function volumeClaimTemplates(templates: Obj[], w: DescribeWriter): void {
  if (templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    const meta = rec(pvc.metadata);
    const spec = rec(pvc.spec);
    const annotations = strMap(meta.annotations);
    w.write(LEVEL_1, `Name:\t${str(meta.name)}\n`);
    const cls = annotations['volume.beta.kubernetes.io/storage-class'] ?? str(spec.storageClassName);
    w.write(LEVEL_1, `StorageClass:\t${cls}\n`);
    printLabels(w, 'Labels', strMap(meta.labels), '  ');
    printLabels(w, 'Annotations', annotations, '  ');
    const storage = strMap(rec(rec(spec.resources).requests)).storage;
    w.write(LEVEL_1, `Capacity:\t${storage ?? '<default>'}\n`);
    const modes = Array.isArray(spec.accessModes) ? spec.accessModes.map(str) : [];
    w.write(LEVEL_1, `Access Modes:\t[${modes.join(' ')}]\n`);
  }
}

export function describeStatefulSet(s: Obj, pods: PodCounts, events: EventItem[] | undefined): string {
  return tabbed((w) => {
    const meta = rec(s.metadata);
    const spec = rec(s.spec);
    w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta.namespace)}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabels(w, 'Labels', strMap(meta.labels));
    printAnnotations(w, 'Annotations', strMap(meta.annotations));
    w.write(LEVEL_0, `Replicas:\t${num(spec.replicas)} desired | ${num(rec(s.status).replicas)} total\n`);
    const strategy = rec(spec.updateStrategy);
    w.write(LEVEL_0, `Update Strategy:\t${str(strategy.type)}\n`);
    const ru = strategy.rollingUpdate ? rec(strategy.rollingUpdate) : undefined;
    if (ru && typeof ru.partition === 'number') {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${str(ru.maxUnavailable)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${podsStatus(pods)}\n`);
    describePodTemplate(rec(spec.template), w);
    volumeClaimTemplates(arr(spec.volumeClaimTemplates), w);
    describeEvents(events, w);
  });
}

export function describeDaemonSet(d: Obj, pods: PodCounts, events: EventItem[] | undefined): string {
  return tabbed((w) => {
    const meta = rec(d.metadata);
    const spec = rec(d.spec);
    const status = rec(d.status);
    w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(strMap(rec(rec(spec.template).spec).nodeSelector))}\n`);
    printLabels(w, 'Labels', strMap(meta.labels));
    printAnnotations(w, 'Annotations', strMap(meta.annotations));
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${num(status.desiredNumberScheduled)}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${num(status.currentNumberScheduled)}\n`);
    w.write(
      LEVEL_0,
      `Number of Nodes Scheduled with Up-to-date Pods: ${num(status.updatedNumberScheduled)}\n`,
    );
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${num(status.numberAvailable)}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${num(status.numberMisscheduled)}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatus(pods)}\n`);
    describePodTemplate(rec(spec.template), w);
    describeEvents(events, w);
  });
}
