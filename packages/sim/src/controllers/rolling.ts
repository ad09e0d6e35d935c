// The rolling update's arithmetic on ReplicaSets (kube's reconcileNewReplicaSet and
// reconcileOldReplicaSets), and the simulated clock the controller runs on.
import { isObj, type Json } from './rollout-math.js';
import type { KubeObject } from '../store.js';

type Obj = KubeObject & Json;

const specOf = (o: Json): Json => (isObj(o['spec']) ? o['spec'] : {});
const statusOf = (o: Json): Json => (isObj(o['status']) ? o['status'] : {});
const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/** Simulated time: starts now and runs `scale` times faster than the wall clock. */
export class SimClock {
  readonly #t0 = Date.now();
  constructor(readonly scale: number) {}
  now(): number {
    return this.#t0 + (Date.now() - this.#t0) * this.scale;
  }
  /** Real milliseconds for `simMs` simulated ones. */
  real(simMs: number): number {
    return Math.max(1, Math.round(simMs / this.scale));
  }
}

/** One step of the rolling update (kube's reconcileNewReplicaSet and reconcileOldReplicaSets). */
export function rollStep(
  newRS: Obj,
  olds: Obj[],
  replicas: number,
  surge: number,
  unavailable: number,
  dspec: Json,
): void {
  const sp = (rs: Obj): number => num(specOf(rs)['replicas']);
  const setSp = (rs: Obj, n: number): void => {
    (rs['spec'] as Json)['replicas'] = n;
  };
  const avail = (rs: Obj): number => num(statusOf(rs)['availableReplicas']);
  const all = [newRS, ...olds];
  const recreate = isObj(dspec['strategy']) && dspec['strategy']['type'] === 'Recreate';
  if (recreate) {
    for (const rs of olds) setSp(rs, 0);
    if (olds.every((rs) => num(statusOf(rs)['replicas']) === 0)) setSp(newRS, replicas);
    return;
  }
  const total = all.reduce((n, rs) => n + sp(rs), 0);
  if (sp(newRS) > replicas) setSp(newRS, replicas);
  else if (sp(newRS) < replicas) {
    const up = Math.min(replicas + surge - total, replicas - sp(newRS));
    if (up > 0) setSp(newRS, sp(newRS) + up);
  }
  const minAvailable = replicas - unavailable;
  const allPods = all.reduce((n, rs) => n + sp(rs), 0);
  let maxScaledDown = allPods - minAvailable - (sp(newRS) - avail(newRS));
  if (maxScaledDown <= 0) return;
  for (const rs of olds) {
    const unhealthy = sp(rs) - avail(rs);
    if (maxScaledDown <= 0) break;
    if (unhealthy <= 0) continue;
    const down = Math.min(maxScaledDown, unhealthy);
    setSp(rs, sp(rs) - down);
    maxScaledDown -= down;
  }
  let budget = all.reduce((n, rs) => n + Math.min(avail(rs), sp(rs)), 0) - minAvailable;
  for (const rs of olds) {
    if (budget <= 0) break;
    const down = Math.min(sp(rs), budget);
    setSp(rs, sp(rs) - down);
    budget -= down;
  }
}
