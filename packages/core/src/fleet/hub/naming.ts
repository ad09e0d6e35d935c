/**
 * What each hub cluster is called in commands. KEP-4322 gives a profile a human-readable
 * `spec.displayName`, "set by the consumer of the cluster"; it is the cluster's name when it is unique
 * among the profiles listed (every hub, before `--cluster-selector`, so that a name does not depend on
 * the selection) and usable as one; otherwise the profile's `<namespace>/<name>`, which the hub keeps
 * unique. `<namespace>/<name>` always works too: `--clusters` and `--exclude` accept it for every cluster.
 */
import type { HubCluster } from './profiles.js';

/**
 * A display name usable as a cluster name: a DNS-label-like word (letters, digits, `.`, `_`, `-`), so
 * that it never contains `/` (it cannot be mistaken for another profile's `<namespace>/<name>`), `:`
 * (a failed hub is `hub:<name>`), glob characters, spaces or anything a terminal would interpret.
 */
const DISPLAY_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?$/;

/** Whether `name` may stand for a cluster (see `DISPLAY_NAME`). */
export function usableDisplayName(name: string | undefined): name is string {
  return name !== undefined && DISPLAY_NAME.test(name);
}

/**
 * The clusters, renamed: `id` is the display name where it is usable, no other profile in `clusters`
 * has the same one and `taken` (names the fleet already uses, e.g. kubeconfig contexts shown beside the
 * hub's clusters) does not hold it, else `<namespace>/<name>` (`ref`). Order is kept; the objects given
 * are not changed.
 */
export function nameHubClusters(
  clusters: readonly HubCluster[],
  taken: ReadonlySet<string> = new Set(),
): HubCluster[] {
  const count = new Map<string, number>();
  for (const c of clusters) {
    if (usableDisplayName(c.displayName)) count.set(c.displayName, (count.get(c.displayName) ?? 0) + 1);
  }
  return clusters.map((c) => {
    const d = c.displayName;
    const id = usableDisplayName(d) && count.get(d) === 1 && !taken.has(d) ? d : c.ref;
    return id === c.id ? c : { ...c, id };
  });
}
