// A resource served at more than one version (a CRD's `served` versions, no conversion webhook): objects
// are stored at the preferred version and a request at another version gets them with that version's
// apiVersion, as kube-apiserver's "None" conversion does. The response is rewritten on its way out.
import type { ServerResponse } from 'node:http';
import type { ResourceDef } from '../resources.js';

/** The version a `/apis/GROUP/VERSION/…` path asks for, when it is not the resource's preferred one. */
export function otherVersion(def: ResourceDef, pathname: string): string | undefined {
  if (!def.group || !def.servedVersions) return undefined;
  const segs = pathname.split('/');
  const v = segs[1] === 'apis' && segs[2] === def.group ? segs[3] : undefined;
  return v && v !== def.version && def.servedVersions.includes(v) ? v : undefined;
}

/** Rewrites `"apiVersion":"GROUP/PREFERRED"` to `GROUP/VERSION` in everything `res` sends. */
export function viewAtVersion(res: ServerResponse, def: ResourceDef, version: string): void {
  const from = `"apiVersion":"${def.group}/${def.version}"`;
  const to = `"apiVersion":"${def.group}/${version}"`;
  const convert = (chunk: unknown): unknown => {
    if (typeof chunk === 'string') return chunk.split(from).join(to);
    if (Buffer.isBuffer(chunk)) return Buffer.from(chunk.toString('utf8').split(from).join(to));
    return chunk;
  };
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  res.removeHeader('Content-Length');
  (res as { writeHead: unknown }).writeHead = (code: number, ...rest: unknown[]): ServerResponse => {
    const headers = rest[rest.length - 1];
    if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
      const h = { ...(headers as Record<string, unknown>) };
      for (const k of Object.keys(h)) if (k.toLowerCase() === 'content-length') delete h[k];
      rest[rest.length - 1] = h;
    }
    return writeHead(code, ...rest);
  };
  (res as { write: unknown }).write = (chunk: unknown, ...rest: unknown[]): boolean =>
    write(convert(chunk), ...rest);
  (res as { end: unknown }).end = (chunk?: unknown, ...rest: unknown[]): ServerResponse =>
    typeof chunk === 'function' || chunk === undefined ? end(chunk, ...rest) : end(convert(chunk), ...rest);
}
