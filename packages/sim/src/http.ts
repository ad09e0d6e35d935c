// Response helpers: kube-apiserver-shaped Status bodies and Accept negotiation.
import type { ServerResponse } from 'node:http';

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: Record<string, unknown>;
  code: number;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function statusBody(
  code: number,
  message: string,
  reason?: string,
  details?: Record<string, unknown>,
): StatusBody {
  const body: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: reason ?? REASONS[code] ?? (code >= 500 ? 'InternalError' : 'Unknown'),
    code,
  };
  if (details) body.details = details;
  return body;
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

export function sendStatus(
  res: ServerResponse,
  code: number,
  message: string,
  reason?: string,
  details?: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  sendJson(res, code, statusBody(code, message, reason, details));
}

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export function parseAccept(header: string | undefined): MediaType[] {
  if (!header) return [{ type: '*/*', params: {} }];
  return header
    .split(',')
    .map((part) => {
      const [type, ...rest] = part.split(';');
      const params: Record<string, string> = {};
      for (const p of rest) {
        const i = p.indexOf('=');
        if (i > 0) params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim();
      }
      return { type: (type ?? '').trim().toLowerCase(), params };
    })
    .filter((m) => m.type !== '');
}

export type Negotiated =
  | { kind: 'json' }
  | { kind: 'table'; version: 'v1' | 'v1beta1' }
  | { kind: 'partial'; version: 'v1' | 'v1beta1' }
  | { kind: 'discovery'; version: 'v2' | 'v2beta1' };

const isJson = (t: string): boolean => t === 'application/json' || t === '*/*' || t === 'application/*';

/** The first alternative in Accept that the simulator serves for this kind of endpoint, or undefined (406). */
export function negotiate(
  accept: string | undefined,
  endpoint: 'resource' | 'discovery' | 'plain',
): Negotiated | undefined {
  for (const m of parseAccept(accept)) {
    if (!isJson(m.type)) continue;
    const as = m.params['as'];
    if (!as) return { kind: 'json' };
    const g = m.params['g'];
    const v = m.params['v'];
    if (endpoint === 'resource' && g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) {
      if (as === 'Table') return { kind: 'table', version: v };
      if (as === 'PartialObjectMetadataList' || as === 'PartialObjectMetadata')
        return { kind: 'partial', version: v };
    }
    if (
      endpoint === 'discovery' &&
      g === 'apidiscovery.k8s.io' &&
      as === 'APIGroupDiscoveryList' &&
      (v === 'v2' || v === 'v2beta1')
    ) {
      return { kind: 'discovery', version: v };
    }
  }
  return undefined;
}
