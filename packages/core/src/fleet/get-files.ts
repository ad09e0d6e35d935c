/**
 * `get -f FILE`: the objects that manifests name, fetched from one cluster as kubectl's `get -f` does.
 * Manifests are cut into segments, each a run of consecutive objects of one apiVersion and kind (kubectl
 * prints a new table, with its header, each time the kind changes); each segment's objects are fetched
 * by name in their own namespace, or the given one.
 */
import type { ClusterApi } from '../api/client.js';
import type { KubeObject, ResolvedResource, Table, TableRow } from '../api/types.js';
import { ClusterError, McError } from '../errors.js';
import type { Manifest } from './apply/manifests.js';
import { resolveManifest } from './mutate/targets.js';

/** One object a manifest names. */
export interface ManifestRef {
  name: string;
  /** The manifest's own `metadata.namespace`, when it has one. */
  namespace?: string;
}

/** A run of consecutive manifests of one apiVersion and kind. */
export interface ManifestSegment {
  /** Unique among the segments: `<index>:<kind>`. */
  key: string;
  apiVersion: string;
  kind: string;
  /** The first manifest object (what `resolveManifest` reads). */
  first: KubeObject;
  /** The file (or `-`) it came from. */
  source: string;
  refs: ManifestRef[];
}

/** The manifests cut into segments, in order. */
export function manifestSegments(manifests: Manifest[]): ManifestSegment[] {
  const out: ManifestSegment[] = [];
  for (const { object, source } of manifests) {
    const apiVersion = object.apiVersion ?? '';
    const kind = object.kind ?? '';
    const ns = object.metadata?.namespace;
    const ref: ManifestRef = { name: object.metadata?.name ?? '', ...(ns ? { namespace: ns } : {}) };
    const last = out[out.length - 1];
    if (last && last.apiVersion === apiVersion && last.kind === kind) last.refs.push(ref);
    else out.push({ key: `${out.length}:${kind}`, apiVersion, kind, first: object, source, refs: [ref] });
  }
  return out;
}

/**
 * kubectl's refusal of a manifest whose namespace differs from an explicit `-n` (before any request),
 * with kubectl's words and exit code 1.
 */
export function checkManifestNamespaces(manifests: Manifest[], namespace: string | undefined): void {
  if (namespace === undefined) return;
  for (const { object } of manifests) {
    const ns = object.metadata?.namespace;
    if (ns && ns !== namespace)
      throw new McError(
        'USAGE',
        `the namespace from the provided object "${ns}" does not match the namespace "${namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
        { exitCode: 1 },
      );
  }
}

export interface SegmentResult {
  res: ResolvedResource;
  /** Table mode: the server-printed rows, in manifest order. */
  table?: Table;
  /** Object mode: the objects, in manifest order. */
  items?: KubeObject[];
  /** Names the cluster does not have. */
  notFound: string[];
}

export interface SegmentOptions {
  /** Where objects that name no namespace are (the -n flag, else the context's). */
  namespace: string;
  /** Full objects instead of server-printed rows. */
  objects: boolean;
  /** Table mode: what each row carries (`Object` to sort). */
  includeObject?: 'None' | 'Metadata' | 'Object';
  signal: AbortSignal;
}

/** One segment's objects on one cluster; a name the cluster lacks goes to `notFound`. */
export async function getSegment(
  api: ClusterApi,
  seg: ManifestSegment,
  opts: SegmentOptions,
): Promise<SegmentResult> {
  let res: ResolvedResource;
  try {
    res = await resolveManifest(api, seg.first, opts.signal);
  } catch (e) {
    if (!(e instanceof ClusterError && e.kind === 'NotFound')) throw e;
    // kubectl's words (the first line of them; the second says "ensure CRDs are installed first")
    throw new ClusterError(
      'NotFound',
      api.context,
      `resource mapping not found for name: "${seg.first.metadata?.name ?? ''}" namespace: "${seg.first.metadata?.namespace ?? ''}" from "${seg.source}": no matches for kind "${seg.kind}" in version "${seg.apiVersion}"`,
    );
  }
  const notFound: string[] = [];
  const nsOf = (r: ManifestRef) => (res.namespaced ? (r.namespace ?? opts.namespace) : undefined);
  // One request per object, all at once on this cluster; results kept in manifest order.
  if (opts.objects) {
    const got = await Promise.all(
      seg.refs.map(async (r) => {
        const ns = nsOf(r);
        try {
          return await api.get(res, r.name, { ...(ns ? { namespace: ns } : {}), signal: opts.signal });
        } catch (e) {
          if (e instanceof ClusterError && e.kind === 'NotFound') return undefined;
          throw e;
        }
      }),
    );
    const items: KubeObject[] = [];
    got.forEach((o, i) => (o ? items.push(o) : notFound.push(seg.refs[i]?.name ?? '')));
    return { res, items, notFound };
  }
  const tables = await Promise.all(
    seg.refs.map((r) => {
      const ns = nsOf(r);
      return api.getTable(res, [r.name], {
        ...(ns ? { namespace: ns } : {}),
        ...(opts.includeObject ? { includeObject: opts.includeObject } : {}),
        signal: opts.signal,
      });
    }),
  );
  let columns: Table['columns'] = [];
  const rows: TableRow[] = [];
  for (const t of tables) {
    if (t.notFound) notFound.push(...t.notFound);
    if (columns.length === 0) columns = t.columns;
    rows.push(...t.rows);
  }
  return { res, table: { columns, rows }, notFound };
}
