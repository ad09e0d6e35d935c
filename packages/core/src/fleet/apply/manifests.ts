/**
 * Manifests for `apply` and `diff`: files, directories (`-R` recursive) and stdin (`-`), YAML multi-doc
 * or JSON, `kind: List` expanded, filtered by a label selector (`-l`) as kubectl does.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../api/types.js';
import { UsageError } from '../../errors.js';
import { matchesSelector, parseSelector } from './selector.js';

export interface Manifest {
  /** The file (or `-` for stdin) it came from. */
  source: string;
  object: KubeObject;
}

export interface LoadOptions {
  /** Recurse into directories (`-R`). */
  recursive?: boolean;
  /** Only objects whose labels match (`-l`). */
  selector?: string;
  /** What `-` reads (default: process.stdin to its end). */
  readStdin?: () => Promise<string>;
}

/** A manifest file is at most this big, as kubectl refuses huge inputs too. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function filesOf(source: string, recursive: boolean, top: boolean): Promise<string[]> {
  let st;
  try {
    st = await stat(source);
  } catch {
    throw new UsageError(`the path "${source}" does not exist`);
  }
  if (!st.isDirectory()) {
    return top || EXTENSIONS.has(path.extname(source).toLowerCase()) ? [source] : [];
  }
  if (!top && !recursive) return [];
  const entries = (await readdir(source)).sort();
  const out: string[] = [];
  for (const e of entries) out.push(...(await filesOf(path.join(source, e), recursive, false)));
  return out;
}

/** The objects of one text (YAML documents or JSON), `List` items expanded. */
export function parseManifests(text: string, source: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      throw new UsageError(`error parsing ${source}: ${doc.errors[0]!.message.split('\n')[0]}`);
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new UsageError(`error parsing ${source}: a document is not an object`);
    }
    const obj = value as KubeObject;
    if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj['items'])) {
      out.push(...(obj['items'] as KubeObject[]));
    } else out.push(obj);
  }
  for (const o of out) {
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || !o.apiVersion || !o.kind) {
      throw new UsageError(`error validating ${source}: an object has no apiVersion or kind`);
    }
    if (typeof o.metadata?.name !== 'string' || o.metadata.name === '') {
      throw new UsageError(`error validating ${source}: ${o.kind} has no metadata.name`);
    }
  }
  return out;
}

/** Every object of the sources, in order. Throws `UsageError` for a missing path or a bad document. */
export async function loadManifests(sources: string[], opts: LoadOptions = {}): Promise<Manifest[]> {
  if (!sources.length) throw new UsageError('must specify one of -f and -k');
  const selector = opts.selector ? parseSelector(opts.selector) : undefined;
  const out: Manifest[] = [];
  let stdinUsed = false;
  for (const source of sources) {
    const files = source === '-' ? ['-'] : await filesOf(source, !!opts.recursive, true);
    for (const file of files) {
      let text: string;
      if (file === '-') {
        if (stdinUsed) throw new UsageError('-f - may be given only once');
        stdinUsed = true;
        text = await (opts.readStdin ?? readStdin)();
      } else {
        const st = await stat(file);
        if (st.size > MAX_FILE_BYTES) throw new UsageError(`${file} is too big (over 16 MiB)`);
        text = await readFile(file, 'utf8');
      }
      for (const object of parseManifests(text, file)) {
        if (selector && !matchesSelector(selector, object.metadata?.labels ?? {})) continue;
        out.push({ source: file, object });
      }
    }
  }
  return out;
}
