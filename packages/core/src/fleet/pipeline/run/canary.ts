/**
 * The canary of a stage below 100% traffic on one cluster: the Deployment `NAME-canary` (the manifests'
 * Deployment with label kubectl-mc.io/track=canary, one replica), the DestinationRule's `stable` and
 * `canary` subsets by pod-template-hash, the VirtualService's weights, and putting back the routing as
 * it was saved.
 */
import type { KubeObject, ResolvedResource } from '../../../api/types.js';
import { mergePatchObject } from '../../../api/mutate.js';
import { canaryRouting } from '../plan.js';
import type { ClusterRecord } from './types.js';
import { RUN_ANNOTATION, STAGE_ANNOTATION, STATE_ANNOTATION, TRACK_LABEL } from './types.js';
import {
  annotate,
  applyOne,
  canaryName,
  deleteIfThere,
  deployments,
  getMaybe,
  obj,
  StepError,
  type Site,
  runPatchManager,
} from './kube.js';

const DR = 'destinationrules.networking.istio.io';
const VS = 'virtualservices.networking.istio.io';

export interface Routing {
  drRes: ResolvedResource;
  vsRes: ResolvedResource;
  dr: KubeObject;
  vs: KubeObject;
  host: string;
  /** Index in the VirtualService's http of the route to the host. */
  httpIndex: number;
}

const hostNames = (host: string, ns: string) => [host, `${host}.${ns}`, `${host}.${ns}.svc.cluster.local`];

/** The routing a canary needs on this cluster, or a StepError saying what is missing (nothing changed). */
export async function findRouting(site: Site, objects: KubeObject[]): Promise<Routing> {
  const r = await canaryRouting(
    site.api,
    objects.map((object) => ({ source: '', object })),
    site.signal,
  );
  if (!r.ok) throw new StepError(`cannot run a canary: ${r.reason}`);
  const vsRes = await site.api.resolve(VS, site.signal, { discovery: true });
  const drRes = await site.api.resolve(DR, site.signal, { discovery: true });
  const vs = await getMaybe(site, vsRes, r.virtualService);
  if (!vs)
    throw new StepError(`cannot run a canary: VirtualService ${site.namespace}/${r.virtualService} is gone`);
  const names = hostNames(r.host, site.namespace);
  const { items } = await site.api.list(drRes, { namespace: site.namespace, signal: site.signal });
  const dr = items.find((d) => {
    const h = obj(d.spec)['host'];
    return typeof h === 'string' && names.includes(h);
  });
  if (!dr?.metadata?.name)
    throw new StepError(
      `cannot run a canary: no DestinationRule in namespace ${site.namespace} for host ${r.host}`,
    );
  const http = obj(vs.spec)['http'];
  const routes = Array.isArray(http) ? (http as unknown[]) : [];
  let httpIndex = routes.findIndex((h) => {
    const route = obj(h)['route'];
    return (
      Array.isArray(route) &&
      (route as unknown[]).some((d) => {
        const host = obj(obj(d)['destination'])['host'];
        return typeof host === 'string' && names.includes(host);
      })
    );
  });
  if (httpIndex < 0) httpIndex = 0;
  return { drRes, vsRes, dr, vs, host: r.host, httpIndex };
}

/** What the routing is now, as a ClusterRecord keeps it. */
export function saveRouting(r: Routing): NonNullable<ClusterRecord['savedRouting']> {
  return {
    destinationRule: r.dr.metadata?.name ?? '',
    subsets: structuredClone(obj(r.dr.spec)['subsets'] ?? []),
    virtualService: r.vs.metadata?.name ?? '',
    http: structuredClone(obj(r.vs.spec)['http'] ?? []),
  };
}

/** The manifests' Deployment as the canary: `NAME-canary`, tracked, one replica, annotated. */
export function canaryObject(deploy: KubeObject, name: string, runId: string, stage: string): KubeObject {
  const d = structuredClone(deploy);
  const spec = obj(d.spec);
  const selector = obj(spec['selector']);
  selector['matchLabels'] = { ...obj(selector['matchLabels']), [TRACK_LABEL]: 'canary' };
  const template = obj(spec['template']);
  const meta = obj(template['metadata']);
  meta['labels'] = { ...obj(meta['labels']), [TRACK_LABEL]: 'canary' };
  template['metadata'] = meta;
  d.spec = { ...spec, selector, template, replicas: 1 };
  d.metadata = {
    name,
    ...(deploy.metadata?.namespace ? { namespace: deploy.metadata.namespace } : {}),
    labels: { ...(deploy.metadata?.labels ?? {}), [TRACK_LABEL]: 'canary' },
    annotations: {
      ...(deploy.metadata?.annotations ?? {}),
      [RUN_ANNOTATION]: runId,
      [STAGE_ANNOTATION]: stage,
    },
  };
  delete d.status;
  return d;
}

/** Create or replace the canary Deployment (server-side apply). */
export async function applyCanary(
  site: Site,
  deploy: KubeObject,
  runId: string,
  stage: string,
): Promise<void> {
  await applyOne(site, canaryObject(deploy, canaryName(site), runId, stage));
  // the state is patched, not applied: a merge patch never conflicts with the next run's apply
  await annotate(site, await deployments(site), canaryName(site), { [STATE_ANNOTATION]: 'running' });
}

/** Point the subsets at the two hashes and give the canary `weight` percent. */
export async function routeCanary(
  site: Site,
  r: Routing,
  stableHash: string,
  canaryHash: string,
  weight: number,
): Promise<void> {
  const old = obj(r.dr.spec)['subsets'];
  const kept = (Array.isArray(old) ? (old as unknown[]) : []).filter((s) => {
    const n = obj(s)['name'];
    return n !== 'stable' && n !== 'canary';
  });
  const subsets = [
    { name: 'stable', labels: { 'pod-template-hash': stableHash } },
    { name: 'canary', labels: { 'pod-template-hash': canaryHash } },
    ...kept,
  ];
  const opts = {
    namespace: site.namespace,
    fieldManager: runPatchManager(site.fieldManager),
    signal: site.signal,
  };
  await mergePatchObject(site.api.conn, r.drRes, r.dr.metadata?.name ?? '', { spec: { subsets } }, opts);
  const h = obj(r.vs.spec)['http'];
  const http = structuredClone(Array.isArray(h) ? (h as unknown[]) : [{}]);
  http[r.httpIndex] = {
    ...obj(http[r.httpIndex]),
    route: [
      { destination: { host: r.host, subset: 'stable' }, weight: 100 - weight },
      { destination: { host: r.host, subset: 'canary' }, weight },
    ],
  };
  await mergePatchObject(site.api.conn, r.vsRes, r.vs.metadata?.name ?? '', { spec: { http } }, opts);
}

/** Put back the saved DestinationRule subsets and VirtualService routes. */
export async function restoreRouting(site: Site, saved: ClusterRecord['savedRouting']): Promise<void> {
  if (!saved) return;
  const opts = {
    namespace: site.namespace,
    fieldManager: runPatchManager(site.fieldManager),
    signal: site.signal,
  };
  if (saved.destinationRule) {
    const res = await site.api.resolve(DR, site.signal, { discovery: true });
    await mergePatchObject(
      site.api.conn,
      res,
      saved.destinationRule,
      { spec: { subsets: saved.subsets ?? [] } },
      opts,
    );
  }
  if (saved.virtualService) {
    const res = await site.api.resolve(VS, site.signal, { discovery: true });
    await mergePatchObject(
      site.api.conn,
      res,
      saved.virtualService,
      { spec: { http: saved.http ?? [] } },
      opts,
    );
  }
}

/** Whether this run's canary is on the cluster. */
export async function hasCanary(site: Site, runId: string): Promise<boolean> {
  const c = await getMaybe(site, await deployments(site), canaryName(site));
  return c?.metadata?.annotations?.[RUN_ANNOTATION] === runId;
}

/** Delete this run's canary (if there) and restore the saved routing. */
export async function removeCanary(
  site: Site,
  runId: string,
  saved: ClusterRecord['savedRouting'],
): Promise<boolean> {
  await restoreRouting(site, saved);
  const there = await hasCanary(site, runId);
  if (there) await deleteIfThere(site, await deployments(site), canaryName(site));
  return there;
}
