/**
 * One stage on one cluster: start the canary and route its share (traffic below 100%), or apply the
 * manifests and wait for the rollout (100%, removing this run's canary and its routing); and the way back.
 */
import type { KubeObject } from '../../../api/types.js';
import { objectPath } from '../../../api/paths.js';
import type { GateTarget } from '../gates/types.js';
import { planRolloutOne } from '../../rollout/change.js';
import { revisionOf } from '../../rollout/history.js';
import { applyCanary, findRouting, hasCanary, removeCanary, routeCanary, saveRouting } from './canary.js';
import {
  annotate,
  applyOne,
  canaryName,
  currentRevision,
  deployments,
  getMaybe,
  heldByOther,
  StepError,
  waitDone,
  type Site,
  runPatchManager,
} from './kube.js';
import type { ClusterRecord } from './types.js';
import { RUN_ANNOTATION, STAGE_ANNOTATION, STATE_ANNOTATION } from './types.js';

export type ClusterEvent =
  | { type: 'applied'; canary: boolean }
  | { type: 'routed'; canaryWeight: number }
  | { type: 'ready'; message: string }
  | { type: 'promoted' };

export interface StageCluster {
  site: Site;
  runId: string;
  stage: string;
  traffic: number;
  objects: KubeObject[];
  record: ClusterRecord;
  /** Routing saved by an earlier stage of this run on this cluster whose canary is still there. */
  priorRouting?: ClusterRecord['savedRouting'];
  emit: (e: ClusterEvent) => void;
}

export function deploymentOf(objects: KubeObject[]): KubeObject {
  const d = objects.find((o) => o.kind === 'Deployment');
  if (!d?.metadata?.name) throw new StepError('the manifests hold no Deployment');
  return d;
}

/** Change the cluster for the stage; returns what its gates look at. */
export async function deployCluster(c: StageCluster): Promise<GateTarget> {
  const { site, record } = c;
  const res = await deployments(site);
  const deploy = deploymentOf(c.objects);
  const live = await getMaybe(site, res, site.name);
  const held =
    heldByOther(live, c.runId) ?? heldByOther(await getMaybe(site, res, canaryName(site)), c.runId);
  if (held) throw new StepError(held);
  const target = { context: site.context, api: site.api, namespace: site.namespace };
  if (c.traffic < 100) {
    const routing = await findRouting(site, c.objects);
    if (!live)
      throw new StepError(`no Deployment ${site.namespace}/${site.name} to keep as the stable version`);
    const cur = await currentRevision(site, res, site.name);
    if (!cur?.hash)
      throw new StepError(
        `Deployment ${site.namespace}/${site.name} has no current ReplicaSet to keep as stable`,
      );
    record.previousRevision ??= cur.revision;
    record.stableHash ??= cur.hash;
    record.savedRouting ??= c.priorRouting ?? saveRouting(routing);
    record.status = 'applying';
    await applyCanary(site, deploy, c.runId, c.stage);
    c.emit({ type: 'applied', canary: true });
    c.emit({ type: 'ready', message: await waitDone(site, res, canaryName(site)) });
    const canary = await currentRevision(site, res, canaryName(site));
    if (!canary?.hash)
      throw new StepError(`the canary ${site.namespace}/${canaryName(site)} has no ReplicaSet`);
    record.newHash = canary.hash;
    await routeCanary(site, routing, record.stableHash, canary.hash, c.traffic);
    record.status = 'canary';
    c.emit({ type: 'routed', canaryWeight: c.traffic });
    return { ...target, deployment: canaryName(site), podTemplateHash: canary.hash };
  }
  record.previousRevision ??= live ? revisionOf(live) : 0;
  record.status = 'applying';
  await promote(c, res, deploy);
  const cur = await currentRevision(site, res, site.name);
  if (!cur?.hash) throw new StepError(`Deployment ${site.namespace}/${site.name} has no current ReplicaSet`);
  record.newHash = cur.hash;
  return { ...target, deployment: site.name, podTemplateHash: cur.hash };
}

/** Apply the manifests (the Deployment annotated), wait, then remove this run's canary and its routing. */
export async function promote(
  c: StageCluster,
  res: Awaited<ReturnType<typeof deployments>>,
  deploy: KubeObject,
): Promise<void> {
  const { site } = c;
  for (const o of c.objects) {
    const annotated =
      o === deploy
        ? {
            ...o,
            metadata: {
              ...o.metadata,
              annotations: {
                ...(o.metadata?.annotations ?? {}),
                [RUN_ANNOTATION]: c.runId,
                [STAGE_ANNOTATION]: c.stage,
              },
            },
          }
        : o;
    await applyOne(site, annotated);
  }
  // the state is patched, not applied: a merge patch never conflicts with the next run's apply
  await annotate(site, res, site.name, { [STATE_ANNOTATION]: 'running' });
  c.emit({ type: 'applied', canary: false });
  c.emit({ type: 'ready', message: await waitDone(site, res, site.name) });
  if (await hasCanary(site, c.runId)) {
    await removeCanary(site, c.runId, c.priorRouting);
    c.emit({ type: 'promoted' });
  }
}

/** Mark the run state (done | failed) on the Deployments this run annotated (NAME, NAME-canary). */
export async function markState(site: Site, runId: string, state: 'done' | 'failed'): Promise<void> {
  const res = await deployments(site);
  for (const name of [site.name, canaryName(site)]) {
    const o = await getMaybe(site, res, name);
    if (o?.metadata?.annotations?.[RUN_ANNOTATION] === runId)
      await annotate(site, res, name, { [STATE_ANNOTATION]: state });
  }
}

/** Undo what the stage did to the cluster; returns what was done, in words. */
export async function rollbackCluster(c: StageCluster): Promise<string> {
  const { site, record } = c;
  if (c.traffic < 100) {
    const removed = await removeCanary(site, c.runId, record.savedRouting ?? c.priorRouting);
    return removed ? 'canary removed, routing restored' : 'routing restored';
  }
  const res = await deployments(site);
  let done: string;
  if (!record.previousRevision) {
    done = `no earlier revision of ${site.namespace}/${site.name}: left as is`;
  } else {
    const item = await planRolloutOne(
      site.api,
      {
        action: 'undo',
        type: 'deployments.apps',
        name: site.name,
        namespaceOf: () => site.namespace,
        toRevision: record.previousRevision,
      },
      site.signal,
    );
    if (item.patch && item.resource) {
      await site.api.conn.request<KubeObject>(
        objectPath(item.resource, site.name, { namespace: site.namespace }),
        {
          method: 'PATCH',
          contentType: item.patch.contentType,
          body: item.patch.body,
          query: { fieldManager: runPatchManager(site.fieldManager) },
          signal: site.signal,
        },
      );
      await waitDone(site, res, site.name);
      done = item.change ?? `revision ${record.previousRevision}`;
    } else done = item.note ?? 'nothing to undo';
  }
  if (await hasCanary(site, c.runId)) {
    await removeCanary(site, c.runId, c.priorRouting);
    done += '; canary removed, routing restored';
  }
  return done;
}
