// discovery.k8s.io/v1 EndpointSlices: the endpoints behind each Service, as the EndpointSlice controller
// writes them (`kubectl describe service` reads a Service's endpoints from them).
import { age } from './cells.js';
import { ageCol, col, nameCol } from './columns.js';
import type { KubeObject } from '../store.js';
import { readAs, type ResourceDef } from './types.js';

export interface EndpointSlice extends KubeObject {
  addressType?: string;
  endpoints?: {
    addresses: string[];
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    nodeName?: string;
    targetRef?: { kind: string; name: string; namespace: string; uid: string };
  }[];
  ports?: { name?: string; port?: number; protocol?: string }[];
}

/** kube-apiserver's EndpointSlice printer: ports, then at most three addresses and how many more. */
function endpointsCell(o: EndpointSlice): string {
  const all = (o.endpoints ?? []).flatMap((e) => e.addresses);
  if (all.length === 0) return '<unset>';
  const shown = all.slice(0, 3).join(',');
  return all.length > 3 ? `${shown} + ${all.length - 3} more...` : shown;
}

function portsCell(o: EndpointSlice): string {
  const ports = o.ports ?? [];
  if (ports.length === 0) return '<unset>';
  return ports.map((p) => (p.port === undefined ? '<unset>' : String(p.port))).join(',');
}

export const ENDPOINT_SLICES: ResourceDef = readAs<EndpointSlice>({
  group: 'discovery.k8s.io',
  version: 'v1',
  plural: 'endpointslices',
  singular: 'endpointslice',
  kind: 'EndpointSlice',
  namespaced: true,
  shortNames: [],
  categories: [],
  verbs: ['get', 'list', 'watch'],
  fields: (o) => ({ addressType: o.addressType ?? '' }),
  columns: [
    nameCol(),
    col('AddressType', 'string', 'Type of address carried by this EndpointSlice'),
    col('Ports', 'string', 'Ports of this EndpointSlice'),
    col('Endpoints', 'string', 'Addresses of this EndpointSlice'),
    ageCol(),
  ],
  cells: (o, now) => [o.metadata.name, o.addressType ?? '', portsCell(o), endpointsCell(o), age(o, now)],
});
