import assert from 'node:assert/strict';
import { startFleet, type Fleet } from '../src/index.js';
import { Random } from '../src/data.js';
import { get } from './helpers.js';

/** Odd requests never crash a server or produce anything but a JSON answer with a sensible status. */
describe('robustness against odd requests', function () {
  this.timeout(30_000);
  let fleet: Fleet;
  before(async () => {
    fleet = await startFleet({ clusters: ['r'], podsPerCluster: 15 });
  });
  after(() => fleet?.stop());

  it('answers 200 objects or a Status for 250 generated paths, queries and Accept headers', async () => {
    const r = new Random(42);
    const segs = [
      'api',
      'apis',
      'v1',
      'apps',
      'namespaces',
      'default',
      'production',
      'pods',
      'nodes',
      'deployments',
      'x',
      '%00',
      '..',
      '%zz',
      'types.kubefed.io',
      'v1beta1',
      'federateddeployments',
      'secrets',
      'watch',
      'log',
    ];
    const queries = [
      '',
      'limit=2',
      'limit=-1',
      'limit=abc',
      'continue=%%%',
      'continue=eyJ4IjoxfQ',
      'labelSelector=app%3D',
      'labelSelector=%21%21',
      'labelSelector=a%20in%20(',
      'fieldSelector=status.phase',
      'fieldSelector=a%3Db%3Dc',
      'includeObject=Object',
      'watch=1&timeoutSeconds=1',
      'watch=1&resourceVersion=abc',
      'watch=1&resourceVersion=99999999&timeoutSeconds=1',
      'resourceVersion=1',
    ];
    const accepts = [
      'application/json',
      'application/json;as=Table;v=v1;g=meta.k8s.io',
      'text/html',
      '*/*',
      'application/json;as=Table;v=v9;g=meta.k8s.io',
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      '',
    ];
    const c = fleet.cluster('r');
    for (let i = 0; i < 250; i++) {
      const n = r.int(0, 6);
      const path = '/' + Array.from({ length: n }, () => r.pick(segs)).join('/');
      const q = r.pick(queries);
      const res = await get(fleet, c, q ? `${path}?${q}` : path, {
        accept: r.pick(accepts),
        timeoutMs: 10_000,
      });
      const where = `${path}?${q} → ${res.status} ${res.text.slice(0, 200)}`;
      assert.ok([200, 400, 404, 406, 410].includes(res.status), where);
      if (String(res.headers['content-type']).startsWith('text/plain')) {
        assert.equal(res.text, 'ok', where);
        continue;
      }
      if (q.startsWith('watch=1') && res.status === 200) {
        // newline-delimited JSON events
        for (const line of res.text.split('\n').filter(Boolean)) JSON.parse(line);
        continue;
      }
      const body = res.json();
      if (res.status !== 200) {
        assert.equal(body.kind, 'Status', where);
        assert.equal(body.code, res.status, where);
      }
    }
    assert.equal((await get(fleet, c, '/version')).status, 200);
  });
});
