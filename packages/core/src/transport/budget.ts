/**
 * One memory budget for everything the clusters of a command send at the same time: bytes of bodies
 * and stream lines being read, and the estimated cost of the values they parse into. Sixteen hostile
 * clusters at the per-response cap share it instead of adding up to gigabytes: the response whose bytes
 * or values would go over it fails with that cluster's `InvalidResponse`, the others carry on.
 */
import { ClusterError } from '../errors.js';
import { formatBytes } from './errors.js';

/** Default budget of the whole process: the per-response cap, shared by all clusters. */
export const DEFAULT_MEMORY_BUDGET = 256 * 1024 * 1024;

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

  /** Give back all of it (idempotent). */
  release(): void {
    this.budget.give(this.#held);
    this.#held = 0;
  }
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
