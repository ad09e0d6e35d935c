// `kubectl mc get -f FILE|DIR|- [-R]`: the objects manifests name, on every selected cluster.
import { ClusterError, McError, UsageError } from '@kubectl-mc/core/errors';
import type { ClusterApi } from '@kubectl-mc/core/api';
import type { ClusterResult } from '@kubectl-mc/core/fanout';
import type { Manifest, ManifestSegment } from '@kubectl-mc/core/fleet';
import type { Request, TypeResult } from './get-output.js';

export interface FilesRequest {
  request: Request;
  segments: ManifestSegment[];
  /** Every object came from one file (not stdin): kubectl's "single item implied". */
  singleFile: boolean;
}

/** Read the manifests (core's loader, loaded only for -f) and cut them into kubectl's segments. */
export async function filesRequest(
  filenames: string[],
  opts: { recursive: boolean; args: string[]; namespace: string | undefined },
): Promise<FilesRequest> {
  if (opts.args.length > 0)
    throw new UsageError(
      'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
    );
  const fleet = await import('@kubectl-mc/core/fleet');
  const manifests: Manifest[] = await fleet.loadManifests(filenames, { recursive: opts.recursive });
  fleet.checkManifestNamespaces(manifests, opts.namespace);
  const segments = fleet.manifestSegments(manifests);
  const names = new Map(segments.map((s) => [s.key, s.refs.map((r) => r.name)]));
  const sources = new Set(manifests.map((m) => m.source));
  const singleFile = sources.size === 1 && !sources.has('-');
  return { request: { types: segments.map((s) => s.key), names }, segments, singleFile };
}

/** One cluster's answer for every segment, as `get`'s per-type results. */
export async function filesTask(
  api: ClusterApi,
  segments: ManifestSegment[],
  opts: {
    namespace: string;
    objects: boolean;
    includeObject?: 'Object';
    /**
     * Print nothing of this cluster when one object is missing: kubectl's -o json|yaml|name and template
     * printers on one file return the first error alone.
     */
    allOrNothing: boolean;
    signal: AbortSignal;
  },
): Promise<TypeResult[]> {
  const { getSegment } = await import('@kubectl-mc/core/fleet');
  const out: TypeResult[] = [];
  for (const seg of segments) {
    let r;
    try {
      r = await getSegment(api, seg, opts);
    } catch (e) {
      // a kind this cluster does not serve: named, and the other objects still printed (as kubectl)
      if (!(e instanceof ClusterError && e.kind === 'NotFound')) throw e;
      out.push({ type: seg.key, error: e });
      continue;
    }
    out.push({
      type: seg.key,
      res: r.res,
      ...(r.table ? { table: r.table } : {}),
      ...(r.items ? { items: r.items } : {}),
      ...(r.notFound.length ? { notFound: r.notFound } : {}),
    });
  }
  if (opts.allOrNothing && out.some((t) => t.notFound))
    return out.map((t) => ({
      ...t,
      ...(t.items ? { items: [] } : {}),
      ...(t.table ? { table: { ...t.table, rows: [] } } : {}),
    }));
  return out;
}

/**
 * kubectl names objects `kind/name` when those it found are of more than one resource
 * (`MustPrintWithKinds`): the request with `category` set accordingly.
 */
export function withKinds(request: Request, results: ClusterResult<TypeResult[]>[]): Request {
  const found = new Set<string>();
  for (const r of results) {
    if (!r.ok) continue;
    for (const t of r.value) {
      const n = t.items?.length ?? t.table?.rows.length ?? 0;
      if (n > 0 && t.res) found.add(`${t.res.resource}.${t.res.group}`);
    }
  }
  return { ...request, category: found.size > 1 };
}

const count = (t: TypeResult | undefined) =>
  t?.items?.length ?? t?.itemPages?.count ?? t?.table?.rows.length ?? 0;

/**
 * kubectl starts a new table when the kind of the next object it prints changes, so runs of one kind
 * that only missing objects separated are one table: consecutive segments of one resource, with only
 * empty segments between them (on every cluster), are merged into the first.
 */
export function mergeRuns(
  request: Request,
  results: ClusterResult<TypeResult[]>[],
): ClusterResult<TypeResult[]>[] {
  const ok = results.flatMap((r) => (r.ok ? [r] : []));
  const resourceOf = (key: string) => {
    for (const r of ok) {
      const t = r.value.find((v) => v.type === key);
      if (t?.res) return `${t.res.group}/${t.res.resource}`;
    }
    return undefined;
  };
  const into = new Map<string, string>();
  let last: { key: string; resource: string | undefined } | undefined;
  for (const key of request.types) {
    if (!ok.some((r) => count(r.value.find((v) => v.type === key)) > 0)) continue;
    const resource = resourceOf(key);
    if (last && resource !== undefined && last.resource === resource) into.set(key, last.key);
    else last = { key, resource };
  }
  if (into.size === 0) return results;
  const merged = results.map((r) => {
    if (!r.ok) return r;
    const value = r.value.map((t) => ({ ...t }));
    for (const [from, to] of into) {
      const src = value.find((v) => v.type === from);
      const dst = value.find((v) => v.type === to);
      if (!src || !dst || count(src) === 0) continue;
      if (src.items) dst.items = [...(dst.items ?? []), ...src.items];
      if (src.table)
        dst.table = dst.table?.columns.length
          ? { ...dst.table, rows: [...dst.table.rows, ...src.table.rows] }
          : src.table;
      if (src.items) src.items = [];
      if (src.table) src.table = { ...src.table, rows: [] };
    }
    return { ...r, value };
  });
  return merged;
}

/**
 * `-f FILE -w` naming one object: the request `get KIND.VERSION.GROUP NAME -w` makes (kubectl watches it
 * so), in the manifest's namespace when it names one. Undefined when the manifests name several objects.
 */
export function watchOne(files: FilesRequest): { request: Request; namespace?: string } | undefined {
  const kinds = new Set(files.segments.map((s) => `${s.apiVersion}/${s.kind}`));
  // several kinds: kubectl refuses before it prints anything
  if (kinds.size > 1)
    throw new McError(
      'USAGE',
      'watch is only supported on individual resources and resource collections - more than 1 resource was found',
      { exitCode: 1 },
    );
  const [seg, more] = files.segments;
  const ref = seg?.refs[0];
  if (!seg || !ref || more || seg.refs.length > 1) return undefined;
  const slash = seg.apiVersion.indexOf('/');
  const type =
    slash < 0
      ? seg.kind.toLowerCase()
      : `${seg.kind.toLowerCase()}.${seg.apiVersion.slice(slash + 1)}.${seg.apiVersion.slice(0, slash)}`;
  return {
    request: { types: [type], names: new Map([[type, [ref.name]]]) },
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
  };
}

/** How many objects the clusters found (kubectl's count in its refusal to watch several). */
export function foundCount(results: ClusterResult<TypeResult[]>[]): number {
  let n = 0;
  for (const r of results) if (r.ok) for (const t of r.value) n += count(t);
  return n;
}
