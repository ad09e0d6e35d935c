import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isPair } from 'yaml';
import type { Node, Pair } from 'yaml';
import { topologySchema } from '../schema.js';
import type { Rule, RuleContext, SourceDoc } from '../types.js';
import { resolvePath } from '../yaml-util.js';

let validate: ValidateFunction | undefined;
/**
 * Compiled on first use, and ajv itself loaded then (synchronously, it is CommonJS): a file with no
 * topology document never pays its ~70 modules at start-up.
 */
function validator(): ValidateFunction {
  if (!validate) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    validate = ajv.compile(topologySchema);
  }
  return validate;
}

function pathOf(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const typeName = (v: unknown) =>
  v === null
    ? 'empty'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'object'
        ? 'a mapping'
        : `${typeof v} ${JSON.stringify(v)}`;

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'empty',
};

function reportError(ctx: RuleContext, src: SourceDoc, e: ErrorObject): void {
  const path = pathOf(e.instancePath);
  const where = path.length ? path.join('.') : 'document';
  const root = src.doc.contents as Node | null;
  const target = resolvePath(root, path);
  switch (e.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const s = allowed.length ? ctx.suggest(key, allowed) : undefined;
      const r = resolvePath(root, [...path, key]);
      ctx.report({
        src,
        node: r.node,
        at: 'key',
        severity: 'warning',
        message: `unknown key "${key}" in ${where}${s ? ` (did you mean "${s}"?)` : allowed.length ? ` (expected one of ${allowed.join(', ')})` : ''}`,
        ...(s && r.complete
          ? {
              fix: {
                title: `Rename to "${s}"`,
                edits: [{ file: src.file, range: ctx.rangeOf(src, r.node, 'key'), newText: s }],
              },
            }
          : {}),
      });
      return;
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      // Point at the owning key: `topology:` → that key; a `clusters:` item → its first key.
      let node: Node | Pair | null | undefined = target.node;
      if (!isPair(node) && isMap(node) && node.items[0]) node = node.items[0];
      const at = 'key';
      ctx.report({ src, node, at, message: `${where} is missing the required key "${missing}"` });
      return;
    }
    case 'type': {
      const t = (e.params as { type: string | string[] }).type;
      const expected = (Array.isArray(t) ? t : [t]).map((x) => TYPE_WORDS[x] ?? x);
      ctx.report({
        src,
        node: target.node,
        message: `${where} must be ${expected.join(' or ')}, not ${typeName(e.data)}`,
      });
      return;
    }
    default:
      ctx.report({ src, node: target.node, message: `${where} ${e.message ?? 'is invalid'}` });
  }
}

/** The topology, pipeline and networking documents against `packages/core/schema/topology.schema.json`. */
export const rule: Rule = {
  id: 'schema',
  severity: 'error',
  description:
    'Topology, pipeline and networking documents match the JSON Schema (types, required keys; unknown keys warn).',
  docs: 'docs/rules/schema.md',
  check(ctx) {
    for (const src of ctx.model.docs) {
      if (src.kind !== 'topology' && src.kind !== 'pipeline' && src.kind !== 'networking') continue;
      const v = validator(); // compiled on first use: a file of Istio or Prometheus documents needs none
      if (v(src.value)) continue;
      for (const e of v.errors ?? []) reportError(ctx, src, e);
    }
  },
};
