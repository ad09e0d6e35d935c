/** Machine-readable renderings of diagnostics: the JSON report and SARIF 2.1.0. */
import type { Diagnostic, Rule } from './types.js';

export interface JsonReport {
  diagnostics: Pick<Diagnostic, 'rule' | 'severity' | 'message' | 'file' | 'range'>[];
}

export function toJsonReport(diagnostics: Diagnostic[]): JsonReport {
  return {
    diagnostics: diagnostics.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      file: d.file,
      range: d.range,
      ...(d.related ? { related: d.related } : {}),
      ...(d.fix ? { fix: d.fix } : {}),
    })),
  };
}

export interface SarifOptions {
  toolVersion?: string;
  /** Base for rule `helpUri`s (docs pages are `<base>/<docs path>`). */
  helpBase?: string;
  /** Turns a diagnostic's file into the artifact URI (default: relative paths with `/`). */
  uriOf?: (file: string) => string;
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

const INTERNAL_RULE: Rule = {
  id: 'rule-error',
  severity: 'error',
  description: 'A rule failed internally while linting; please report it.',
  docs: 'docs/rules/README.md',
  check() {},
};

function defaultUri(file: string): string {
  const f = file.replace(/\\/g, '/');
  return encodeURI(f).replace(/#/g, '%23').replace(/\?/g, '%3F');
}

/** A SARIF 2.1.0 log with one run: every rule in `tool.driver.rules`, results pointing at them by index. */
export function toSarif(diagnostics: Diagnostic[], rules: Rule[], opts: SarifOptions = {}): object {
  const helpBase = (opts.helpBase ?? 'https://github.com/kubectl-mc/kubectl-mc/blob/main').replace(/\/$/, '');
  const uriOf = opts.uriOf ?? defaultUri;
  const all = [...rules];
  if (diagnostics.some((d) => d.rule === 'rule-error') && !all.some((r) => r.id === 'rule-error'))
    all.push(INTERNAL_RULE);
  const index = new Map(all.map((r, i) => [r.id, i]));
  const region = (r: Diagnostic['range']) => ({
    startLine: r.start.line,
    startColumn: r.start.column,
    endLine: r.end.line,
    endColumn: Math.max(r.end.column, r.end.line === r.start.line ? r.start.column : 1),
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubectl-mc lint',
            informationUri: `${helpBase}/docs/commands/lint.md`,
            ...(opts.toolVersion ? { version: opts.toolVersion } : {}),
            rules: all.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              helpUri: `${helpBase}/${r.docs}`,
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        // Columns count UTF-16 code units, as JavaScript strings (and editors such as VS Code) do.
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((d) => {
          const ruleIndex = index.get(d.rule);
          return {
            ruleId: d.rule,
            ...(ruleIndex !== undefined ? { ruleIndex } : {}),
            level: LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uriOf(d.file) },
                  region: region(d.range),
                },
              },
            ],
            ...(d.related
              ? {
                  relatedLocations: d.related.map((r, i) => ({
                    id: i,
                    message: { text: r.message },
                    physicalLocation: { artifactLocation: { uri: uriOf(r.file) }, region: region(r.range) },
                  })),
                }
              : {}),
            ...(d.fix
              ? {
                  fixes: [
                    {
                      description: { text: d.fix.title },
                      artifactChanges: groupEdits(d.fix.edits).map(([file, edits]) => ({
                        artifactLocation: { uri: uriOf(file) },
                        replacements: edits.map((e) => ({
                          deletedRegion: region(e.range),
                          insertedContent: { text: e.newText },
                        })),
                      })),
                    },
                  ],
                }
              : {}),
          };
        }),
      },
    ],
  };
}

function groupEdits<T extends { file: string }>(edits: T[]): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const e of edits) m.set(e.file, [...(m.get(e.file) ?? []), e]);
  return [...m.entries()];
}
