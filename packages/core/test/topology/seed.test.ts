import assert from 'node:assert/strict';
import { lintDocuments } from '../../src/topology/index.js';
import { seedDir, show, yamlFiles } from './helpers.js';

/** The seed design doc's ten example files (copied into ./seed) are the acceptance bar. */
describe('topology linter on the seed examples', () => {
  const all = yamlFiles(seedDir);

  it('has the ten seed files', () => {
    assert.equal(all.length, 10);
  });

  it('linted together (without the environment and workload topologies) finds exactly federate-match and unmonitored-cluster', () => {
    const files = all.filter(
      (f) => f.path !== 'environment-topology.yaml' && f.path !== 'workload-topology.yaml',
    );
    const ds = lintDocuments(files);
    assert.equal(ds.length, 2, show(ds));
    const fm = ds.find((d) => d.rule === 'federate-match');
    const uc = ds.find((d) => d.rule === 'unmonitored-cluster');
    assert.ok(fm, show(ds));
    assert.ok(uc, show(ds));
    assert.equal(fm.file, 'prometheus-federation.yaml');
    assert.match(fm.message, /federate-eu-west/);
    assert.match(uc.message, /ap-south-prod/);
  });

  for (const f of all) {
    const expected = f.path === 'prometheus-federation.yaml' ? ['federate-match'] : [];
    it(`${f.path} alone gives ${expected.length ? expected.join(', ') : 'no finding'}`, () => {
      const ds = lintDocuments([f]);
      assert.deepEqual(
        ds.map((d) => d.rule),
        expected,
        show(ds),
      );
    });
  }
});
