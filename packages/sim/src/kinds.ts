// The fields of the Kubernetes kinds that the simulator builds and prints, as the API defines them:
// optional but for the few the API requires, since a stored object is what a client or the simulator
// wrote.
import type { KubeObject } from './store.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

type Metadata = KubeObject['metadata'];

export interface ObjectMeta extends Metadata {
  ownerReferences?: OwnerReference[];
  deletionTimestamp?: string;
}

/** An object of a kind: metadata with its known fields, and the kind's own fields. */
export interface Kind extends KubeObject {
  metadata: ObjectMeta;
}

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface Container {
  name: string;
  image?: string;
  [field: string]: unknown;
}

export interface ContainerState {
  running?: { startedAt?: string };
  waiting?: { reason?: string; message?: string };
  terminated?: {
    exitCode?: number;
    signal?: number;
    reason?: string;
    startedAt?: string;
    finishedAt?: string;
    containerID?: string;
  };
}

export interface ContainerStatus {
  name?: string;
  state?: ContainerState;
  lastState?: ContainerState;
  ready?: boolean;
  restartCount?: number;
  image?: string;
  imageID?: string;
  containerID?: string;
  started?: boolean;
}

export interface PodSpec {
  containers?: Container[];
  readinessGates?: { conditionType?: string }[];
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  restartPolicy?: string;
  schedulerName?: string;
  serviceAccountName?: string;
  [field: string]: unknown;
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  conditions?: Condition[];
  containerStatuses?: ContainerStatus[];
  podIP?: string;
  nominatedNodeName?: string;
  startTime?: string;
  [field: string]: unknown;
}

export interface Pod extends Kind {
  spec?: PodSpec;
  status?: PodStatus;
}

/** A pod as the simulator builds one: in a namespace, with its containers and a status. */
export interface BuiltPod extends Pod {
  metadata: ObjectMeta & { namespace: string };
  spec: PodSpec & { containers: Container[] };
  status: PodStatus;
}

export interface KubeNode extends Kind {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: Condition[];
    addresses?: { type?: string; address?: string }[];
    nodeInfo?: {
      kubeletVersion?: string;
      osImage?: string;
      kernelVersion?: string;
      containerRuntimeVersion?: string;
    };
  };
}

export interface Service extends Kind {
  spec?: {
    type?: string;
    clusterIP?: string;
    externalIPs?: string[];
    externalName?: string;
    ports?: { port?: number; nodePort?: number; protocol?: string }[];
    selector?: Record<string, string>;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface KubeEvent extends Kind {
  involvedObject?: {
    apiVersion?: string;
    kind?: string;
    namespace?: string;
    name?: string;
    uid?: string;
    fieldPath?: string;
    resourceVersion?: string;
  };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingController?: string;
  reportingInstance?: string;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
}

export interface Namespace extends Kind {
  status?: { phase?: string };
}

/** A ConfigMap or a Secret: counted by their keys. */
export interface DataObject extends Kind {
  type?: string;
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** A Deployment, ReplicaSet, StatefulSet or DaemonSet. */
export interface Workload extends Kind {
  spec?: { replicas?: number; selector?: LabelSelector; template?: { spec?: PodSpec } };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
  };
}
