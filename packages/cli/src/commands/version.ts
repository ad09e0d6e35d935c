import { Flags } from '@oclif/core';
import { UsageError, type ClusterErrorKind } from '@kubectl-mc/core/errors';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { closeAllConnections, getConnection } from '@kubectl-mc/core/transport';
import { ClusterApi } from '@kubectl-mc/core/api';
import type { ClusterResult } from '@kubectl-mc/core/fanout';
import {
  clientSkewWarning,
  fleetSkewWarning,
  serverVersion,
  TARGET_KUBERNETES_VERSION,
  versionSkew,
  type VersionInfo,
} from '@kubectl-mc/core/fleet';
import { formatJson, formatTable, formatYaml } from '@kubectl-mc/core/render';
import { BaseCommand, EXIT_FAILURE, EXIT_OK } from '../lib/base.js';
import { clusterFlags, kubeconfigFlags, selectionFromFlags, selectionWarnings } from '../lib/flags.js';
import { startRequestLog, verboseFlags } from '../lib/verbose.js';
import { clusterErrorText, EXIT_INTERRUPTED, fanOutWithProgress, interruptOnSigint } from '../lib/fleet.js';
import { kubectlClientVersion } from '../lib/kubectl-client.js';

interface VersionJson {
  kubectlMcVersion: string;
  clientVersion: VersionInfo;
  /** `kubectl`: the kubectl on PATH; `target`: none was found, the Kubernetes version kubectl-mc targets. */
  clientVersionSource: 'kubectl' | 'target';
  clusters?: Array<
    | { context: string; serverVersion: VersionInfo }
    | { context: string; error: { kind: ClusterErrorKind; message: string } }
  >;
  warnings?: string[];
}

export default class Version extends BaseCommand {
  static override summary = 'Print the client version and the server version of every selected cluster.';
  static override description = `The client (kubectl-mc's own version and the kubectl client version), then one row per selected cluster:
CLUSTER, SERVER VERSION (the API server's gitVersion), PLATFORM and GO VERSION. The client version is
that of the kubectl on PATH ("kubectl version --client"); without one, the Kubernetes version kubectl-mc
targets (${TARGET_KUBERNETES_VERSION.gitVersion ?? ''}) stands in. A warning on stderr names every cluster outside kubectl's supported
version skew (one minor older or newer than the client), and the oldest and newest clusters when they are
more than one minor apart. -o json|yaml prints {kubectlMcVersion, clientVersion, clusters: [{context,
serverVersion}]}. Clusters that fail are named on stderr; the exit code is 1 when any failed.`;
  static override examples = [
    '<%= config.bin %> version --all-clusters',
    '<%= config.bin %> version --clusters "*-prod" -o json',
    '<%= config.bin %> version --client',
  ];
  static override flags = {
    client: Flags.boolean({
      description: 'Print the client version only (no cluster is asked).',
      default: false,
    }),
    output: Flags.string({ char: 'o', description: 'Output format: json or yaml.' }),
    ...kubeconfigFlags,
    ...clusterFlags,
    ...verboseFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Version);
    startRequestLog(flags.v);
    const output = flags.output;
    if (output !== undefined && output !== 'json' && output !== 'yaml') {
      throw new UsageError(`--output must be 'yaml' or 'json'`);
    }
    const kubectl = await kubectlClientVersion();
    const client = kubectl ?? TARGET_KUBERNETES_VERSION;
    const doc: VersionJson = {
      kubectlMcVersion: this.config.version,
      clientVersion: client,
      clientVersionSource: kubectl ? 'kubectl' : 'target',
    };

    let results: ClusterResult<VersionInfo>[] = [];
    let interrupted = false;
    if (!flags.client) {
      const sel = await selectionFromFlags(flags);
      for (const w of selectionWarnings(sel)) this.errLine(`warning: ${escapeTerminal(w)}`);
      const sigint = interruptOnSigint();
      try {
        results = await fanOutWithProgress(
          sel,
          async (ctx, signal) => serverVersion(new ClusterApi(await getConnection(sel.loaded, ctx)), signal),
          sigint.signal,
        );
      } finally {
        interrupted = sigint.interrupted();
        sigint.dispose();
        closeAllConnections();
      }
      doc.clusters = results.map((r) =>
        r.ok
          ? { context: r.context, serverVersion: r.value }
          : { context: r.context, error: { kind: r.error.kind, message: r.error.message } },
      );
    }

    const skew = versionSkew(client, results);
    const warnings = [
      ...skew.client.map(clientSkewWarning),
      ...(skew.fleet ? [fleetSkewWarning(skew.fleet)] : []),
    ];
    if (!flags.client) doc.warnings = warnings;

    if (output === 'json') process.stdout.write(formatJson(doc));
    else if (output === 'yaml') process.stdout.write(formatYaml(doc));
    else process.stdout.write(versionText(doc, results, flags.client));

    let failed = false;
    for (const r of results) {
      if (r.ok || (r.error.kind === 'Cancelled' && interrupted)) continue;
      failed = true;
      this.errLine(`error: ${clusterErrorText(r.error)}`);
    }
    for (const w of warnings) this.errLine(`warning: ${escapeTerminal(w)}`);
    if (interrupted) this.exit(EXIT_INTERRUPTED);
    this.exit(failed ? EXIT_FAILURE : EXIT_OK);
  }
}

/** The client lines, then one row per cluster that answered. */
export function versionText(
  doc: Pick<VersionJson, 'kubectlMcVersion' | 'clientVersion' | 'clientVersionSource'>,
  results: readonly ClusterResult<VersionInfo>[],
  clientOnly: boolean,
): string {
  const source =
    doc.clientVersionSource === 'kubectl' ? '' : ' (no kubectl on PATH: the version kubectl-mc targets)';
  let text = `kubectl-mc Version: v${doc.kubectlMcVersion.replace(/^v/, '')}\n`;
  text += `Client Version: ${escapeTerminal(doc.clientVersion.gitVersion ?? '')}${source}\n`;
  if (clientOnly) return text;
  const rows = results.flatMap((r) =>
    r.ok
      ? [
          [r.context, r.value.gitVersion ?? '', r.value.platform ?? '', r.value.goVersion ?? ''].map((c) =>
            escapeTerminal(c),
          ),
        ]
      : [],
  );
  if (rows.length > 0) {
    text += formatTable({ headers: ['CLUSTER', 'SERVER VERSION', 'PLATFORM', 'GO VERSION'], rows });
  }
  return text;
}
