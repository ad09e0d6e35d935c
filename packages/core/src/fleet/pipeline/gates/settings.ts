/**
 * Rollout gate settings: the defaults and the `rollout:` key of `.kubectl-mc.yaml` (found from the working
 * directory as `lint` finds its config). Every typo or wrong type is a `UsageError` naming file:line:col.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, isMap, isScalar, parseDocument, type Node } from 'yaml';
import { UsageError } from '../../../errors.js';
import { suggest } from '../../../topology/suggest.js';
import { findLintConfig } from '../../../topology/workspace/config.js';
import { parseDuration } from '../../../util/duration.js';
import { escapeControl } from '../../../util/text.js';
import type { RolloutSettings } from './types.js';

const SELECTOR = '{{selector}}';
const MAX_CONFIG_BYTES = 1024 * 1024;
const MIN_INTERVAL_MS = 200;
const MAX_QUERY_CHARS = 4096;

/** The gate settings when `.kubectl-mc.yaml` says nothing (see docs/rollout-gates.md). */
export function defaultRolloutSettings(): RolloutSettings {
  return {
    prometheus: { namespace: 'monitoring', service: 'prometheus', port: '9090', path: '' },
    selectorLabel: 'pod_template_hash',
    queries: {
      errorRate:
        'sum(rate(http_requests_total{{{selector}},code=~"5.."}[1m])) / sum(rate(http_requests_total{{{selector}}}[1m]))',
      requestRate: 'sum(rate(http_requests_total{{{selector}}}[1m]))',
      latencyP99:
        'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{{{selector}}}[1m])) by (le))',
    },
    intervalMs: 10_000,
  };
}

/** An unusable `rollout:` setting: a usage error whose message is `file:line:col: reason`. */
export class RolloutSettingsError extends UsageError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;
const PROM_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/;
const URL_PATH = /^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*\/?$/;

type Fail = (node: Node | null | undefined, reason: string) => never;

/** Parse `text` (a whole `.kubectl-mc.yaml`) → the settings of its `rollout:` key over the defaults. */
export function parseRolloutSettings(text: string, file: string): RolloutSettings {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined, reason: string): never => {
    const p = lc.linePos(offset ?? 0);
    throw new RolloutSettingsError(file, p.line, p.col, escapeControl(reason));
  };
  const fail: Fail = (node, reason) => at(node?.range?.[0], reason);
  const err = doc.errors[0];
  if (err) at(err.pos[0], `invalid YAML: ${err.message.split('\n')[0] ?? ''}`);
  const settings = defaultRolloutSettings();
  const root = doc.contents;
  if (!isMap(root)) return settings;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'rollout');
  if (!pair) return settings;
  const rollout = pair.value as Node | null;
  if (isNull(rollout)) return settings;
  const top = mapOf(
    rollout,
    'rollout',
    ['prometheus', 'selectorLabel', 'queries', 'interval'],
    fail,
    pair.key,
  );
  const prom = top.get('prometheus');
  if (prom && !isNull(prom.value)) {
    const m = mapOf(
      prom.value,
      'rollout.prometheus',
      ['namespace', 'service', 'port', 'path'],
      fail,
      prom.key,
    );
    const p = settings.prometheus;
    p.namespace =
      pattern(m.get('namespace'), 'namespace', DNS_LABEL, 'a namespace name', fail) ?? p.namespace;
    p.service = pattern(m.get('service'), 'service', DNS_LABEL, 'a service name', fail) ?? p.service;
    p.port = portOf(m.get('port'), fail) ?? p.port;
    p.path = pattern(m.get('path'), 'path', URL_PATH, 'a URL path such as /prometheus', fail) ?? p.path;
    if (p.path.split('/').some((seg) => seg === '.' || seg === '..' || /%2e|%2f/i.test(seg)))
      fail(m.get('path')?.value, `path ${JSON.stringify(p.path)} must not contain . or .. segments`);
    if (p.path.endsWith('/')) p.path = p.path.replace(/\/+$/, '');
  }
  settings.selectorLabel =
    pattern(top.get('selectorLabel'), 'selectorLabel', PROM_LABEL, 'a Prometheus label name', fail) ??
    settings.selectorLabel;
  const qs = top.get('queries');
  if (qs && !isNull(qs.value)) {
    const m = mapOf(qs.value, 'rollout.queries', ['errorRate', 'requestRate', 'latencyP99'], fail, qs.key);
    for (const k of ['errorRate', 'requestRate', 'latencyP99'] as const) {
      const e = m.get(k);
      if (!e || isNull(e.value)) continue;
      const v = stringOf(e, k, fail);
      if (!v.includes(SELECTOR)) fail(e.value, `${k} must contain ${SELECTOR} (the pods the gate looks at)`);
      if (v.length > MAX_QUERY_CHARS) fail(e.value, `${k} is longer than ${MAX_QUERY_CHARS} characters`);
      settings.queries[k] = v;
    }
  }
  const iv = top.get('interval');
  if (iv && !isNull(iv.value)) {
    const raw = isScalar(iv.value) && typeof iv.value.value === 'number' ? String(iv.value.value) : undefined;
    const text = raw ?? stringOf(iv, 'interval', fail);
    let ms: number;
    try {
      ms = parseDuration(text, 'interval');
    } catch {
      return fail(iv.value, `interval ${JSON.stringify(text)} is not a duration such as 10s or 500ms`);
    }
    if (ms < MIN_INTERVAL_MS) fail(iv.value, `interval must be at least ${MIN_INTERVAL_MS}ms`);
    settings.intervalMs = ms;
  }
  return settings;
}

/** The `rollout:` key of `.kubectl-mc.yaml` found from `cwd` (as lint finds its config), over the defaults. */
export async function loadRolloutSettings(cwd: string): Promise<RolloutSettings> {
  const file = await findLintConfig(cwd);
  if (file === undefined) return defaultRolloutSettings();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (text.length > MAX_CONFIG_BYTES) throw new UsageError(`config ${file} is larger than 1 MiB`);
  return parseRolloutSettings(text, file);
}

interface Entry {
  key: Node;
  value: Node | null;
}

function isNull(n: Node | null | undefined): boolean {
  return n === null || n === undefined || (isScalar(n) && n.value === null);
}

/** A mapping whose keys are all in `known` (a typo names the nearest key). */
function mapOf(
  node: Node | null,
  where: string,
  known: string[],
  fail: Fail,
  keyNode: unknown,
): Map<string, Entry> {
  if (!isMap(node)) return fail((node ?? keyNode) as Node, `${where} must be a mapping`);
  const out = new Map<string, Entry>();
  for (const p of node.items) {
    const key = isScalar(p.key) ? String(p.key.value) : '';
    if (!known.includes(key)) {
      const s = suggest(key, known);
      fail(
        p.key as Node,
        `unknown key ${JSON.stringify(key)} in ${where}` +
          (s ? ` (did you mean "${s}"?)` : ` (expected one of ${known.join(', ')})`),
      );
    }
    out.set(key, { key: p.key as Node, value: p.value as Node | null });
  }
  return out;
}

function stringOf(e: Entry, name: string, fail: Fail): string {
  if (!isScalar(e.value) || typeof e.value.value !== 'string')
    return fail(e.value ?? e.key, `${name} must be a string`);
  return e.value.value;
}

function pattern(
  e: Entry | undefined,
  name: string,
  re: RegExp,
  what: string,
  fail: Fail,
): string | undefined {
  if (!e || isNull(e.value)) return undefined;
  const v = stringOf(e, name, fail);
  if (!re.test(v)) fail(e.value, `${name} ${JSON.stringify(v)} is not ${what}`);
  return v;
}

function portOf(e: Entry | undefined, fail: Fail): string | undefined {
  if (!e || isNull(e.value)) return undefined;
  if (isScalar(e.value) && typeof e.value.value === 'number') {
    const n = e.value.value;
    if (!Number.isInteger(n) || n < 1 || n > 65535) fail(e.value, `port ${n} is not between 1 and 65535`);
    return String(n);
  }
  const v = stringOf(e, 'port', fail);
  if (/^\d+$/.test(v) ? Number(v) < 1 || Number(v) > 65535 : !PORT_NAME.test(v))
    fail(e.value, `port ${JSON.stringify(v)} is not a port number or name`);
  return v;
}
