import assert from 'node:assert/strict';
import { visibleRows } from '../../../src/tui/state/views.js';
import { top } from '../../../src/tui/state/frames.js';
import { fleet, run, podsFrame } from './fixtures.js';

describe('dashboard state: navigation', () => {
  it('drills from a cluster into its pods, and from a row into its YAML', () => {
    let s = run(fleet(), { type: 'move', delta: 1 }, { type: 'drill' });
    const f = podsFrame(s);
    assert.equal(f.cluster, 'eu-west');
    assert.deepEqual(
      visibleRows(s, f).map((r) => r.name),
      ['payment-2', 'batch-1'],
    );
    s = run(s, { type: 'move', delta: 1 }, { type: 'drill' });
    const y = top(s);
    assert.equal(y.kind, 'yaml');
    assert.equal(y.kind === 'yaml' && `${y.cluster}/${y.namespace}/${y.name}`, 'eu-west/shop/batch-1');
    s = run(s, {
      type: 'yamlLoaded',
      cluster: 'eu-west',
      resource: 'pods',
      key: 'shop/batch-1',
      text: 'kind: Pod\n',
    });
    assert.equal(top(s).kind === 'yaml' && (top(s) as { text?: string }).text, 'kind: Pod\n');
    s = run(s, { type: 'pop' }, { type: 'pop' });
    assert.equal(top(s).kind, 'clusters');
  });
});
