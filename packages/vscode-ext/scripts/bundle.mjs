// Bundle the extension (core included) into one CommonJS file for the extension host, copy the topology
// JSON Schema and the rule pages next to it, and bundle the in-editor test runner.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(here, 'dist');
mkdirSync(out, { recursive: true });

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  sourcemap: 'linked',
  // ESM-only packages are bundled from their ESM entry points.
  mainFields: ['module', 'main'],
  conditions: ['node', 'import', 'default'],
  logLevel: 'warning',
  // `import.meta.url` has no meaning in a CommonJS bundle: point it at the bundle file itself.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

await build({
  ...common,
  entryPoints: [join(here, 'src/extension.ts')],
  outfile: join(out, 'extension.cjs'),
});
await build({
  ...common,
  entryPoints: [join(here, 'test/host/index.ts')],
  outfile: join(out, 'host-tests.cjs'),
});

// The topology schema, for `contributes.yamlValidation`.
const require = createRequire(import.meta.url);
let schema;
try {
  schema = require.resolve('@kubectl-mc/core/schema/topology.schema.json');
} catch {
  schema = undefined;
}
if (schema && existsSync(schema)) cpSync(schema, join(out, 'topology.schema.json'));
else
  console.warn(
    'bundle: @kubectl-mc/core/schema/topology.schema.json not found; yamlValidation has no schema',
  );

// Rule pages, the target of each diagnostic's code link.
const rulesDir = join(here, '../../docs/rules');
if (existsSync(rulesDir)) {
  mkdirSync(join(out, 'docs/rules'), { recursive: true });
  for (const f of readdirSync(rulesDir))
    if (f.endsWith('.md')) cpSync(join(rulesDir, f), join(out, 'docs/rules', f));
}
