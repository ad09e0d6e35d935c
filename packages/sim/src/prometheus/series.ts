// The series a cluster's Prometheus holds, from the traffic model (traffic.ts) and the health model: a
// pod runs a bad release when one of its containers' images contains one of the bad-image strings; bad
// pods answer 5% of their requests with 500 and have a p99 latency of 1.5 s, good pods answer every
// request with 200 and have a p99 of 120 ms. Per pod that receives traffic: http_requests_total{code},
// http_request_duration_seconds_bucket{le}, _sum and _count, labelled namespace, pod and every pod label
// (its name sanitized as Prometheus' labelmap does). The values are the current per-second rates, what
// `rate(…[RANGE])` of the counters answers in a steady state.
import type { Pod } from '../kinds.js';
import type { ResourceStore } from '../store.js';
import { podTraffic } from './traffic.js';

export type Labels = Record<string, string>;

/** A series with its current per-second rate. */
export interface Series {
  labels: Labels;
  rate: number;
}

export interface HealthModel {
  /** image substrings that make a release bad */
  badImages: readonly string[];
  /** requests per second per Service (default 100) */
  requestRate?: number;
}

export const BAD_ERROR_RATIO = 0.05;
export const BUCKETS = ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf'];
/**
 * Cumulative share of requests at or under each bucket's bound. Prometheus' histogram_quantile
 * interpolates linearly inside the bucket: 0.99 falls at 0.1 + 0.15 × (0.99-0.9885)/(1-0.9885) ≈ 0.12 s
 * for a good pod and at 1 + 1.5 × (0.99-0.985)/(1-0.985) = 1.5 s for a bad one.
 */
const GOOD_CDF = [0.7, 0.9885, 1, 1, 1, 1, 1, 1];
const BAD_CDF = [0.3, 0.6, 0.85, 0.95, 0.985, 1, 1, 1];
/** mean latency (s), for _sum */
const GOOD_MEAN = 0.045;
const BAD_MEAN = 0.3;

export function isBad(pod: Pod, badImages: readonly string[]): boolean {
  if (!badImages.length) return false;
  return (pod.spec?.containers ?? []).some((c) => badImages.some((b) => b && (c.image ?? '').includes(b)));
}

/** A Kubernetes label name as a Prometheus label name. */
export const sanitizeLabel = (name: string): string => name.replace(/[^a-zA-Z0-9_]/g, '_');

function podLabels(pod: Pod, namespace: string): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) out[sanitizeLabel(k)] = v;
  out['namespace'] = namespace;
  out['pod'] = pod.metadata.name;
  return out;
}

/** Every series of the cluster, its value the current per-second rate. */
export function currentSeries(store: ResourceStore, model: HealthModel): Series[] {
  const out: Series[] = [];
  for (const { pod, rate } of podTraffic(store, model.requestRate)) {
    const bad = isBad(pod, model.badImages);
    const base = podLabels(pod, pod.metadata.namespace);
    const errors = bad ? rate * BAD_ERROR_RATIO : 0;
    out.push({ labels: { __name__: 'http_requests_total', ...base, code: '200' }, rate: rate - errors });
    if (errors > 0)
      out.push({ labels: { __name__: 'http_requests_total', ...base, code: '500' }, rate: errors });
    const cdf = bad ? BAD_CDF : GOOD_CDF;
    BUCKETS.forEach((le, i) =>
      out.push({
        labels: { __name__: 'http_request_duration_seconds_bucket', ...base, le },
        rate: rate * cdf[i]!,
      }),
    );
    out.push({
      labels: { __name__: 'http_request_duration_seconds_sum', ...base },
      rate: rate * (bad ? BAD_MEAN : GOOD_MEAN),
    });
    out.push({ labels: { __name__: 'http_request_duration_seconds_count', ...base }, rate });
  }
  return out;
}
