/**
 * Core's layers are enforced by lint (`local/core-layers` in eslint.config.js): an upward or sideways
 * import between layers, a folder missing from the layer table, and an import cycle are ESLint errors.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const repo = path.resolve(import.meta.dirname, '../../..');

/** The core-layers errors ESLint reports for `code` as if it were the file `rel` of the repository. */
async function layerErrors(eslint: ESLint, code: string, rel: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repo, rel) });
  assert.ok(result, 'ESLint returned no result');
  return result.messages.filter((m) => m.ruleId === 'local/core-layers').map((m) => m.message);
}

describe("core's layers (lint)", function () {
  this.timeout(60_000);
  // The fixtures below are no files on disk, so the project service cannot type them; the layer rule needs
  // no types.
  const eslint = new ESLint({ cwd: repo, overrideConfig: tseslint.configs.disableTypeChecked });

  it('an import of a higher layer is an error naming both layers and the order', async () => {
    const errors = await layerErrors(
      eslint,
      "import { fanOut } from '../fanout/index.js';\nexport const f = fanOut;\n",
      'packages/core/src/transport/upward-fixture.ts',
    );
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^`transport` may not import `fanout`, a higher layer/);
    assert.match(errors[0]!, /errors < util < kubeconfig < transport < api < fanout \| render \| topology/);
  });

  it('type-only and re-exporting upward imports count too', async () => {
    const errors = await layerErrors(
      eslint,
      "import type { Table } from '../api/types.js';\nexport * from '../render/index.js';\nexport type T = Table;\n",
      'packages/core/src/kubeconfig/upward-fixture.ts',
    );
    assert.deepEqual(
      errors.map((e) => e.replace(/,.*/, '')),
      ['`kubeconfig` may not import `api`', '`kubeconfig` may not import `render`'],
    );
  });

  it('layers of the same rank do not import each other; an unplaced folder is an error', async () => {
    const beside = await layerErrors(
      eslint,
      "import { collect } from '../fanout/index.js';\nexport const c = collect;\n",
      'packages/core/src/render/beside-fixture.ts',
    );
    assert.equal(beside.length, 1);
    assert.match(beside[0]!, /^`render` may not import `fanout`: they are layers of the same rank/);
    const unplaced = await layerErrors(eslint, 'export const x = 1;\n', 'packages/core/src/hub/fixture.ts');
    assert.equal(unplaced.length, 1);
    assert.match(unplaced[0]!, /^`hub` has no place in the core layers/);
  });

  it('imports of lower layers and of the own layer are fine', async () => {
    const errors = await layerErrors(
      eslint,
      [
        "import { ClusterError } from '../errors.js';",
        "import { sleep } from '../util/abort.js';",
        "import type { ClusterConnection } from '../transport/types.js';",
        "import { listTable } from './list.js';",
        'export const all = [ClusterError, sleep, listTable];',
        'export type C = ClusterConnection;',
        '',
      ].join('\n'),
      'packages/core/src/api/downward-fixture.ts',
    );
    assert.deepEqual(errors, []);
  });

  it('an import that closes a cycle is an error naming the cycle', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmc-layers-'));
    try {
      const src = path.join(dir, 'src');
      fs.mkdirSync(path.join(src, 'api'), { recursive: true });
      fs.writeFileSync(
        path.join(src, 'api', 'a.ts'),
        "import { b } from './b.js';\nexport const a = () => b;\n",
      );
      fs.writeFileSync(
        path.join(src, 'api', 'b.ts'),
        "import { c } from './c.js';\nexport const b = () => c;\n",
      );
      fs.writeFileSync(
        path.join(src, 'api', 'c.ts'),
        "import { a } from './a.js';\nexport const c = () => a;\n",
      );
      fs.writeFileSync(
        path.join(src, 'api', 'd.ts'),
        "import { a } from './a.js';\nexport const d = () => a;\n",
      );
      const plugin = (
        (await import(pathToFileURL(path.join(repo, 'eslint-rules/core-layers.js')).href)) as {
          default: ESLint.Plugin;
        }
      ).default;
      const isolated = new ESLint({
        cwd: dir,
        overrideConfigFile: true,
        overrideConfig: {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser as never },
          plugins: { local: plugin },
          rules: { 'local/core-layers': ['error', { root: src, layers: [['api']] }] },
        },
      });
      const results = await isolated.lintFiles(['src/api/*.ts']);
      const byFile = Object.fromEntries(
        results.map((r) => [path.basename(r.filePath), r.messages.map((m) => m.message)]),
      );
      assert.deepEqual(byFile['a.ts'], ['import cycle: api/a.ts → api/b.ts → api/c.ts → api/a.ts']);
      assert.deepEqual(byFile['c.ts'], ['import cycle: api/c.ts → api/a.ts → api/b.ts → api/c.ts']);
      assert.deepEqual(byFile['d.ts'], [], 'importing into a cycle is not itself a cycle');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
