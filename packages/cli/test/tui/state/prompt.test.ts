import assert from 'node:assert/strict';
import { visibleRows } from '../../../src/tui/state/views.js';
import { top } from '../../../src/tui/state/frames.js';
import { neededResources } from '../../../src/tui/state.js';
import { fleet, run, podsFrame } from './fixtures.js';

describe('dashboard state: prompt and filter', () => {
  it('filters by substring over all cells, case-insensitively, and inverts with !', () => {
    let s = run(fleet(), { type: 'openResource', resource: 'pods' });
    s = run(s, { type: 'promptOpen', kind: 'filter' }, { type: 'promptText', text: 'PAYMENT' });
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['payment-1', 'payment-2'],
    );
    s = run(s, { type: 'promptText', text: 'eu-west' });
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['payment-2', 'batch-1'],
    );
    s = run(s, { type: 'promptText', text: '!shop' });
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['job-1'],
    );
    // Enter keeps the filter; Esc then clears it before leaving the view.
    s = run(s, { type: 'promptClose', submit: true });
    assert.equal(podsFrame(s).filter, '!shop');
    s = run(s, { type: 'pop' });
    assert.equal(podsFrame(s).filter, '');
    s = run(s, { type: 'pop' });
    assert.equal(top(s).kind, 'clusters');
  });

  it('the command prompt opens resources, :clusters goes home, :q quits', () => {
    let s = run(fleet(), { type: 'promptOpen', kind: 'command' }, { type: 'promptText', text: 'deploy' });
    s = run(s, { type: 'promptClose', submit: true });
    assert.equal(podsFrame(s).resource, 'deployments');
    assert.deepEqual(neededResources(s), ['pods', 'deployments']);
    s = run(
      s,
      { type: 'promptOpen', kind: 'command' },
      { type: 'promptText', text: 'svc' },
      { type: 'promptClose', submit: true },
    );
    assert.equal(s.stack.length, 2, ':resource replaces the resource view instead of stacking');
    s = run(
      s,
      { type: 'promptOpen', kind: 'command' },
      { type: 'promptText', text: 'clusters' },
      { type: 'promptClose', submit: true },
    );
    assert.equal(top(s).kind, 'clusters');
    s = run(
      s,
      { type: 'promptOpen', kind: 'command' },
      { type: 'promptText', text: 'q' },
      { type: 'promptClose', submit: true },
    );
    assert.equal(s.quitting, true);
  });
});
