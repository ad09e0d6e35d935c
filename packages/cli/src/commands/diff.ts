import { Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { Fleet, loadManifests, planApply, runExternalDiff } from '@kubectl-mc/core/fleet';
import { collect } from '@kubectl-mc/core/fanout';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { BaseCommand } from '../lib/base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../lib/flags.js';
import { clusterErrorText, interruptOnSigint } from '../lib/fleet.js';
import { itemErrorText } from '../lib/apply-output.js';
import { startRequestLog, verboseFlags } from '../lib/verbose.js';

export default class Diff extends BaseCommand {
  static override summary = 'Diff manifests against the live objects of many clusters (server-side).';
  static override description = `Like "kubectl diff --server-side", on every selected cluster: the live object against the result of a
server-side dry-run apply (field manager kubectl-mc), both as YAML without managedFields, shown by
"diff -u -N" over two directories (LIVE-…, MERGED-…) or by the program KUBECTL_EXTERNAL_DIFF names.
Output is grouped by cluster under a "# cluster: NAME" line. Exit status as kubectl's: 0 no differences,
1 differences found, 2 when a cluster or an object failed.`;
  static override examples = [
    '<%= config.bin %> diff -f deploy.yaml --all-clusters',
    'KUBECTL_EXTERNAL_DIFF="diff -u" <%= config.bin %> diff -f manifests/ -R --clusters "*-prod"',
  ];
  static override flags = {
    filename: Flags.string({
      char: 'f',
      description: 'A file, a directory of .yaml/.yml/.json files, or - for stdin.',
      multiple: true,
      required: true,
    }),
    recursive: Flags.boolean({ char: 'R', description: 'Process directories recursively.', default: false }),
    selector: Flags.string({ char: 'l', description: 'Only objects whose labels match, e.g. app=web.' }),
    namespace: Flags.string({
      char: 'n',
      description: "Namespace for objects that name none (default: the context's, else default).",
    }),
    'force-conflicts': Flags.boolean({
      description: 'Diff as if fields other managers own were taken (no conflict errors).',
      default: false,
    }),
    'server-side': Flags.boolean({
      description: 'Server-side dry run (always on: the only mode).',
      default: true,
      allowNo: false,
    }),
    ...kubeconfigFlags,
    ...clusterFlags,
    ...verboseFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Diff);
    startRequestLog(flags.v);
    const manifests = await loadManifests(flags.filename, {
      recursive: flags.recursive,
      ...(flags.selector ? { selector: flags.selector } : {}),
    });
    if (!manifests.length) throw new UsageError('no objects passed to diff');
    const sel = await selectionFromFlags(flags);
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${escapeTerminal(w)}`);
    const fleet = new Fleet(sel.loaded, sel.contexts, {
      timeoutMs: sel.timeoutMs,
      concurrency: sel.concurrency,
    });
    const sigint = interruptOnSigint();
    let code = 0;
    try {
      const planned = await collect(
        planApply(fleet, manifests, {
          force: flags['force-conflicts'],
          ...(flags.namespace ? { namespace: flags.namespace } : {}),
          signal: sigint.signal,
        }),
      );
      for (const ctx of sel.contexts) {
        const r = planned.find((p) => p.context === ctx);
        if (!r) continue;
        if (!r.ok) {
          this.errLine(`error: ${clusterErrorText(r.error)}`);
          code = Math.max(code, 2);
          continue;
        }
        const out = await runExternalDiff(r.value);
        process.stdout.write(`# cluster: ${escapeTerminal(ctx)}\n`);
        process.stdout.write(
          out.stdout
            .split('\n')
            .map((l) => l.split('\t').map(escapeTerminal).join('\t'))
            .join('\n'),
        );
        if (out.stderr) process.stderr.write(out.stderr);
        let clusterCode = out.code;
        for (const i of r.value) {
          if (!i.error) continue;
          this.errLine(
            `error: context "${escapeTerminal(ctx)}": ${escapeTerminal(i.ref)}: ${itemErrorText(i.error)}`,
          );
          clusterCode = Math.max(clusterCode, 2);
        }
        code = Math.max(code, clusterCode);
      }
    } finally {
      sigint.dispose();
      fleet.close();
    }
    return this.exit(code);
  }
}
