/**
 * The dashboard's entry: what `kubectl mc dashboard` loads with a dynamic `import()`, so that no other
 * command loads React or Ink.
 */
import { render } from 'ink';
import type { Protection } from '@kubectl-mc/core/fleet';
import { Actions } from './actions.js';
import { App, IDLE_PACE_MS } from './App.js';
import type { ActionBackend } from './mutations.js';
import { Controller, type Backend } from './data.js';
import { initialState, type ClusterMeta, type StartNamespaces } from './state.js';
import { createStore } from './store.js';
import { followMembers } from './hub-members.js';

export interface DashboardOptions {
  clusters: ClusterMeta[];
  /** Where to start: `-n`, each context's namespace, or (empty) `-A`. */
  namespaces: StartNamespaces;
  backend: Backend;
  refreshMs: number;
  concurrency: number;
  timeoutMs: number;
  color: boolean;
  /** Delete, scale, restart through core; `readonly` refuses them all. */
  actions: ActionBackend;
  protection: Promise<Protection>;
  readonly: boolean;
  /** The fleet's cluster lists as its membership changes (a hub's: `hub-members.ts`), until `signal` aborts. */
  members?: (signal: AbortSignal) => AsyncIterable<ClusterMeta[]>;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H\x1b[?25l';
const LEAVE_ALT_SCREEN = '\x1b[?25h\x1b[?1049l';

/** Run the dashboard until the user quits; the terminal is restored whatever happens. */
export async function runDashboard(opts: DashboardOptions): Promise<void> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  const store = createStore(
    initialState(opts.clusters, Math.max(1, (stdout.rows || 24) - 7), opts.namespaces),
  );
  // The controller's clusters; a membership change (followMembers) changes this array in place.
  const contexts = opts.clusters.map((c) => c.name);
  const controller = new Controller(store, contexts, opts.backend, {
    refreshMs: opts.refreshMs,
    concurrency: opts.concurrency,
    timeoutMs: opts.timeoutMs,
  });
  const actions = new Actions({
    store,
    backend: opts.actions,
    protection: opts.protection,
    readonly: opts.readonly,
    refresh: () => controller.refresh(),
  });
  // An unreadable .kubectl-mc.yaml refuses the actions (with its message), not the dashboard.
  opts.protection.catch(() => undefined);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT_SCREEN);
  };
  // A signal or a crash still gives the terminal back.
  process.once('exit', restore);
  const onSignal = () => store.dispatch({ type: 'quit' });
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  stdout.write(ENTER_ALT_SCREEN);
  const membersAc = new AbortController();
  let members: Promise<void> | undefined;
  try {
    controller.start();
    if (opts.members) {
      // A hub that cannot be followed keeps the clusters the dashboard started with.
      members = followMembers(opts.members(membersAc.signal), store, contexts).catch(() => undefined);
    }
    const app = render(
      <App store={store} data={controller} color={opts.color} actions={actions} paceMs={IDLE_PACE_MS} />,
      {
        stdout,
        stdin,
        exitOnCtrlC: false,
        patchConsole: true,
      },
    );
    await app.waitUntilExit();
    app.cleanup();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    membersAc.abort();
    await members;
    await actions.stop();
    await controller.stop();
    restore();
    process.off('exit', restore);
  }
}
