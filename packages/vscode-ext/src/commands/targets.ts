/**
 * What the Clusters view's item commands act on, worked out without an editor so it is tested as is:
 * the name Copy Name copies, the clusters Compare offers, the terminal's environment and first command.
 */
import path from 'node:path';
import type { ClusterEntry } from '../fleet/health.js';
import { shellQuote } from '../tree/model.js';
import type { Node } from '../tree/provider.js';

/** An object's name, a cluster's context, a namespace's name; nothing for other nodes. */
export function nameToCopy(n: Node | undefined): string | undefined {
  return n?.type === 'object'
    ? n.name
    : n?.type === 'cluster'
      ? n.context
      : n?.type === 'namespace'
        ? n.namespace
        : undefined;
}

/** The other clusters that answered their last health check: the ones an object can be compared with. */
export function compareTargets(entries: readonly ClusterEntry[], context: string): string[] {
  return entries.filter((e) => e.context !== context && e.health.state === 'ok').map((e) => e.context);
}

/**
 * A terminal's environment: the same kubeconfig files as the view (nothing is written to them, no
 * `use-context`), or none to leave kubectl's default.
 */
export function terminalEnv(
  files: readonly string[],
  platform: NodeJS.Platform,
): { KUBECONFIG: string } | undefined {
  const { delimiter } = platform === 'win32' ? path.win32 : path.posix;
  return files.length > 0 ? { KUBECONFIG: files.join(delimiter) } : undefined;
}

/** The command typed (not run) in a cluster's terminal. */
export function terminalCommand(context: string): string {
  return `kubectl --context ${shellQuote(context)} get namespaces`;
}
