// GET of one object and LIST of a collection: as objects, a Table or PartialObjectMetadata; selectors,
// pagination with continue tokens over a consistent snapshot, 410 Expired after compaction.
import type { ServerResponse } from 'node:http';
import { sendJson, sendStatus, type Negotiated } from '../http.js';
import { fieldsOf, groupVersion, type ResourceDef } from '../resources.js';
import { matchesFields, matchesLabels, type FieldRequirement, type LabelRequirement } from '../selectors.js';
import { ExpiredError, type Entry, type KubeObject, type ResourceStore } from '../store.js';
import { partial, table, tableType } from './render.js';

const PAGE_DEFAULT_MAX = 100_000;

/** What a list or watch asked for besides the resource: where, which objects, in which shape. */
export interface Query {
  def: ResourceDef;
  namespace: string | undefined;
  labels: LabelRequirement[];
  fields: FieldRequirement[];
  neg: Negotiated;
  includeObject: string;
}

export function sendObject(
  res: ServerResponse,
  store: ResourceStore,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
  neg: Negotiated,
  includeObject: string,
): void {
  const entry = store.entry(def.plural, namespace, name);
  if (!entry) {
    return sendStatus(
      res,
      404,
      `${def.plural}${def.group ? '.' + def.group : ''} "${name}" not found`,
      'NotFound',
      {
        name,
        ...(def.group ? { group: def.group } : {}),
        kind: def.plural,
      },
    );
  }
  if (neg.kind === 'json') {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(entry.json),
      'Cache-Control': 'no-cache, private',
    });
    res.end(entry.json);
    return;
  }
  const obj = JSON.parse(entry.json) as KubeObject;
  if (neg.kind === 'partial') return sendJson(res, 200, partial(obj, neg.version));
  return sendJson(
    res,
    200,
    table(def, [obj], neg.version, includeObject, {
      resourceVersion: entry.rv ? String(entry.rv) : '',
    }),
    tableType(neg.version),
  );
}

/** The entries that match the label and field selectors. */
export function filterEntries(
  def: ResourceDef,
  entries: Entry[],
  labels: LabelRequirement[],
  fields: FieldRequirement[],
): Entry[] {
  if (!labels.length && !fields.length) return entries;
  return entries.filter((e) => {
    if (labels.length && !matchesLabels(labels, e.labels)) return false;
    if (fields.length) {
      const obj = JSON.parse(e.json) as KubeObject;
      if (!matchesFields(fields, fieldsOf(def, obj))) return false;
    }
    return true;
  });
}

export function sendList(res: ServerResponse, store: ResourceStore, query: Query, q: URLSearchParams): void {
  const { def, namespace, labels, fields, neg, includeObject } = query;
  const limitRaw = q.get('limit');
  const limit = limitRaw ? Math.max(0, Number.parseInt(limitRaw, 10) || 0) : 0;
  const cont = q.get('continue');
  let listRv = store.revision;
  let startAfter: string | undefined;
  if (cont) {
    const token = decodeContinue(cont);
    if (!token)
      return sendStatus(res, 400, 'continue key is not valid: invalid continue token', 'BadRequest');
    if (token.rv < store.compactedRevision) {
      return sendStatus(
        res,
        410,
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        'Expired',
      );
    }
    listRv = token.rv;
    startAfter = token.start;
  }
  let snapshot: Entry[];
  try {
    snapshot = cont ? store.entriesAt(def.plural, listRv, namespace) : store.entries(def.plural, namespace);
  } catch (err) {
    if (!(err instanceof ExpiredError)) throw err;
    return sendStatus(res, 410, err.message, 'Expired');
  }
  let all = filterEntries(def, snapshot, labels, fields);
  if (startAfter !== undefined) {
    const after = startAfter;
    all = all.filter((e) => e.key > after);
  }
  const max = limit > 0 ? limit : PAGE_DEFAULT_MAX;
  const page = all.slice(0, max);
  const metadata: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (all.length > page.length) {
    metadata['continue'] = encodeContinue({ rv: listRv, start: page[page.length - 1]!.key });
    if (!labels.length && !fields.length) metadata['remainingItemCount'] = all.length - page.length;
  }
  if (neg.kind === 'table') {
    const objs = page.map((e) => JSON.parse(e.json) as KubeObject);
    return sendJson(res, 200, table(def, objs, neg.version, includeObject, metadata), tableType(neg.version));
  }
  if (neg.kind === 'partial') {
    const items = page.map((e) => partial(JSON.parse(e.json) as KubeObject, neg.version));
    return sendJson(res, 200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: `meta.k8s.io/${neg.version}`,
      metadata,
      items,
    });
  }
  // Plain objects: splice the stored JSON texts without re-serialising each object.
  const head = JSON.stringify({ kind: `${def.kind}List`, apiVersion: groupVersion(def), metadata });
  const body = `${head.slice(0, -1)},"items":[${page.map((e) => e.json).join(',')}]}`;
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache, private',
  });
  res.end(body);
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start })).toString('base64url');
}

function decodeContinue(s: string): ContinueToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as { rv?: unknown; start?: unknown };
    if (typeof t.rv !== 'number' || typeof t.start !== 'string') return undefined;
    return { rv: t.rv, start: t.start };
  } catch {
    return undefined;
  }
}
