/** Text from a cluster or a kubeconfig, made safe for one line of UI. Pure. */
import { escapeTerminal } from '@kubectl-mc/core';

/** No control or bidi characters (escaped visibly instead). */
export function safe(text: string): string {
  return escapeTerminal(text);
}
