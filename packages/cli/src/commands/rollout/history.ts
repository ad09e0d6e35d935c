import { Flags } from '@oclif/core';
import { ClusterError } from '@kubectl-mc/core/errors';
import { collect } from '@kubectl-mc/core/fanout';
import { deploymentHistory, revisionText, type Revision } from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { alignRows } from '../../lib/apply-output.js';
import { BaseCommand, EXIT_FAILURE, EXIT_OK } from '../../lib/base.js';
import { clusterErrorText, interruptOnSigint } from '../../lib/fleet.js';
import {
  namespaceOf,
  openFleet,
  parseTarget,
  rolloutArgs,
  rolloutErrorText,
  rolloutFlags,
} from '../../lib/rollout.js';

/** A line made inert on a terminal, its tabs kept (kubectl's template text is tab-separated). */
const keepTabs = (line: string): string => line.split('\t').map(escapeTerminal).join('\t');

export default class RolloutHistory extends BaseCommand {
  static override summary = "Show a Deployment's revisions on many clusters (kubectl rollout history).";
  static override description = `Like "kubectl rollout history", on every selected cluster at once: the revisions kubectl reads (the
ReplicaSets the Deployment controls, numbered by their deployment.kubernetes.io/revision annotation), one row
per cluster and revision with the change cause (kubernetes.io/change-cause), the ReplicaSet and its images.
Revision numbers are per cluster. With --revision, the pod template of that revision on each cluster, as
kubectl prints it, under a "=== <context> ===" line. Clusters that fail are named on stderr; exit 1 then.`;
  static override examples = [
    '<%= config.bin %> rollout history deployment/payment -n production --all-clusters',
    '<%= config.bin %> rollout history deploy/payment -n production --revision=3 --clusters us-east-prod',
  ];
  static override args = rolloutArgs;
  static override flags = {
    revision: Flags.integer({ description: 'Show the pod template of this revision.', default: 0, min: 0 }),
    ...rolloutFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RolloutHistory);
    const target = parseTarget('history', args.resource, args.name);
    const { sel, fleet } = await openFleet(flags);
    const nsOf = namespaceOf(sel, flags.namespace);
    const sigint = interruptOnSigint();
    try {
      const results = await collect(
        fleet.fanOut(
          async (api, signal) => {
            const res = await api.resolve(target.type, signal);
            const ref = `${res.kind.toLowerCase()}${res.group ? `.${res.group}` : ''}/${target.name}`;
            const h = await deploymentHistory(api, res, target.name, {
              namespace: nsOf(api.context),
              signal,
            });
            return { ref, revisions: h.revisions };
          },
          { signal: sigint.signal },
        ),
      );
      let failed = false;
      const ok: [string, { ref: string; revisions: Revision[] }][] = [];
      for (const ctx of sel.contexts) {
        const r = results.find((x) => x.context === ctx);
        if (r?.ok) ok.push([ctx, r.value]);
      }
      if (flags.revision > 0) {
        for (const [ctx, h] of ok) {
          const rev = h.revisions.find((x) => x.revision === flags.revision);
          if (!rev) {
            failed = true;
            const e = new ClusterError(
              'NotFound',
              ctx,
              `unable to find the specified revision ${flags.revision}`,
            );
            this.errLine(`error: ${clusterErrorText(e)}`);
            continue;
          }
          process.stdout.write(
            `=== ${escapeTerminal(ctx)} ===\n${revisionText(h.ref, rev).split('\n').map(keepTabs).join('\n')}\n`,
          );
        }
      } else {
        const rows = [['CLUSTER', 'REVISION', 'CHANGE-CAUSE', 'REPLICASET', 'IMAGES']];
        for (const [ctx, h] of ok)
          for (const r of h.revisions)
            rows.push([
              escapeTerminal(ctx),
              String(r.revision),
              escapeTerminal(r.changeCause || '<none>'),
              escapeTerminal(r.replicaSet),
              escapeTerminal(r.images.join(',')),
            ]);
        if (ok.length) process.stdout.write(alignRows(rows));
      }
      for (const r of results) {
        if (r.ok) continue;
        failed = true;
        this.errLine(`error: ${rolloutErrorText(r.error)}`);
      }
      return this.exit(failed ? EXIT_FAILURE : EXIT_OK);
    } finally {
      sigint.dispose();
      fleet.close();
    }
  }
}
