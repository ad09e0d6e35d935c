import assert from 'node:assert/strict';
import { fleetSummary } from '../../../src/tui/state/pods.js';
import { fleet } from './fixtures.js';

describe('dashboard state: pods and the fleet summary', () => {
  it('summarises the fleet: healthy clusters, pods by phase, the slowest cluster', () => {
    const s = fleetSummary(fleet());
    assert.equal(s.healthy, 2);
    assert.equal(s.total, 3);
    assert.deepEqual(s.pods, { running: 2, pending: 1, failed: 1, crashLoop: 1 });
    assert.deepEqual(s.slowest, { cluster: 'eu-west', latencyMs: 180 });
  });
});
