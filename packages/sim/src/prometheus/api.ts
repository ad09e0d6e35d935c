// Prometheus' HTTP API, the part a progressive rollout reads: `/api/v1/query` (GET, or POST with a form
// body) answering an instant vector, `bad_data` errors with HTTP 400, and the health endpoints.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatValue, query } from './eval.js';
import { PromQLError } from './parse.js';
import type { Series } from './series.js';

const MAX_BODY = 1024 * 1024;

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const badData = (res: ServerResponse, error: string): void =>
  send(res, 400, { status: 'error', errorType: 'bad_data', error });

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** A `time` parameter: unix seconds (float) or RFC 3339. */
function parseTime(t: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const ms = Date.parse(t);
  return /^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(ms) ? ms / 1000 : undefined;
}

/**
 * Answers a request for Prometheus path `path` (`/api/v1/query`, …) with `params` (the URL's query); the
 * series are read only when a query is evaluated.
 */
export async function servePrometheus(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  params: URLSearchParams,
  series: () => Series[],
): Promise<void> {
  if (path === '/-/healthy') return sendText(res, 200, 'Prometheus Server is Healthy.\n');
  if (path === '/-/ready') return sendText(res, 200, 'Prometheus Server is Ready.\n');
  if (path !== '/api/v1/query') return sendText(res, 404, '404 page not found\n');
  if (req.method !== 'GET' && req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed\n');
  const form = new URLSearchParams(params);
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  if (req.method === 'POST' && type === 'application/x-www-form-urlencoded') {
    try {
      for (const [k, v] of await readForm(req)) form.append(k, v);
    } catch (e) {
      return badData(res, e instanceof Error ? e.message : String(e));
    }
  }
  const q = form.get('query') ?? '';
  let at = Date.now() / 1000;
  const t = form.get('time');
  if (t !== null && t !== '') {
    const parsed = parseTime(t);
    if (parsed === undefined)
      return badData(res, `invalid parameter "time": cannot parse "${t}" to a valid timestamp`);
    at = parsed;
  }
  try {
    const result = query(q, series());
    send(res, 200, {
      status: 'success',
      data: {
        resultType: 'vector',
        result: result.map((s) => ({ metric: s.metric, value: [at, formatValue(s.value)] })),
      },
    });
  } catch (e) {
    if (e instanceof PromQLError) return badData(res, `invalid parameter "query": ${e.message}`);
    throw e;
  }
}
