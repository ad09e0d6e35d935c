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
  banner: {
    js:
      'globalThis.__kubectlMcLoadStart ??= performance.now();\n' +
      "const importMetaUrl = require('url').pathToFileURL(__filename).href;",
  },
};

/**
 * The main bundle must not carry client-node: it only needs the linter and the fan-out types. client-node
 * does not declare itself free of side effects, so say it here; esbuild then drops it wherever its exports
 * are unused. The fleet half (`src/fleet/core-backend.ts` → `dist/fleet.cjs`) has it and is required
 * lazily by the main bundle.
 */
const clientNodeIsPure = {
  name: 'client-node-is-pure',
  setup(b) {
    b.onResolve({ filter: /^@kubernetes\/client-node$/ }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const res = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'inner',
      });
      return { ...res, sideEffects: false };
    });
  },
};

/**
 * client-node (about 4 MB minified, most of it API model classes) is needed only for kubeconfig users
 * whose credentials come from an auth provider (OIDC…): core loads it lazily for them (ADR 0002). The
 * fleet bundle leaves it out and requires `./client-node.cjs`, a bundle of its own, at that moment.
 */
const clientNodeApart = {
  name: 'client-node-apart',
  setup(b) {
    b.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => ({
      path: './client-node.cjs',
      external: true,
    }));
  },
};

await build({
  ...common,
  entryPoints: [join(here, 'src/fleet/core-backend.ts')],
  outfile: join(out, 'fleet.cjs'),
  plugins: [clientNodeApart],
  minify: true,
  keepNames: true,
});
await build({
  ...common,
  stdin: { contents: "export * from '@kubernetes/client-node';", resolveDir: here, loader: 'js' },
  outfile: join(out, 'client-node.cjs'),
  minify: true,
  keepNames: true,
});

const main = await build({
  ...common,
  entryPoints: [join(here, 'src/extension.ts')],
  outfile: join(out, 'extension.cjs'),
  external: [...common.external, './fleet.cjs'],
  plugins: [clientNodeIsPure],
  // Smaller to read and parse at activation; names kept so stack traces in the log stay readable.
  minify: true,
  keepNames: true,
  metafile: true,
});
if (process.env.BUNDLE_REPORT) {
  // What the bundle is made of, by package (BUNDLE_REPORT=1 npm run build:bundle).
  const byPkg = new Map();
  for (const output of Object.values(main.metafile.outputs)) {
    for (const [file, info] of Object.entries(output.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
      const key = m ? m[1] : file.includes('core/') ? '@kubectl-mc/core' : 'vscode-ext';
      byPkg.set(key, (byPkg.get(key) ?? 0) + info.bytesInOutput);
    }
  }
  for (const [k, v] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`${(v / 1024).toFixed(0).padStart(6)} KB  ${k}`);
}
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
