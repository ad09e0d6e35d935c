import { Flags } from '@oclif/core';
import { UsageError, type ClusterError } from '@kubectl-mc/core/errors';
import {
  changesOf,
  Fleet,
  formatYamlForDiff,
  loadManifests,
  planApply,
  runApply,
  unifiedDiff,
  type Applied,
  type Manifest,
  type PlanItem,
} from '@kubectl-mc/core/fleet';
import { collect } from '@kubectl-mc/core/fanout';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { BaseCommand, EXIT_FAILURE, EXIT_OK } from '../lib/base.js';
import { confirm } from '../lib/confirm.js';
import { confirmFlags, confirmOptionsFromFlags, failFastFlag } from '../lib/mutate-flags.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../lib/flags.js';
import { clusterErrorText, interruptOnSigint } from '../lib/fleet.js';
import { itemErrorText, planRows, questionText, resultRows } from '../lib/apply-output.js';
import { startRequestLog, verboseFlags } from '../lib/verbose.js';

export default class Apply extends BaseCommand {
  static override summary = 'Server-side apply manifests to many clusters, after a plan and one question.';
  static override description = `Like "kubectl apply --server-side" (field manager kubectl-mc), on every selected cluster.
Server-side apply is the only mode. First a plan from a server-side dry run on every cluster: one row per
cluster and object with what would happen (created, configured, unchanged, or the error, e.g. a conflict
with the manager that owns a field) and the fields that would change. Then one question naming the
clusters (--yes skips it; without a terminal the command refuses unless --yes; protected clusters need
their environment's name typed, and --yes includes them only with --include-protected). Then the apply, on all
clusters at once, and a result table. A failure on one cluster does not stop the others unless
--fail-fast; the exit code is 1 when any cluster or object failed.`;
  static override examples = [
    '<%= config.bin %> apply -f deploy.yaml --all-clusters',
    '<%= config.bin %> apply -f manifests/ -R --clusters "*-prod" --show-diff',
    '<%= config.bin %> apply -f deploy.yaml --all-clusters --dry-run=server',
    'cat deploy.yaml | <%= config.bin %> apply -f - --clusters us-east-prod,eu-west-prod --yes',
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
    ...confirmFlags,
    'dry-run': Flags.string({
      description: 'server: stop after the plan; client: print what would be sent, ask no cluster.',
      options: ['none', 'server', 'client'],
      default: 'none',
    }),
    'show-diff': Flags.boolean({
      description: 'Print the unified diff of every change in the plan.',
      default: false,
    }),
    'force-conflicts': Flags.boolean({
      description: 'Take fields that other field managers own instead of failing with a conflict.',
      default: false,
    }),
    ...failFastFlag,
    'server-side': Flags.boolean({
      description: 'Server-side apply (always on: the only mode).',
      default: true,
      allowNo: false,
    }),
    ...kubeconfigFlags,
    ...clusterFlags,
    ...verboseFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Apply);
    startRequestLog(flags.v);
    const manifests = await loadManifests(flags.filename, {
      recursive: flags.recursive,
      ...(flags.selector ? { selector: flags.selector } : {}),
    });
    checkNamespaces(manifests, flags.namespace);
    if (!manifests.length) throw new UsageError('no objects passed to apply');
    if (flags['dry-run'] === 'client') {
      for (const m of manifests) this.log(`${escapeTerminal(refOf(m))} serverside-applied (client dry run)`);
      return;
    }
    const sel = await selectionFromFlags(flags);
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${escapeTerminal(w)}`);
    const fleet = new Fleet(sel.loaded, sel.contexts, {
      timeoutMs: sel.timeoutMs,
      concurrency: sel.concurrency,
    });
    const sigint = interruptOnSigint();
    try {
      const opts = {
        force: flags['force-conflicts'],
        ...(flags.namespace ? { namespace: flags.namespace } : {}),
        signal: sigint.signal,
      };
      const planned = await collect(planApply(fleet, manifests, opts));
      let failed = false;
      const plans = new Map<string, PlanItem[]>();
      for (const ctx of sel.contexts) {
        const r = planned.find((p) => p.context === ctx);
        if (r?.ok) plans.set(ctx, r.value);
      }
      process.stdout.write(planRows([...plans]));
      if (flags['show-diff']) this.printDiffs(plans);
      for (const r of planned) {
        if (!r.ok) {
          failed = true;
          this.errLine(`error: ${clusterErrorText(r.error)}`);
        }
      }
      for (const [ctx, items] of plans) {
        for (const i of items) {
          if (!i.error) continue;
          failed = true;
          this.errLine(`error: ${clusterErrorText(withObject(i.error, ctx, i))}`);
        }
      }
      if (sigint.interrupted()) return this.exit(130);
      const changing = [...plans].filter(([, items]) => changesOf(items).length > 0);
      const count = changing.reduce((n, [, items]) => n + changesOf(items).length, 0);
      if (!count) {
        this.errLine('No changes: nothing to apply.');
        return this.exit(failed ? EXIT_FAILURE : EXIT_OK);
      }
      if (flags['dry-run'] === 'server') {
        this.errLine(
          `Dry run: ${questionText(
            count,
            changing.map(([c]) => c),
          )
            .replace(/^Apply/, 'would apply')
            .replace(/\?$/, '.')}`,
        );
        return this.exit(failed ? EXIT_FAILURE : EXIT_OK);
      }
      const ok = await confirm({
        question: questionText(
          count,
          changing.map(([c]) => c),
        ),
        contexts: changing.map(([c]) => c),
        ...confirmOptionsFromFlags(flags),
      });
      if (!ok || sigint.interrupted()) {
        this.errLine('Nothing was applied.');
        return this.exit(EXIT_FAILURE);
      }
      const results = await collect(
        runApply(fleet, new Map(changing), {
          ...opts,
          failFast: flags['fail-fast'],
          onApplied: (ctx, a) => this.logApplied(ctx, a),
        }),
      );
      const done: [string, Applied[]][] = [];
      for (const [ctx] of changing) {
        const r = results.find((x) => x.context === ctx);
        if (r?.ok) {
          done.push([ctx, r.value]);
          if (r.value.some((a) => a.error)) failed = true;
        } else if (r) {
          failed = true;
          this.errLine(`error: ${clusterErrorText(r.error)}`);
        }
      }
      process.stdout.write('\n' + resultRows(done));
      return this.exit(failed ? EXIT_FAILURE : EXIT_OK);
    } finally {
      sigint.dispose();
      fleet.close();
    }
  }

  private logApplied(ctx: string, a: Applied): void {
    const where = a.item.namespace ? ` -n ${escapeTerminal(a.item.namespace)}` : '';
    if (a.error) {
      this.errLine(`error: ${clusterErrorText(withObject(a.error, ctx, a.item))}`);
    } else {
      this.errLine(`${escapeTerminal(ctx)}: ${escapeTerminal(a.item.ref)}${where} ${a.result ?? ''}`);
    }
  }

  private printDiffs(plans: Map<string, PlanItem[]>): void {
    for (const [ctx, items] of plans) {
      for (const i of changesOf(items)) {
        const name = `${escapeTerminal(ctx)}/${escapeTerminal(i.ref)}`;
        const text = unifiedDiff(
          `${name} (live)`,
          i.live ? formatYamlForDiff(i.live) : '',
          `${name} (merged)`,
          formatYamlForDiff(i.merged!),
        );
        process.stdout.write(text.split('\n').map(escapeTerminal).join('\n'));
      }
    }
  }
}

function refOf(m: Manifest): string {
  const group = (m.object.apiVersion ?? '').includes('/') ? `.${m.object.apiVersion!.split('/')[0]!}` : '';
  return `${(m.object.kind ?? '').toLowerCase()}${group}/${m.object.metadata?.name ?? ''}`;
}

/** kubectl's refusal when -n and an object's own namespace differ. */
function checkNamespaces(manifests: Manifest[], namespace: string | undefined): void {
  if (!namespace) return;
  for (const m of manifests) {
    const ns = m.object.metadata?.namespace;
    if (ns && ns !== namespace) {
      throw new UsageError(
        `the namespace from the provided object "${ns}" does not match the namespace "${namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
      );
    }
  }
}

/** The error with the object named in front of its message. */
function withObject(e: ClusterError, ctx: string, i: PlanItem): ClusterError {
  const copy = Object.create(e) as ClusterError;
  Object.defineProperty(copy, 'context', { value: ctx });
  Object.defineProperty(copy, 'message', {
    value: `${i.ref}${i.namespace ? ` -n ${i.namespace}` : ''}: ${itemErrorText(e)}`,
  });
  Object.defineProperty(copy, 'kind', { value: 'NotFound' }); // the text already names the reason
  return copy;
}
