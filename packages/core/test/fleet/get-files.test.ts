import assert from 'node:assert/strict';
import { McError } from '../../src/errors.js';
import { checkManifestNamespaces, manifestSegments } from '../../src/fleet/get-files.js';
import type { Manifest } from '../../src/fleet/apply/manifests.js';

const m = (apiVersion: string, kind: string, name: string, namespace?: string): Manifest => ({
  source: 'f.yaml',
  object: { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } },
});

describe('get -f: manifest segments', () => {
  it('cuts a new segment each time apiVersion or kind changes, as kubectl prints a new table', () => {
    const segs = manifestSegments([
      m('apps/v1', 'Deployment', 'a', 'prod'),
      m('apps/v1', 'Deployment', 'b'),
      m('v1', 'Pod', 'p'),
      m('apps/v1', 'Deployment', 'c'),
      m('apps/v1beta1', 'Deployment', 'd'),
    ]);
    assert.deepEqual(
      segs.map((s) => [s.key, s.apiVersion, s.refs]),
      [
        ['0:Deployment', 'apps/v1', [{ name: 'a', namespace: 'prod' }, { name: 'b' }]],
        ['1:Pod', 'v1', [{ name: 'p' }]],
        ['2:Deployment', 'apps/v1', [{ name: 'c' }]],
        ['3:Deployment', 'apps/v1beta1', [{ name: 'd' }]],
      ],
    );
  });

  it("refuses a manifest namespace that differs from -n, in kubectl's words, exit 1", () => {
    const list = [m('v1', 'Pod', 'p', 'prod'), m('v1', 'Pod', 'q')];
    checkManifestNamespaces(list, undefined);
    checkManifestNamespaces(list, 'prod');
    assert.throws(
      () => checkManifestNamespaces(list, 'dev'),
      (e: unknown) =>
        e instanceof McError &&
        e.exitCode === 1 &&
        e.message ===
          `the namespace from the provided object "prod" does not match the namespace "dev". You must pass '--namespace=prod' to perform this operation.`,
    );
  });
});
