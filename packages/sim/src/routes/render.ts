// The shapes an object is served in besides itself: a server-side Table (rows with kube-apiserver's
// columns) and PartialObjectMetadata.
import type { KubeObject } from '../store.js';
import type { ResourceDef } from '../resources.js';

export function tableType(version: string): string {
  return `application/json;as=Table;v=${version};g=meta.k8s.io`;
}

export function partial(obj: KubeObject, version: string): unknown {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

export function table(
  def: ResourceDef,
  objs: KubeObject[],
  version: string,
  includeObject: string,
  metadata: Record<string, unknown>,
): unknown {
  const now = Date.now();
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata,
    columnDefinitions: def.columns,
    rows: objs.map((o) => row(def, o, now, includeObject, version)),
  };
}

function row(def: ResourceDef, o: KubeObject, now: number, includeObject: string, version: string): unknown {
  const out: Record<string, unknown> = { cells: def.cells(o, now) };
  const conditions = def.conditions?.(o);
  if (conditions) out['conditions'] = conditions;
  if (includeObject === 'Object') out['object'] = o;
  else if (includeObject === 'Metadata') out['object'] = partial(o, version);
  return out;
}
