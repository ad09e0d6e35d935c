/** A cluster reference of the model: a non-empty scalar naming a cluster, where it is and how. */
import type { Scalar } from 'yaml';
import type { ClusterRef, ClusterRefVia, SourceDoc } from './types.js';
import { scalarString } from './yaml-util.js';

export function ref(node: unknown, src: SourceDoc, via: ClusterRefVia): ClusterRef | undefined {
  const name = scalarString(node);
  if (name === undefined || name === '') return undefined;
  return { name, node: node as Scalar, src, via };
}
