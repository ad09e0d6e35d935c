import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { changedFields, isUnchanged, loadManifests, unifiedDiff } from '../../src/fleet/index.js';
import { UsageError } from '../../src/errors.js';

describe('fleet/apply', () => {
  it('lists changed fields with list items by name, ignoring write noise', () => {
    const live = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', resourceVersion: '1', generation: 1, managedFields: [] },
      spec: {
        replicas: 2,
        template: {
          spec: {
            containers: [
              { name: 'app', image: 'a:1' },
              { name: 'side', image: 's' },
            ],
          },
        },
      },
      status: { replicas: 2 },
    };
    const next = {
      ...live,
      metadata: { name: 'web', resourceVersion: '1', generation: 2, managedFields: [{}] },
      spec: {
        replicas: 3,
        template: {
          spec: {
            containers: [
              { name: 'app', image: 'a:2' },
              { name: 'side', image: 's' },
            ],
          },
        },
      },
    };
    assert.deepEqual(changedFields(live, next), [
      'spec.replicas',
      'spec.template.spec.containers[app].image',
    ]);
    assert.ok(isUnchanged(live, { ...live, metadata: { ...live.metadata, generation: 7 } }));
    assert.ok(!isUnchanged(live, next));
  });

  it('writes unified diffs with hunks and context', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const b = 'a\nb\nc\nD\ne\nf\ng\nh\n';
    assert.equal(
      unifiedDiff('x', a, 'y', b),
      '--- x\n+++ y\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n',
    );
    assert.equal(unifiedDiff('x', '', 'y', 'n\n'), '--- x\n+++ y\n@@ -0,0 +1 @@\n+n\n');
    assert.equal(unifiedDiff('x', a, 'y', a), '');
  });

  it('loads files, directories (-R), Lists and stdin, filtered by -l', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-manifests-'));
    try {
      await mkdir(path.join(dir, 'sub'));
      await writeFile(
        path.join(dir, 'a.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {app: web}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n',
      );
      await writeFile(path.join(dir, 'notes.txt'), 'not a manifest');
      await writeFile(
        path.join(dir, 'sub', 'c.json'),
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'List',
          items: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'c' } }],
        }),
      );
      const names = async (opts: Parameters<typeof loadManifests>[1]) =>
        (await loadManifests([dir], opts)).map((m) => m.object.metadata?.name);
      assert.deepEqual(await names({}), ['a', 'b']);
      assert.deepEqual(await names({ recursive: true }), ['a', 'b', 'c']);
      assert.deepEqual(await names({ recursive: true, selector: 'app=web' }), ['a']);
      assert.deepEqual(await names({ recursive: true, selector: '!app' }), ['b', 'c']);
      const stdin = await loadManifests(['-'], {
        readStdin: () => Promise.resolve('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n'),
      });
      assert.equal(stdin[0]?.object.kind, 'Namespace');
      await assert.rejects(loadManifests([path.join(dir, 'missing')]), UsageError);
      await assert.rejects(
        loadManifests(['-'], { readStdin: () => Promise.resolve('kind: ConfigMap\nmetadata: {name: x}\n') }),
        /no apiVersion or kind/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
