// The kubeconfig warnings `get` prints: none by default, as kubectl prints none for the same kubeconfig.
import { escapeTerminal } from '@kubectl-mc/core/util';
import { selectionWarnings, type Selection } from './flags.js';

/**
 * kubectl is silent about a name defined twice across KUBECONFIG files (the first wins), a KUBECONFIG file
 * that does not exist, `insecure-skip-tls-verify`, and a context that is broken but not used; so is
 * `get` unless asked for more with `-v=1` or higher. A broken context that is selected fails as that
 * cluster's error either way.
 */
export function printSelectionWarnings(
  sel: Selection,
  verbosity: number | undefined,
  errLine: (line: string) => void,
): void {
  if ((verbosity ?? 0) < 1) return;
  for (const w of selectionWarnings(sel)) errLine(`warning: ${escapeTerminal(w)}`);
}
