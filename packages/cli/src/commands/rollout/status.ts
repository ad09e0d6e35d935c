import { Flags } from '@oclif/core';
import { ClusterError } from '@kubectl-mc/core/errors';
import { fanOut, collect } from '@kubectl-mc/core/fanout';
import { waitForRollout } from '@kubectl-mc/core/fleet';
import { parseDuration } from '@kubectl-mc/core/util';
import { BaseCommand, EXIT_FAILURE, EXIT_OK } from '../../lib/base.js';
import { clusterErrorText, EXIT_INTERRUPTED, interruptOnSigint } from '../../lib/fleet.js';
import { namespaceOf, openFleet, parseTarget, rolloutArgs, rolloutFlags } from '../../lib/rollout.js';
import { StatusView } from '../../lib/rollout-status.js';
import { kubectlBooleans } from '../../lib/kubectl-args.js';

export default class RolloutStatus extends BaseCommand {
  static override summary =
    'Watch a rollout on many clusters at once until it is done (kubectl rollout status).';
  static override description = `Like "kubectl rollout status", on every selected cluster at once, judged by kubectl's own rules
(Deployments, DaemonSets, StatefulSets). On a terminal, one live row per cluster: updated, ready and
available replicas out of the desired count, the state and the Progressing condition's message. Without a
terminal, kubectl's lines ("Waiting for deployment "payment" rollout to finish: 1 out of 3 new replicas have
been updated...") prefixed by their cluster. It ends when every cluster is done (exit 0), when one fails
(ProgressDeadlineExceeded: the others stop being watched, exit 1) or at --timeout (exit 1). A cluster that is
down, forbidden or lacks the object is named on stderr while the others go on; exit 1.`;
  static override examples = [
    '<%= config.bin %> rollout status deployment/payment -n production --all-clusters',
    '<%= config.bin %> rollout status deploy/payment -n production --clusters "*-prod" --timeout=5m',
    '<%= config.bin %> rollout status deploy/web -n production --all-clusters --watch=false',
  ];
  static override args = rolloutArgs;
  static override flags = {
    timeout: Flags.string({
      description: 'How long to wait before giving up (e.g. 5m; 0 waits forever).',
      default: '0s',
    }),
    watch: Flags.boolean({
      char: 'w',
      description: 'Watch until the rollout ends (--watch=false: print the status once and exit).',
      default: true,
      allowNo: true,
    }),
    ...rolloutFlags,
  };

  async run(): Promise<void> {
    this.argv = kubectlBooleans(this.argv, ['watch']);
    const { args, flags } = await this.parse(RolloutStatus);
    const target = parseTarget('status', args.resource, args.name);
    const timeoutMs = parseDuration(flags.timeout, '--timeout');
    const { sel, fleet } = await openFleet(flags);
    const nsOf = namespaceOf(sel, flags.namespace);
    const view = new StatusView(sel.contexts);
    const sigint = interruptOnSigint();
    const failedOne = new AbortController();
    const errors: ClusterError[] = [];
    view.draw();
    try {
      const results = await collect(
        fanOut(
          sel.contexts,
          async (ctx, sig) => {
            const api = await fleet.api(ctx);
            const res = await api.resolve(target.type, sig);
            const r = await waitForRollout(api, res, target.name, {
              namespace: nsOf(ctx),
              signal: AbortSignal.any([sig, failedOne.signal]),
              timeoutMs,
              requestTimeoutMs: sel.timeoutMs,
              once: !flags.watch,
              onProgress: (status) => view.update(ctx, { state: 'waiting', status }),
              onReconnecting: (error) => {
                const last = view.rows.get(ctx)?.status;
                view.update(ctx, {
                  state: 'reconnecting',
                  ...(last ? { status: last } : {}),
                  note: clusterErrorText(error),
                });
              },
            });
            if (r.outcome === 'done' || r.outcome === 'failed')
              view.update(ctx, { state: r.outcome, status: r.status });
            if (r.outcome === 'failed') failedOne.abort(new Error('another cluster failed'));
            return r;
          },
          { concurrency: sel.concurrency, timeoutMs: 0, signal: sigint.signal },
        ),
      );
      for (const ctx of sel.contexts) {
        const r = results.find((x) => x.context === ctx);
        if (!r) continue;
        if (!r.ok) {
          const stopped =
            failedOne.signal.aborted && (r.error.kind === 'Cancelled' || r.error.kind === 'Timeout');
          view.update(ctx, {
            state: stopped ? 'stopped' : 'error',
            note: stopped ? 'another cluster failed' : r.error.message,
          });
          if (!stopped) errors.push(r.error);
          continue;
        }
        const { outcome, status } = r.value;
        if (outcome === 'done') view.update(ctx, { state: 'done', status });
        else if (outcome === 'failed') {
          view.update(ctx, { state: 'failed', status });
          errors.push(new ClusterError('NotFound', ctx, status.failed ?? status.message));
        } else if (outcome === 'timeout') {
          view.update(ctx, { state: 'timeout', status, note: 'timed out waiting for the condition' });
          errors.push(new ClusterError('Timeout', ctx, 'timed out waiting for the condition'));
        } else if (outcome === 'cancelled') {
          view.update(ctx, {
            state: 'stopped',
            status,
            note: failedOne.signal.aborted ? 'another cluster failed' : 'interrupted',
          });
        } else view.update(ctx, { state: 'waiting', status });
      }
      view.draw();
      for (const e of errors) this.errLine(`error: ${clusterErrorText(e)}`);
      if (sigint.interrupted()) return this.exit(EXIT_INTERRUPTED);
      return this.exit(errors.length || failedOne.signal.aborted ? EXIT_FAILURE : EXIT_OK);
    } finally {
      sigint.dispose();
      fleet.close();
    }
  }
}
