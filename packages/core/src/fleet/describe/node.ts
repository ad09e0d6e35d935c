/** kubectl's Node describer: status, capacity, the node's non-terminated pods and what they request. */
import { describeEvents, type EventItem } from './events.js';
import { arr, printAnnotations, printLabels, rec, rfc1123z, since, str, strMap } from './format.js';
import { add, percent, quantityOf, quantityString, ZERO, type Quantity } from './quantity.js';
import { LEVEL_0, LEVEL_1, type DescribeWriter, tabbed } from './writer.js';

type Obj = Record<string, unknown>;
type ResourceList = Map<string, Quantity>;

/** The node's lease (kube-node-lease), or why it could not be read. */
export type LeaseResult = { lease: Obj } | { error: string };

function findRoles(labels: Record<string, string>): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role !== '') roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

function taintText(t: Obj): string {
  let s = str(t.key);
  if (str(t.value) !== '') s += `=${str(t.value)}`;
  if (str(t.effect) !== '') s += `:${str(t.effect)}`;
  return s;
}

function printTaints(w: DescribeWriter, taints: Obj[]): void {
  w.write(LEVEL_0, 'Taints:\t');
  if (taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: Obj) => `${str(t.effect)},${str(t.key)}`;
  [...taints]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .forEach((t, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      w.write(LEVEL_0, `${taintText(t)}\n`);
    });
}

function addList(list: ResourceList, m: Obj): void {
  for (const [k, v] of Object.entries(m)) {
    const q = quantityOf(v);
    const cur = list.get(k);
    list.set(k, cur ? add(cur, q) : q);
  }
}

function maxList(list: ResourceList, m: Obj): void {
  for (const [k, v] of Object.entries(m)) {
    const q = quantityOf(v);
    const cur = list.get(k);
    if (!cur || q.milli > cur.milli) list.set(k, q);
  }
}

/** `resourcehelper.PodRequestsAndLimits`: containers summed, init containers as a floor, plus overhead. */
export function podRequestsAndLimits(pod: Obj): { reqs: ResourceList; limits: ResourceList } {
  const spec = rec(pod.spec);
  const reqs: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const c of arr(spec.containers)) {
    addList(reqs, rec(rec(c.resources).requests));
    addList(limits, rec(rec(c.resources).limits));
  }
  for (const c of arr(spec.initContainers)) {
    maxList(reqs, rec(rec(c.resources).requests));
    maxList(limits, rec(rec(c.resources).limits));
  }
  const overhead = rec(spec.overhead);
  if (Object.keys(overhead).length > 0) {
    addList(reqs, overhead);
    for (const [k, v] of Object.entries(overhead)) {
      const cur = limits.get(k);
      if (cur) limits.set(k, add(cur, quantityOf(v)));
    }
  }
  return { reqs, limits };
}

const value = (q: Quantity) => (q.milli + 999n) / 1000n;
const get = (l: ResourceList, k: string) => l.get(k) ?? ZERO;

function describeNodeResource(pods: Obj[], node: Obj, w: DescribeWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const status = rec(node.status);
  const alloc =
    Object.keys(rec(status.allocatable)).length > 0 ? rec(status.allocatable) : rec(status.capacity);
  const allocCpu = quantityOf(alloc.cpu).milli;
  const allocMem = value(quantityOf(alloc.memory));
  const allocEph = value(quantityOf(alloc['ephemeral-storage']));
  const cell = (q: Quantity, p: number) => `${quantityString(q)} (${p}%)`;
  const totalReqs: ResourceList = new Map();
  const totalLimits: ResourceList = new Map();
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    const meta = rec(pod.metadata);
    const cr = get(reqs, 'cpu');
    const cl = get(limits, 'cpu');
    const mr = get(reqs, 'memory');
    const ml = get(limits, 'memory');
    w.write(
      LEVEL_1,
      `${str(meta.namespace)}\t${str(meta.name)}\t\t${cell(cr, percent(cr.milli, allocCpu))}\t${cell(cl, percent(cl.milli, allocCpu))}\t${cell(mr, percent(value(mr), allocMem))}\t${cell(ml, percent(value(ml), allocMem))}\t${since(meta.creationTimestamp, now)}\n`,
    );
    for (const [k, q] of reqs) totalReqs.set(k, totalReqs.has(k) ? add(get(totalReqs, k), q) : q);
    for (const [k, q] of limits) totalLimits.set(k, totalLimits.has(k) ? add(get(totalLimits, k), q) : q);
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const row = (name: string, total: bigint, scale: (q: Quantity) => bigint) => {
    const r = get(totalReqs, name);
    const l = get(totalLimits, name);
    w.write(LEVEL_1, `${name}\t${cell(r, percent(scale(r), total))}\t${cell(l, percent(scale(l), total))}\n`);
  };
  row('cpu', allocCpu, (q) => q.milli);
  row('memory', allocMem, value);
  row('ephemeral-storage', allocEph, value);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  const names = Object.keys(alloc).sort();
  const hugePages = names.filter((n) => n.startsWith('hugepages-'));
  const ext = names.filter(
    (n) =>
      !n.startsWith('hugepages-') &&
      !standard.has(n) &&
      !n.startsWith('requests.') &&
      !n.startsWith('limits.'),
  );
  for (const n of hugePages) row(n, value(quantityOf(alloc[n])), value);
  for (const n of ext) {
    w.write(LEVEL_1, `${n}\t${quantityString(get(totalReqs, n))}\t${quantityString(get(totalLimits, n))}\n`);
  }
}

export function describeNode(
  node: Obj,
  pods: Obj[] | undefined,
  lease: LeaseResult,
  events: EventItem[] | undefined,
  now = Date.now(),
): string {
  return tabbed((w) => {
    const meta = rec(node.metadata);
    const spec = rec(node.spec);
    const status = rec(node.status);
    w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
    const roles = findRoles(strMap(meta.labels));
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabels(w, 'Labels', strMap(meta.labels));
    printAnnotations(w, 'Annotations', strMap(meta.annotations));
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
    printTaints(w, arr(spec.taints));
    w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    if ('error' in lease) {
      w.write(LEVEL_0, `Lease:\tFailed to get lease: ${lease.error}\n`);
    } else {
      const ls = rec(lease.lease.spec);
      w.write(LEVEL_0, 'Lease:\n');
      w.write(LEVEL_1, `HolderIdentity:\t${str(ls.holderIdentity) || '<unset>'}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${ls.acquireTime ? rfc1123z(ls.acquireTime) : '<unset>'}\n`);
      w.write(LEVEL_1, `RenewTime:\t${ls.renewTime ? rfc1123z(ls.renewTime) : '<unset>'}\n`);
    }
    const conditions = arr(status.conditions);
    if (conditions.length > 0) {
      w.write(
        LEVEL_0,
        'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
      );
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${str(c.type)} \t${str(c.status)} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`,
        );
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of arr(status.addresses)) w.write(LEVEL_1, `${str(a.type)}:\t${str(a.address)}\n`);
    for (const [title, list] of [
      ['Capacity', rec(status.capacity)],
      ['Allocatable', rec(status.allocatable)],
    ] as const) {
      const names = Object.keys(list).sort();
      if (names.length === 0) continue;
      w.write(LEVEL_0, `${title}:\n`);
      for (const n of names) w.write(LEVEL_0, `  ${n}:\t${quantityString(quantityOf(list[n]))}\n`);
    }
    const info = rec(status.nodeInfo);
    w.write(LEVEL_0, 'System Info:\n');
    for (const [label, key] of [
      ['Machine ID', 'machineID'],
      ['System UUID', 'systemUUID'],
      ['Boot ID', 'bootID'],
      ['Kernel Version', 'kernelVersion'],
      ['OS Image', 'osImage'],
      ['Operating System', 'operatingSystem'],
      ['Architecture', 'architecture'],
      ['Container Runtime Version', 'containerRuntimeVersion'],
      ['Kubelet Version', 'kubeletVersion'],
      ['Kube-Proxy Version', 'kubeProxyVersion'],
    ] as const) {
      w.write(LEVEL_0, `  ${label}:\t${str(info[key])}\n`);
    }
    if (str(spec.podCIDR) !== '') w.write(LEVEL_0, `PodCIDR:\t${str(spec.podCIDR)}\n`);
    const cidrs = Array.isArray(spec.podCIDRs) ? spec.podCIDRs.map(str) : [];
    if (cidrs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${cidrs.join(',')}\n`);
    if (str(spec.providerID) !== '') w.write(LEVEL_0, `ProviderID:\t${str(spec.providerID)}\n`);
    if (pods) describeNodeResource(pods, node, w, now);
    else w.write(LEVEL_0, 'Pods:\tnot authorized\n');
    describeEvents(events, w, now);
  });
}
