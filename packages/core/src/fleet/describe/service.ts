/** kubectl's Service describer (endpoints from the Service's EndpointSlices, as kubectl 1.33 reads them). */
import { describeEvents, type EventItem } from './events.js';
import { arr, formatLabels, printAnnotations, printLabels, rec, str, strMap } from './format.js';
import { LEVEL_0, tabbed } from './writer.js';

type Obj = Record<string, unknown>;

/** `formatEndpointSlices`: up to three `ip:port`, then `+ N more...`; `<none>` without slices. */
export function formatEndpointSlices(slices: Obj[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const add = (text: string) => {
    if (list.length === max) more = true;
    if (!more) list.push(text);
    count++;
  };
  for (const s of slices) {
    const ports = arr(s.ports);
    // endpoints that are not ready are left out (a missing `ready` counts as ready)
    const endpoints = arr(s.endpoints).filter((e) => rec(e.conditions).ready !== false);
    if (ports.length === 0) {
      for (const e of endpoints) add(str((e.addresses as unknown[] | undefined)?.[0]));
      continue;
    }
    for (const p of ports) {
      if (portName !== undefined && str(p.name) !== portName) continue;
      for (const e of endpoints) {
        const addr = str((e.addresses as unknown[] | undefined)?.[0]);
        add(`${addr.includes(':') ? `[${addr}]` : addr}:${str(p.port)}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function ingressText(ingress: Obj[]): string {
  return ingress
    .map((i) => {
      let s = str(i.ip) || str(i.hostname);
      if (str(i.ip) !== '' && str(i.hostname) !== '') s = str(i.ip);
      const mode = str(i.ipMode);
      return mode ? `${s} (${mode})` : s;
    })
    .join(', ');
}

export function describeService(svc: Obj, slices: Obj[], events: EventItem[] | undefined): string {
  return tabbed((w) => {
    const meta = rec(svc.metadata);
    const spec = rec(svc.spec);
    w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta.namespace)}\n`);
    printLabels(w, 'Labels', strMap(meta.labels));
    printAnnotations(w, 'Annotations', strMap(meta.annotations));
    w.write(LEVEL_0, `Selector:\t${formatLabels(strMap(spec.selector))}\n`);
    w.write(LEVEL_0, `Type:\t${str(spec.type)}\n`);
    if (str(spec.ipFamilyPolicy) !== '') w.write(LEVEL_0, `IP Family Policy:\t${str(spec.ipFamilyPolicy)}\n`);
    const families = Array.isArray(spec.ipFamilies) ? spec.ipFamilies.map(str) : [];
    w.write(LEVEL_0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${str(spec.clusterIP)}\n`);
    const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs.map(str) : [];
    w.write(LEVEL_0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
    const external = Array.isArray(spec.externalIPs) ? spec.externalIPs.map(str) : [];
    if (external.length > 0) w.write(LEVEL_0, `External IPs:\t${external.join(',')}\n`);
    if (str(spec.loadBalancerIP) !== '') w.write(LEVEL_0, `IP:\t${str(spec.loadBalancerIP)}\n`);
    if (str(spec.loadBalancerClass) !== '')
      w.write(LEVEL_0, `LoadBalancer Class:\t${str(spec.loadBalancerClass)}\n`);
    if (str(spec.externalName) !== '') w.write(LEVEL_0, `External Name:\t${str(spec.externalName)}\n`);
    const ingress = arr(rec(rec(svc.status).loadBalancer).ingress);
    if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingressText(ingress)}\n`);
    const ports = arr(spec.ports);
    for (const p of ports) {
      const name = str(p.name) || '<unset>';
      const proto = str(p.protocol);
      w.write(LEVEL_0, `Port:\t${name}\t${str(p.port) || '0'}/${proto}\n`);
      w.write(LEVEL_0, `TargetPort:\t${str(p.targetPort) || '0'}/${proto}\n`);
      if (typeof p.nodePort === 'number' && p.nodePort !== 0)
        w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, str(p.name))}\n`);
    }
    if (ports.length === 0) w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, undefined)}\n`);
    w.write(LEVEL_0, `Session Affinity:\t${str(spec.sessionAffinity)}\n`);
    if (str(spec.externalTrafficPolicy) !== '')
      w.write(LEVEL_0, `External Traffic Policy:\t${str(spec.externalTrafficPolicy)}\n`);
    if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort !== 0)
      w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    const ranges = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges.map(str) : [];
    if (ranges.length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${ranges.join(',')}\n`);
    if (str(spec.trafficDistribution) !== '')
      w.write(LEVEL_0, `Traffic Distribution:\t${str(spec.trafficDistribution)}\n`);
    describeEvents(events, w);
  });
}
