/**
 * One memory budget for everything the clusters of a command send at the same time: bytes of bodies
 * and stream lines being read, and the estimated cost of the values they parse into. Sixteen hostile
 * clusters at the per-response cap share it instead of adding up to gigabytes: the response whose bytes
 * or values would go over it fails with that cluster's `InvalidResponse`, the others carry on.
 */
import { ClusterError } from '../errors.js';
import { formatBytes } from './errors.js';

/**
 * Default budget of the whole process, shared by all clusters: the per-response cap (256 MiB) plus room
 * for the other clusters' ordinary answers, so that one response at the cap is refused for its size.
 */
export const DEFAULT_MEMORY_BUDGET = 288 * 1024 * 1024;

/** Bytes reserved by the responses of all clusters, against one limit. */
export class MemoryBudget {
  #used = 0;
  constructor(readonly limit: number) {}

  get used(): number {
    return this.#used;
  }

  /** A reservation for one response: grows with it, released at once when it is done. */
  open(context: string): Reservation {
    return new Reservation(this, context);
  }

  /** @internal */
  take(n: number): boolean {
    if (this.#used + n > this.limit) return false;
    this.#used += n;
    return true;
  }

  /** @internal */
  give(n: number): void {
    this.#used = Math.max(0, this.#used - n);
  }
}

/** What one response holds of the budget. */
export class Reservation {
  #held = 0;
  constructor(
    private readonly budget: MemoryBudget,
    private readonly context: string,
  ) {}

  get held(): number {
    return this.#held;
  }

  /** Reserve `n` more bytes, or throw the cluster's `InvalidResponse` (nothing more is reserved). */
  add(n: number, what = 'the response'): void {
    if (!this.budget.take(n)) {
      throw new ClusterError(
        'InvalidResponse',
        this.context,
        `${what} does not fit the memory budget of ${formatBytes(this.budget.limit)} shared by all clusters`,
      );
    }
    this.#held += n;
  }

  /**
   * Give it back when `target` (the buffer or value it paid for) is garbage-collected: until then the
   * memory is still in use, and a budget freed at once would let sixteen clusters pile up garbage.
   */
  releaseWhenCollected(target: object): void {
    if (this.#held > 0) alive.register(target, { budget: this.budget, n: this.#held });
    this.#held = 0;
  }

  /** Give back all of it (idempotent). */
  release(): void {
    this.budget.give(this.#held);
    this.#held = 0;
  }
}

/** Budget held by values still alive: given back when the garbage collector frees them. */
const alive = new FinalizationRegistry<{ budget: MemoryBudget; n: number }>((h) => h.budget.give(h.n));

/**
 * Hold `cost` bytes of the shared budget for as long as `values` live (each holds its share, given back
 * when it is garbage-collected): what a command keeps of a cluster's answer (a list's items, a table's
 * rows) counts against the budget until it is dropped. Over the budget: the cluster's `InvalidResponse`.
 */
export function retain(values: readonly object[], cost: number, context: string, what: string): void {
  if (cost <= 0) return;
  const budget = shared;
  new Reservation(budget, context).add(cost, what);
  if (values.length === 0) return void budget.give(cost);
  const each = Math.floor(cost / values.length);
  values.forEach((v, i) =>
    alive.register(v, { budget, n: i === 0 ? cost - each * (values.length - 1) : each }),
  );
}

function fromEnv(): number {
  const v = Number(process.env['KUBECTL_MC_MEMORY_BUDGET_MIB']);
  return Number.isFinite(v) && v > 0 ? Math.round(v * 1024 * 1024) : DEFAULT_MEMORY_BUDGET;
}

let shared = new MemoryBudget(fromEnv());

/** The budget every connection of the process reserves from (`KUBECTL_MC_MEMORY_BUDGET_MIB` sets it). */
export function memoryBudget(): MemoryBudget {
  return shared;
}

/** Replace the shared budget (tests, embedders); connections use it from their next response on. */
export function setMemoryBudget(bytes: number): MemoryBudget {
  shared = new MemoryBudget(bytes);
  return shared;
}
