// The timers of one simulated server, so that stopping it clears every one of them.

export class Timers {
  #all = new Set<NodeJS.Timeout>();
  #stopped = false;

  /** True once the server is stopping: streaming handlers end instead of scheduling more. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** `fn` after `ms`; also tracked in `owner` (a watch's timers) when given. */
  set(fn: () => void, ms: number, owner?: Set<NodeJS.Timeout>): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.#all.delete(t);
      owner?.delete(t);
      fn();
    }, ms);
    this.#all.add(t);
    owner?.add(t);
    return t;
  }

  clear(t: NodeJS.Timeout): void {
    clearTimeout(t);
    this.#all.delete(t);
  }

  /** Clear every timer and refuse to stream on. */
  stop(): void {
    this.#stopped = true;
    for (const t of this.#all) clearTimeout(t);
    this.#all.clear();
  }
}
