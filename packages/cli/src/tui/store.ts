import { reducer, type Action, type State } from './state.js';

/** A minimal external store around the reducer: the data controller and the keys both dispatch into it. */
export interface Store {
  // getState and subscribe are functions, not methods: useSyncExternalStore calls them unbound.
  getState: () => State;
  dispatch(action: Action): void;
  subscribe: (listener: () => void) => () => void;
}

export function createStore(initial: State): Store {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reducer(state, action);
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** What the app asks of the data layer; `data.ts` implements it against real clusters. */
export interface DataSource {
  /** Bring the data in line with the views: watch what they show, load YAML they wait for. */
  sync(state: State): void;
  /** `r`: check every cluster and re-list what is shown, now. */
  refresh(): void;
  /** Stop every watch, timer and request. */
  stop(): Promise<void>;
}
