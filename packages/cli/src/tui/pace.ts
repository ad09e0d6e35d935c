/**
 * What the dashboard draws, paced: a change the user caused (a key, a view opening, a prompt, a flash),
 * or one while the fleet is still loading, is drawn at once; what the clusters send in the background
 * once everything is shown (health rounds, latency, CPU/MEM polls, watch events on rows) is coalesced
 * and drawn with the next pace (at most one frame a `paceMs`), together with the ages' tick.
 *
 * Each frame costs the same whatever changed (Ink redraws the whole screen), so an idle dashboard costs
 * what its frame rate does: paced at 2 s (k9s's default refresh), one frame a pace while a shown age has
 * seconds, else one every 10 s or when the clusters sent something, plus what the user does.
 */
import { useEffect, useRef, useState } from 'react';
import { dataKey, top, type State } from './state.js';
import type { Store } from './store.js';

/** State fields the clusters change in the background: drawn with the next pace once all is shown. */
const BACKGROUND = new Set<keyof State>([
  'health',
  'lastRefresh',
  'usage',
  'now',
  'resources',
  'fallbackNs',
  'runs',
]);

/**
 * Everything the screen waits for has come: each included cluster answered its health, its pods (the
 * header and the clusters view count them) and the shown list, or failed.
 */
export function settled(s: State): boolean {
  const included = s.clusters.filter((c) => !s.excluded[c.name]);
  if (included.some((c) => (s.health[c.name]?.state ?? 'pending') === 'pending')) return false;
  const f = top(s);
  // The runs view waits for its first read; later reads (every 2 s) are drawn with the pace.
  if ((f.kind === 'runs' || f.kind === 'run') && s.runs === undefined) return false;
  const lists = new Set(['pods']);
  if (f.kind === 'resource') lists.add(dataKey(f));
  for (const key of lists) {
    const data = s.resources[key];
    const done = (c: string): boolean =>
      (f.kind === 'resource' && f.cluster !== undefined && f.cluster !== c && key !== 'pods') ||
      s.health[c]?.state === 'error' ||
      data?.loaded[c] === true ||
      data?.errors[c] !== undefined;
    if (!included.every((c) => done(c.name))) return false;
  }
  return true;
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
    // Paced, ages move at most once a pace (k9s redraws every 2 s).
    const period = (): number => (o.current.paceMs > 0 ? o.current.paceMs : o.current.tickEvery());
    let timer: ReturnType<typeof setTimeout>;
    const every = (): void => {
      const { paceMs, tickEvery, ticking } = o.current;
      const due = Math.max(tickEvery(), paceMs) - period() / 2;
      if (ticking() && performance.now() - lastTick >= due) tick();
      if (dirty) show();
      timer = setTimeout(every, period());
    };
    timer = setTimeout(every, period());
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store]);

  return shown;
}
