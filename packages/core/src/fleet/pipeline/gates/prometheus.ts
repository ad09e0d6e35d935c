/**
 * One PromQL instant query through the API server's service proxy
 * (`/api/v1/namespaces/NS/services/NAME:PORT/proxy{path}/api/v1/query?query=…`), its answer validated as
 * untrusted input: a bounded size, JSON, `status: success`, a vector of `[ts, "number"]` samples.
 */
import { isObject } from '../../../api/validate.js';
import { ClusterError } from '../../../errors.js';
import { oneLine } from '../../../util/text.js';
import type { RolloutSettings } from './types.js';

/** Largest answer read (a gate query answers one series; anything near this is not a Prometheus). */
export const MAX_PROMETHEUS_BYTES = 1024 * 1024;
/** Most series an answer may hold. */
const MAX_SERIES = 1000;
/** Longest sample value text (`"0.0123"`, `"NaN"`, `"+Inf"`). */
const MAX_VALUE_CHARS = 64;
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** What the checker needs of a cluster's API: a raw GET (ClusterApi has it). */
export interface RawGetter {
  readonly context: string;
  raw(path: string, signal?: AbortSignal): Promise<Buffer>;
}

/** A Prometheus that could not be read, or answered something unusable; the message says why. */
export class PrometheusError extends Error {
  override name = 'PrometheusError';
}

/** `monitoring/prometheus:9090` (with its path prefix, if any), for messages. */
export function prometheusName(settings: RolloutSettings): string {
  const p = settings.prometheus;
  return `${p.namespace}/${p.service}:${p.port}${p.path}`;
}

/** The proxy path of an instant query. */
export function queryPath(settings: RolloutSettings, query: string): string {
  const p = settings.prometheus;
  const svc = `${encodeURIComponent(p.service)}:${encodeURIComponent(p.port)}`;
  return (
    `/api/v1/namespaces/${encodeURIComponent(p.namespace)}/services/${svc}/proxy${p.path}` +
    `/api/v1/query?query=${encodeURIComponent(query)}`
  );
}

/** `namespace="NS",LABEL="HASH"` with PromQL string escapes. */
export function selectorOf(label: string, namespace: string, hash: string): string {
  const s = (v: string) => JSON.stringify(v); // PromQL double-quoted strings take Go/JSON escapes
  return `namespace=${s(namespace)},${label}=${s(hash)}`;
}

/**
 * Run `query`; the value of every series of the vector (NaN and ±Inf as Prometheus spells them).
 * Throws `PrometheusError` for a Prometheus that cannot be read or answers nonsense; a cluster that
 * cannot be reached at all (no HTTP answer) or a cancelled signal rethrows the `ClusterError`.
 */
export async function instantQuery(
  api: RawGetter,
  settings: RolloutSettings,
  query: string,
  signal: AbortSignal,
): Promise<number[]> {
  let body: Buffer;
  try {
    body = await api.raw(queryPath(settings, query), signal);
  } catch (e) {
    if (e instanceof ClusterError && e.status !== undefined) {
      const refused = e.status === 400 || e.status === 422 ? ' (Prometheus refused the query)' : '';
      throw new PrometheusError(`${oneLine(e.message, 200)}${refused}`);
    }
    throw e;
  }
  return parseAnswer(body);
}

/** The values of a `/api/v1/query` answer; `PrometheusError` for anything but a vector of numbers. */
export function parseAnswer(body: Buffer | string): number[] {
  const bad = (why: string) => new PrometheusError(why);
  if (body.length > MAX_PROMETHEUS_BYTES) throw bad(`the answer is larger than 1 MiB`);
  let doc: unknown;
  try {
    doc = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    throw bad('the answer is not JSON');
  }
  if (!isObject(doc)) throw bad('the answer is not a JSON object');
  if (doc['status'] !== 'success') {
    const t = typeof doc['errorType'] === 'string' ? doc['errorType'] : '';
    const m = typeof doc['error'] === 'string' ? doc['error'] : '';
    if (doc['status'] === 'error') throw bad(oneLine(`${t}${t && m ? ': ' : ''}${m}` || 'error', 200));
    throw bad('the answer has no status "success"');
  }
  const data = doc['data'];
  if (!isObject(data)) throw bad('the answer has no data');
  if (data['resultType'] !== 'vector') {
    const rt = typeof data['resultType'] === 'string' ? oneLine(data['resultType'], 40) : 'none';
    throw bad(`the answer is not a vector (resultType ${rt})`);
  }
  const result = data['result'];
  if (!Array.isArray(result)) throw bad('the answer has no result list');
  if (result.length > MAX_SERIES) throw bad(`the answer has more than ${MAX_SERIES} series`);
  return result.map((s: unknown, i) => {
    if (!isObject(s) || !isObject(s['metric'])) throw bad(`series ${i} has no metric`);
    const v = s['value'];
    if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'string')
      throw bad(`series ${i} has no [time, "value"] sample`);
    return sampleValue(v[1], i);
  });
}

function sampleValue(text: string, i: number): number {
  if (text.length > MAX_VALUE_CHARS)
    throw new PrometheusError(`series ${i} has a value that is not a number`);
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (!NUMBER.test(text))
    throw new PrometheusError(`series ${i} has a value that is not a number: "${oneLine(text, 40)}"`);
  return Number(text);
}
