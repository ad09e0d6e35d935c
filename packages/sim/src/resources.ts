/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects here are schemaless JSON, read field by field like kube-apiserver printers do */
// The resources the simulator serves: discovery metadata, the field selectors each supports, and the
// server-side Table columns kube-apiserver's printers produce for them.
import type { KubeObject } from './store.js';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface ResourceDef {
  /** plural name, unique across the simulator */
  plural: string;
  singular: string;
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** field selector values for an object (metadata.name and metadata.namespace are always there). */
  fields?: (obj: any) => Record<string, string>;
  columns: ColumnDefinition[];
  cells: (obj: any, now: number) => unknown[];
  conditions?: (obj: any) => TableRowCondition[] | undefined;
}

const NAME_DOC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const CREATED_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

function col(name: string, type: string, description: string, priority = 0, format = ''): ColumnDefinition {
  return { name, type, format, description, priority };
}
const nameCol = (): ColumnDefinition => col('Name', 'string', NAME_DOC, 0, 'name');
const ageCol = (): ColumnDefinition => col('Age', 'string', CREATED_DOC);
const containersCol = (): ColumnDefinition =>
  col('Containers', 'string', 'Names of each container in the template.', 1);
const imagesCol = (): ColumnDefinition =>
  col('Images', 'string', 'Images referenced by each container in the template.', 1);

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** translateTimestampSince: "<unknown>" for a missing timestamp. */
export function since(ts: string | undefined, now: number): string {
  if (!ts) return '<unknown>';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now - t);
}

const age = (o: KubeObject, now: number): string => since(o.metadata.creationTimestamp, now);

/** metav1.FormatLabelSelector */
export function formatLabelSelector(sel: any): string {
  if (!sel) return '<none>';
  const parts: string[] = [];
  for (const [k, v] of Object.entries((sel.matchLabels ?? {}) as Record<string, string>))
    parts.push(`${k}=${v}`);
  for (const e of (sel.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]) {
    const op = e.operator.toLowerCase();
    if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
  }
  const s = parts.join(',');
  return s === '' ? '<none>' : s;
}

/** labels.FormatLabels: sorted k=v, "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

const templateContainers = (spec: any): any[] => spec?.template?.spec?.containers ?? [];
const names = (cs: any[]): string => cs.map((c) => c.name).join(',');
const images = (cs: any[]): string => cs.map((c) => c.image).join(',');

function podCells(pod: any, now: number): unknown[] {
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  const total = (pod.spec?.containers ?? []).length;
  let reason: string = pod.status?.reason || pod.status?.phase || '';
  let restarts = 0;
  let ready = 0;
  let lastRestart = 0;
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
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
    const readyCond = (pod.status?.conditions ?? []).some(
      (c: any) => c.type === 'Ready' && c.status === 'True',
    );
    reason = readyCond ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp) reason = pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  const restartsCell =
    restarts !== 0 && lastRestart > 0
      ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
      : String(restarts);
  const gates: any[] = pod.spec?.readinessGates ?? [];
  let gatesCell = '<none>';
  if (gates.length) {
    const conds: any[] = pod.status?.conditions ?? [];
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

function nodeCells(node: any, now: number): unknown[] {
  const conds: any[] = node.status?.conditions ?? [];
  const readyCond = conds.find((c) => c.type === 'Ready');
  const statuses: string[] = [];
  if (!readyCond) statuses.push('Unknown');
  else
    statuses.push(
      readyCond.status === 'True' ? 'Ready' : readyCond.status === 'False' ? 'NotReady' : 'Unknown',
    );
  if (node.spec?.unschedulable) statuses.push('SchedulingDisabled');
  const roles = new Set<string>();
  for (const [k, v] of Object.entries((node.metadata.labels ?? {}) as Record<string, string>)) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  const addr = (type: string): string =>
    (node.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>';
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

function serviceCells(svc: any, now: number): unknown[] {
  const spec = svc.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  let external = '<none>';
  const ext: string[] = spec.externalIPs ?? [];
  if (type === 'LoadBalancer') {
    const ing: any[] = svc.status?.loadBalancer?.ingress ?? [];
    const all = [...ing.map((i) => i.ip || i.hostname).filter(Boolean), ...ext];
    external = all.length ? all.join(',') : '<pending>';
  } else if (type === 'ExternalName') {
    external = spec.externalName ?? '<none>';
  } else if (ext.length) {
    external = ext.join(',');
  }
  const ports: any[] = spec.ports ?? [];
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

function eventCells(ev: any, now: number): unknown[] {
  const target = ev.involvedObject?.name
    ? `${String(ev.involvedObject.kind ?? '').toLowerCase()}/${ev.involvedObject.name}`
    : String(ev.involvedObject?.kind ?? '').toLowerCase();
  const src = ev.source ?? {};
  const source = src.host
    ? `${src.component ?? ''}, ${src.host}`
    : (src.component ?? ev.reportingComponent ?? '');
  const first = ev.firstTimestamp ?? ev.eventTime ?? ev.metadata.creationTimestamp;
  const last = ev.lastTimestamp ?? first;
  return [
    since(last, now),
    ev.type ?? '',
    ev.reason ?? '',
    target,
    ev.involvedObject?.fieldPath ?? '',
    source,
    ev.message ?? '',
    since(first, now),
    ev.count ?? 1,
    ev.metadata.name,
  ];
}

const podConditions = (pod: any): TableRowCondition[] | undefined => {
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

const CORE = { group: '', version: 'v1' };
const APPS = { group: 'apps', version: 'v1' };
const READ = ['get', 'list', 'watch'];

export const RESOURCES: ResourceDef[] = [
  {
    ...CORE,
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    categories: [],
    verbs: READ,
    fields: (o) => ({ 'status.phase': o.status?.phase ?? '' }),
    columns: [nameCol(), col('Status', 'string', 'The status of the namespace'), ageCol()],
    cells: (o, now) => [o.metadata.name, o.status?.phase ?? '', age(o, now)],
  },
  {
    ...CORE,
    plural: 'nodes',
    singular: 'node',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
    categories: [],
    verbs: READ,
    fields: (o) => ({ 'spec.unschedulable': String(Boolean(o.spec?.unschedulable)) }),
    columns: [
      nameCol(),
      col('Status', 'string', 'The status of the node'),
      col('Roles', 'string', 'The roles of the node'),
      ageCol(),
      col('Version', 'string', 'Kubelet Version reported by the node.'),
      col('Internal-IP', 'string', 'List of addresses reachable to the node.', 1),
      col('External-IP', 'string', 'List of addresses reachable to the node.', 1),
      col(
        'OS-Image',
        'string',
        'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
        1,
      ),
      col(
        'Kernel-Version',
        'string',
        "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
        1,
      ),
      col(
        'Container-Runtime',
        'string',
        'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
        1,
      ),
    ],
    cells: nodeCells,
  },
  {
    ...CORE,
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    verbs: READ,
    fields: (o) => ({
      'status.phase': o.status?.phase ?? '',
      'spec.nodeName': o.spec?.nodeName ?? '',
      'spec.restartPolicy': o.spec?.restartPolicy ?? '',
      'spec.schedulerName': o.spec?.schedulerName ?? '',
      'spec.serviceAccountName': o.spec?.serviceAccountName ?? '',
      'status.podIP': o.status?.podIP ?? '',
      'status.nominatedNodeName': o.status?.nominatedNodeName ?? '',
    }),
    columns: [
      nameCol(),
      col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
      col('Status', 'string', 'The aggregate status of the containers in this pod.'),
      col(
        'Restarts',
        'string',
        'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
      ),
      ageCol(),
      col(
        'IP',
        'string',
        'podIP is the IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
        1,
      ),
      col(
        'Node',
        'string',
        'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename',
        1,
      ),
      col(
        'Nominated Node',
        'string',
        'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
        1,
      ),
      col(
        'Readiness Gates',
        'string',
        'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
        1,
      ),
    ],
    cells: podCells,
    conditions: podConditions,
  },
  {
    ...CORE,
    plural: 'services',
    singular: 'service',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    verbs: READ,
    fields: (o) => ({ 'spec.clusterIP': o.spec?.clusterIP ?? '', 'spec.type': o.spec?.type ?? '' }),
    columns: [
      nameCol(),
      col(
        'Type',
        'string',
        'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.',
      ),
      col(
        'Cluster-IP',
        'string',
        'clusterIP is the IP address of the service and is usually assigned randomly.',
      ),
      col(
        'External-IP',
        'string',
        'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
      ),
      col(
        'Port(s)',
        'string',
        'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
      ),
      ageCol(),
      col(
        'Selector',
        'string',
        'Route service traffic to pods with label keys and values matching this selector.',
        1,
      ),
    ],
    cells: serviceCells,
  },
  {
    ...CORE,
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
    categories: [],
    verbs: READ,
    columns: [nameCol(), col('Data', 'string', 'Data contains the configuration data.'), ageCol()],
    cells: (o, now) => [
      o.metadata.name,
      Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length,
      age(o, now),
    ],
  },
  {
    ...CORE,
    plural: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: READ,
    fields: (o) => ({ type: o.type ?? '' }),
    columns: [
      nameCol(),
      col('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
      col('Data', 'string', 'Data contains the secret data.'),
      ageCol(),
    ],
    cells: (o, now) => [
      o.metadata.name,
      o.type ?? 'Opaque',
      Object.keys(o.data ?? {}).length + Object.keys(o.stringData ?? {}).length,
      age(o, now),
    ],
  },
  {
    ...CORE,
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    categories: [],
    verbs: READ,
    fields: (o) => ({
      'involvedObject.kind': o.involvedObject?.kind ?? '',
      'involvedObject.name': o.involvedObject?.name ?? '',
      'involvedObject.namespace': o.involvedObject?.namespace ?? '',
      'involvedObject.uid': o.involvedObject?.uid ?? '',
      reason: o.reason ?? '',
      type: o.type ?? '',
      'source.component': o.source?.component ?? '',
    }),
    columns: [
      col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
      col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
      col(
        'Reason',
        'string',
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      ),
      col('Object', 'string', 'The object that this event is about.'),
      col(
        'Subobject',
        'string',
        'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
        1,
      ),
      col(
        'Source',
        'string',
        'The component reporting this event. Should be a short machine understandable string.',
        1,
      ),
      col('Message', 'string', 'A human-readable description of the status of this operation.'),
      col(
        'First Seen',
        'string',
        'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
        1,
      ),
      col('Count', 'string', 'The number of times this event has occurred.', 1),
      col('Name', 'string', NAME_DOC, 1, 'name'),
    ],
    cells: eventCells,
  },
  {
    ...APPS,
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    verbs: READ,
    columns: [
      nameCol(),
      col('Ready', 'string', 'Number of the pod with ready state'),
      col(
        'Up-to-date',
        'string',
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      ),
      col(
        'Available',
        'string',
        'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      ),
      ageCol(),
      containersCol(),
      imagesCol(),
      col(
        'Selector',
        'string',
        "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
        1,
      ),
    ],
    cells: (o, now) => {
      const cs = templateContainers(o.spec);
      return [
        o.metadata.name,
        `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
        o.status?.updatedReplicas ?? 0,
        o.status?.availableReplicas ?? 0,
        age(o, now),
        names(cs),
        images(cs),
        formatLabelSelector(o.spec?.selector),
      ];
    },
  },
  {
    ...APPS,
    plural: 'replicasets',
    singular: 'replicaset',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    verbs: READ,
    columns: [
      nameCol(),
      col(
        'Desired',
        'integer',
        'Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#what-is-a-replicaset',
      ),
      col(
        'Current',
        'integer',
        'Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#what-is-a-replicaset',
      ),
      col(
        'Ready',
        'integer',
        'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.',
      ),
      ageCol(),
      containersCol(),
      imagesCol(),
      col(
        'Selector',
        'string',
        "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
        1,
      ),
    ],
    cells: (o, now) => {
      const cs = templateContainers(o.spec);
      return [
        o.metadata.name,
        o.spec?.replicas ?? 0,
        o.status?.replicas ?? 0,
        o.status?.readyReplicas ?? 0,
        age(o, now),
        names(cs),
        images(cs),
        formatLabelSelector(o.spec?.selector),
      ];
    },
  },
  {
    ...APPS,
    plural: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
    categories: ['all'],
    verbs: READ,
    columns: [
      nameCol(),
      col('Ready', 'string', 'Number of the pod with ready state'),
      ageCol(),
      containersCol(),
      imagesCol(),
    ],
    cells: (o, now) => {
      const cs = templateContainers(o.spec);
      return [
        o.metadata.name,
        `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
        age(o, now),
        names(cs),
        images(cs),
      ];
    },
  },
  {
    ...APPS,
    plural: 'daemonsets',
    singular: 'daemonset',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
    categories: ['all'],
    verbs: READ,
    columns: [
      nameCol(),
      col(
        'Desired',
        'integer',
        'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
      ),
      col(
        'Current',
        'integer',
        'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
      ),
      col(
        'Ready',
        'integer',
        'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.',
      ),
      col('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
      col(
        'Available',
        'integer',
        'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)',
      ),
      col(
        'Node Selector',
        'string',
        "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
      ),
      ageCol(),
      containersCol(),
      imagesCol(),
      col(
        'Selector',
        'string',
        "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
        1,
      ),
    ],
    cells: (o, now) => {
      const cs = templateContainers(o.spec);
      const s = o.status ?? {};
      return [
        o.metadata.name,
        s.desiredNumberScheduled ?? 0,
        s.currentNumberScheduled ?? 0,
        s.numberReady ?? 0,
        s.updatedNumberScheduled ?? 0,
        s.numberAvailable ?? 0,
        formatLabels(o.spec?.template?.spec?.nodeSelector),
        age(o, now),
        names(cs),
        images(cs),
        formatLabelSelector(o.spec?.selector),
      ];
    },
  },
  {
    group: 'types.kubefed.io',
    version: 'v1beta1',
    plural: 'federateddeployments',
    singular: 'federateddeployment',
    kind: 'FederatedDeployment',
    namespaced: true,
    shortNames: ['fdeploy'],
    categories: ['federated'],
    verbs: ['get', 'list', 'watch'],
    // The CRD default printer: Name plus an Age column of type date, converted to a human duration.
    columns: [col('Name', 'string', NAME_DOC, 0, 'name'), col('Age', 'date', CREATED_DOC)],
    cells: (o, now) => [o.metadata.name, age(o, now)],
  },
];

export const BY_PLURAL = new Map(RESOURCES.map((r) => [r.plural, r]));

export function groupVersion(r: ResourceDef): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function isNamespaced(plural: string): boolean {
  return BY_PLURAL.get(plural)?.namespaced ?? true;
}

/** Field selector values for an object, including metadata.name/namespace. */
export function fieldsOf(def: ResourceDef, obj: KubeObject): Record<string, string> {
  const base: Record<string, string> = { 'metadata.name': obj.metadata.name };
  if (def.namespaced) base['metadata.namespace'] = obj.metadata.namespace ?? '';
  return def.fields ? { ...base, ...def.fields(obj) } : base;
}

/** Field names a resource's field selector accepts. */
export function supportedFields(def: ResourceDef): Set<string> {
  const sample: KubeObject = { metadata: { name: '', namespace: '' } };
  return new Set(Object.keys(fieldsOf(def, sample)).concat(def.namespaced ? [] : []));
}
