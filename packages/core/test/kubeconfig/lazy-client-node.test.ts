import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('@kubernetes/client-node is loaded on first use', () => {
  it('no core module imports it eagerly (only `import type` or a dynamic import)', () => {
    const offenders: string[] = [];
    for (const file of tsFiles(src)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /^\s*(import|export)\s+(?!type\b)[^;]*?from\s+['"]@kubernetes\/client-node['"]/gm,
      )) {
        offenders.push(`${path.relative(src, file)}: ${m[0].trim()}`);
      }
    }
    // Loading client-node costs more than the rest of core together: use `import type` and loadClientNode().
    assert.deepEqual(
      offenders,
      [],
      'eager imports of @kubernetes/client-node (use import type + loadClientNode())',
    );
  });
});
