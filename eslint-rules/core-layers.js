// @ts-check
/**
 * `local/core-layers`: the layers of packages/core/src, lowest first. A module imports its own layer and
 * lower ones only: an import of a higher layer, or of another layer of the same rank ("beside"), is an
 * error, and so is an import that closes a cycle between modules. A top-level folder (or file) missing
 * from the table is an error too, so a new one is placed deliberately.
 *
 * Options: `{ root: '/abs/path/to/packages/core/src', layers: [['errors'], ['util'], …] }` (a relative
 * root is taken from the ESLint working directory; `index` is the root barrel `src/index.ts`).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts)$/;

/** The layer a file belongs to: its top-level folder under root, or its own name for a top-level file. */
function layerOf(root, file) {
  return path.relative(root, file).split(path.sep)[0].replace(SOURCE, '').replace(/\.js$/, '');
}

/** The source file a relative specifier names (`./x.js` → `x.ts`), or undefined. */
function resolveImport(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, path.join(base, 'index.ts')];
  return candidates.find((c) => SOURCE.test(c) && fs.existsSync(c));
}

/** Relative imports of a file on disk, cached by modification time (lint runs and editors alike). */
const edgesCache = new Map();
function edgesOf(file) {
  let mtime;
  try {
    mtime = fs.statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const hit = edgesCache.get(file);
  if (hit && hit.mtime === mtime) return hit.edges;
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const edges = info.importedFiles
    .map((i) => i.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => resolveImport(file, s))
    .filter((f) => f !== undefined);
  edgesCache.set(file, { mtime, edges });
  return edges;
}

/** A path of imports from `start` back to `target` (both included), or undefined. */
function pathBack(start, target, root) {
  const seen = new Set();
  const walk = (file, trail) => {
    if (file === target) return trail;
    if (seen.has(file) || !file.startsWith(root + path.sep)) return undefined;
    seen.add(file);
    for (const next of edgesOf(file)) {
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: "keep packages/core's layers in order and its imports free of cycles" },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward:
        '`{{from}}` may not import `{{to}}`, a higher layer (core layers, lowest first: {{order}}). Move what both need down, e.g. to util/.',
      beside:
        '`{{from}}` may not import `{{to}}`: they are layers of the same rank, beside each other (core layers, lowest first: {{order}}).',
      unplaced:
        '`{{layer}}` has no place in the core layers ({{order}}): add it to the `local/core-layers` table in eslint.config.js.',
      cycle: 'import cycle: {{cycle}}',
    },
  },
  create(context) {
    const { root: rootOption, layers } = context.options[0];
    const root = path.resolve(context.cwd, rootOption);
    const file = path.resolve(context.cwd, context.physicalFilename);
    if (!file.startsWith(root + path.sep)) return {};
    const rank = new Map();
    layers.forEach((names, i) => names.forEach((n) => rank.set(n, i)));
    const order = layers.map((names) => names.join(' | ')).join(' < ');
    const from = layerOf(root, file);

    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      if (!target.startsWith(root + path.sep)) return;
      const to = layerOf(root, target);
      const fromRank = rank.get(from);
      const toRank = rank.get(to);
      if (fromRank === undefined) return; // reported once, on the file
      if (toRank === undefined) {
        context.report({ node, messageId: 'unplaced', data: { layer: to, order } });
        return;
      }
      if (toRank > fromRank) context.report({ node, messageId: 'upward', data: { from, to, order } });
      else if (toRank === fromRank && to !== from)
        context.report({ node, messageId: 'beside', data: { from, to, order } });
      else {
        const resolved = resolveImport(file, source);
        const back = resolved && pathBack(resolved, file, root);
        if (back) {
          const cycle = [file, ...back]
            .map((f) => path.relative(root, f).split(path.sep).join('/'))
            .join(' → ');
          context.report({ node, messageId: 'cycle', data: { cycle } });
        }
      }
    };
    return {
      Program: (node) => {
        if (!rank.has(from)) context.report({ node, messageId: 'unplaced', data: { layer: from, order } });
      },
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      /** @param {any} node `import('./x.js').T` in a type */
      TSImportType: (node) => {
        const arg = node.argument;
        const lit = arg?.type === 'TSLiteralType' ? arg.literal : arg;
        if (lit?.type === 'Literal') check(node, lit.value);
      },
    };
  },
};

export default { rules: { 'core-layers': rule } };
