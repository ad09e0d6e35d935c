/**
 * Files that are not YAML but something the linter recognises (a Go template, a raw Corefile): the
 * YAML parser's cascade of errors is replaced by one finding that says what the file is.
 */
import type { Range, Severity } from './types.js';

/** A syntax problem of parse.ts (declared here too: parse.ts imports this file). */
interface SyntaxProblem {
  file: string;
  range: Range;
  message: string;
  severity: Severity;
}

/**
 * Replace the syntax problems of a file whose shape is known: a Go template (whatever else it holds),
 * or a raw Corefile (a file none of whose documents was read).
 */
export function explainNotYaml(
  path: string,
  text: string,
  problems: SyntaxProblem[],
  docsRead: number,
): void {
  const templateLine = problems.some((p) => p.severity === 'error') ? goTemplateLine(text) : 0;
  if (templateLine > 0) {
    // A Go template (Helm, Istio's test data) is not YAML until rendered: one finding, not a cascade.
    problems.length = 0;
    problems.push({
      file: path,
      range: { start: { line: templateLine, column: 1 }, end: { line: templateLine, column: 1 } },
      severity: 'error',
      message:
        'this looks like a Go template ({{ … }}), which is not YAML until rendered; lint the rendered output instead (e.g. helm template … | kubectl mc lint -)',
    });
  }
  const corefileLine =
    docsRead === 0 && problems.some((p) => p.severity === 'error') ? corefileStart(text) : 0;
  if (corefileLine > 0) {
    // YAML's complaints about a Corefile are noise: say what the file is and where it belongs.
    problems.length = 0;
    problems.push({
      file: path,
      range: { start: { line: corefileLine, column: 1 }, end: { line: corefileLine, column: 1 } },
      severity: 'error',
      message:
        'this looks like a raw CoreDNS Corefile, not YAML; the linter reads a Corefile inside a ConfigMap (data: {Corefile: |, then the Corefile indented below it}), as Kubernetes deploys it',
    });
  }
}

/** The first line holding a Go template action (`{{ … }}` with a keyword, variable or pipeline), or 0. */
export function goTemplateLine(text: string): number {
  const m = /\{\{-?\s*(?:[$.]|(?:range|if|else|end|with|define|template|include|toYaml)\b)[^}\n]*\}\}/.exec(
    text,
  );
  return m ? text.slice(0, m.index).split('\n').length : 0;
}

/**
 * A Corefile's shape: its first line (comments aside) opens a server block (`.:53 {`), and a later line
 * is a lone `}`. Returns that first line's number, or 0.
 */
export function corefileStart(text: string): number {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/(^|\s)#.*$/, '').trim());
  const first = lines.findIndex((l) => l !== '');
  if (first < 0 || !/^[^\s:{}][^{}]*\{$/.test(lines[first]!)) return 0;
  return lines.slice(first + 1).includes('}') ? first + 1 : 0;
}
