/**
 * The objects a mutating verb (delete, scale, label, annotate) acts on, as kubectl names them:
 * `TYPE NAME...`, `TYPE/NAME...`, `TYPE[,TYPE] -l SELECTOR` or `--all`, or `-f` manifests; found on one
 * cluster through its discovery, each with its live object, or named as not found there.
 */
import type { ClusterApi } from '../../api/client.js';
import type { KubeObject, ResolvedResource } from '../../api/types.js';
import { ClusterError, UsageError } from '../../errors.js';
import type { Manifest } from '../apply/manifests.js';

export interface TargetSpec {
  /** The positional arguments: `TYPE NAME...`, `TYPE/NAME...` or `TYPE[,TYPE]`. */
  args: string[];
  /** `-l`: every object of the types whose labels match. */
  selector?: string;
  /** `--all`: every object of the types. */
  all?: boolean;
  /** `-f`: the objects the manifests name. */
  manifests?: Manifest[];
  /** `-A`: with -l/--all, every namespace. */
  allNamespaces?: boolean;
}

/** One object on one cluster. */
export interface Target {
  resource: ResolvedResource;
  name: string;
  namespace?: string;
  /** `deployment.apps/web`, as kubectl prints it. */
  ref: string;
  /** The object now; undefined: not found on this cluster. */
  live?: KubeObject;
}

type Parsed =
  | { by: 'names'; items: { type: string; name: string }[] }
  | { by: 'select'; types: string[] }
  | { by: 'manifests'; manifests: Manifest[] };

/** kubectl's reading of the arguments; usage errors as kubectl words them. */
export function parseTargets(spec: TargetSpec): Parsed {
  const { args } = spec;
  if (spec.manifests) {
    if (args.length) throw new UsageError('cannot specify both resource arguments and -f');
    return { by: 'manifests', manifests: spec.manifests };
  }
  if (!args.length)
    throw new UsageError(
      "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  const slashed = args.filter((a) => a.includes('/'));
  const selecting = spec.selector !== undefined || !!spec.all;
  if (slashed.length) {
    if (slashed.length !== args.length)
      throw new UsageError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      );
    if (selecting) throw new UsageError('name cannot be provided when a selector is specified');
    return {
      by: 'names',
      items: args.map((a) => {
        const i = a.indexOf('/');
        const type = a.slice(0, i);
        const name = a.slice(i + 1);
        if (!type || !name || name.includes('/'))
          throw new UsageError(`arguments in resource/name form must have a single resource and name`);
        return { type, name };
      }),
    };
  }
  const types = args[0]!.split(',').filter(Boolean);
  if (args.length > 1) {
    if (selecting) throw new UsageError('name cannot be provided when a selector is specified');
    if (types.length !== 1)
      throw new UsageError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form`,
      );
    return { by: 'names', items: args.slice(1).map((name) => ({ type: types[0]!, name })) };
  }
  if (!selecting) throw new UsageError('resource(s) were provided, but no name was specified');
  return { by: 'select', types };
}

/** `kind[.group]/name` in lower case. */
export function targetRef(res: ResolvedResource, name: string): string {
  return `${res.kind.toLowerCase()}${res.group ? '.' + res.group : ''}/${name}`;
}

async function getLive(
  api: ClusterApi,
  res: ResolvedResource,
  name: string,
  namespace: string | undefined,
  signal: AbortSignal,
): Promise<KubeObject | undefined> {
  try {
    return await api.get(res, name, { ...(namespace ? { namespace } : {}), signal });
  } catch (e) {
    if (e instanceof ClusterError && e.kind === 'NotFound') return undefined;
    throw e;
  }
}

/** The resource a manifest's `apiVersion` and `kind` name on this cluster (its discovery). */
export async function resolveManifest(
  api: ClusterApi,
  obj: KubeObject,
  signal: AbortSignal,
): Promise<ResolvedResource> {
  const av = obj.apiVersion ?? '';
  const i = av.indexOf('/');
  const [group, version] = i < 0 ? ['', av] : [av.slice(0, i), av.slice(i + 1)];
  const found = (await api.discover(signal)).find(
    (r) => r.group === group && r.version === version && r.kind === obj.kind && !r.resource.includes('/'),
  );
  if (!found)
    throw new ClusterError(
      'NotFound',
      api.context,
      `resource mapping not found for name: "${obj.metadata?.name ?? ''}": no matches for kind "${obj.kind ?? ''}" in version "${av}"`,
    );
  return found;
}

/**
 * The targets on one cluster, in the order named (`-l`/`--all`: each type's matches in list order).
 * `namespace` is where namespaced objects are (the -n flag, else the context's, else `default`).
 */
export async function findTargets(
  api: ClusterApi,
  spec: TargetSpec,
  namespace: string,
  signal: AbortSignal,
): Promise<Target[]> {
  const parsed = parseTargets(spec);
  const out: Target[] = [];
  if (parsed.by === 'names') {
    for (const { type, name } of parsed.items) {
      const res = await api.resolve(type, signal);
      const ns = res.namespaced ? namespace : undefined;
      const live = await getLive(api, res, name, ns, signal);
      out.push({
        resource: res,
        name,
        ref: targetRef(res, name),
        ...(ns ? { namespace: ns } : {}),
        ...(live ? { live } : {}),
      });
    }
  } else if (parsed.by === 'manifests') {
    for (const m of parsed.manifests) {
      const res = await resolveManifest(api, m.object, signal);
      const name = m.object.metadata?.name ?? '';
      const ns = res.namespaced ? m.object.metadata?.namespace || namespace : undefined;
      const live = await getLive(api, res, name, ns, signal);
      out.push({
        resource: res,
        name,
        ref: targetRef(res, name),
        ...(ns ? { namespace: ns } : {}),
        ...(live ? { live } : {}),
      });
    }
  } else {
    for (const type of parsed.types) {
      const res = await api.resolve(type, signal);
      const { items } = await api.list(res, {
        ...(res.namespaced && !spec.allNamespaces ? { namespace } : {}),
        ...(res.namespaced && spec.allNamespaces ? { allNamespaces: true } : {}),
        ...(spec.selector ? { labelSelector: spec.selector } : {}),
        signal,
      });
      for (const live of items) {
        const name = live.metadata?.name ?? '';
        const ns = res.namespaced ? live.metadata?.namespace : undefined;
        out.push({ resource: res, name, ref: targetRef(res, name), ...(ns ? { namespace: ns } : {}), live });
      }
    }
  }
  return out;
}
