// A request for a resource collection or object: content negotiation, authorization (and the forbid
// fault), includeObject and selectors are checked in kube-apiserver's order, then it is a get, a list
// or a watch.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from '../faults.js';
import { negotiate, sendStatus } from '../http.js';
import { supportedFields, type ResourceDef } from '../resources.js';
import {
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
  type FieldRequirement,
  type LabelRequirement,
} from '../selectors.js';
import type { ResourceStore } from '../store.js';
import { authorize, type UserInfo } from './auth.js';
import { sendList, sendObject } from './objects.js';
import type { WatchHub } from './watch.js';

export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  user: UserInfo;
  fault: FaultSpec;
  def: ResourceDef;
  namespace?: string;
  name?: string;
  query: URLSearchParams;
}

export function serveResource(store: ResourceStore, watches: WatchHub, r: ResourceRequest): void {
  const { req, res, user, fault, def, namespace, name, query: q } = r;
  const watch = q.get('watch') === '1' || q.get('watch') === 'true';
  const verb = watch ? 'watch' : name ? 'get' : 'list';

  const neg = negotiate(req.headers.accept, 'resource');
  if (!neg) {
    return sendStatus(
      res,
      406,
      `only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io`,
      'NotAcceptable',
    );
  }

  const denied = authorize(user, verb, def, namespace, name);
  if (denied) return sendStatus(res, 403, denied.message, 'Forbidden', denied.details);
  if (fault.forbid && verb !== 'get') {
    const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
    return sendStatus(
      res,
      403,
      `${def.plural}${def.group ? '.' + def.group : ''} is forbidden: User "${user.name}" cannot ${verb} resource "${def.plural}" in API group "${def.group}" ${where}`,
      'Forbidden',
      { group: def.group, kind: def.plural },
    );
  }

  const includeObject = q.get('includeObject') ?? 'Metadata';
  if (!['Object', 'Metadata', 'None'].includes(includeObject)) {
    return sendStatus(
      res,
      400,
      `includeObject: Unsupported value: "${includeObject}": supported values: "Metadata", "None", "Object"`,
      'BadRequest',
    );
  }

  if (verb === 'get') return sendObject(res, store, def, namespace, name!, neg, includeObject);

  let labels: LabelRequirement[];
  let fields: FieldRequirement[];
  try {
    labels = parseLabelSelector(q.get('labelSelector') ?? undefined);
    fields = parseFieldSelector(q.get('fieldSelector') ?? undefined);
  } catch (err) {
    const msg = err instanceof SelectorError ? err.message : String(err);
    return sendStatus(res, 400, `unable to parse requirement: ${msg}`, 'BadRequest');
  }
  const supported = supportedFields(def);
  for (const f of fields) {
    if (!supported.has(f.field)) {
      return sendStatus(res, 400, `field label not supported: ${f.field}`, 'BadRequest');
    }
  }

  const query = { def, namespace, labels, fields, neg, includeObject };
  if (watch) return watches.open(res, query, q);
  return sendList(res, store, query, q);
}
