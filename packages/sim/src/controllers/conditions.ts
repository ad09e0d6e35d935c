// Deployment conditions as kube's deployment util sets them: one per type, lastTransitionTime kept while
// the status stays, lastUpdateTime moved on each change (and on every bit of progress for Progressing).

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

export function progressingCondition(
  reason: string,
  message: string,
  status: Condition['status'] = 'True',
): Condition {
  return { type: 'Progressing', status, reason, message };
}

/**
 * `conditions` with `c` set at time `now`. Without `force`, a condition of the same status and reason is
 * left as it is (kube's SetDeploymentCondition); with it, it is replaced with a new lastUpdateTime (how
 * kube records progress), its lastTransitionTime kept when the status did not change.
 */
export function setCondition(conditions: Condition[], c: Condition, now: number, force = false): Condition[] {
  const i = conditions.findIndex((x) => x.type === c.type);
  const old = i >= 0 ? conditions[i] : undefined;
  if (old && !force && old.status === c.status && old.reason === c.reason) return conditions;
  const next: Condition = {
    type: c.type,
    status: c.status,
    lastUpdateTime: iso(now),
    lastTransitionTime:
      old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : iso(now),
    reason: c.reason,
    message: c.message,
  };
  const out = [...conditions];
  if (i >= 0) out[i] = next;
  else out.push(next);
  return out;
}
