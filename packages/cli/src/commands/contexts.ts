import { Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { escapeTerminal } from '@kubectl-mc/core/util';
import type { ContextInfo } from '@kubectl-mc/core/kubeconfig';
import { closeAllConnections, getConnection } from '@kubectl-mc/core/transport';
import { checkCluster, type HealthProbe } from '@kubectl-mc/core/api';
import type { ClusterResult } from '@kubectl-mc/core/fanout';
import { formatJson, formatTable } from '@kubectl-mc/core/render';
import { BaseCommand, EXIT_FAILURE, EXIT_OK } from '../lib/base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../lib/flags.js';
import { startRequestLog, verboseFlags } from '../lib/verbose.js';
import { clusterErrorText, EXIT_INTERRUPTED, fanOutWithProgress, interruptOnSigint } from '../lib/fleet.js';
import { colorizer, isTTY } from '../lib/output.js';

interface ContextJson {
  current: boolean;
  name: string;
  cluster: string;
  server: string | null;
  user: string;
  namespace: string | null;
  /** With --hub: what the hub's ClusterProfile says (its own ControlPlaneHealthy condition). */
  profile?: {
    hub: string;
    controlPlaneHealthy: string | null;
    labels: Record<string, string>;
    properties: Record<string, string>;
  };
  check?: {
    status: string;
    version?: string;
    latencyMs?: number;
    nodesReady?: number;
    nodesTotal?: number;
    error?: string;
  };
}

export default class Contexts extends BaseCommand {
  static override summary = 'List kubeconfig contexts, optionally with a live health check of each cluster.';
  static override description = `One row per kubeconfig context: CURRENT, NAME, CLUSTER, SERVER, USER, NAMESPACE. With --check (the
default on a terminal) every selected cluster is asked for its version and nodes at once, adding STATUS
(ok or the error kind), VERSION, LATENCY and NODES (ready/total). Failed checks are named on stderr and
make the exit code 1 (0 with --ignore-failures). Credentials are never printed.`;
  static override examples = [
    '<%= config.bin %> contexts',
    '<%= config.bin %> contexts --check --clusters "*-prod"',
    '<%= config.bin %> contexts --no-check -o json',
  ];
  static override flags = {
    check: Flags.boolean({
      description: 'Check each cluster live (default: on when stdout is a terminal).',
      allowNo: true,
    }),
    output: Flags.string({ char: 'o', description: 'Output format: json.' }),
    'no-headers': Flags.boolean({ description: 'Do not print table headers.', default: false }),
    'ignore-failures': Flags.boolean({ description: 'Exit 0 even when some checks failed.', default: false }),
    ...kubeconfigFlags,
    ...clusterFlags,
    ...verboseFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Contexts);
    startRequestLog(flags.v);
    if (flags.output !== undefined && flags.output !== 'json') {
      throw new UsageError(
        `unable to match a printer suitable for the output format "${flags.output}", allowed formats are: json`,
      );
    }
    // Without a selection flag, every context of the kubeconfig.
    const anySelection =
      flags.context !== undefined || flags['all-clusters'] || (flags.clusters?.length ?? 0) > 0;
    const sel = await selectionFromFlags({
      ...flags,
      'all-clusters': anySelection ? flags['all-clusters'] : true,
    });
    for (const w of selectionWarnings(sel)) this.errLine(`warning: ${escapeTerminal(w)}`);
    const check = flags.check ?? isTTY(process.stdout);

    let results: ClusterResult<HealthProbe>[] = [];
    const sigint = interruptOnSigint();
    try {
      if (check && sel.contexts.length > 0) {
        results = await fanOutWithProgress(
          sel,
          async (ctx, signal) => checkCluster(await getConnection(sel.loaded, ctx), signal),
          sigint.signal,
        );
      }
    } finally {
      sigint.dispose();
      closeAllConnections();
    }
    const byContext = new Map(results.map((r) => [r.context, r]));
    const current = sel.loaded.currentContext;

    if (flags.output === 'json') {
      const out: ContextJson[] = sel.infos.map((c) => {
        const j = toJson(c, current, check ? byContext.get(c.name) : undefined);
        const p = sel.hub?.cluster(c.name);
        if (p) {
          j.profile = {
            hub: p.hub,
            controlPlaneHealthy: p.conditions.find((x) => x.type === 'ControlPlaneHealthy')?.status ?? null,
            labels: p.labels,
            properties: p.properties,
          };
        }
        return j;
      });
      process.stdout.write(formatJson(out));
    } else {
      const paint = colorizer(process.stdout);
      const headers = ['CURRENT', 'NAME', 'CLUSTER', 'SERVER', 'USER', 'NAMESPACE'];
      // A hub's profiles carry their own health, as the cluster manager last saw it.
      if (sel.hub) headers.push('PROFILE-HEALTHY');
      if (check) headers.push('STATUS', 'VERSION', 'LATENCY', 'NODES');
      const rows = sel.infos.map((c) => {
        const row = [
          c.name === current ? '*' : '',
          escapeTerminal(c.name),
          escapeTerminal(c.cluster),
          escapeTerminal(c.server ?? ''),
          escapeTerminal(c.user),
          escapeTerminal(c.namespace ?? ''),
        ];
        if (sel.hub) {
          const cond = sel.hub.cluster(c.name)?.conditions.find((x) => x.type === 'ControlPlaneHealthy');
          row.push(escapeTerminal(cond?.status ?? ''));
        }
        if (check) row.push(...checkCells(byContext.get(c.name)));
        return row;
      });
      let text = formatTable({ headers, rows }, { noHeaders: flags['no-headers'] });
      if (check) {
        // Colour only the status word, after alignment (escape codes have no width).
        text = text.replace(
          /(?<=\s)(ok|Unreachable|Timeout|Unauthorized|Forbidden|NotFound|ServerError|Throttled|InvalidResponse|Auth|Expired|Cancelled)(?=\s)/g,
          (s) => (s === 'ok' ? paint('green', s) : paint('red', s)),
        );
      }
      process.stdout.write(text);
    }

    let failed = false;
    for (const r of results) {
      if (r.ok || (r.error.kind === 'Cancelled' && sigint.interrupted())) continue;
      failed = true;
      this.errLine(`error: ${clusterErrorText(r.error)}`);
    }
    if (sigint.interrupted()) this.exit(EXIT_INTERRUPTED);
    this.exit(failed && !flags['ignore-failures'] ? EXIT_FAILURE : EXIT_OK);
  }
}

function checkCells(r: ClusterResult<HealthProbe> | undefined): string[] {
  if (!r) return ['', '', '', ''];
  if (!r.ok) return [r.error.kind, '', '', ''];
  const h = r.value;
  const nodes = h.nodesTotal === undefined ? '' : `${h.nodesReady ?? 0}/${h.nodesTotal}`;
  return ['ok', escapeTerminal(h.version ?? ''), `${h.latencyMs}ms`, nodes];
}

function toJson(
  c: ContextInfo,
  current: string | undefined,
  r: ClusterResult<HealthProbe> | undefined,
): ContextJson {
  const out: ContextJson = {
    current: c.name === current,
    name: c.name,
    cluster: c.cluster,
    server: c.server ?? null,
    user: c.user,
    namespace: c.namespace ?? null,
  };
  if (r) {
    out.check = r.ok
      ? {
          status: 'ok',
          ...(r.value.version ? { version: r.value.version } : {}),
          latencyMs: r.value.latencyMs,
          ...(r.value.nodesTotal !== undefined
            ? { nodesReady: r.value.nodesReady ?? 0, nodesTotal: r.value.nodesTotal }
            : {}),
        }
      : { status: r.error.kind, error: r.error.message };
  }
  return out;
}
