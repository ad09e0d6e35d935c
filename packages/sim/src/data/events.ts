// Events about pods, as the kubelet and the scheduler report them.
import type { BuiltPod } from '../kinds.js';
import type { KubeObject } from '../store.js';
import { ts, type Random } from './random.js';

/** An event about `pod`, first seen 30 minutes to 5 hours ago. */
export function makeEvent(
  r: Random,
  now: number,
  pod: BuiltPod,
  type: string,
  reason: string,
  message: string,
  component: string,
  host: string | undefined,
  count: number,
): KubeObject {
  // at least 10 minutes old, so the printed ages tick by the minute and two listings a moment apart agree
  const first = now - r.int(30, 300) * 60_000;
  const last = count > 1 ? now - r.int(10, 29) * 60_000 : first;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${pod.metadata.name}.${r.hex(16)}`,
      namespace: pod.metadata.namespace,
      uid: r.uid(),
      creationTimestamp: ts(first),
    },
    involvedObject: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      apiVersion: 'v1',
      ...(component === 'kubelet' ? { fieldPath: `spec.containers{${pod.spec.containers[0]?.name}}` } : {}),
    },
    reason,
    message,
    source: host ? { component, host } : { component },
    firstTimestamp: ts(first),
    lastTimestamp: ts(last),
    count,
    type,
    reportingComponent: component,
    reportingInstance: host ?? '',
  };
}
