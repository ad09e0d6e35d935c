import type { Candidate } from './engine.js';

/**
 * Kubernetes' built-in resource types (`kubectl api-resources` on a plain cluster), with their short
 * names. Completion offers these offline; discovery adds a cluster's CRDs when it answers in time.
 */
const BUILTIN: ReadonlyArray<readonly [name: string, shortNames: readonly string[], kind: string]> = [
  ['bindings', [], 'Binding'],
  ['componentstatuses', ['cs'], 'ComponentStatus'],
  ['configmaps', ['cm'], 'ConfigMap'],
  ['endpoints', ['ep'], 'Endpoints'],
  ['events', ['ev'], 'Event'],
  ['limitranges', ['limits'], 'LimitRange'],
  ['namespaces', ['ns'], 'Namespace'],
  ['nodes', ['no'], 'Node'],
  ['persistentvolumeclaims', ['pvc'], 'PersistentVolumeClaim'],
  ['persistentvolumes', ['pv'], 'PersistentVolume'],
  ['pods', ['po'], 'Pod'],
  ['podtemplates', [], 'PodTemplate'],
  ['replicationcontrollers', ['rc'], 'ReplicationController'],
  ['resourcequotas', ['quota'], 'ResourceQuota'],
  ['secrets', [], 'Secret'],
  ['serviceaccounts', ['sa'], 'ServiceAccount'],
  ['services', ['svc'], 'Service'],
  ['mutatingwebhookconfigurations', [], 'MutatingWebhookConfiguration'],
  ['validatingwebhookconfigurations', [], 'ValidatingWebhookConfiguration'],
  ['customresourcedefinitions', ['crd', 'crds'], 'CustomResourceDefinition'],
  ['apiservices', [], 'APIService'],
  ['controllerrevisions', [], 'ControllerRevision'],
  ['daemonsets', ['ds'], 'DaemonSet'],
  ['deployments', ['deploy'], 'Deployment'],
  ['replicasets', ['rs'], 'ReplicaSet'],
  ['statefulsets', ['sts'], 'StatefulSet'],
  ['horizontalpodautoscalers', ['hpa'], 'HorizontalPodAutoscaler'],
  ['cronjobs', ['cj'], 'CronJob'],
  ['jobs', [], 'Job'],
  ['certificatesigningrequests', ['csr'], 'CertificateSigningRequest'],
  ['leases', [], 'Lease'],
  ['endpointslices', [], 'EndpointSlice'],
  ['flowschemas', [], 'FlowSchema'],
  ['prioritylevelconfigurations', [], 'PriorityLevelConfiguration'],
  ['ingressclasses', [], 'IngressClass'],
  ['ingresses', ['ing'], 'Ingress'],
  ['networkpolicies', ['netpol'], 'NetworkPolicy'],
  ['runtimeclasses', [], 'RuntimeClass'],
  ['poddisruptionbudgets', ['pdb'], 'PodDisruptionBudget'],
  ['clusterrolebindings', [], 'ClusterRoleBinding'],
  ['clusterroles', [], 'ClusterRole'],
  ['rolebindings', [], 'RoleBinding'],
  ['roles', [], 'Role'],
  ['priorityclasses', ['pc'], 'PriorityClass'],
  ['csidrivers', [], 'CSIDriver'],
  ['csinodes', [], 'CSINode'],
  ['csistoragecapacities', [], 'CSIStorageCapacity'],
  ['storageclasses', ['sc'], 'StorageClass'],
  ['volumeattachments', [], 'VolumeAttachment'],
];

/** Candidates for the built-in types: plural names, then short names pointing at them. */
export function builtinResourceTypes(): Candidate[] {
  const out: Candidate[] = [];
  for (const [name, shorts, kind] of BUILTIN) {
    out.push({ value: name, description: kind });
    for (const s of shorts) out.push({ value: s, description: `${kind} (${name})` });
  }
  return out;
}

/** Merge discovered types after the built-ins, dropping duplicates by value. */
export function mergeResourceTypes(base: Candidate[], extra: readonly Candidate[]): Candidate[] {
  const seen = new Set(base.map((c) => c.value));
  const out = [...base];
  for (const c of extra) {
    if (seen.has(c.value)) continue;
    seen.add(c.value);
    out.push(c);
  }
  return out;
}
