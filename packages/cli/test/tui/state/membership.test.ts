import assert from 'node:assert/strict';
import { visibleClusters, visibleRows } from '../../../src/tui/state.js';
import { fleet, podsFrame, run } from './fixtures.js';

describe('dashboard state: the fleet membership changes (a hub)', () => {
  it('a cluster that joins is pending; one that leaves loses its health, rows and exclusion', () => {
    let s = run({ ...fleet(), excluded: { dev: true } }, { type: 'openResource', resource: 'pods' });
    assert.ok(visibleRows(s, podsFrame(s)).some((r) => r.cluster === 'eu-west'));
    s = run(s, {
      type: 'clusters',
      clusters: [{ name: 'us-east', region: 'us-east-1', environment: 'prod' }, { name: 'ap-south' }],
    });
    assert.deepEqual(
      s.clusters.map((c) => c.name),
      ['us-east', 'ap-south'],
    );
    assert.deepEqual(s.health['ap-south'], { state: 'pending' });
    assert.equal(s.health['us-east']?.state, 'ok', 'a cluster that stays keeps its health');
    assert.equal(s.health['eu-west'], undefined);
    assert.equal(s.resources['pods']!.rows['eu-west'], undefined);
    assert.equal(s.resources['pods']!.rows['us-east']!.length, 3);
    assert.deepEqual(s.excluded, {});
    assert.deepEqual([...new Set(visibleRows(s, podsFrame(s)).map((r) => r.cluster))], ['us-east']);
    s = run(s, { type: 'pop' });
    assert.deepEqual(
      visibleClusters(s).map((r) => [r.name, r.cells[3]]),
      [
        ['us-east', 'ok'],
        ['ap-south', '…'],
      ],
    );
  });
});
