import assert from 'node:assert/strict';
import { route } from '../src/routes/paths.js';

describe('request routing', () => {
  it('names the discovery documents, with or without a trailing slash', () => {
    assert.deepEqual(route('/version'), { kind: 'version' });
    assert.deepEqual(route('/readyz/'), { kind: 'health' });
    assert.deepEqual(route('/api'), { kind: 'discovery', which: 'core' });
    assert.deepEqual(route('/apis'), { kind: 'discovery', which: 'apis' });
    assert.deepEqual(route('/'), { kind: 'paths' });
    assert.deepEqual(route('/apis/apps'), { kind: 'group', group: 'apps', version: 'v1', versions: ['v1'] });
    assert.deepEqual(route('/apis/networking.istio.io'), {
      kind: 'group',
      group: 'networking.istio.io',
      version: 'v1',
      versions: ['v1', 'v1beta1'],
    });
    const beta = route('/apis/networking.istio.io/v1beta1/namespaces/web/virtualservices/web');
    assert.equal(beta.kind === 'resource' && beta.def.kind, 'VirtualService');
    const list = route('/apis/apps/v1');
    assert.equal(list.kind === 'resourceList' && list.defs.some((d) => d.plural === 'deployments'), true);
  });

  it('routes collections and objects, cluster-wide and in a namespace', () => {
    const pods = route('/api/v1/pods');
    assert.equal(pods.kind === 'resource' && pods.def.plural, 'pods');
    assert.equal(pods.kind === 'resource' && pods.namespace, undefined);
    const one = route('/apis/apps/v1/namespaces/shop/deployments/web');
    assert.deepEqual(one.kind === 'resource' && [one.def.plural, one.namespace, one.name], [
      'deployments',
      'shop',
      'web',
    ]);
    const node = route('/api/v1/nodes/n1');
    assert.deepEqual(node.kind === 'resource' && [node.def.plural, node.name], ['nodes', 'n1']);
    assert.deepEqual(route('/api/v1/namespaces/shop/pods/web-1/log'), {
      kind: 'podLog',
      namespace: 'shop',
      name: 'web-1',
    });
  });

  it('answers not found for unknown groups, the wrong group version, and nodes in a namespace', () => {
    for (const path of [
      '/apis/nope',
      '/apis/nope/v1',
      '/api/v2',
      '/api/v1/deployments',
      '/api/v1/namespaces/shop/nodes',
      '/api/v1/namespaces/shop/pods/web-1/exec',
      '/api/v1/pods/a/b',
      '/api/v1/%E0%A4%A',
    ]) {
      assert.deepEqual(route(path), { kind: 'notFound' }, path);
    }
  });
});
