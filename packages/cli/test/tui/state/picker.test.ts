import assert from 'node:assert/strict';
import { fleetSummary } from '../../../src/tui/state/pods.js';
import { visibleRows } from '../../../src/tui/state/views.js';
import { pickerItems } from '../../../src/tui/state/picker.js';
import { fleet, run, podsFrame } from './fixtures.js';

describe('dashboard state: pickers', () => {
  it('picks a namespace from those seen, and toggles clusters out of views and the header', () => {
    let s = run(
      fleet(),
      { type: 'openResource', resource: 'pods' },
      { type: 'pickerOpen', kind: 'namespace' },
    );
    assert.deepEqual(
      pickerItems(s).map((i) => i.label),
      ['(all namespaces)', 'ops', 'shop'],
    );
    s = run(s, { type: 'pickerMove', delta: 1 }, { type: 'pickerChoose' });
    assert.equal(s.namespace, 'ops');
    assert.equal(s.picker, undefined);
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['job-1'],
    );
    s = run(s, { type: 'pickerOpen', kind: 'namespace' }, { type: 'pickerChoose' });
    assert.equal(s.namespace, undefined);

    s = run(s, { type: 'pickerOpen', kind: 'clusters' }, { type: 'pickerChoose' });
    assert.deepEqual(s.excluded, { 'us-east': true });
    assert.equal(s.picker?.kind, 'clusters', 'the cluster picker stays open to toggle several');
    s = run(s, { type: 'pickerClose' });
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.cluster),
      ['eu-west', 'eu-west'],
    );
    assert.equal(fleetSummary(s).total, 2);
  });
});
