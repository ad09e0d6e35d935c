/** Containers, volumes and pod templates as kubectl describe prints them (pods and workloads). */
import {
  arr,
  printAnnotations,
  printBool,
  printLabels,
  printTolerations,
  rec,
  rfc1123z,
  str,
  strMap,
} from './format.js';
import { parseQuantity, quantityOf } from './quantity.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type DescribeWriter } from './writer.js';

type Obj = Record<string, unknown>;

const orNone = (s: string) => (s === '' ? '<none>' : s);

/** `describeResources`: limits then requests, resource names sorted. */
export function describeResources(resources: Obj, w: DescribeWriter, level: number): void {
  for (const [title, m] of [
    ['Limits', strMap(resources.limits)],
    ['Requests', strMap(resources.requests)],
  ] as const) {
    const names = Object.keys(m).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${m[n] ?? ''}\n`);
  }
}

function describeState(name: string, state: Obj, w: DescribeWriter): void {
  const running = state.running ? rec(state.running) : undefined;
  const waiting = state.waiting ? rec(state.waiting) : undefined;
  const terminated = state.terminated ? rec(state.terminated) : undefined;
  if (running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(running.startedAt)}\n`);
  } else if (waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (str(waiting.reason) !== '') w.write(LEVEL_3, `Reason:\t${str(waiting.reason)}\n`);
  } else if (terminated) {
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (str(terminated.reason) !== '') w.write(LEVEL_3, `Reason:\t${str(terminated.reason)}\n`);
    if (str(terminated.message) !== '') w.write(LEVEL_3, `Message:\t${str(terminated.message)}\n`);
    w.write(LEVEL_3, `Exit Code:\t${str(terminated.exitCode) || '0'}\n`);
    if (typeof terminated.signal === 'number' && terminated.signal > 0)
      w.write(LEVEL_3, `Signal:\t${terminated.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(terminated.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(terminated.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

function probeText(p: Obj): string {
  const attrs = `delay=${str(p.initialDelaySeconds) || '0'}s timeout=${str(p.timeoutSeconds) || '0'}s period=${str(p.periodSeconds) || '0'}s #success=${str(p.successThreshold) || '0'} #failure=${str(p.failureThreshold) || '0'}`;
  if (p.exec)
    return `exec [${(Array.isArray(rec(p.exec).command) ? (rec(p.exec).command as unknown[]) : []).map(str).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = rec(p.httpGet);
    const scheme = (str(h.scheme) || 'http').toLowerCase();
    const host = str(h.host);
    const port = str(h.port);
    return `http-get ${scheme}://${host}:${port}${str(h.path)} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${str(rec(p.tcpSocket).host)}:${str(rec(p.tcpSocket).port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${str(rec(p.grpc).port)} ${str(rec(p.grpc).service)} ${attrs}`;
  return `unknown ${attrs}`;
}

/**
 * kubectl's `EnvValueRetriever`: the field path converted as a Pod field label, then read from the pod's
 * metadata; of the paths both steps accept, only the name and namespace resolve (others print empty).
 */
function fieldPathValue(pod: Obj, path: string): string {
  const meta = rec(pod.metadata);
  if (path === 'metadata.name' || path === 'metadata.namespace')
    return str(meta[path.slice('metadata.'.length)]);
  return '';
}

/** `resourcehelper.ExtractContainerResourceValue`: the container's request or limit over the divisor, rounded up. */
function containerResourceValue(c: Obj, resource: string, divisorText: string): string {
  const m = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/.exec(resource);
  if (!m) return '';
  const q = quantityOf(strMap(rec(c.resources)[m[1] ?? ''])[m[2] ?? '']);
  const parsed = divisorText === '' ? undefined : parseQuantity(divisorText);
  const divisor = parsed && parsed.milli !== 0n ? parsed : { milli: 1000n };
  if (m[2] === 'cpu') return String(Math.ceil(Number(q.milli) / Number(divisor.milli)));
  const bytes = (x: bigint) => Number((x + 999n) / 1000n);
  return String(Math.ceil(bytes(q.milli) / bytes(divisor.milli)));
}

function describeContainer(
  c: Obj,
  status: Obj | undefined,
  template: boolean,
  w: DescribeWriter,
  pod?: Obj,
): void {
  w.write(LEVEL_1, `${template ? ' ' : ''}${str(c.name)}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${str(status.containerID)}\n`);
  w.write(LEVEL_2, `Image:\t${str(c.image)}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${str(status.imageID)}\n`);
  const ports = arr(c.ports);
  const portString = ports.map((p) => `${str(p.containerPort) || '0'}/${str(p.protocol)}`).join(', ');
  if (portString.includes(',')) w.write(LEVEL_2, `Ports:\t${portString}\n`);
  else w.write(LEVEL_2, `Port:\t${orNone(portString)}\n`);
  const hostPorts = ports.map((p) => `${str(p.hostPort) || '0'}/${str(p.protocol)}`).join(', ');
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${orNone(hostPorts)}\n`);
  if (str(c.restartPolicy) !== '') w.write(LEVEL_2, `Restart Policy:\t${str(c.restartPolicy)}\n`);
  const command = Array.isArray(c.command) ? c.command.map(str) : [];
  if (command.length > 0) {
    w.write(LEVEL_2, 'Command:\n');
    for (const cmd of command) for (const s of cmd.split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
  const args = Array.isArray(c.args) ? c.args.map(str) : [];
  if (args.length > 0) {
    w.write(LEVEL_2, 'Args:\n');
    for (const a of args) for (const s of a.split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
  if (status) {
    describeState('State', rec(status.state), w);
    if (rec(status.lastState).terminated) describeState('Last State', rec(status.lastState), w);
    w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
    w.write(LEVEL_2, `Restart Count:\t${str(status.restartCount) || '0'}\n`);
  }
  describeResources(rec(c.resources), w, LEVEL_2);
  for (const [title, key] of [
    ['Liveness', 'livenessProbe'],
    ['Readiness', 'readinessProbe'],
    ['Startup', 'startupProbe'],
  ] as const) {
    if (c[key]) w.write(LEVEL_2, `${title}:\t${probeText(rec(c[key]))}\n`);
  }
  const envFrom = arr(c.envFrom);
  if (envFrom.length > 0) {
    w.write(LEVEL_2, 'Environment Variables from:\n');
    for (const e of envFrom) {
      const ref = e.configMapRef ? rec(e.configMapRef) : e.secretRef ? rec(e.secretRef) : {};
      const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
      const prefix = str(e.prefix);
      const what = prefix === '' ? from : `${from} with prefix '${prefix}'`;
      w.write(LEVEL_3, `${str(ref.name)}\t${what}\tOptional: ${ref.optional === true}\n`);
    }
  }
  const env = arr(c.env);
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const vf = e.valueFrom ? rec(e.valueFrom) : undefined;
    if (!vf) {
      str(e.value)
        .split('\n')
        .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${str(e.name)}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    const name = str(e.name);
    if (vf.fieldRef) {
      const f = rec(vf.fieldRef);
      const v = pod ? fieldPathValue(pod, str(f.fieldPath)) : '';
      w.write(LEVEL_3, `${name}:\t${v} (${str(f.apiVersion)}:${str(f.fieldPath)})\n`);
    } else if (vf.resourceFieldRef) {
      const f = rec(vf.resourceFieldRef);
      const resource = str(f.resource);
      let v = containerResourceValue(c, resource, str(f.divisor));
      if (v === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) v = 'node allocatable';
      w.write(LEVEL_3, `${name}:\t${v} (${resource})\n`);
    } else if (vf.secretKeyRef) {
      const s = rec(vf.secretKeyRef);
      w.write(
        LEVEL_3,
        `${name}:\t<set to the key '${str(s.key)}' in secret '${str(s.name)}'>\tOptional: ${s.optional === true}\n`,
      );
    } else if (vf.configMapKeyRef) {
      const s = rec(vf.configMapKeyRef);
      w.write(
        LEVEL_3,
        `${name}:\t<set to the key '${str(s.key)}' of config map '${str(s.name)}'>\tOptional: ${s.optional === true}\n`,
      );
    }
  }
  const mounts = arr(c.volumeMounts).sort((a, b) =>
    str(a.mountPath) < str(b.mountPath) ? -1 : str(a.mountPath) > str(b.mountPath) ? 1 : 0,
  );
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly === true ? 'ro' : 'rw'];
    if (str(m.subPath) !== '') flags.push(`path=${JSON.stringify(str(m.subPath))}`);
    w.write(LEVEL_3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(',')})\n`);
  }
}

/** `describeContainers`: the label, then each container (with its status and `pod` when a pod's). */
export function describeContainers(
  label: string,
  containers: Obj[],
  statuses: Obj[] | undefined,
  space: string,
  w: DescribeWriter,
  pod?: Obj,
): void {
  const byName = new Map((statuses ?? []).map((s) => [str(s.name), s]));
  w.write(LEVEL_0, `${space}${label}:\n`);
  for (const c of containers) describeContainer(c, byName.get(str(c.name)), space !== '', w, pod);
}

/** `describeVolumes` for the common sources; others print as kubectl prints an unknown source. */
export function describeVolumes(volumes: Obj[], w: DescribeWriter, space: string): void {
  if (volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space !== '' ? ' ' : ''}${str(v.name)}:\n`);
    if (v.emptyDir) {
      const e = rec(v.emptyDir);
      w.write(LEVEL_2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
      w.write(LEVEL_2, `Medium:\t${str(e.medium)}\n`);
      w.write(LEVEL_2, `SizeLimit:\t${str(e.sizeLimit) || '<unset>'}\n`);
    } else if (v.configMap) {
      const c = rec(v.configMap);
      w.write(LEVEL_2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n');
      w.write(LEVEL_2, `Name:\t${str(c.name)}\n`);
      w.write(LEVEL_2, `Optional:\t${c.optional === true}\n`);
    } else if (v.secret) {
      const s = rec(v.secret);
      w.write(LEVEL_2, 'Type:\tSecret (a volume populated by a Secret)\n');
      w.write(LEVEL_2, `SecretName:\t${str(s.secretName)}\n`);
      w.write(LEVEL_2, `Optional:\t${s.optional === true}\n`);
    } else if (v.persistentVolumeClaim) {
      const p = rec(v.persistentVolumeClaim);
      w.write(
        LEVEL_2,
        'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n',
      );
      w.write(LEVEL_2, `ClaimName:\t${str(p.claimName)}\n`);
      w.write(LEVEL_2, `ReadOnly:\t${p.readOnly === true}\n`);
    } else if (v.hostPath) {
      const h = rec(v.hostPath);
      w.write(LEVEL_2, 'Type:\tHostPath (bare host directory volume)\n');
      w.write(LEVEL_2, `Path:\t${str(h.path)}\n`);
      w.write(LEVEL_2, `HostPathType:\t${str(h.type)}\n`);
    } else {
      w.write(LEVEL_1, '<unknown>\n');
    }
  }
}

/** `DescribePodTemplate`. */
export function describePodTemplate(template: Obj | undefined, w: DescribeWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const meta = rec(template.metadata);
  const spec = rec(template.spec);
  printLabels(w, '  Labels', strMap(meta.labels));
  if (Object.keys(rec(meta.annotations)).length > 0)
    printAnnotations(w, '  Annotations', strMap(meta.annotations));
  if (str(spec.serviceAccountName) !== '')
    w.write(LEVEL_1, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  const init = arr(spec.initContainers);
  if (init.length > 0) describeContainers('Init Containers', init, undefined, '  ', w);
  describeContainers('Containers', arr(spec.containers), undefined, '  ', w);
  describeVolumes(arr(spec.volumes), w, '  ');
  if (str(spec.priorityClassName) !== '')
    w.write(LEVEL_1, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  printLabels(w, '  Node-Selectors', strMap(spec.nodeSelector));
  printTolerations(w, '  Tolerations', arr(spec.tolerations));
}
