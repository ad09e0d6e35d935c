import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../src/errors.js';
import { loadProtection, protectedContexts } from '../../src/fleet/protected.js';

describe('protected contexts', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-protected-'));
    await mkdir(path.join(dir, '.git'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('has none without a .kubectl-mc.yaml', async () => {
    const p = await loadProtection({ cwd: dir });
    assert.deepEqual(protectedContexts(['us-east-prod'], p), []);
  });

  it('protects contexts by name glob, with the environment to type', async () => {
    await writeFile(
      path.join(dir, '.kubectl-mc.yaml'),
      'rules:\n  production-ha: off\nprotected:\n  - "*-prod"\n  - context: pci-?\n    environment: pci\n',
    );
    const p = await loadProtection({ cwd: path.join(dir) });
    const found = protectedContexts(['us-east-prod', 'staging', 'pci-1', 'pci-12'], p);
    assert.deepEqual(
      found.map((f) => [f.context, f.environment]),
      [
        ['us-east-prod', 'production'],
        ['pci-1', 'pci'],
      ],
    );
  });

  it("protects the topology's production clusters, and names their environment", async () => {
    await writeFile(
      path.join(dir, 'topo.yaml'),
      [
        'topology:',
        '  clusters:',
        '    - name: east',
        '      context: us-east-1',
        '      environment: production',
        '    - name: stage',
        '      environment: staging',
        '',
      ].join('\n'),
    );
    await writeFile(path.join(dir, '.kubectl-mc.yaml'), 'topology: topo.yaml\nprotected: [stage]\n');
    const p = await loadProtection({ cwd: dir });
    assert.deepEqual(
      protectedContexts(['us-east-1', 'stage', 'other'], p).map((f) => [f.context, f.environment]),
      [
        ['us-east-1', 'production'],
        ['stage', 'staging'],
      ],
    );
  });

  it('refuses a malformed protected entry', async () => {
    await writeFile(path.join(dir, '.kubectl-mc.yaml'), 'protected:\n  - context: 3\n');
    await assert.rejects(loadProtection({ cwd: dir }), (e: unknown) => e instanceof UsageError);
  });
});
