/**
 * One kubeconfig file: read (bounded, with a clear error), parsed with positions, and its named entries'
 * paths resolved against the file's directory, as kubectl resolves them. Merging is load.ts's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { KubeconfigError } from '../errors.js';
import { oneLine, q } from '../util/text.js';
import { fastParseYaml } from './fast-yaml.js';

export type Section = 'clusters' | 'users' | 'contexts';

/** One named entry of one file, with its paths already resolved against that file's directory. */
export interface RawEntry {
  name: string;
  body: Record<string, unknown>;
  file: string;
  line: number;
}

export interface ParsedFile {
  file: string;
  currentContext?: string;
  clusters: RawEntry[];
  users: RawEntry[];
  contexts: RawEntry[];
}

export const SINGULAR: Record<Section, string> = { clusters: 'cluster', users: 'user', contexts: 'context' };

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** kubectl resolves file references relative to the file that holds them. */
function resolvePath(dir: string, p: unknown): unknown {
  if (typeof p !== 'string' || p.length === 0 || path.isAbsolute(p)) return p;
  return path.resolve(dir, p);
}

function resolveEntryPaths(
  section: Section,
  body: Record<string, unknown>,
  dir: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  if (section === 'clusters') {
    out['certificate-authority'] = resolvePath(dir, out['certificate-authority']);
  } else if (section === 'users') {
    for (const k of ['client-certificate', 'client-key', 'tokenFile']) out[k] = resolvePath(dir, out[k]);
    const exec = out['exec'];
    if (isRecord(exec) && typeof exec['command'] === 'string') {
      const cmd = exec['command'];
      // Like client-go: a command with a path separator is a path relative to the kubeconfig;
      // a bare name is looked up on PATH.
      if (!path.isAbsolute(cmd) && (cmd.includes('/') || cmd.includes(path.sep))) {
        out['exec'] = { ...exec, command: path.resolve(dir, cmd) };
      }
    }
    const ap = out['auth-provider'];
    if (isRecord(ap) && isRecord(ap['config'])) {
      const cfg = { ...ap['config'] };
      if (typeof cfg['idp-certificate-authority'] === 'string') {
        cfg['idp-certificate-authority'] = resolvePath(dir, cfg['idp-certificate-authority']);
      }
      out['auth-provider'] = { ...ap, config: cfg };
    }
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/**
 * The file from the fast parser (./fast-yaml.ts), when it is in its subset and well-formed; undefined
 * otherwise, so that `yaml` parses it and reports any problem with its own positions and words.
 */
function parseFast(file: string, text: string): ParsedFile | undefined {
  const doc = fastParseYaml(text);
  if (!doc || !isRecord(doc.value)) return undefined;
  const root = doc.value;
  const parsed: ParsedFile = { file, clusters: [], users: [], contexts: [] };
  const cc = root['current-context'];
  if (typeof cc === 'string' && cc.length > 0) parsed.currentContext = cc;
  const dir = path.dirname(file);
  for (const section of ['clusters', 'users', 'contexts'] as const) {
    const items = root[section];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) return undefined;
    const seen = new Set<string>();
    for (const value of items) {
      const line = isRecord(value) ? doc.itemLines.get(value) : undefined;
      if (!isRecord(value) || line === undefined) return undefined;
      const name = value['name'];
      if (typeof name !== 'string' || name.length === 0 || seen.has(name)) return undefined;
      seen.add(name);
      const inner = value[SINGULAR[section]];
      if (inner !== undefined && inner !== null && !isRecord(inner)) return undefined;
      const body = resolveEntryPaths(section, isRecord(inner) ? inner : {}, dir);
      parsed[section].push({ name, body, file, line });
    }
  }
  return parsed;
}

export function parseFile(file: string, text: string): ParsedFile {
  const fast = parseFast(file, text);
  if (fast) return fast;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const lineOf = (offset: number | undefined): number =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = lineCounter.linePos(firstError.pos[0]);
    // The yaml message without pretty context: it never quotes the source line (which may hold a token).
    throw new KubeconfigError(
      `malformed kubeconfig ${file}:${pos.line}:${pos.col}: ${oneLine(firstError.message.replace(/ at line \d+, column \d+.*$/s, ''))}`,
    );
  }
  const parsed: ParsedFile = { file, clusters: [], users: [], contexts: [] };
  const root = doc.contents;
  if (root === null || root === undefined) return parsed; // an empty file is an empty config
  if (!isMap(root)) {
    throw new KubeconfigError(
      `malformed kubeconfig ${file}:${lineOf(root.range?.[0])}: expected a mapping at the top level`,
    );
  }
  const dir = path.dirname(file);
  const cc: unknown = root.get('current-context');
  if (typeof cc === 'string' && cc.length > 0) parsed.currentContext = cc;
  for (const section of ['clusters', 'users', 'contexts'] as const) {
    const node = root.get(section, true) as YamlNode | null | undefined;
    if (node === undefined || node === null) continue;
    if (!isSeq(node)) {
      // `clusters:` with nothing after it parses as a null scalar.
      if ((node as { value?: unknown }).value === null) continue;
      throw new KubeconfigError(
        `malformed kubeconfig ${file}:${lineOf(node.range?.[0])}: ${section} must be a list`,
      );
    }
    const seen = new Map<string, number>();
    for (const item of node.items) {
      const itemNode = item as YamlNode;
      const line = lineOf(itemNode.range?.[0]);
      const value: unknown = isMap(itemNode) ? itemNode.toJS(doc) : undefined;
      if (!isRecord(value)) {
        throw new KubeconfigError(
          `malformed kubeconfig ${file}:${line}: each entry of ${section} must be a mapping`,
        );
      }
      const name = value['name'];
      if (typeof name !== 'string' || name.length === 0) {
        throw new KubeconfigError(`malformed kubeconfig ${file}:${line}: an entry of ${section} has no name`);
      }
      const prev = seen.get(name);
      if (prev !== undefined) {
        // client-go refuses a file that repeats a name within one list; so do we (without echoing the list).
        throw new KubeconfigError(
          `malformed kubeconfig ${file}:${line}: duplicate ${SINGULAR[section]} name ${q(name)} (first at line ${prev})`,
        );
      }
      seen.set(name, line);
      const inner = value[SINGULAR[section]];
      if (inner !== undefined && inner !== null && !isRecord(inner)) {
        throw new KubeconfigError(
          `malformed kubeconfig ${file}:${line}: ${SINGULAR[section]} ${q(name)} must hold a mapping under "${SINGULAR[section]}"`,
        );
      }
      const body = resolveEntryPaths(section, isRecord(inner) ? inner : {}, dir);
      parsed[section].push({ name, body, file, line });
    }
  }
  return parsed;
}

export function readKubeconfigFile(file: string): string {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new KubeconfigError(`kubeconfig ${file} is not a regular file`);
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof KubeconfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new KubeconfigError(`cannot read kubeconfig ${file}: ${code}`, { cause: e });
  }
}

/** Which files to read, in precedence order, with kubectl's rules. */
