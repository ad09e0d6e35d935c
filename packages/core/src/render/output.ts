import { Document, visit, isScalar } from 'yaml';
import type { KubeObject } from '../api/types.js';
import { escapeJsonText } from '../util/escape.js';

/** The annotation every `-o json|yaml` item carries: the kubeconfig context it came from. */
export const CONTEXT_ANNOTATION = 'kubectl-mc.io/context';

export interface ContextObjects {
  context: string;
  items: KubeObject[];
}

export interface KubeList {
  apiVersion: 'v1';
  kind: 'List';
  items: KubeObject[];
  metadata: { resourceVersion: '' };
}

/** Copy of `obj` annotated with its context (the original is left untouched). */
export function annotateContext(obj: KubeObject, context: string): KubeObject {
  const metadata = { ...(obj.metadata ?? {}) };
  metadata.annotations = { ...(metadata.annotations ?? {}), [CONTEXT_ANNOTATION]: context };
  return { ...obj, metadata };
}

/** `obj` without `metadata.managedFields`, as kubectl prints objects unless `--show-managed-fields`. */
export function omitManagedFields(obj: KubeObject): KubeObject {
  const meta = obj.metadata;
  if (meta === undefined || !Object.hasOwn(meta, 'managedFields')) return obj;
  const { managedFields: _dropped, ...metadata } = meta;
  return { ...obj, metadata };
}

/**
 * A `v1 List` of every object, in the given context order then server order, each annotated with
 * `kubectl-mc.io/context` — what `kubectl get -o json` prints, for a fleet.
 */
export function toList(objectsByContext: ContextObjects[]): KubeList {
  const items: KubeObject[] = [];
  for (const { context, items: objs } of objectsByContext) {
    for (const obj of objs) items.push(annotateContext(obj, context));
  }
  return { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } };
}

/** A deep copy with object keys sorted, as kubectl's printers (Go maps through encoding/json) order them. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => sortKeys(v)) as T;
  if (value !== null && typeof value === 'object') {
    // fromEntries defines each key as data: a `__proto__` key from a cluster stays a key, not a prototype
    const v = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((key) => [key, sortKeys(v[key])]),
    ) as T;
  }
  return value;
}

/** `-o json` text: sorted keys, 4-space indent (as kubectl), terminal-inert but valid JSON. */
export function formatJson(value: unknown): string {
  return `${escapeJsonText(JSON.stringify(sortKeys(value), null, 4))}\n`;
}

/**
 * `formatJson(toList(…))` item by item (same text), so a fleet's worth of objects never becomes one giant
 * string: chunks of about 1 MiB, each made only when the one before it is taken (a writer can wait for
 * its reader between two).
 */
export function* jsonListChunks(list: KubeList): Generator<string> {
  let buf = '{\n    "apiVersion": "v1",\n    "items": [';
  for (let i = 0; i < list.items.length; i++) {
    const text = JSON.stringify(sortKeys(list.items[i]), null, 4).replace(/\n/g, '\n        ');
    buf += `${i === 0 ? '\n' : ',\n'}        ${text}`;
    if (buf.length >= 1 << 20) {
      yield escapeJsonText(buf);
      buf = '';
    }
  }
  buf += list.items.length > 0 ? '\n    ],\n' : '],\n';
  yield escapeJsonText(
    `${buf}    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n`,
  );
}

/** `formatYaml(toList(…))` item by item (same text), in chunks of about 1 MiB. */
export function* yamlListChunks(list: KubeList): Generator<string> {
  if (list.items.length === 0) {
    yield formatYaml(list);
    return;
  }
  let buf = 'apiVersion: v1\nitems:\n';
  for (const item of list.items) {
    const text = formatYaml(item).replace(/\n(?=.)/g, '\n  ');
    buf += `- ${text}`;
    if (buf.length >= 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}kind: List\nmetadata:\n  resourceVersion: ""\n`;
}

/** `jsonListChunks` through `write`. */
export function writeJsonList(list: KubeList, write: (chunk: string) => void): void {
  for (const chunk of jsonListChunks(list)) write(chunk);
}

/** `yamlListChunks` through `write`. */
export function writeYamlList(list: KubeList, write: (chunk: string) => void): void {
  for (const chunk of yamlListChunks(list)) write(chunk);
}

// eslint-disable-next-line no-control-regex
const YAML_UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const YAML_UNSAFE_G = /[\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `-o yaml` text in kubectl's style (sorted keys, sequences not indented, no folding, YAML 1.1 quoting
 * so `yes`/`no`/`on` stay strings). Strings holding control or bidi characters are written double-quoted
 * with `\uXXXX` escapes, so the text is inert on a terminal and still parses back to the same value.
 */
export function formatYaml(value: unknown): string {
  const doc = new Document(sortKeys(value), { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && YAML_UNSAFE.test(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  const text = doc.toString({ indentSeq: false, lineWidth: 0, minContentWidth: 0 });
  // Only double-quoted scalars can hold these now; `\uXXXX` is a valid escape there.
  return text.replace(YAML_UNSAFE_G, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `kind[.group]` in lower case, as `kubectl get -o name` prefixes names (`pod`, `deployment.apps`). */
export function kindGroup(kind: string, group: string): string {
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

/** kubectl's `-o name` line: `<kind lowercase>[.<group>]/<name>`. */
export function formatName(kind: string, group: string, name: string): string {
  return `${kindGroup(kind, group)}/${name}`;
}
