// The cells kube-apiserver's printers produce for the resources with more than a name and an age.
import type { Container, KubeEvent, KubeNode, Pod, PodSpec, Service } from '../kinds.js';
import type { KubeObject } from '../store.js';
import { formatLabels, humanDuration, since } from './printers.js';
import type { TableRowCondition } from './types.js';

export const age = (o: KubeObject, now: number): string => since(o.metadata.creationTimestamp, now);

export const templateContainers = (spec: { template?: { spec?: PodSpec } } | undefined): Container[] =>
  spec?.template?.spec?.containers ?? [];
export const names = (cs: Container[]): string => cs.map((c) => c.name).join(',');
export const images = (cs: Container[]): string => cs.map((c) => c.image).join(',');

export function podCells(pod: Pod, now: number): unknown[] {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = (pod.spec?.containers ?? []).length;
  let reason: string = pod.status?.reason || pod.status?.phase || '';
  let restarts = 0;
  let ready = 0;
  let lastRestart = 0;
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i]!;
    restarts += c.restartCount ?? 0;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished) lastRestart = Math.max(lastRestart, Date.parse(finished));
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state?.terminated) {
      reason = c.state.terminated.signal
        ? `Signal:${c.state.terminated.signal}`
        : `ExitCode:${c.state.terminated.exitCode}`;
    } else if (c.ready && c.state?.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) {
    const readyCond = (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    reason = readyCond ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp) reason = pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  const restartsCell =
    restarts !== 0 && lastRestart > 0
      ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
      : String(restarts);
  const gates = pod.spec?.readinessGates ?? [];
  let gatesCell = '<none>';
  if (gates.length) {
    const conds = pod.status?.conditions ?? [];
    const trueGates = gates.filter((g) =>
      conds.some((c) => c.type === g.conditionType && c.status === 'True'),
    ).length;
    gatesCell = `${trueGates}/${gates.length}`;
  }
  return [
    pod.metadata.name,
    `${ready}/${total}`,
    reason,
    restartsCell,
    age(pod, now),
    pod.status?.podIP || '<none>',
    pod.spec?.nodeName || '<none>',
    pod.status?.nominatedNodeName || '<none>',
    gatesCell,
  ];
}

export function nodeCells(node: KubeNode, now: number): unknown[] {
  const conds = node.status?.conditions ?? [];
  const readyCond = conds.find((c) => c.type === 'Ready');
  const statuses: string[] = [];
  if (!readyCond) statuses.push('Unknown');
  else
    statuses.push(
      readyCond.status === 'True' ? 'Ready' : readyCond.status === 'False' ? 'NotReady' : 'Unknown',
    );
  if (node.spec?.unschedulable) statuses.push('SchedulingDisabled');
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  const addr = (type: string): string =>
    (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
  const info = node.status?.nodeInfo ?? {};
  return [
    node.metadata.name,
    statuses.join(','),
    roles.size ? [...roles].sort().join(',') : '<none>',
    age(node, now),
    info.kubeletVersion ?? '',
    addr('InternalIP'),
    addr('ExternalIP'),
    info.osImage || '<unknown>',
    info.kernelVersion || '<unknown>',
    info.containerRuntimeVersion || '<unknown>',
  ];
}

export function serviceCells(svc: Service, now: number): unknown[] {
  const spec = svc.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  let external = '<none>';
  const ext = spec.externalIPs ?? [];
  if (type === 'LoadBalancer') {
    const ing = svc.status?.loadBalancer?.ingress ?? [];
    const all = [...ing.map((i) => i.ip || i.hostname).filter(Boolean), ...ext];
    external = all.length ? all.join(',') : '<pending>';
  } else if (type === 'ExternalName') {
    external = spec.externalName ?? '<none>';
  } else if (ext.length) {
    external = ext.join(',');
  }
  const ports = spec.ports ?? [];
  const portsCell = ports.length
    ? ports
        .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
        .join(',')
    : '<none>';
  return [
    svc.metadata.name,
    type,
    spec.clusterIP || '<none>',
    external,
    portsCell,
    age(svc, now),
    formatLabels(spec.selector),
  ];
}

export function eventCells(ev: KubeEvent, now: number): unknown[] {
  const target = ev.involvedObject?.name
    ? `${String(ev.involvedObject.kind ?? '').toLowerCase()}/${ev.involvedObject.name}`
    : String(ev.involvedObject?.kind ?? '').toLowerCase();
  // formatEventSource: the source, else the reporting controller and instance
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  const source = instance ? `${component}, ${instance}` : component;
  // kube-apiserver's printEvent: events.k8s.io/v1 events have eventTime and maybe a series instead
  const first = since(ev.firstTimestamp || ev.eventTime || undefined, now);
  const last = ev.series
    ? since(ev.series.lastObservedTime, now)
    : ev.lastTimestamp
      ? since(ev.lastTimestamp, now)
      : first;
  return [
    last,
    ev.type ?? '',
    ev.reason ?? '',
    target,
    ev.involvedObject?.fieldPath ?? '',
    source,
    ev.message ?? '',
    first,
    ev.series ? (ev.series.count ?? 0) : ev.count || 1,
    ev.metadata.name,
  ];
}

export const podConditions = (pod: Pod): TableRowCondition[] | undefined => {
  if (pod.status?.phase === 'Succeeded') {
    return [
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ];
  }
  if (pod.status?.phase === 'Failed') {
    return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  }
  return undefined;
};
