/** The model's readers for CoreDNS ConfigMaps and Prometheus configurations (plain or in a ConfigMap). */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Scalar } from 'yaml';
import { parseCorefile } from './corefile.js';
import { embeddedDocument } from './embedded.js';
import { ref } from './model-ref.js';
import { isPrometheusConfigKey } from './parse.js';
import type { ClusterRef, CorednsDecl, PrometheusJob, PrometheusTarget, Range, SourceDoc } from './types.js';
import {
  getMap,
  getNode,
  getSeq,
  getString,
  mapItems,
  offsetsToRange,
  scalarItems,
  scalarString,
} from './yaml-util.js';

/**
 * Why a Corefile scalar lost its lines, or undefined: a plain, quoted or `>` folded scalar turns the
 * newlines of a multi-line Corefile into spaces, so CoreDNS reads one line.
 */
function foldedCorefile(node: Scalar): string | undefined {
  const value = typeof node.value === 'string' ? node.value : undefined;
  if (value === undefined || node.type === 'BLOCK_LITERAL' || value.includes('\n') || !value.includes('{'))
    return undefined;
  const style =
    node.type === 'BLOCK_FOLDED'
      ? 'a folded block scalar (>)'
      : node.type === 'PLAIN'
        ? 'a plain scalar'
        : 'a quoted string';
  return `the Corefile is ${style} without line breaks, so YAML joins its lines into one and CoreDNS reads every directive as arguments of the first; write the key with | (a literal block) to keep the lines`;
}

function rangeOfNode(src: SourceDoc, node: Scalar): Range {
  const r = node.range ?? [0, 0];
  return offsetsToRange(src.lineCounter, r[0], Math.max(r[0] + 1, r[1]));
}

export function readCoredns(src: SourceDoc): CorednsDecl {
  const root = src.doc.contents;
  const d: CorednsDecl = { src, files: [] };
  const name = getString(getMap(root, 'metadata'), 'name');
  if (name !== undefined) d.name = name;
  const data = getMap(root, 'data');
  for (const pair of data?.items ?? []) {
    const key = scalarString(pair.key);
    if (key === undefined || !(key.endsWith('.server') || key === 'Corefile')) continue;
    if (!isScalar(pair.value)) continue;
    const file = parseCorefile(key, pair.value, src.text, src.lineCounter);
    const folded = foldedCorefile(pair.value);
    if (folded) {
      // One line of text: the server blocks are not what CoreDNS will read; say so, once.
      file.blocks = [];
      file.problems = [{ message: folded, range: file.problems[0]?.range ?? rangeOfNode(src, pair.value) }];
    }
    d.files.push(file);
  }
  return d;
}

/**
 * The Prometheus configurations a document holds: itself (`scrape_configs:` at the root), or each
 * `prometheus.yml` key of a ConfigMap (Istio's samples/addons/prometheus.yaml), read as a document of
 * its own whose positions are those of the file.
 */
function prometheusDocs(src: SourceDoc): SourceDoc[] {
  if (getNode(src.doc.contents, 'scrape_configs') !== undefined) return [src];
  const out: SourceDoc[] = [];
  for (const pair of getMap(src.doc.contents, 'data')?.items ?? []) {
    const key = scalarString(pair.key);
    if (key === undefined || !isPrometheusConfigKey(key) || !isScalar(pair.value)) continue;
    const embedded = embeddedDocument(src, pair.value);
    if (embedded) out.push(embedded);
  }
  return out;
}

export function readPrometheus(src: SourceDoc, refs: ClusterRef[]): PrometheusJob[] {
  return prometheusDocs(src).flatMap((d) => readPrometheusConfig(d, refs));
}

function readPrometheusConfig(src: SourceDoc, refs: ClusterRef[]): PrometheusJob[] {
  const jobs: PrometheusJob[] = [];
  const seq = getSeq(src.doc.contents, 'scrape_configs');
  seq?.items.forEach((item, index) => {
    if (!isMap(item)) return;
    const job: PrometheusJob = { src, index, node: item, targets: [], clusterLabels: [] };
    const name = getString(item, 'job_name');
    if (name !== undefined) job.name = name;
    const hl = getNode(item, 'honor_labels');
    if (hl) job.honorLabels = hl.toJSON();
    const mp = getString(item, 'metrics_path');
    if (mp !== undefined) job.metricsPath = mp;
    const params = getMap(item, 'params');
    const match = getNode(params, 'match[]');
    if (match)
      job.match = isSeq(match)
        ? scalarItems(match)
            .flatMap((s) => scalarString(s) ?? [])
            .slice()
        : [scalarString(match) ?? ''];
    for (const sc of mapItems(getSeq(item, 'static_configs'))) {
      const labelsNode = getMap(sc, 'labels');
      const labels: Record<string, string> = {};
      for (const p of labelsNode?.items ?? []) {
        const k = scalarString(p.key);
        const v = scalarString(p.value);
        if (k !== undefined && v !== undefined) labels[k] = v;
      }
      const cl = ref(getNode(labelsNode, 'cluster'), src, 'prometheus');
      if (cl) job.clusterLabels.push(cl);
      for (const t of scalarItems(getSeq(sc, 'targets'))) {
        const target = scalarString(t);
        if (target === undefined) continue;
        const pt: PrometheusTarget = { target, node: t, labels };
        if (labelsNode) pt.labelsNode = labelsNode;
        job.targets.push(pt);
      }
    }
    refs.push(...job.clusterLabels);
    // Cut to size: `push` leaves room for 16 more, and a large config has tens of thousands of jobs.
    job.targets = job.targets.slice();
    job.clusterLabels = job.clusterLabels.slice();
    jobs.push(job);
  });
  return jobs;
}
