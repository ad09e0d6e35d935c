/**
 * `scale` across the fleet, through the `scale` subresource as kubectl does: the plan reads each
 * object's scale (`scale 3 -> 5`, or nothing when it already has that many), `currentReplicas` is
 * kubectl's --current-replicas precondition, the change is a merge patch of the scale.
 */
import { getScale, mergePatchObject } from '../../api/mutate.js';
import { FIELD_MANAGER } from '../apply/plan.js';
import { ClusterError } from '../../errors.js';
import type { FanOut } from '../../fanout/fanout.js';
import type { Fleet } from '../fleet.js';
import {
  planTargets,
  runChanges,
  type Changed,
  type MutatePlanOptions,
  type PlanRow,
  type RunChangesOptions,
} from './plan.js';
import type { TargetSpec } from './targets.js';

export interface ScaleSpec {
  replicas: number;
  /** Only scale objects that have this many replicas now (-1 or undefined: any). */
  currentReplicas?: number;
  /** Only when the object's resourceVersion is this one. */
  resourceVersion?: string;
}

export function planScale(
  fleet: Fleet,
  spec: TargetSpec,
  scale: ScaleSpec,
  opts: MutatePlanOptions = {},
): FanOut<PlanRow[]> {
  return planTargets(
    fleet,
    spec,
    async (api, t, signal) => {
      if (!t.live) return { note: 'not found' };
      const now = await getScale(api.conn, t.resource, t.name, {
        ...(t.namespace ? { namespace: t.namespace } : {}),
        signal,
      });
      const current = now.spec?.replicas ?? 0;
      const expected = scale.currentReplicas;
      if (expected !== undefined && expected >= 0 && expected !== current)
        throw new ClusterError(
          'ServerError',
          api.context,
          `Expected replicas to be ${expected}, was ${current}`,
          {
            reason: 'Conflict',
          },
        );
      const rv = t.live.metadata?.resourceVersion;
      if (scale.resourceVersion !== undefined && scale.resourceVersion !== rv)
        throw new ClusterError(
          'ServerError',
          api.context,
          `the object has been modified: resourceVersion is ${rv ?? ''}, not ${scale.resourceVersion}`,
          { reason: 'Conflict' },
        );
      if (current === scale.replicas) return { note: `already ${current} replicas` };
      return { action: `scale ${current} -> ${scale.replicas}` };
    },
    opts,
  );
}

export interface RunScaleOptions extends RunChangesOptions<unknown> {
  dryRun?: boolean;
}

export function runScale(
  fleet: Fleet,
  plans: Map<string, PlanRow[]>,
  scale: ScaleSpec,
  opts: RunScaleOptions = {},
): FanOut<Changed[]> {
  return runChanges(
    fleet,
    plans,
    async (api, row, signal) => {
      const { resource, name, namespace } = row.target;
      const rv = scale.resourceVersion;
      await mergePatchObject(
        api.conn,
        resource,
        name,
        { spec: { replicas: scale.replicas }, ...(rv ? { metadata: { resourceVersion: rv } } : {}) },
        {
          subresource: 'scale',
          fieldManager: FIELD_MANAGER,
          ...(namespace ? { namespace } : {}),
          ...(opts.dryRun ? { dryRun: true } : {}),
          signal,
        },
      );
      return opts.dryRun ? 'scaled (server dry run)' : 'scaled';
    },
    opts,
  );
}
