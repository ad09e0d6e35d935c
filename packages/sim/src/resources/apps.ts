// The apps/v1 workload controllers: deployments, replica sets, stateful sets, daemon sets.
import { age, images, names, templateContainers } from './cells.js';
import { col, containersCol, ageCol, imagesCol, nameCol } from './columns.js';
import { formatLabels, formatLabelSelector } from './printers.js';
import type { Workload } from '../kinds.js';
import { readAs, type ResourceDef } from './types.js';

const APPS = { group: 'apps', version: 'v1' };
const READ = ['get', 'list', 'patch', 'watch'];

export const APPS_RESOURCES: ResourceDef[] = [
  readAs<Workload>({
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
  }),
  readAs<Workload>({
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
  }),
  readAs<Workload>({
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
  }),
  readAs<Workload>({
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
  }),
];
