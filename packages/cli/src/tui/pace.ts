/**
 * What the dashboard draws, paced: a change the user caused (a key, a view opening, a prompt, a flash),
 * or one while the fleet is still loading, is drawn at once; what the clusters send in the background
 * once everything is shown (health rounds, latency, CPU/MEM polls, watch events on rows) is coalesced
 * and drawn with the next pace (at most one frame a `paceMs`), together with the ages' tick.
 *
 * Each frame costs the same whatever changed (Ink redraws the whole screen), so an idle dashboard costs
 * what its frame rate does: this keeps it at one frame a second while a shown age has seconds, else one
 * every 10 s, plus what the user does.
 */
import { useEffect, useRef, useState } from 'react';
import { dataKey, top, type State } from './state.js';
import type { Store } from './store.js';

/** State fields the clusters change in the background: drawn with the next pace once all is shown. */
const BACKGROUND = new Set<keyof State>(['health', 'lastRefresh', 'usage', 'now', 'resources', 'fallbackNs']);

/** Everything the shown view waits for has come: each included cluster answered its health and list. */
export function settled(s: State): boolean {
  const included = s.clusters.filter((c) => !s.excluded[c.name]);
  if (included.some((c) => (s.health[c.name]?.state ?? 'pending') === 'pending')) return false;
  const f = top(s);
  if (f.kind !== 'resource') return true;
  const data = s.resources[dataKey(f)];
  if (!data) return false;
  return included.every(
    (c) =>
      (f.cluster !== undefined && f.cluster !== c.name) ||
      data.loaded[c.name] ||
      data.errors[c.name] !== undefined ||
      s.health[c.name]?.state === 'error',
  );
}

/** Whether going from `a` to `b` must be drawn now. */
export function urgent(a: State, b: State): boolean {
  if (!settled(a) || !settled(b)) return true;
  for (const k of Object.keys(b) as (keyof State)[]) {
    if (a[k] !== b[k] && !BACKGROUND.has(k)) return true;
  }
  for (const k of Object.keys(a) as (keyof State)[]) {
    if (!(k in b) && !BACKGROUND.has(k)) return true;
  }
  return false;
}

export interface PaceOptions {
  /** At most one background frame this often (ms); 0: every change is drawn at once. */
  paceMs: number;
  /** How often the ages tick (ms) for the state shown: read at each pace. */
  tickEvery: () => number;
  /** Whether anything shows an age (else no tick). */
  ticking: () => boolean;
  now: () => number;
}

/** The state to draw, and the ages' clock, paced as above. */
export function usePacedState(store: Store, opts: PaceOptions): State {
  const [shown, setShown] = useState(store.getState);
  const o = useRef(opts);
  o.current = opts;

  useEffect(() => {
    let drawn = store.getState();
    let dirty = false;
    // When the clock last moved, by the real clock (`now` may be a test's fake one).
    let lastTick = -Infinity;
    const show = (): void => {
      dirty = false;
      const s = store.getState();
      if (s === drawn) return;
      drawn = s;
      setShown(s);
    };
    const tick = (): void => {
      lastTick = performance.now();
      store.dispatch({ type: 'tick', now: o.current.now() });
    };
    const unsubscribe = store.subscribe(() => {
      if (o.current.paceMs <= 0 || urgent(drawn, store.getState())) show();
      else dirty = true;
    });
    if (o.current.ticking()) tick();
    show();
    // One timer: the pace, at which the clock moves when an age is due and the coalesced changes show.
    const step = Math.max(1, o.current.paceMs > 0 ? Math.min(o.current.paceMs, o.current.tickEvery()) : 0);
    let timer: ReturnType<typeof setTimeout>;
    const every = (): void => {
      const { paceMs, tickEvery, ticking } = o.current;
      if (ticking() && performance.now() - lastTick >= tickEvery() - step / 2) tick();
      if (dirty) show();
      timer = setTimeout(every, paceMs > 0 ? Math.min(paceMs, tickEvery()) : tickEvery());
    };
    timer = setTimeout(every, step || o.current.tickEvery());
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store]);

  return shown;
}
