/** The status bar's text: `⎈ 4/5 clusters` and a tooltip naming the unhealthy ones. Pure. */
import type { ClusterEntry } from '../fleet/health.js';
import { safe } from '../text.js';

export function statusBar(entries: readonly ClusterEntry[]): {
  text: string;
  tooltip: string;
  unhealthy: number;
} {
  const total = entries.length;
  const ok = entries.filter((e) => e.health.state === 'ok').length;
  const pending = entries.filter((e) => e.health.state === 'pending').length;
  const lines: string[] = [];
  for (const e of entries) {
    if (e.health.state === 'error')
      lines.push(`${safe(e.context)} — ${safe(e.health.error.kind)}: ${safe(e.health.error.message)}`);
  }
  const text = `⎈ ${ok}/${total} clusters${pending > 0 ? ` (${pending} checking)` : ''}`;
  const tooltip =
    lines.length === 0
      ? total === 0
        ? 'No kubeconfig context'
        : pending > 0
          ? 'Checking clusters…'
          : 'All clusters healthy'
      : ['Unhealthy:', ...lines].join('\n');
  return { text, tooltip, unhealthy: lines.length };
}
