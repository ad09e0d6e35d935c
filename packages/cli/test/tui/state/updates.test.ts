import assert from 'node:assert/strict';
import { POD_COLUMNS, pod, fleet, run } from './fixtures.js';

describe('dashboard state: updates from clusters', () => {
  it('applies watch events: upsert replaces by namespace/name, delete removes', () => {
    let s = run(fleet(), {
      type: 'rowUpsert',
      resource: 'pods',
      cluster: 'us-east',
      row: pod('ops', 'job-1', 'Running'),
    });
    s = run(s, {
      type: 'rowUpsert',
      resource: 'pods',
      cluster: 'us-east',
      row: pod('ops', 'job-2', 'Pending'),
    });
    s = run(s, { type: 'rowDelete', resource: 'pods', cluster: 'us-east', key: 'shop/web-1' });
    const rows = s.resources['pods']!.rows['us-east']!.map((r) => `${r.key}=${r.cells[2]}`);
    assert.deepEqual(rows, ['shop/payment-1=Running', 'ops/job-1=Running', 'ops/job-2=Pending']);
  });

  it('aligns cells when clusters of different versions send different columns', () => {
    const s = run(fleet(), {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'dev',
      columns: ['Name', 'Status', 'Ready', 'Restarts', 'Age', 'Nominated'],
      rows: [{ namespace: 'x', name: 'p', cells: ['p', 'Running', '1/1', '0', '1m', 'n1'] }],
    });
    const data = s.resources['pods']!;
    assert.deepEqual(data.columns, [...POD_COLUMNS, 'Nominated']);
    assert.deepEqual(data.rows['dev']![0]!.cells, ['p', '1/1', 'Running', '0', '1m', 'n1']);
  });

  it('records per-cluster resource errors and clears them when the cluster answers', () => {
    let s = run(fleet(), {
      type: 'resourceError',
      resource: 'pods',
      cluster: 'dev',
      error: { kind: 'Unreachable', message: 'refused' },
    });
    assert.deepEqual(s.resources['pods']!.errors['dev'], { kind: 'Unreachable', message: 'refused' });
    s = run(s, { type: 'rowsReplaced', resource: 'pods', cluster: 'dev', columns: POD_COLUMNS, rows: [] });
    assert.equal(s.resources['pods']!.errors['dev'], undefined);
  });
});
