// Istio's traffic CRDs (networking.istio.io: VirtualService, DestinationRule), served at v1 (preferred)
// and v1beta1 as Istio's CRDs are, with the printer columns those CRDs declare; and the
// apiextensions.k8s.io CustomResourceDefinition resource that lists them. Served by clusters started
// with istio on only.
import type { KubeObject } from '../store.js';
import { age } from './cells.js';
import { col, CREATED_DOC, NAME_DOC } from './columns.js';
import type { ResourceDef } from './types.js';

export const ISTIO_GROUP = 'networking.istio.io';
export const APIEXTENSIONS_GROUP = 'apiextensions.k8s.io';

interface IstioObject extends KubeObject {
  spec?: { hosts?: unknown; gateways?: unknown; host?: unknown };
}

/** A CRD printer column of type string over a JSONPath naming an array prints the array as JSON. */
const jsonCell = (v: unknown): unknown =>
  v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

export const VIRTUAL_SERVICES: ResourceDef = {
  group: ISTIO_GROUP,
  version: 'v1',
  servedVersions: ['v1', 'v1beta1'],
  plural: 'virtualservices',
  singular: 'virtualservice',
  kind: 'VirtualService',
  namespaced: true,
  shortNames: ['vs'],
  categories: ['istio-io', 'networking-istio-io'],
  verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
  columns: [
    col('Name', 'string', NAME_DOC, 0, 'name'),
    col('Gateways', 'string', 'The names of gateways and sidecars that should apply these routes'),
    col('Hosts', 'string', 'The destination hosts to which traffic is being sent'),
    col('Age', 'date', CREATED_DOC),
  ],
  cells: (o, now) => {
    const spec = (o as IstioObject).spec;
    return [o.metadata.name, jsonCell(spec?.gateways), jsonCell(spec?.hosts), age(o, now)];
  },
};

export const DESTINATION_RULES: ResourceDef = {
  group: ISTIO_GROUP,
  version: 'v1',
  servedVersions: ['v1', 'v1beta1'],
  plural: 'destinationrules',
  singular: 'destinationrule',
  kind: 'DestinationRule',
  namespaced: true,
  shortNames: ['dr'],
  categories: ['istio-io', 'networking-istio-io'],
  verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
  columns: [
    col('Name', 'string', NAME_DOC, 0, 'name'),
    col('Host', 'string', 'The name of a service from the service registry'),
    col('Age', 'date', CREATED_DOC),
  ],
  cells: (o, now) => [o.metadata.name, jsonCell((o as IstioObject).spec?.host), age(o, now)],
};

interface CrdObject extends KubeObject {
  status?: { conditions?: { type?: string; status?: string }[] };
}

export const CUSTOM_RESOURCE_DEFINITIONS: ResourceDef = {
  group: APIEXTENSIONS_GROUP,
  version: 'v1',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  kind: 'CustomResourceDefinition',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  verbs: ['get', 'list', 'watch'],
  columns: [col('Name', 'string', NAME_DOC, 0, 'name'), col('Created At', 'date', CREATED_DOC)],
  cells: (o) => [o.metadata.name, (o as CrdObject).metadata.creationTimestamp ?? null],
};

/** The CRD object a cluster with Istio lists for one of its resources. */
export function crdObject(def: ResourceDef, created: string): KubeObject {
  const versions = def.servedVersions ?? [def.version];
  const name = `${def.plural}.${def.group}`;
  return {
    apiVersion: `${APIEXTENSIONS_GROUP}/v1`,
    kind: 'CustomResourceDefinition',
    metadata: {
      name,
      uid: `crd-${def.plural}`,
      creationTimestamp: created,
      generation: 1,
      labels: { app: 'istio-pilot', chart: 'istio', heritage: 'Tiller', release: 'istio' },
    },
    spec: {
      group: def.group,
      names: {
        plural: def.plural,
        singular: def.singular,
        kind: def.kind,
        listKind: `${def.kind}List`,
        shortNames: def.shortNames,
        categories: def.categories,
      },
      scope: def.namespaced ? 'Namespaced' : 'Cluster',
      versions: versions.map((v) => ({
        name: v,
        served: true,
        storage: v === def.version,
        subresources: { status: {} },
        additionalPrinterColumns: def.columns
          .filter((c) => c.name !== 'Name')
          .map((c) => ({
            name: c.name,
            type: c.type,
            description: c.description,
            jsonPath: c.name === 'Age' ? '.metadata.creationTimestamp' : `.spec.${c.name.toLowerCase()}`,
          })),
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      })),
    },
    status: {
      acceptedNames: {
        plural: def.plural,
        singular: def.singular,
        kind: def.kind,
        listKind: `${def.kind}List`,
      },
      storedVersions: [def.version],
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          reason: 'NoConflicts',
          message: 'no conflicts found',
          lastTransitionTime: created,
        },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
          lastTransitionTime: created,
        },
      ],
    },
  };
}
