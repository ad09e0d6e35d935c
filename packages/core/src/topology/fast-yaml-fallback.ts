/**
 * One document of a file the fast reader (fast-yaml.ts) reads, left to `yaml`: the document's own text
 * (from its `---` line, or the start of the file, to the next `---` line) is parsed alone (with a `---`
 * after it when one follows in the file) and its ranges
 * are moved to where the document sits in the file. A document cannot see another (directives, `...`
 * and `%` lines make the whole file go to `yaml`), so this is the node tree `yaml` builds for it in the
 * whole file. Anything short of one clean document (an error, a warning, nesting the depth pre-scan
 * would refuse) returns undefined, and the whole file then goes to `yaml` as before, so that problems
 * are reported exactly as they were.
 */
import { isNode, parseAllDocuments, visit } from 'yaml';
import type { Document } from 'yaml';
import { deepestLine } from './depth.js';
import type { FastOptions } from './fast-yaml-scalars.js';

/** Nesting the whole-file path refuses (parse.ts's MAX_DEPTH; a cycle forbids importing it). */
const MAX_DEPTH = 200;

/** `text.slice(start, end)` (one document) read by `yaml`, with its ranges in `text`'s offsets. */
export function yamlDocument(
  text: string,
  start: number,
  end: number,
  options: FastOptions,
): Document.Parsed | undefined {
  const own = text.slice(start, end);
  if (deepestLine(own, MAX_DEPTH) !== undefined) return undefined;
  // Where a document ends (its comments, its range) depends on whether a `---` or the end of the text
  // follows it: give it what follows it in the file.
  const next = end < text.length;
  const docs = parseAllDocuments(next ? `${own}---\n` : own, options);
  if (!Array.isArray(docs) || docs.length !== (next ? 2 : 1)) return undefined;
  const doc = docs[0]!;
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  if (start === 0) return doc;
  const moved = new Set<unknown>();
  const move = (r: [number, number, number] | null | undefined) => {
    if (!r || moved.has(r)) return;
    moved.add(r);
    r[0] += start;
    r[1] += start;
    r[2] += start;
  };
  move(doc.range);
  visit(doc, (_, node) => {
    if (isNode(node)) move(node.range);
  });
  return doc;
}
