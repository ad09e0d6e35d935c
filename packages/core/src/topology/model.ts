/** The model: every classified document read into clusters, pipelines, networking, manifests and jobs. */
import { isMap, isSeq } from 'yaml';
import { ref } from './model-ref.js';
import { readCoredns, readPrometheus } from './model-services.js';
import { isPlainObject, plainAt } from './parse.js';
import type {
  ClusterDecl,
  ClusterRef,
  CorednsDecl,
  DocKind,
  IstioGatewayDecl,
  IstioOperatorDecl,
  KubefedDecl,
  NetworkingDecl,
  PipelineDecl,
  PrometheusJob,
  SourceDoc,
  StageDecl,
  TopologyDecl,
  TopologyModel,
  VpcDecl,
} from './types.js';
import {
  getMap,
  getNode,
  getScalar,
  getSeq,
  getString,
  mapItems,
  resolvePath,
  scalarItems,
  scalarString,
} from './yaml-util.js';

function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
  if (typeof v === 'string') return [v];
  return [];
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isPlainObject(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  }
  return out;
}

function optString(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** Production: `purpose: production` or `environment: production`. */
export function isProductionValue(v: Record<string, unknown>): boolean {
  const p = (x: unknown) => typeof x === 'string' && x.trim().toLowerCase() === 'production';
  return p(v.purpose) || p(v.environment);
}

function readTopology(src: SourceDoc): TopologyDecl | undefined {
  const root = src.doc.contents;
  const node = getMap(root, 'topology');
  if (!node) return undefined;
  const topo: TopologyDecl = { src, node, clusters: [] };
  const tr = getMap(node, 'traffic_routing');
  if (tr) {
    const strategy = getString(tr, 'strategy');
    const failover = getString(tr, 'failover');
    topo.trafficRouting = {
      node: tr,
      ...(strategy !== undefined ? { strategy } : {}),
      ...(failover !== undefined ? { failover } : {}),
    };
  }
  const plainClusters = plainAt(src.value, 'topology', 'clusters');
  const clustersSeq = getSeq(node, 'clusters');
  clustersSeq?.items.forEach((m, i) => {
    if (!isMap(m)) return;
    const nameNode = getScalar(m, 'name');
    const name = scalarString(nameNode);
    if (name === undefined || name === '') return;
    // The document's plain value (already converted, aliases bounded) for this cluster.
    const plain: unknown = Array.isArray(plainClusters) ? plainClusters[i] : undefined;
    const value: Record<string, unknown> = isPlainObject(plain) ? plain : {};
    const context = optString(value.context) ?? name;
    const c: ClusterDecl = {
      name,
      context,
      production: isProductionValue(value),
      workloads: stringList(value.workloads),
      labels: stringRecord(value.labels),
      compliance: stringList(value.compliance).map((s) => s.toLowerCase()),
      value,
      src,
      node: m,
      topology: topo,
    };
    if (nameNode) c.nameNode = nameNode;
    const setStr = (k: keyof ClusterDecl, from: string) => {
      const s = optString(value[from]);
      if (s !== undefined) (c as unknown as Record<string, unknown>)[k] = s;
    };
    setStr('region', 'region');
    setStr('environment', 'environment');
    setStr('purpose', 'purpose');
    setStr('ingress', 'ingress');
    setStr('size', 'size');
    setStr('nodeType', 'node_type');
    setStr('jurisdiction', 'jurisdiction');
    setStr('vpc', 'vpc');
    setStr('cidr', 'cidr');
    setStr('podCidr', 'pod_cidr');
    setStr('serviceCidr', 'service_cidr');
    if (value.storage !== undefined) c.storage = value.storage;
    const backup = value.backup ?? value.backup_strategy;
    if (backup !== undefined) c.backup = backup;
    if (value.high_availability !== undefined) c.highAvailability = value.high_availability;
    if (value.interruption_handling !== undefined) c.interruptionHandling = value.interruption_handling;
    topo.clusters.push(c);
  });
  return topo;
}

function readPipeline(src: SourceDoc, refs: ClusterRef[]): PipelineDecl | undefined {
  const node = getMap(src.doc.contents, 'pipeline');
  if (!node) return undefined;
  const p: PipelineDecl = { src, node, stages: [] };
  const seq = getSeq(node, 'stages');
  if (!seq) return p;
  seq.items.forEach((item, index) => {
    if (!isMap(item)) return;
    const clusters: ClusterRef[] = [];
    const one = ref(getNode(item, 'cluster'), src, 'pipeline');
    if (one) clusters.push(one);
    const many = getNode(item, 'clusters');
    if (isSeq(many)) {
      for (const s of scalarItems(many)) {
        const r = ref(s, src, 'pipeline');
        if (r) clusters.push(r);
      }
    } else {
      const r = ref(many, src, 'pipeline');
      if (r) clusters.push(r);
    }
    refs.push(...clusters);
    const stage: StageDecl = { index, node: item, clusters, pipeline: p };
    const name = getString(item, 'name');
    if (name !== undefined) stage.name = name;
    const traffic = getNode(item, 'traffic');
    if (traffic) stage.traffic = traffic.toJSON();
    const parallel = getNode(item, 'parallel');
    if (parallel) stage.parallel = parallel.toJSON();
    const validation = getMap(item, 'validation');
    if (validation) stage.validation = validation;
    p.stages.push(stage);
  });
  return p;
}

function readNetworking(src: SourceDoc): NetworkingDecl | undefined {
  const node = getMap(src.doc.contents, 'networking');
  if (!node) return undefined;
  const vpcs: VpcDecl[] = [];
  const vpcsNode = getMap(node, 'vpcs');
  if (vpcsNode) {
    for (const pair of vpcsNode.items) {
      const name = scalarString(pair.key);
      if (name === undefined) continue;
      const v: VpcDecl = { name, pair, src };
      const cidr = getString(pair.value, 'cidr');
      const cluster = getString(pair.value, 'cluster');
      if (cidr !== undefined) v.cidr = cidr;
      if (cluster !== undefined) v.cluster = cluster;
      vpcs.push(v);
    }
  }
  const peers = mapItems(getSeq(node, 'vpc_peers')).map((m, index) => {
    const source = getString(m, 'source');
    const destination = getString(m, 'destination');
    const routing = getString(m, 'routing');
    return {
      index,
      node: m,
      src,
      ...(source !== undefined ? { source } : {}),
      ...(destination !== undefined ? { destination } : {}),
      ...(routing !== undefined ? { routing } : {}),
    };
  });
  const n: NetworkingDecl = { src, node, vpcs, peers };
  const np = getMap(node, 'network_policy');
  if (np) n.networkPolicy = np;
  return n;
}

function readKubefed(src: SourceDoc, refs: ClusterRef[]): KubefedDecl {
  const root = src.doc.contents;
  const spec = getMap(root, 'spec');
  const kind = plainAt(src.value, 'kind');
  const k: KubefedDecl = {
    src,
    kind: typeof kind === 'string' ? kind : '', // a string: classifyDocument saw `Federated…`
    apiVersion: optString(plainAt(src.value, 'apiVersion')) ?? '',
    placement: [],
    overrides: [],
  };
  const name = getString(getMap(root, 'metadata'), 'name');
  const namespace = getString(getMap(root, 'metadata'), 'namespace');
  if (name !== undefined) k.name = name;
  if (namespace !== undefined) k.namespace = namespace;
  const placement = getMap(spec, 'placement');
  if (placement) {
    k.placementNode = placement;
    for (const m of mapItems(getSeq(placement, 'clusters'))) {
      const r = ref(getNode(m, 'name'), src, 'kubefed-placement');
      if (r) k.placement.push(r);
    }
  }
  for (const m of mapItems(getSeq(spec, 'overrides'))) {
    const r = ref(getNode(m, 'clusterName'), src, 'kubefed-override');
    const paths = mapItems(getSeq(m, 'clusterOverrides')).flatMap((o) => {
      const p = getScalar(o, 'path');
      const s = scalarString(p);
      return p && s !== undefined ? [{ path: s, node: p, override: o }] : [];
    });
    k.overrides.push({ node: m, paths, ...(r ? { clusterName: r } : {}) });
  }
  refs.push(...k.placement, ...k.overrides.flatMap((o) => (o.clusterName ? [o.clusterName] : [])));
  const template = plainAt(src.value, 'spec', 'template');
  if (template !== undefined) k.template = template;
  return k;
}

function readIstioOperator(src: SourceDoc, refs: ClusterRef[]): IstioOperatorDecl {
  const root = src.doc.contents;
  const io: IstioOperatorDecl = { src };
  const cn = resolvePath(root, ['spec', 'values', 'global', 'multiCluster', 'clusterName']);
  if (cn.complete && cn.lastPair) {
    const r = ref(cn.lastPair.value, src, 'istio');
    if (r) {
      io.clusterName = r;
      refs.push(r);
    }
  }
  const net = resolvePath(root, ['spec', 'values', 'global', 'network']);
  if (net.complete && net.lastPair) {
    const s = scalarString(net.lastPair.value);
    if (s !== undefined) io.network = s;
  }
  const mn = resolvePath(root, ['spec', 'values', 'global', 'meshNetworks']);
  if (mn.complete && mn.lastPair && isMap(mn.lastPair.value)) {
    io.meshNetworks = mn.lastPair.value.items.flatMap((p) => {
      const name = scalarString(p.key);
      return name === undefined ? [] : [{ name, node: p }];
    });
  }
  const mesh = optString(plainAt(src.value, 'spec', 'values', 'global', 'meshID'));
  if (mesh !== undefined) io.meshID = mesh;
  const td = resolvePath(root, ['spec', 'meshConfig', 'trustDomain']);
  if (td.complete && td.lastPair) {
    const s = scalarString(td.lastPair.value);
    if (s !== undefined) io.trustDomain = s;
  }
  return io;
}

function readGateway(src: SourceDoc): IstioGatewayDecl {
  const root = src.doc.contents;
  const g: IstioGatewayDecl = { src, servers: mapItems(getSeq(getMap(root, 'spec'), 'servers')) };
  const name = getString(getMap(root, 'metadata'), 'name');
  if (name !== undefined) g.name = name;
  return g;
}

/** Read every document into the model. Cluster references resolve across all of them. */
export function buildModel(
  docs: SourceDoc[],
  syntaxProblems: TopologyModel['syntaxProblems'] = [],
): TopologyModel {
  const refs: ClusterRef[] = [];
  const topologies: TopologyDecl[] = [];
  const pipelines: PipelineDecl[] = [];
  const networking: NetworkingDecl[] = [];
  const kubefed: KubefedDecl[] = [];
  const istioOperators: IstioOperatorDecl[] = [];
  const istioGateways: IstioGatewayDecl[] = [];
  const coredns: CorednsDecl[] = [];
  const prometheusJobs: PrometheusJob[] = [];
  for (const src of docs) {
    switch (src.kind) {
      case 'topology':
      case 'pipeline':
      case 'networking': {
        // A document may carry several of these roots; read each that is present.
        const t = readTopology(src);
        if (t) topologies.push(t);
        const p = readPipeline(src, refs);
        if (p) pipelines.push(p);
        const n = readNetworking(src);
        if (n) networking.push(n);
        break;
      }
      case 'kubefed':
        kubefed.push(readKubefed(src, refs));
        break;
      case 'istio-operator':
        istioOperators.push(readIstioOperator(src, refs));
        break;
      case 'istio-gateway':
        istioGateways.push(readGateway(src));
        break;
      case 'coredns':
        coredns.push(readCoredns(src));
        break;
      case 'prometheus':
        prometheusJobs.push(...readPrometheus(src, refs));
        break;
    }
  }
  const clusters = topologies.flatMap((t) => t.clusters);
  const clustersByName = new Map<string, ClusterDecl[]>();
  for (const c of clusters) {
    const list = clustersByName.get(c.name);
    if (list) list.push(c);
    else clustersByName.set(c.name, [c]);
  }
  return {
    docs,
    topologies,
    clusters,
    clustersByName,
    hasTopology: topologies.length > 0,
    pipelines,
    networking,
    kubefed,
    istioOperators,
    istioGateways,
    coredns,
    prometheusJobs,
    clusterRefs: refs,
    docsOf: (kind: DocKind) => docs.filter((d) => d.kind === kind),
    syntaxProblems,
  };
}
