/** YAML held in a string of another YAML document (a ConfigMap's `prometheus.yml: |`), read in place. */
import { parseDocument } from 'yaml';
import type { Scalar } from 'yaml';
import { MAX_ALIAS_COUNT } from './parse.js';
import type { SourceDoc } from './types.js';
import { resolveMergeKeys } from './yaml-util.js';

/**
 * The document in a `|` block scalar, parsed from the file's text with everything outside the block's
 * body blanked (newlines kept), so that its node offsets are offsets of the file and findings point at
 * the right lines. Undefined for other scalar styles, or when the embedded text is not clean YAML.
 */
export function embeddedDocument(src: SourceDoc, node: Scalar): SourceDoc | undefined {
  if (node.type !== 'BLOCK_LITERAL' || !node.range) return undefined;
  const [start, end] = node.range;
  const header = src.text.indexOf('\n', start);
  if (header < 0 || header >= end) return undefined;
  const blank = (t: string) => t.replace(/[^\n]/g, ' ');
  const text =
    blank(src.text.slice(0, header + 1)) + src.text.slice(header + 1, end) + blank(src.text.slice(end));
  const doc = parseDocument(text, { uniqueKeys: false, merge: true, logLevel: 'error' });
  if (doc.errors.length > 0) return undefined;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return undefined;
  }
  if (text.includes('<<')) resolveMergeKeys(doc);
  return { ...src, doc, value };
}
