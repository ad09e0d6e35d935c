import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES } from '@kubectl-mc/core';
import { isClustersView, normaliseResource } from '../../../src/tui/state/names.js';
import { neededResources } from '../../../src/tui/state.js';
import { fleet, podsFrame, run } from './fixtures.js';

describe('dashboard state: resource names', () => {
  it("folds core's short and singular names onto the plural, so :po and :pods share a watch", () => {
    for (const typed of ['po', 'pod', 'pods', ' PO ', 'Pod']) assert.equal(normaliseResource(typed), 'pods');
    assert.equal(normaliseResource('deploy'), 'deployments');
    assert.equal(normaliseResource('svc'), 'services');
    assert.equal(normaliseResource('no'), 'nodes');
    assert.equal(normaliseResource('pvc'), 'persistentvolumeclaims');
    for (const r of BUILTIN_RESOURCES) {
      for (const short of r.shortNames) assert.equal(normaliseResource(short), r.resource, short);
    }
  });

  it('knows the short names only discovery would tell, and leaves CRDs and group-qualified names alone', () => {
    assert.equal(normaliseResource('ev'), 'events');
    assert.equal(normaliseResource('fdeploy'), 'federateddeployments');
    assert.equal(normaliseResource('Widgets'), 'widgets');
    assert.equal(normaliseResource('deploy.apps'), 'deploy.apps');
    assert.equal(normaliseResource('  '), '');
  });

  it('keeps the dashboard words for the clusters view its own', () => {
    for (const word of ['clusters', 'cluster', 'ctx', 'contexts']) assert.ok(isClustersView(word), word);
    assert.equal(isClustersView('pods'), false);
    let s = run(fleet(), { type: 'openResource', resource: 'deploy' });
    assert.equal(podsFrame(s).resource, 'deployments');
    s = run(s, { type: 'openResource', resource: 'ctx' });
    assert.equal(s.stack.length, 1);
    s = run(s, { type: 'openResource', resource: 'po' }, { type: 'openResource', resource: 'pods' });
    assert.deepEqual(neededResources(s), ['pods']);
  });
});
