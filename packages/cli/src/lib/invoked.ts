/**
 * The name the user typed: `kubectl mc` when kubectl ran this plugin, `kubectl-mc` when run directly.
 *
 * kubectl (1.33 checked) exports nothing to a plugin it runs: it `exec`s the plugin in its own process
 * with the environment unchanged. What tells them apart is the `_` variable that shells (bash, zsh,
 * dash, ksh) set to the path of the program they start: kubectl's path when the user typed
 * `kubectl mc …`, ours otherwise. `KUBECTL_MC_INVOKED_AS=kubectl-mc|"kubectl mc"` overrides it
 * (wrappers and shells that set no `_`).
 */
import path from 'node:path';

export type InvokedName = 'kubectl mc' | 'kubectl-mc';

/** kubectl itself, or a versioned kubectl (`kubectl1.32`), on any platform. */
const KUBECTL = /^kubectl(?:[\d.-]*)(?:\.exe)?$/i;

export function invokedName(env: NodeJS.ProcessEnv = process.env): InvokedName {
  const forced = env['KUBECTL_MC_INVOKED_AS'];
  if (forced === 'kubectl mc' || forced === 'kubectl-mc') return forced;
  const started = env['_'];
  if (started && KUBECTL.test(path.basename(started))) return 'kubectl mc';
  return 'kubectl-mc';
}

/** The name of the binary itself, whatever the user typed (completion scripts, PATH look-ups). */
export const BINARY_NAME = 'kubectl-mc';

/**
 * Every oclif Config loaded from now on calls us what the user typed (help's USAGE, examples, "See
 * '… --help'", unknown-command lines). oclif reloads its Config inside `run()`, so the name is set
 * where every Config is loaded.
 */
export function nameConfigsAsInvoked(Config: { prototype: ConfigLike }): void {
  const proto = Config.prototype;
  // the original method, called below with each Config as `this`
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const load = proto.load;
  const name = invokedName();
  proto.load = async function (this: ConfigLike) {
    await load.call(this);
    this.bin = name;
    // oclif's environment variables (KUBECTL_MC_DEBUG, …) keep the binary's name, not "KUBECTL MC_…"
    this.scopedEnvVarKey = (k: string) =>
      [BINARY_NAME, k]
        .map((p) => p.replaceAll('@', '').replaceAll(/[/-]/g, '_'))
        .join('_')
        .toUpperCase();
  };
}

interface ConfigLike {
  load(): Promise<void>;
  bin: string;
  scopedEnvVarKey(k: string): string;
}
