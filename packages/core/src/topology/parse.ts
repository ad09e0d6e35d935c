/**
 * Parsing: bytes/text → YAML documents with positions → classified `SourceDoc`s, plus syntax problems.
 * Bounded: oversize files, invalid UTF-8, binary content, alias bombs and deep nesting become problems,
 * never exceptions or hangs.
 */
import { LineCounter, parseAllDocuments, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import type { DocKind, LintFile, Range, Severity, SourceDoc } from './types.js';
import { deepestLine, depthExceeds } from './depth.js';
import { fastParseAll } from './fast-yaml.js';
import { explainNotYaml } from './not-yaml.js';
import { offsetsToRange, resolveMergeKeys } from './yaml-util.js';

// Architecture files are kilobytes; 4 MiB keeps the worst case (a 10 MB file) a quick diagnostic.
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Deeper documents are not linted (guards every recursive walk, ours and the library's). */
export const MAX_DEPTH = 200;
export const MAX_ALIAS_COUNT = 100;
/** At most this many syntax problems per file (binary garbage yields thousands). */
const MAX_PROBLEMS_PER_FILE = 20;

export interface SyntaxProblem {
  file: string;
  range: Range;
  message: string;
  severity: Severity;
}

export interface ParsedFile {
  path: string;
  text: string;
  lineCounter: LineCounter;
  docs: SourceDoc[];
  problems: SyntaxProblem[];
  /** line (1-based) → rule ids disabled on it (`'*'` = all). */
  disabled: Map<number, Set<string>>;
}

const START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/** The kind of a document from its shape; undefined for documents the linter does not read. */
export function classifyDocument(value: unknown): DocKind | undefined {
  if (!isPlainObject(value)) return undefined;
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : '';
  const kind = typeof value.kind === 'string' ? value.kind : '';
  // A Kubernetes-style object (kind's `Cluster`, a ConfigMap, …) is read by apiVersion and kind alone,
  // whatever root keys it has: a kind cluster config's `networking:` is not ours.
  if (kind !== '' && (apiVersion !== '' || kind === 'ConfigMap'))
    return classifyObject(apiVersion, kind, value);
  // By root key alone, so that `topology: []` or an empty `pipeline:` is reported by the schema rule
  // instead of being skipped as "not ours".
  if ('topology' in value) return 'topology';
  if ('pipeline' in value) return 'pipeline';
  if ('networking' in value) return 'networking';
  if ('scrape_configs' in value) return 'prometheus';
  return undefined;
}

/** The API groups of KubeFed's federated types: the current one, and the one before v0.1 (`k8s.io`). */
export const KUBEFED_GROUP = 'types.kubefed.io';
export const KUBEFED_LEGACY_GROUP = 'types.kubefed.k8s.io';

function classifyObject(
  apiVersion: string,
  kind: string,
  value: Record<string, unknown>,
): DocKind | undefined {
  const group = apiVersion.split('/')[0];
  if ((group === KUBEFED_GROUP || group === KUBEFED_LEGACY_GROUP) && kind.startsWith('Federated'))
    return 'kubefed';
  if (group === 'install.istio.io' && kind === 'IstioOperator') return 'istio-operator';
  if (group === 'networking.istio.io' && kind === 'Gateway') return 'istio-gateway';
  if (group === 'networking.istio.io' && kind === 'ServiceEntry') return 'istio-service-entry';
  if (kind === 'ConfigMap' && isPlainObject(value.data)) {
    const keys = Object.keys(value.data);
    if (keys.some((k) => k.endsWith('.server') || k === 'Corefile')) return 'coredns';
    if (keys.some(isPrometheusConfigKey)) return 'prometheus';
  }
  return undefined;
}

/** A ConfigMap key holding a Prometheus configuration (`prometheus.yml`, as Istio's addon names it). */
export function isPrometheusConfigKey(key: string): boolean {
  return /^prometheus\.ya?ml$/.test(key);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The plain value at `path` below `v`, through plain objects only; undefined where the path breaks. */
export function plainAt(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const key of path) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Decode bytes as strict UTF-8; undefined offset when valid. */
function decode(bytes: Uint8Array): { text: string } | { badOffset: number } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Find the first bad byte for the message.
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i]!;
      const n =
        b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
      if (n === 0) return { badOffset: i };
      for (let k = 1; k < n; k++) {
        const c = bytes[i + k];
        if (c === undefined || (c & 0xc0) !== 0x80) return { badOffset: i };
      }
      i += n;
    }
    return { badOffset: i };
  }
}

const DISABLE_RE = /#\s*kubectl-mc-disable-next-line\b(.*)$/;

function scanDisableComments(text: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (!text.includes('kubectl-mc-disable-next-line')) return out;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const m = DISABLE_RE.exec(line);
    if (!m) return;
    const ids = (m[1] ?? '')
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && !s.startsWith('--'));
    const set = out.get(i + 2) ?? new Set<string>();
    if (ids.length === 0) set.add('*');
    for (const id of ids) set.add(id);
    out.set(i + 2, set);
  });
  return out;
}

function firstControlChar(text: string): number {
  // YAML allows tab, LF, CR and printable characters; NUL and friends mean binary content.
  // eslint-disable-next-line no-control-regex
  const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/.exec(text);
  return m ? m.index : -1;
}

export function parseFile(file: LintFile, maxBytes = DEFAULT_MAX_FILE_BYTES): ParsedFile {
  const path = file.path;
  const problems: SyntaxProblem[] = [];
  let lineCounter = new LineCounter();
  const empty = (text: string): ParsedFile => ({
    path,
    text,
    lineCounter,
    docs: [],
    problems,
    disabled: new Map(),
  });
  const size = typeof file.text === 'string' ? file.text.length : file.text.byteLength;
  if (size > maxBytes) {
    problems.push({
      file: path,
      range: START,
      severity: 'error',
      message: `file is too large to lint (${(size / 1048576).toFixed(1)} MiB; the limit is ${(maxBytes / 1048576).toFixed(1)} MiB)`,
    });
    return empty('');
  }
  let text: string;
  if (typeof file.text === 'string') {
    text = file.text;
  } else {
    const d = decode(file.text);
    if ('badOffset' in d) {
      problems.push({
        file: path,
        range: bytePosition(file.text, d.badOffset),
        severity: 'error',
        message: `file is not valid UTF-8 (invalid byte at offset ${d.badOffset})`,
      });
      return empty('');
    }
    text = d.text;
  }
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // BOM: keep offsets, drop the mark.
  const ctl = firstControlChar(text);
  if (ctl >= 0) {
    // Compute the position without a LineCounter pass over garbage.
    const before = text.slice(0, ctl);
    const line = before.split('\n').length;
    const column = ctl - before.lastIndexOf('\n');
    const code = text.charCodeAt(ctl).toString(16).padStart(4, '0').toUpperCase();
    problems.push({
      file: path,
      range: { start: { line, column }, end: { line, column: column + 1 } },
      severity: 'error',
      message: `file contains the control character U+${code}; binary content is not YAML`,
    });
    return empty(text);
  }

  const options = {
    uniqueKeys: false,
    prettyErrors: false,
    // `<<: *defaults` is how real Prometheus configs share job settings; the library warns on stderr
    // (collection keys) unless told not to: problems are ours to report.
    merge: true,
    logLevel: 'error',
    keepSourceTokens: false,
  } as const;
  let parsed: Document.Parsed[];
  let values: unknown[] | undefined;
  let viaYaml: Set<number> | undefined;
  // Plain block YAML (most large files) is read without `yaml`'s lexer and CST, into the same nodes. It
  // reads nothing nested deeper than FAST_MAX_DEPTH (< MAX_DEPTH), nor anything the depth guards below
  // would count deeper (see fast-yaml.ts), so they are for what `yaml` reads: the whole file, or the
  // documents the fast reader left to it (`viaYaml`, pre-scanned there).
  const fast = fastParseAll(text, options);
  if (fast) {
    parsed = fast.docs;
    values = fast.values;
    viaYaml = fast.viaYaml;
    lineCounter = fast.lineCounter;
  } else {
    const deep = deepestLine(text, MAX_DEPTH);
    if (deep !== undefined) {
      problems.push({
        file: path,
        range: { start: { line: deep, column: 1 }, end: { line: deep, column: 1 } },
        severity: 'error',
        message: `YAML is nested deeper than ${MAX_DEPTH} levels; not linted`,
      });
      return empty(text);
    }
    try {
      parsed = Array.from(parseAllDocuments(text, { ...options, lineCounter }));
    } catch (e) {
      problems.push({
        file: path,
        range: START,
        severity: 'error',
        message: `YAML could not be parsed: ${e instanceof RangeError ? 'nesting too deep' : String((e as Error)?.message ?? e)}`,
      });
      return empty(text);
    }
  }
  const docs: SourceDoc[] = [];
  const hasMergeKeys = text.includes('<<'); // once: a per-document scan of a big file is quadratic
  const push = (p: SyntaxProblem) => {
    if (problems.length < MAX_PROBLEMS_PER_FILE) problems.push(p);
  };
  parsed.forEach((doc, index) => {
    for (const err of doc.errors) {
      push({
        file: path,
        range: offsetsToRange(lineCounter, err.pos[0], Math.max(err.pos[1], err.pos[0] + 1)),
        severity: 'error',
        message: firstLine(err.message),
      });
    }
    for (const w of doc.warnings) {
      push({
        file: path,
        range: offsetsToRange(lineCounter, w.pos[0], Math.max(w.pos[1], w.pos[0] + 1)),
        severity: 'warning',
        message: firstLine(w.message),
      });
    }
    if (doc.errors.length > 0) return; // a broken document is reported, not linted
    const read = values !== undefined && !viaYaml!.has(index); // by the fast reader, value and all
    if (!read && depthExceeds(doc.contents, MAX_DEPTH)) {
      const r = (doc.contents as Node | null)?.range;
      push({
        file: path,
        range: r ? offsetsToRange(lineCounter, r[0], r[0] + 1) : START,
        severity: 'error',
        message: `document is nested deeper than ${MAX_DEPTH} levels; not linted`,
      });
      return;
    }
    let value: unknown;
    try {
      value = read ? values![index] : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const r =
        (e instanceof ReferenceError ? expandingAlias(doc) : undefined) ??
        (doc.contents as Node | null)?.range;
      push({
        file: path,
        range: r ? offsetsToRange(lineCounter, r[0], Math.max(r[0] + 1, r[1])) : START,
        severity: 'error',
        message:
          e instanceof ReferenceError
            ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}); a YAML bomb is not linted`
            : `document could not be read: ${firstLine(String((e as Error)?.message ?? e))}`,
      });
      return;
    }
    const kind = classifyDocument(value);
    if (!kind) return;
    if (hasMergeKeys && !read) resolveMergeKeys(doc);
    docs.push({ file: path, index, kind, doc, lineCounter, value, text });
  });
  explainNotYaml(path, text, problems, docs.length);
  return { path, text, lineCounter, docs, problems, disabled: scanDisableComments(text) };
}

/** The 1-based line and column of a byte offset (columns in bytes: the text is not decodable). */
function bytePosition(bytes: Uint8Array, offset: number): Range {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = offset - lineStart + 1;
  return { start: { line, column }, end: { line, column: column + 1 } };
}

/**
 * Where an alias bomb starts: the first alias whose anchor itself holds aliases (expansion multiplies
 * from there on). Undefined when there is none.
 */
function expandingAlias(doc: Document.Parsed): [number, number] | undefined {
  let found: [number, number] | undefined;
  visit(doc, {
    Alias(_, alias) {
      const target = alias.resolve(doc);
      if (!target) return;
      let nested = false;
      visit(target, { Alias: () => ((nested = true), visit.BREAK) });
      if (nested && alias.range) {
        found = [alias.range[0], alias.range[1]];
        return visit.BREAK;
      }
    },
  });
  return found;
}

function firstLine(s: string): string {
  if (s.includes('Maximum call stack size exceeded')) return `YAML is nested too deeply to read`;
  const l = s.split('\n')[0] ?? s;
  return l.replace(/ at line \d+, column \d+:?$/, '').trim();
}
