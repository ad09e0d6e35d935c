/** kubectl's PodDescriber. */
import { describeEvents, type EventItem } from './events.js';
import { describeContainers, describeVolumes } from './containers.js';
import {
  arr,
  controllerOf,
  printAnnotations,
  printLabels,
  printTolerations,
  rec,
  rfc1123z,
  since,
  str,
  strMap,
} from './format.js';
import { LEVEL_0, LEVEL_1, tabbed } from './writer.js';

type Obj = Record<string, unknown>;

export function describePod(pod: Obj, events: EventItem[] | undefined): string {
  return tabbed((w) => {
    const meta = rec(pod.metadata);
    const spec = rec(pod.spec);
    const status = rec(pod.status);
    w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta.namespace)}\n`);
    if (typeof spec.priority === 'number') w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (str(spec.priorityClassName) !== '')
      w.write(LEVEL_0, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
    if (str(spec.runtimeClassName) !== '')
      w.write(LEVEL_0, `Runtime Class Name:\t${str(spec.runtimeClassName)}\n`);
    if (str(spec.serviceAccountName) !== '')
      w.write(LEVEL_0, `Service Account:\t${str(spec.serviceAccountName)}\n`);
    if (str(spec.nodeName) === '') w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${str(spec.nodeName)}/${str(status.hostIP)}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabels(w, 'Labels', strMap(meta.labels));
    printAnnotations(w, 'Annotations', strMap(meta.annotations));
    const phase = str(status.phase);
    if (meta.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${str(meta.deletionGracePeriodSeconds) || '0'}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${phase}\n`);
    }
    if (str(status.reason) !== '') w.write(LEVEL_0, `Reason:\t${str(status.reason)}\n`);
    if (str(status.message) !== '') w.write(LEVEL_0, `Message:\t${str(status.message)}\n`);
    const seccomp = rec(rec(spec.securityContext).seccompProfile);
    if (str(seccomp.type) !== '') {
      w.write(LEVEL_0, `SeccompProfile:\t${str(seccomp.type)}\n`);
      if (str(seccomp.type) === 'Localhost')
        w.write(LEVEL_0, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
    }
    w.write(LEVEL_0, `IP:\t${str(status.podIP)}\n`);
    const ips = arr(status.podIPs);
    if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
    else {
      w.write(LEVEL_0, 'IPs:\n');
      for (const ip of ips) w.write(LEVEL_1, `IP:\t${str(ip.ip)}\n`);
    }
    const controlledBy = controllerOf(meta);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (str(status.nominatedNodeName) !== '')
      w.write(LEVEL_0, `NominatedNodeName:\t${str(status.nominatedNodeName)}\n`);
    const init = arr(spec.initContainers);
    if (init.length > 0)
      describeContainers('Init Containers', init, arr(status.initContainerStatuses), '', w, pod);
    describeContainers('Containers', arr(spec.containers), arr(status.containerStatuses), '', w, pod);
    const gates = arr(spec.readinessGates);
    if (gates.length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      const conds = new Map(arr(status.conditions).map((c) => [str(c.type), str(c.status)]));
      for (const g of gates)
        w.write(LEVEL_1, `${str(g.conditionType)} \t${conds.get(str(g.conditionType)) ?? '<none>'} \n`);
    }
    const conditions = arr(status.conditions);
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of conditions) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)} \n`);
    }
    describeVolumes(arr(spec.volumes), w, '');
    w.write(LEVEL_0, `QoS Class:\t${str(status.qosClass) || qosOf(spec)}\n`);
    printLabels(w, 'Node-Selectors', strMap(spec.nodeSelector));
    printTolerations(w, 'Tolerations', arr(spec.tolerations));
    describeEvents(events, w);
  });
}

/** `qos.GetPodQOS` when the status has none: BestEffort, Guaranteed or Burstable. */
function qosOf(spec: Obj): string {
  const containers = [...arr(spec.containers), ...arr(spec.initContainers)];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const r = rec(c.resources);
    const req = strMap(r.requests);
    const lim = strMap(r.limits);
    for (const k of ['cpu', 'memory']) {
      if (req[k] || lim[k]) any = true;
      if (!lim[k] || (req[k] !== undefined && req[k] !== lim[k])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
