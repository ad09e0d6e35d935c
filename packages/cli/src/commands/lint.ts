import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Flags } from '@oclif/core';
import { McError } from '@kubectl-mc/core/errors';
import { escapeJsonText, escapeTerminal } from '@kubectl-mc/core/util';
import {
  LINT_CONFIG_NAME,
  lintWorkspace,
  rules,
  STDIN_PATH,
  toJsonReport,
  toSarif,
  WorkspaceError,
  type Diagnostic,
  type FileDocuments,
} from '@kubectl-mc/core/topology';
import { BaseCommand, EXIT_FAILURE } from '../lib/base.js';
import { colorizer } from '../lib/color.js';
import { writeText } from '../lib/stdout.js';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countOf(ds: Diagnostic[]): Counts {
  return {
    errors: ds.filter((d) => d.severity === 'error').length,
    warnings: ds.filter((d) => d.severity === 'warning').length,
    infos: ds.filter((d) => d.severity === 'info').length,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `file:line:col  severity  message  [rule]`, grouped by file, then a summary line; then, when some
 * files held nothing the linter reads (and no finding), how many (with `verbose`, which ones): a clean
 * result over files that were never understood must not look like a pass.
 */
export function formatText(
  ds: Diagnostic[],
  documents: readonly FileDocuments[],
  color: ReturnType<typeof colorizer>,
  verbose = false,
): string {
  const fileCount = documents.length;
  const read = documents.reduce((n, f) => n + f.documents, 0);
  const lines: string[] = [];
  let last: string | undefined;
  for (const d of ds) {
    if (last !== undefined && d.file !== last) lines.push('');
    last = d.file;
    const sev =
      d.severity === 'error'
        ? color('red', 'error  ')
        : d.severity === 'warning'
          ? color('yellow', 'warning')
          : color('cyan', 'info   ');
    const where = `${escapeTerminal(d.file)}:${d.range.start.line}:${d.range.start.column}`;
    lines.push(`${where}  ${sev}  ${escapeTerminal(d.message)}  ${color('dim', `[${d.rule}]`)}`);
  }
  const c = countOf(ds);
  if (ds.length === 0) {
    const summary = `✔ no problems (${plural(fileCount, 'file')} linted, ${plural(read, 'document')} read)`;
    lines.push(read > 0 ? color('green', summary) : color('yellow', summary));
  } else {
    if (lines.length > 0) lines.push('');
    const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
    if (c.infos > 0) parts.push(`${c.infos} info`);
    const summary = `✖ ${plural(ds.length, 'problem')} (${parts.join(', ')})`;
    lines.push(c.errors > 0 ? color('red', color('bold', summary)) : color('yellow', color('bold', summary)));
  }
  const withFindings = new Set(ds.map((d) => d.file));
  const unread = documents.filter((f) => f.documents === 0 && !withFindings.has(f.file));
  if (unread.length > 0) {
    lines.push(
      color(
        'dim',
        `${plural(unread.length, 'file')} held no document the linter reads (topology, pipeline, networking, KubeFed, Istio, CoreDNS, Prometheus)${verbose ? ':' : '; -v lists them'}`,
      ),
    );
    if (verbose) for (const f of unread) lines.push(`  ${escapeTerminal(f.file)}`);
  }
  return lines.join('\n') + '\n';
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer | string>)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return new Uint8Array(Buffer.concat(chunks));
}

export default class Lint extends BaseCommand {
  static override boundsProcessMemory = false;
  static override summary =
    'Lint multi-cluster architecture YAML: topology, pipelines, networking, KubeFed, Istio, CoreDNS, Prometheus.';
  static override description = `Reads the given files and directories (recursively: *.yaml and *.yml, skipping node_modules and dot-directories; "-" reads standard input) and lints them together, so cluster references resolve across files.

Helm charts' templates/ and charts/ are skipped in directory walks (they are Go templates). A .kubectl-mc.yaml in the current directory or at the git root (or --config FILE) sets rule severities: "rules: {production-ha: error, stateful-backup: off}". A "# kubectl-mc-disable-next-line <rule>[, <rule>]" comment silences the next line.

Exit status: 0 without errors, 1 with errors (or more warnings than --max-warnings), 2 for usage errors and unreadable paths.`;
  static override strict = false;
  static override usage =
    'lint [PATH...] [-o text|json|sarif] [--config FILE] [--max-warnings N] [--check-contexts]';
  static override examples = [
    { description: 'Lint every YAML file below the current directory', command: '<%= config.bin %> lint' },
    {
      description: 'Lint two files together, as JSON',
      command: '<%= config.bin %> lint topology.yaml pipeline.yaml -o json',
    },
    {
      description: 'SARIF for code scanning, failing on any warning',
      command: '<%= config.bin %> lint infra/ -o sarif --max-warnings 0 > lint.sarif',
    },
    {
      description: 'Check that every declared cluster has a kubeconfig context',
      command: '<%= config.bin %> lint infra/ --check-contexts',
    },
    { description: 'Lint standard input', command: 'cat topology.yaml | <%= config.bin %> lint -' },
  ];
  static override flags = {
    output: Flags.string({
      char: 'o',
      description: 'Output format.',
      options: ['text', 'json', 'sarif'],
      default: 'text',
    }),
    config: Flags.string({
      description: `Lint configuration file (default: ${LINT_CONFIG_NAME} in the current directory or at the git root).`,
    }),
    'max-warnings': Flags.integer({
      description: 'Exit 1 when there are more warnings than this (default: warnings never fail).',
      min: 0,
    }),
    'check-contexts': Flags.boolean({
      description:
        'Report declared clusters whose kubeconfig context is missing (reads $KUBECONFIG or ~/.kube/config).',
      default: false,
    }),
    kubeconfig: Flags.string({
      description: 'Kubeconfig to check cluster contexts against (implies --check-contexts).',
    }),
    verbose: Flags.boolean({
      char: 'v',
      description: 'Also list the files that held no document the linter reads.',
      default: false,
    }),
    'list-rules': Flags.boolean({
      description: 'Print the rules (id, default severity, description) and exit.',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Lint);
    const output = flags.output as 'text' | 'json' | 'sarif';

    if (flags['list-rules']) {
      if (output === 'json') {
        await writeText(
          JSON.stringify(
            {
              rules: rules.map((r) => ({
                id: r.id,
                severity: r.severity,
                description: r.description,
                docs: r.docs,
              })),
            },
            null,
            2,
          ) + '\n',
        );
      } else {
        const w = Math.max(...rules.map((r) => r.id.length));
        await writeText(
          rules.map((r) => `${r.id.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.description}`).join('\n') + '\n',
        );
      }
      return;
    }

    const cwd = process.cwd();
    const paths = (argv as string[]).length > 0 ? (argv as string[]) : ['.'];
    for (const p of paths) {
      if (p.startsWith('-') && p !== '-') throw new McError('USAGE', `unknown flag ${p}`);
    }

    // Kubeconfig contexts.
    let contexts: string[] | undefined;
    if (flags['check-contexts'] || flags.kubeconfig) {
      try {
        // Loaded only here: most runs read no kubeconfig (start-up memory, issue 21).
        const { loadKubeconfig } = await import('@kubectl-mc/core/kubeconfig');
        const loaded = loadKubeconfig(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {});
        for (const w of loaded.warnings) this.errLine(`warning: ${escapeTerminal(w)}`);
        contexts = loaded.contexts.map((c) => c.name);
      } catch (e) {
        throw new WorkspaceError(`cannot read kubeconfig: ${e instanceof Error ? e.message : String(e)}`);
      }
    }

    // The config lookup, the directory walk and the lint are core's, shared with the editor.
    const { files, diagnostics, documents } = await lintWorkspace(
      {
        cwd,
        paths,
        ...(flags.config ? { configFile: flags.config } : {}),
        stdin: readStdin,
      },
      contexts ? { contexts } : {},
    );
    if (files.length === 0) throw new WorkspaceError(`no YAML files found in ${paths.join(', ')}`);

    if (output === 'json') {
      await writeText(escapeJsonText(JSON.stringify(toJsonReport(diagnostics), null, 2)) + '\n');
    } else if (output === 'sarif') {
      const uriOf = (f: string) =>
        f === STDIN_PATH
          ? 'stdin'
          : isAbsolute(f)
            ? pathToFileURL(f).href
            : encodeURI(f).replace(/[#?]/g, encodeURIComponent);
      await writeText(
        escapeJsonText(
          JSON.stringify(toSarif(diagnostics, rules, { toolVersion: this.config.version, uriOf }), null, 2),
        ) + '\n',
      );
    } else {
      await writeText(formatText(diagnostics, documents, colorizer(process.stdout), flags.verbose));
    }

    const c = countOf(diagnostics);
    const tooManyWarnings = flags['max-warnings'] !== undefined && c.warnings > flags['max-warnings'];
    if (c.errors > 0 || tooManyWarnings) {
      if (tooManyWarnings && c.errors === 0 && output === 'text') {
        this.errLine(
          `error: ${plural(c.warnings, 'warning')}, more than --max-warnings ${flags['max-warnings']}`,
        );
      }
      this.exit(EXIT_FAILURE);
    }
  }
}
