/**
 * `get -w -o jsonpath|go-template|custom-columns`, as kubectl's watch prints them: the template runs on
 * each object by itself (not on a List), or on the event `{type, object}` with `--output-watch-events`;
 * custom columns print their header once, and each batch (the initial list, then each event) is aligned on
 * its own, as kubectl flushes its tab writer after each. Objects carry the `kubectl-mc.io/context`
 * annotation, and custom columns a CLUSTER column first (unless --no-cluster-column).
 */
import type { KubeObject } from '@kubectl-mc/core/api';
import {
  annotateContext,
  CustomColumnsPrinter,
  omitManagedFields,
  PrinterError,
  TableWriter,
  type PrinterSpec,
} from '@kubectl-mc/core/render';
import { escapeTemplateOutput } from './get-output.js';

export type TemplateSpec = Extract<PrinterSpec, { kind: 'jsonpath' | 'go-template' | 'custom-columns' }>;

export function isTemplate(spec: PrinterSpec | undefined): spec is TemplateSpec {
  return spec?.kind === 'jsonpath' || spec?.kind === 'go-template' || spec?.kind === 'custom-columns';
}

export interface Watched {
  context: string;
  object: KubeObject;
  event: string;
}

export class TemplateWatchPrinter {
  private headerDue: boolean;
  /** custom columns: widths remembered from batch to batch (kubectl's tab writer remembers them) */
  private readonly writer = new TableWriter();
  constructor(
    private readonly spec: TemplateSpec,
    private readonly opts: { events: boolean; noClusterColumn: boolean; keepManagedFields: boolean },
  ) {
    this.headerDue = spec.kind !== 'custom-columns' || !spec.noHeaders;
  }

  /** The text of one batch; throws core's `PrinterError` (with the output so far) when the template fails. */
  text(batch: Watched[]): string {
    const data = batch.map((w) => {
      const o = annotateContext(
        this.opts.keepManagedFields ? w.object : omitManagedFields(w.object),
        w.context,
      );
      return { context: w.context, data: this.opts.events ? { type: w.event, object: o } : o };
    });
    if (this.spec.kind === 'custom-columns') {
      if (data.length === 0) return '';
      const printer = new CustomColumnsPrinter(this.spec.columns, {
        noHeaders: !this.headerDue,
        clusterColumn: !this.opts.noClusterColumn,
        escape: escapeTemplateOutput,
      });
      this.headerDue = false;
      const lines = printer.lines(data.map((d) => ({ context: d.context, object: d.data })));
      return this.writer.format(lines.map((l) => l.split('\t')));
    }
    let out = '';
    for (const d of data) {
      try {
        out += this.spec.printer.print(d.data);
      } catch (e) {
        if (e instanceof PrinterError) throw new PrinterError(e.message, out + e.output);
        throw e;
      }
    }
    return out;
  }
}
