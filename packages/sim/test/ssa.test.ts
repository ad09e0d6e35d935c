import assert from 'node:assert/strict';
import { fromFieldsV1, leafPaths, toFieldsV1, formatPath, pathSegs } from '../src/ssa/fields.js';
import { applyObject, conflictStatus, recordUpdate } from '../src/ssa/managers.js';
import type { JsonObject } from '../src/ssa/fields.js';
import { strategicMergePatch } from '../src/ssa/merge.js';

const deploy = (image: string, replicas?: number): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    ...(replicas !== undefined ? { replicas } : {}),
    template: { spec: { containers: [{ name: 'app', image }] } },
  },
});
const w = (manager: string) => ({ manager, apiVersion: 'apps/v1', now: '2026-01-01T00:00:00Z' });

describe('sim server-side apply', () => {
  it('serialises owned fields as FieldsV1 with keyed list items, and back', () => {
    const paths = leafPaths({
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', image: 'x' }] } } },
    });
    const f = toFieldsV1(paths);
    assert.deepEqual(f, {
      'f:spec': {
        'f:replicas': {},
        'f:template': {
          'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
      },
    });
    assert.deepEqual([...fromFieldsV1(f)].sort(), [...paths].sort());
    const image = [...paths].map(pathSegs).find((s) => s.includes('f:image'))!;
    assert.equal(formatPath(image), '.spec.template.spec.containers[name="app"].image');
  });

  it('conflicts with another manager on a changed value unless forced; same value is shared', () => {
    const a = applyObject(undefined, deploy('nginx:1', 2), w('a'), false);
    assert.ok('object' in a);
    const same = applyObject(a.object, deploy('nginx:1', 2), w('b'), false);
    assert.ok('object' in same, 'equal values are co-owned');
    const clash = applyObject(a.object, deploy('nginx:2', 2), w('b'), false);
    assert.ok('conflicts' in clash);
    assert.equal(
      conflictStatus(clash.conflicts).message,
      'Apply failed with 1 conflict: conflict with "a": .spec.template.spec.containers[name="app"].image',
    );
    const forced = applyObject(a.object, deploy('nginx:2', 2), w('b'), true);
    assert.ok('object' in forced);
    const spec = forced.object['spec'] as JsonObject;
    assert.equal(
      ((spec['template'] as JsonObject)['spec'] as { containers: { image: string }[] }).containers[0]!.image,
      'nginx:2',
    );
  });

  it('removes a field its applier stopped applying, keeps one another manager owns', () => {
    const a = applyObject(undefined, deploy('nginx:1', 2), w('a'), false);
    assert.ok('object' in a);
    const dropped = applyObject(a.object, deploy('nginx:1'), w('a'), false);
    assert.ok('object' in dropped);
    assert.equal((dropped.object['spec'] as JsonObject)['replicas'], undefined);
    const scaled = structuredClone(a.object);
    (scaled['spec'] as JsonObject)['replicas'] = 5;
    recordUpdate(a.object, scaled, { ...w('kubectl'), subresource: 'scale' });
    const kept = applyObject(scaled, deploy('nginx:1'), w('a'), false);
    assert.ok('object' in kept);
    assert.equal((kept.object['spec'] as JsonObject)['replicas'], 5);
    const clash = applyObject(scaled, deploy('nginx:1', 3), w('a'), false);
    assert.ok('conflicts' in clash);
    assert.match(
      conflictStatus(clash.conflicts).message,
      /conflict with "kubectl" with subresource "scale" using apps\/v1 at 2026-01-01T00:00:00Z: .spec.replicas/,
    );
  });

  it('strategic merge patches merge containers by name', () => {
    const out = strategicMergePatch(
      {
        containers: [
          { name: 'a', image: '1' },
          { name: 'b', image: '1' },
        ],
      },
      { containers: [{ name: 'b', image: '2' }] },
    );
    assert.deepEqual(out, {
      containers: [
        { name: 'a', image: '1' },
        { name: 'b', image: '2' },
      ],
    });
  });
});
