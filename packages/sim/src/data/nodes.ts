// Nodes: a control plane and workers (one per 30 pods, 3 to 200), a few NotReady or cordoned.
import type { ClusterContext } from './context.js';
import { DAY, ts } from './random.js';

/** Loads the nodes; their names, control plane first. */
export function buildNodes(
  { store, r, cluster, index, now, created }: ClusterContext,
  pods: number,
  kubeletVersion: string,
): string[] {
  const net = 10 + (index % 200);
  const nodeCount = Math.max(3, Math.min(200, Math.ceil(pods / 30)));
  const nodes: string[] = [];
  for (let n = 0; n < nodeCount; n++) {
    const cp = n === 0;
    const name = cp ? `${cluster}-control-plane` : `${cluster}-worker-${String(n).padStart(2, '0')}`;
    nodes.push(name);
    const notReady = !cp && r.chance(0.08);
    const cordoned = !cp && !notReady && r.chance(0.03);
    const internalIP = `10.${net}.${Math.floor(n / 250)}.${(n % 250) + 4}`;
    const addresses: { type: string; address: string }[] = [
      { type: 'InternalIP', address: internalIP },
      { type: 'Hostname', address: name },
    ];
    if (!cp && r.chance(0.3))
      addresses.splice(1, 0, { type: 'ExternalIP', address: `203.0.${index % 250}.${n % 250}` });
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      'topology.kubernetes.io/region': cluster.replace(/-prod$/, ''),
    };
    if (cp) labels['node-role.kubernetes.io/control-plane'] = '';
    else labels['node-role.kubernetes.io/worker'] = '';
    const hb = ts(now - r.int(5, 50) * 1000);
    store.load('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        uid: r.uid(),
        creationTimestamp: ts(created + n * 90_000 + (cp ? 0 : r.int(0, 30) * DAY)),
        labels,
      },
      spec: {
        podCIDR: `10.244.${n}.0/24`,
        ...(cordoned ? { unschedulable: true } : {}),
        ...(cp ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
      },
      status: {
        capacity: { cpu: '8', memory: '32863248Ki', pods: '110' },
        allocatable: { cpu: '7910m', memory: '31712272Ki', pods: '110' },
        conditions: [
          {
            type: 'MemoryPressure',
            status: 'False',
            lastHeartbeatTime: hb,
            lastTransitionTime: ts(created),
            reason: 'KubeletHasSufficientMemory',
            message: 'kubelet has sufficient memory available',
          },
          {
            type: 'DiskPressure',
            status: 'False',
            lastHeartbeatTime: hb,
            lastTransitionTime: ts(created),
            reason: 'KubeletHasNoDiskPressure',
            message: 'kubelet has no disk pressure',
          },
          {
            type: 'PIDPressure',
            status: 'False',
            lastHeartbeatTime: hb,
            lastTransitionTime: ts(created),
            reason: 'KubeletHasSufficientPID',
            message: 'kubelet has sufficient PID available',
          },
          notReady
            ? {
                type: 'Ready',
                status: 'Unknown',
                lastHeartbeatTime: ts(now - r.int(10, 90) * 60_000),
                lastTransitionTime: ts(now - r.int(5, 60) * 60_000),
                reason: 'NodeStatusUnknown',
                message: 'Kubelet stopped posting node status.',
              }
            : {
                type: 'Ready',
                status: 'True',
                lastHeartbeatTime: hb,
                lastTransitionTime: ts(created),
                reason: 'KubeletReady',
                message: 'kubelet is posting ready status',
              },
        ],
        addresses,
        nodeInfo: {
          machineID: r.hex(32),
          systemUUID: r.uid(),
          bootID: r.uid(),
          kernelVersion: '5.15.0-1061-aws',
          osImage: 'Ubuntu 22.04.4 LTS',
          containerRuntimeVersion: 'containerd://1.7.18',
          kubeletVersion,
          kubeProxyVersion: kubeletVersion,
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    });
  }
  return nodes;
}
