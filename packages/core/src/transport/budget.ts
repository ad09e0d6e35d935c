/**
 * One memory budget for everything the clusters of a command send at the same time: bytes of bodies
 * and stream lines being read, and the estimated cost of the values they parse into. Sixteen hostile
 * clusters at the per-response cap share it instead of adding up to gigabytes: the response whose bytes
 * or values would go over it fails with that cluster's `InvalidResponse`, the others carry on.
 *
 * What the budget holds is an estimate, and it is given back only when the garbage collector frees what
 * it paid for: dead bodies whose finalizers have not run yet still count. So a reservation over the
 * estimate is checked against the memory the process really holds (its resident set) before it is
 * refused: a healthy fleet is not refused for garbage the collector has already freed, or for an
 * estimate far above what its values really take, while a process really at the limit still refuses.
 */
import v8 from 'node:v8';
import { ClusterError } from '../errors.js';
import { formatBytes } from './errors.js';

/**
 * Default budget of what the clusters send, shared by all of them (an embedder's process: an editor's
 * extension host): the per-response cap (256 MiB) plus room for the other clusters' ordinary answers, so
 * that one response at the cap is refused for its size.
 */
export const DEFAULT_MEMORY_BUDGET = 288 * 1024 * 1024;

/**
 * Default budget of a whole short-lived process (`MemoryBudget` with `base: 'at-first-use'`): what it
 * held before the first response (Node, the CLI's modules: ~100 MiB) is paid first, so that sixteen
 * hostile clusters keep its peak RSS under 400 MB, while the largest healthy benches fit (20 × 1,000
 * `-o json` peaks near 300 MiB, 10 × 20,000 as a table near 230 MiB: docs/reliability.md).
 */
export const DEFAULT_PROCESS_MEMORY_BUDGET = 320 * 1024 * 1024;

/**
 * Bytes the process holds now: its resident set (code, V8's heap with its garbage and free pages, the
 * allocator's caches: freed bodies often stay there), or V8's heap in use plus the memory of array
 * buffers and external strings when that is more (a body's buffer is allocated before its pages are
 * touched). Compared with V8's heap alone, the RSS also counts what rendering and freed buffers hold: a
 * 200,000-row page admitted on the heap's word took a 16-cluster run from 376 to 500 MiB.
 */
export function memoryInUse(): number {
  const h = v8.getHeapStatistics();
  return Math.max(process.memoryUsage.rss(), h.used_heap_size + h.external_memory);
}

/**
 * Room a parse admitted on the memory in use must leave, in multiples of its estimated cost: its values
 * are then kept, converted and printed, which the estimate does not cover. With room for one, a
 * 16-cluster run of 200,000-row pages printed two of them and peaked at 464–532 MiB (368–381 before).
 */
const UPCOMING_ROOM = 2;

/** The cluster's error for `what` that does not fit the budget. */
function overBudget(context: string, what: string, limit: number): ClusterError {
  return new ClusterError(
    'InvalidResponse',
    context,
    `${what} does not fit the memory budget of ${formatBytes(limit)} shared by all clusters`,
  );
}

/** Whether the bytes of a reservation are already in memory (read, parsed) or about to be allocated. */
export type Allocation = 'allocated' | 'upcoming';

/** Bytes reserved by the responses of all clusters, against one limit. */
export class MemoryBudget {
  #used = 0;
  /** Part of `#used` held by responses done with, until their buffers are collected. */
  #awaitingCollection = 0;
  /** What the process held at the first reservation (`'at-first-use'`), counted before any response. */
  #base: number | undefined;
  /**
   * @param inUse what the process really holds (`memoryInUse`), consulted only when a reservation does
   *   not fit the estimate.
   * @param base memory counted before any reservation: 0 (only what clusters send is bounded), or
   *   `'at-first-use'`: what the process holds then (Node, the modules), so the limit bounds its RSS.
   * @param fairShare bytes each response (`open`) may hold whatever the others hold: a cluster's small
   *   answer is not refused because hostile clusters filled the budget with garbage not yet collected.
   *   At most one share per response in flight goes over the limit (concurrency × share).
   */
  constructor(
    readonly limit: number,
    private readonly inUse: () => number = memoryInUse,
    base: number | 'at-first-use' = 0,
    readonly fairShare = 0,
  ) {
    this.#base = base === 'at-first-use' ? undefined : base;
  }

  get used(): number {
    return this.#used;
  }

  /** A reservation for one response: grows with it, released at once when it is done. */
  open(context: string): Reservation {
    return new Reservation(this, context, this.fairShare);
  }

  /**
   * @internal Reserve `n` bytes if they fit the estimate. Otherwise, what responses done with hold until
   * the collector frees their buffers is counted by the memory really in use instead: `n` passes if it
   * fits the estimate without them and the memory in use (plus `UPCOMING_ROOM` × `n` when `upcoming`;
   * `allocated` bytes are part of it already) fits the limit. The estimate then goes over the limit
   * until they are freed. The process's base counts as part of the estimate. `withinShare`: the
   * response stays within its fair share, and passes whatever the others hold.
   */
  take(n: number, allocation: Allocation = 'upcoming', withinShare = false): boolean {
    const base = (this.#base ??= this.inUse());
    if (
      !withinShare &&
      base + this.#used + n > this.limit &&
      (base + this.#used - this.#awaitingCollection + n > this.limit ||
        this.inUse() + (allocation === 'upcoming' ? UPCOMING_ROOM * n : 0) > this.limit)
    )
      return false;
    this.#used += n;
    return true;
  }

  /** Bytes kept (`retain`) per context, for their fair share. */
  #kept = new Map<string, number>();

  /** `retain` from this budget. */
  keep(values: readonly object[], cost: number, context: string, what: string): void {
    const kept = (this.#kept.get(context) ?? 0) + cost;
    // the values are parsed already: they are part of the memory in use
    if (!this.take(cost, 'allocated', kept <= this.fairShare)) {
      throw overBudget(context, what, this.limit);
    }
    if (values.length === 0) return void this.give(cost);
    this.#kept.set(context, kept);
    const each = Math.floor(cost / values.length);
    values.forEach((v, i) =>
      alive.register(v, {
        budget: this,
        n: i === 0 ? cost - each * (values.length - 1) : each,
        kept: context,
      }),
    );
  }

  /** @internal Kept values of `context` were collected. */
  dropKept(context: string, n: number): void {
    const left = (this.#kept.get(context) ?? 0) - n;
    if (left > 0) this.#kept.set(context, left);
    else this.#kept.delete(context);
  }

  /** @internal */
  give(n: number): void {
    this.#used = Math.max(0, this.#used - n);
  }

  /** @internal `n` of the held bytes wait for the collector now (their response is done). */
  awaitCollection(n: number): void {
    this.#awaitingCollection += n;
  }

  /** @internal The collector freed them. */
  collected(n: number): void {
    this.#awaitingCollection = Math.max(0, this.#awaitingCollection - n);
    this.give(n);
  }
}

/** What one response holds of the budget. */
export class Reservation {
  #held = 0;
  /**
   * @param fairShare what this response may hold whatever the others hold (`MemoryBudget.fairShare`).
   */
  constructor(
    private readonly budget: MemoryBudget,
    private readonly context: string,
    private readonly fairShare = 0,
  ) {}

  get held(): number {
    return this.#held;
  }

  /**
   * Reserve `n` more bytes, or throw the cluster's `InvalidResponse` (nothing more is reserved).
   * `allocated`: the bytes are already in memory (a chunk read); `upcoming` (default): about to be (a parse).
   */
  add(n: number, what = 'the response', allocation: Allocation = 'upcoming'): void {
    if (!this.budget.take(n, allocation, this.#held + n <= this.fairShare)) {
      throw overBudget(this.context, what, this.budget.limit);
    }
    this.#held += n;
  }

  /**
   * Count `n` bytes of `garbage` (a chunk copied elsewhere, dropped) until it is collected: it is still
   * in memory, and without it sixteen bodies read into their own buffers overshot the limit by the size
   * of their dropped chunks. Over the budget: the cluster's `InvalidResponse`.
   */
  addGarbage(garbage: object, n: number, what = 'the response'): void {
    this.add(n, what, 'allocated');
    this.#held -= n;
    this.budget.awaitCollection(n);
    alive.register(garbage, { budget: this.budget, n, done: true });
  }

  /**
   * Give it back when `target` (the buffer or value it paid for) is garbage-collected: until then the
   * memory is still in use, and a budget freed at once would let sixteen clusters pile up garbage.
   */
  releaseWhenCollected(target: object): void {
    if (this.#held > 0) {
      this.budget.awaitCollection(this.#held);
      alive.register(target, { budget: this.budget, n: this.#held, done: true });
    }
    this.#held = 0;
  }

  /** Give back all of it (idempotent). */
  release(): void {
    this.budget.give(this.#held);
    this.#held = 0;
  }
}

/**
 * Budget held by values still alive, or by the buffers of responses done with (`done`): given back when
 * the garbage collector frees them.
 */
const alive = new FinalizationRegistry<{ budget: MemoryBudget; n: number; done?: true; kept?: string }>(
  (h) => {
    if (h.kept !== undefined) h.budget.dropKept(h.kept, h.n);
    return h.done ? h.budget.collected(h.n) : h.budget.give(h.n);
  },
);

/**
 * Hold `cost` bytes of the shared budget for as long as `values` live (each holds its share, given back
 * when it is garbage-collected): what a command keeps of a cluster's answer (a list's items, a table's
 * rows) counts against the budget until it is dropped. Over the budget: the cluster's `InvalidResponse`,
 * unless all the cluster keeps stays within its fair share (a small cluster's rows are not refused for
 * what hostile clusters hold).
 */
export function retain(values: readonly object[], cost: number, context: string, what: string): void {
  if (cost <= 0) return;
  shared.keep(values, cost, context, what);
}

function fromEnv(fallback: number): number {
  const v = Number(process.env['KUBECTL_MC_MEMORY_BUDGET_MIB']);
  return Number.isFinite(v) && v > 0 ? Math.round(v * 1024 * 1024) : fallback;
}

/** What each response may hold whatever the others hold: a small cluster's whole answer. */
const FAIR_SHARE = 512 * 1024;

let shared = new MemoryBudget(fromEnv(DEFAULT_MEMORY_BUDGET), memoryInUse, 0, FAIR_SHARE);

/** The budget every connection of the process reserves from (`KUBECTL_MC_MEMORY_BUDGET_MIB` sets it). */
export function memoryBudget(): MemoryBudget {
  return shared;
}

/**
 * Make the shared budget bound the whole process, not only what clusters send: what the process holds
 * at the first reservation is counted first (a command-line run, whose memory is all its own; not an
 * editor's extension host). `KUBECTL_MC_MEMORY_BUDGET_MIB` sets it, else `DEFAULT_PROCESS_MEMORY_BUDGET`.
 */
export function boundProcessMemory(): MemoryBudget {
  shared = new MemoryBudget(fromEnv(DEFAULT_PROCESS_MEMORY_BUDGET), memoryInUse, 'at-first-use', FAIR_SHARE);
  return shared;
}

/**
 * Replace the shared budget (tests, embedders), with each response's fair share; connections use it
 * from their next response on.
 */
export function setMemoryBudget(bytes: number, fairShare = FAIR_SHARE): MemoryBudget {
  shared = new MemoryBudget(bytes, memoryInUse, 0, fairShare);
  return shared;
}
