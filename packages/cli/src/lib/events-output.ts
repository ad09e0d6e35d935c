/**
 * `kubectl mc events` output: kubectl events' table with a CLUSTER column first (every cell from a cluster
 * terminal-escaped, widths kept while watching), or the events as JSON/YAML annotated with their context.
 */
import { eventCells, eventHeaders, type FleetEvent, type KubeEvent } from '@kubectl-mc/core/fleet';
import {
  annotateContext,
  formatJson,
  formatYaml,
  TableWriter,
  toList,
  writeJsonList,
  writeYamlList,
} from '@kubectl-mc/core/render';
import { escapeTerminal } from '@kubectl-mc/core/util';

export type EventsOutput = 'table' | 'json' | 'yaml';

/** The terminal-safe row of one event: CLUSTER, then kubectl events' cells. */
export function eventRow(context: string, event: KubeEvent, now: number, allNamespaces: boolean): string[] {
  return [context, ...eventCells(event, now, allNamespaces)].map(escapeTerminal);
}

export class EventPrinter {
  private readonly writer = new TableWriter();
  private headed = false;
  private documents = 0;

  constructor(
    private readonly output: EventsOutput,
    private readonly allNamespaces: boolean,
    private readonly noHeaders: boolean,
    private readonly write: (text: string) => void,
  ) {}

  private header(): string[][] {
    if (this.headed || this.noHeaders) return [];
    this.headed = true;
    return [['CLUSTER', ...eventHeaders(this.allNamespaces)]];
  }

  /**
   * The merged list: one table, or one v1 List of annotated events; with `separate` (a watch follows),
   * JSON/YAML events are printed one document each, as the watch prints the next ones.
   */
  list(events: readonly FleetEvent[], separate = false): void {
    if (this.output === 'table') {
      const now = Date.now();
      const rows = events.map((e) => eventRow(e.context, e.event, now, this.allNamespaces));
      this.write(this.writer.format([...this.header(), ...rows]));
      return;
    }
    if (separate) {
      for (const e of events) this.one(e.context, e.event);
      return;
    }
    const list = toList(events.map((e) => ({ context: e.context, items: [e.event] })));
    if (this.output === 'json') writeJsonList(list, this.write);
    else writeYamlList(list, this.write);
  }

  /** One event as it arrives while watching. */
  one(context: string, event: KubeEvent): void {
    if (this.output === 'table') {
      const rows = [...this.header(), eventRow(context, event, Date.now(), this.allNamespaces)];
      this.write(this.writer.format(rows));
      return;
    }
    const obj = annotateContext(event, context);
    if (this.output === 'json') this.write(formatJson(obj));
    else this.write(`${this.documents > 0 ? '---\n' : ''}${formatYaml(obj)}`);
    this.documents++;
  }
}

/** kubectl's line when nothing was found (stderr): per namespace, or across all of them. */
export function noEventsMessage(allNamespaces: boolean, namespaces: readonly string[]): string {
  if (allNamespaces) return 'No events found.';
  const unique = [...new Set(namespaces)];
  return unique.length === 1
    ? `No events found in ${escapeTerminal(unique[0] ?? '')} namespace.`
    : `No events found in namespaces ${unique.map(escapeTerminal).join(', ')}.`;
}
