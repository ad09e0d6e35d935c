import assert from 'node:assert/strict';
import { mergeTables, formatTable, TableWriter, cellText, formatLabels } from '../../src/render/index.js';
import type { Table } from '../../src/api/index.js';

const podCols = [
  { name: 'Name', type: 'string', format: 'name', priority: 0 },
  { name: 'Ready', type: 'string', priority: 0 },
  { name: 'Status', type: 'string', priority: 0 },
  { name: 'IP', type: 'string', priority: 1 },
];
function pods(...rows: Array<[string, string, string, string, string?]>): Table {
  return {
    columns: podCols,
    rows: rows.map(([name, ready, status, ip, ns]) => ({
      cells: [name, ready, status, ip],
      object: { metadata: { name, namespace: ns ?? 'default', labels: { app: name.split('-')[0] ?? '' } } },
    })),
  };
}

describe('render: mergeTables / formatTable', () => {
  const a = pods(['web-1', '1/1', 'Running', '10.0.0.1'], ['web-2', '0/1', 'Pending', '10.0.0.2']);
  const b = pods(['db-0', '1/1', 'Running', '10.1.0.1', 'data']);

  it('-L adds a column per label key (last path segment, upper case), empty where unset, before LABELS', () => {
    const m = mergeTables([{ context: 'us-east', table: a }], {
      labelColumns: ['app', 'example.io/tier'],
      showLabels: true,
    });
    assert.deepEqual(m.headers, ['CLUSTER', 'NAME', 'READY', 'STATUS', 'APP', 'TIER', 'LABELS']);
    assert.deepEqual(m.rows[0], ['us-east', 'web-1', '1/1', 'Running', 'web', '', 'app=web']);
  });

  it('puts CLUSTER first, then only priority-0 server columns, rows in cluster then server order', () => {
    const m = mergeTables([
      { context: 'us-east', table: a },
      { context: 'eu-west', table: b },
    ]);
    assert.deepEqual(m.headers, ['CLUSTER', 'NAME', 'READY', 'STATUS']);
    assert.deepEqual(
      m.rows.map((r) => r.slice(0, 2)),
      [
        ['us-east', 'web-1'],
        ['us-east', 'web-2'],
        ['eu-west', 'db-0'],
      ],
    );
  });

  it('adds priority>0 columns with wide, NAMESPACE with namespaceColumn, LABELS with showLabels', () => {
    const m = mergeTables([{ context: 'c', table: b }], {
      wide: true,
      namespaceColumn: true,
      showLabels: true,
    });
    assert.deepEqual(m.headers, ['CLUSTER', 'NAMESPACE', 'NAME', 'READY', 'STATUS', 'IP', 'LABELS']);
    assert.deepEqual(m.rows[0], ['c', 'data', 'db-0', '1/1', 'Running', '10.1.0.1', 'app=db']);
  });

  it('prefixes name cells with the kind when several types are printed', () => {
    const m = mergeTables([{ context: 'c', table: a }], { kindPrefix: 'pod' });
    assert.equal(m.rows[0]?.[1], 'pod/web-1');
  });

  it('unions columns by name when clusters disagree, leaving missing cells empty', () => {
    const other: Table = {
      columns: [
        { name: 'Name', type: 'string', format: 'name', priority: 0 },
        { name: 'Age', type: 'string', priority: 0 },
      ],
      rows: [{ cells: ['x', '5m'] }],
    };
    const m = mergeTables([
      { context: 'a', table: a },
      { context: 'b', table: other },
    ]);
    assert.deepEqual(m.headers, ['CLUSTER', 'NAME', 'READY', 'STATUS', 'AGE']);
    assert.deepEqual(m.rows[2], ['b', 'x', '', '', '5m']);
  });

  it('escapes cluster-originated cells', () => {
    const evil: Table = { columns: podCols, rows: [{ cells: ['\x1b[2Jx', '1/1', 'ok\rFAKE', ''] }] };
    const m = mergeTables([{ context: 'c\u202e', table: evil }]);
    assert.deepEqual(m.rows[0], ['c\\u202e', '^[[2Jx', '1/1', 'ok...']);
  });

  it('aligns like kubectl tabwriter: min width 6, 3 spaces padding, last column unpadded', () => {
    const text = formatTable({
      headers: ['CLUSTER', 'NAME', 'A', 'STATUS'],
      rows: [
        ['us-east-prod', 'web-1', 'x', 'Running'],
        ['eu', 'db-0', 'yy', 'Pending'],
      ],
    });
    assert.equal(
      text,
      'CLUSTER        NAME    A     STATUS\n' +
        'us-east-prod   web-1   x     Running\n' +
        'eu             db-0    yy    Pending\n',
    );
  });

  it('omits the header with noHeaders', () => {
    assert.equal(
      formatTable({ headers: ['NAME', 'AGE'], rows: [['a', '1s']] }, { noHeaders: true }),
      'a     1s\n',
    );
  });

  it('TableWriter remembers widths across calls (watch streams stay aligned)', () => {
    const w = new TableWriter();
    w.format([['CLUSTER', 'NAME', 'STATUS']]);
    assert.equal(w.format([['c', 'n', 'Running']]), 'c         n      Running\n');
  });

  it('cellText prints numbers, booleans and null like kubectl', () => {
    assert.equal(cellText(3), '3');
    assert.equal(cellText(true), 'true');
    assert.equal(cellText(null), '');
    assert.equal(cellText('a\nb'), 'a...');
  });

  it('formatLabels sorts keys and says <none> when empty', () => {
    assert.equal(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
    assert.equal(formatLabels({}), '<none>');
  });
});
