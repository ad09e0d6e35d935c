/**
 * A fleet's `-o json|yaml` List kept as text while the clusters answer: each page of objects becomes
 * the compact JSON of its List items as it arrives and its parsed objects are dropped, so 20,000 objects
 * wait for the slowest cluster as ~45 MB of bytes off the JS heap, not as ~100 MB of parsed objects
 * (and as half the bytes of their indented output). Printing parses one page at a time back. The text
 * equals `writeJsonList`/`writeYamlList` of the same objects: JSON text round-trips JSON values exactly.
 */
import type { KubeObject } from '../api/types.js';
import { retain } from '../transport/budget.js';
import { escapeJsonText } from '../util/escape.js';
import { annotateContext, formatYaml, omitManagedFields, sortKeys } from './output.js';

export type ListFormat = 'json' | 'yaml';

/**
 * The items of one or more pages, each page kept as compact JSON text (an array of its items), or as its
 * objects when JSON text would lose what the output shows (a `-0`, which YAML prints and JSON drops).
 */
export interface ItemPages {
  pages: Array<Buffer | unknown[]>;
  count: number;
}

export interface ItemTextOptions {
  format: ListFormat;
  context: string;
  /** `--show-managed-fields`: keep `metadata.managedFields`. */
  keepManagedFields: boolean;
}

/**
 * Add a page of objects to `acc` (a new accumulator when undefined) as the compact JSON of its List
 * items (annotated with the context, managed fields dropped unless kept, keys sorted). The text holds its
 * bytes of the command's memory budget until it is dropped (over the budget: the cluster's
 * `InvalidResponse`).
 */
export function appendItemPage(
  acc: ItemPages | undefined,
  items: readonly KubeObject[],
  opts: ItemTextOptions,
): ItemPages {
  const into = acc ?? { pages: [], count: 0 };
  if (items.length === 0) return into;
  const listed = items.map((obj) =>
    sortKeys(annotateContext(opts.keepManagedFields ? obj : omitManagedFields(obj), opts.context)),
  );
  let negativeZero = false;
  const text =
    opts.format === 'json'
      ? JSON.stringify(listed)
      : JSON.stringify(listed, (_key, v: unknown) => {
          if (Object.is(v, -0)) negativeZero = true;
          return v;
        });
  const page = negativeZero ? listed : Buffer.from(text, 'utf8');
  retain([page], text.length, opts.context, `the text of ${items.length} items`);
  into.pages.push(page);
  into.count += items.length;
  return into;
}

/**
 * Whether a page's compact JSON may hold what `escapeJsonText` escapes (U+007F, C1 and bidi controls):
 * their UTF-8 starts with 0x7F, 0xC2 (U+0080–U+00BF) or 0xE2 (U+2000–U+2FFF). Three native byte searches
 * instead of a regular expression over the indented text (0.6 s of CPU for 94 MB of `-o json`).
 */
function mayNeedJsonEscape(page: Buffer | unknown[]): boolean {
  return Array.isArray(page) || page.includes(0x7f) || page.includes(0xc2) || page.includes(0xe2);
}

/** The text one page's items take in the List, each preceded by its separator (`,\n…` / `- `). */
function pageText(format: ListFormat, page: Buffer | unknown[]): string {
  const items = Array.isArray(page) ? page : (JSON.parse(page.toString('utf8')) as unknown[]);
  let text = '';
  for (const item of items) {
    if (format === 'json') text += `,\n        ${JSON.stringify(item, null, 4).replace(/\n/g, '\n        ')}`;
    else text += `- ${formatYaml(item).replace(/\n(?=.)/g, '\n  ')}`;
  }
  return format === 'json' && mayNeedJsonEscape(page) ? escapeJsonText(text) : text;
}

/**
 * The List of every page in order, one page's text at a time (each made only when the one before it is
 * taken): the bytes `writeJsonList`/`writeYamlList` write for the same objects.
 */
export function* itemPagesChunks(format: ListFormat, all: readonly ItemPages[]): Generator<string> {
  const pages = all.flatMap((p) => p.pages);
  if (format === 'json') {
    yield '{\n    "apiVersion": "v1",\n    "items": [';
    // the first item follows `[` with a newline only: drop its separator's comma
    for (let i = 0; i < pages.length; i++) {
      const text = pageText(format, pages[i] as Buffer | unknown[]);
      yield i === 0 ? text.slice(1) : text;
    }
    yield pages.length > 0 ? '\n    ],\n' : '],\n';
    yield '    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n';
    return;
  }
  if (pages.length === 0) {
    yield formatYaml({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } });
    return;
  }
  yield 'apiVersion: v1\nitems:\n';
  for (const p of pages) yield pageText(format, p);
  yield 'kind: List\nmetadata:\n  resourceVersion: ""\n';
}
