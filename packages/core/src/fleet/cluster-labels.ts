/**
 * `--cluster-selector` over what the topology file says about each cluster, for kubeconfig contexts and
 * hub clusters alike. A topology cluster's labels are its `region`, `environment` (else its `purpose`),
 * `purpose`, `size`, `node_type` as `node-type`, and its own `labels:` map (which wins); its `workloads`
 * list is the multi-valued key `workload` (`workload=databases` matches a cluster running databases
 * among others). A context takes the labels of the topology cluster whose `context` (default: its name)
 * or name it is; a hub cluster those of the topology cluster named as the cluster, its profile
 * (`<namespace>/<name>` or name), its display name or its KEP-2149 cluster ID property
 * (`cluster.clusterset.k8s.io`), the profile's own labels winning.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ContextSelectionError, UsageError } from '../errors.js';
import { buildModel } from '../topology/model.js';
import { parseFile } from '../topology/parse.js';
import type { ClusterDecl } from '../topology/types.js';
import { findLintConfig } from '../topology/workspace/config.js';
import { q } from '../util/text.js';
import type { HubCluster } from './hub/profiles.js';
import { matchesSelector, parseClusterSelector, type Selectable } from './hub/selector.js';

/** The KEP-2149 property naming a cluster's ID in its ClusterSet, which a hub may publish. */
export const CLUSTER_ID_PROPERTY = 'cluster.clusterset.k8s.io';

export interface ClusterLabels {
  labels: Record<string, string>;
  sets: Record<string, string[]>;
}

/** What the topology files say about clusters, by context and by cluster name (first file wins). */
export interface TopologyLabels {
  files: string[];
  byName: Map<string, ClusterLabels>;
}

const MAX_TOPOLOGY_BYTES = 4 * 1024 * 1024;

/** The labels one topology cluster gives (see the module's comment). */
export function labelsOfDecl(c: ClusterDecl): ClusterLabels {
  const labels: Record<string, string> = {};
  const set = (k: string, v: string | undefined) => {
    if (v !== undefined && v !== '') labels[k] = v;
  };
  set('region', c.region);
  set('environment', c.environment ?? c.purpose);
  set('purpose', c.purpose);
  set('size', c.size);
  set('node-type', c.nodeType);
  Object.assign(labels, c.labels);
  return { labels, sets: c.workloads.length > 0 ? { workload: [...c.workloads] } : {} };
}

/** The labels of every cluster of parsed topology documents. */
export function topologyLabels(files: ReadonlyArray<{ path: string; text: string }>): TopologyLabels {
  const byName = new Map<string, ClusterLabels>();
  for (const f of files) {
    const parsed = parseFile({ path: f.path, text: f.text });
    const model = buildModel(parsed.docs, parsed.problems);
    for (const c of model.clusters) {
      const l = labelsOfDecl(c);
      for (const key of [c.context, c.name]) if (!byName.has(key)) byName.set(key, l);
    }
  }
  return { files: files.map((f) => f.path), byName };
}

async function readText(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read topology ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (text.length > MAX_TOPOLOGY_BYTES) throw new UsageError(`topology ${file} is larger than 4 MiB`);
  return text;
}

/** `topology:` of `.kubectl-mc.yaml` (found from `cwd` as `lint` finds it), resolved against the file. */
async function configTopologies(cwd: string): Promise<string[]> {
  const file = await findLintConfig(cwd);
  if (file === undefined) return [];
  let doc: unknown;
  try {
    doc = parseYaml(await readFile(file, 'utf8'));
  } catch {
    return []; // an unreadable config is reported by the commands that need it (lint, protection)
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [];
  const t = (doc as Record<string, unknown>)['topology'];
  const list = Array.isArray(t) ? (t as unknown[]) : t === undefined || t === null ? [] : [t];
  return list
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .map((x) => resolve(dirname(file), x));
}

/**
 * The topology labels from `files` (`--topology`) and from `.kubectl-mc.yaml`'s `topology:`; undefined
 * when there is no topology at all.
 */
export async function loadTopologyLabels(
  opts: { files?: readonly string[]; cwd?: string } = {},
): Promise<TopologyLabels | undefined> {
  const cwd = opts.cwd ?? process.cwd();
  const paths = [...(opts.files ?? []).map((f) => resolve(cwd, f)), ...(await configTopologies(cwd))];
  if (paths.length === 0) return undefined;
  const files = [];
  for (const p of [...new Set(paths)]) files.push({ path: p, text: await readText(p) });
  return topologyLabels(files);
}

/** The topology labels that apply to a hub cluster (see the module's comment), if any. */
export function topologyLabelsForHubCluster(
  topo: TopologyLabels | undefined,
  c: HubCluster,
): ClusterLabels | undefined {
  if (!topo) return undefined;
  const keys = [c.id, c.ref, c.name, c.displayName, c.properties[CLUSTER_ID_PROPERTY]];
  for (const k of keys) {
    const hit = k !== undefined ? topo.byName.get(k) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/** A hub cluster as the selector sees it: topology labels under the profile's labels, and its properties. */
export function hubSelectable(c: HubCluster, topo: TopologyLabels | undefined): Selectable {
  const t = topologyLabelsForHubCluster(topo, c);
  return {
    labels: { ...t?.labels, ...c.labels },
    properties: c.properties,
    ...(t && { sets: t.sets }),
  };
}

/**
 * `--cluster-selector` over kubeconfig contexts: the contexts (in the order given) whose topology
 * labels match. A context the topology does not name has no labels. No match is a selection error.
 */
export function selectContextsByLabels(
  contexts: readonly string[],
  topo: TopologyLabels,
  selector: string,
): string[] {
  const reqs = parseClusterSelector(selector);
  const none: Selectable = { labels: {}, properties: {} };
  const out = contexts.filter((name) => {
    const l = topo.byName.get(name);
    return matchesSelector(l ? { ...l, properties: {} } : none, reqs);
  });
  if (out.length === 0) {
    throw new ContextSelectionError(
      `no selected context matches --cluster-selector ${q(selector)} (labels from ${topo.files.join(', ')})`,
    );
  }
  return out;
}
