import assert from 'node:assert/strict';
import { handleKey } from '../../src/tui/keys.js';
import {
  ageSeconds,
  compareCells,
  fleetSummary,
  initialState,
  neededResources,
  pickerItems,
  reducer,
  rowCells,
  top,
  visibleClusters,
  visibleRows,
  type Action,
  type ResourceFrame,
  type State,
} from '../../src/tui/state.js';

const POD_COLUMNS = ['Name', 'Ready', 'Status', 'Restarts', 'Age'];

function pod(ns: string, name: string, status: string, age = '5m') {
  return { namespace: ns, name, cells: [name, '1/1', status, '0', age] };
}

function fleet(): State {
  let s = initialState(
    [{ name: 'us-east', region: 'us-east-1', environment: 'prod' }, { name: 'eu-west' }, { name: 'dev' }],
    10,
  );
  const actions: Action[] = [
    {
      type: 'health',
      cluster: 'us-east',
      health: { state: 'ok', version: 'v1.31.0', latencyMs: 20, nodesReady: 3, nodesTotal: 3 },
    },
    {
      type: 'health',
      cluster: 'eu-west',
      health: { state: 'ok', version: 'v1.30.2', latencyMs: 180, nodesReady: 2, nodesTotal: 3 },
    },
    {
      type: 'health',
      cluster: 'dev',
      health: { state: 'error', error: { kind: 'Unreachable', message: 'connection refused' } },
    },
    {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'us-east',
      columns: POD_COLUMNS,
      rows: [
        pod('shop', 'payment-1', 'Running', '2h'),
        pod('shop', 'web-1', 'CrashLoopBackOff', '10m'),
        pod('ops', 'job-1', 'Pending', '30s'),
      ],
    },
    {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'eu-west',
      columns: POD_COLUMNS,
      rows: [pod('shop', 'payment-2', 'Running', '1d'), pod('shop', 'batch-1', 'Failed', '3m')],
    },
  ];
  for (const a of actions) s = reducer(s, a);
  return s;
}

function run(s: State, ...actions: Action[]): State {
  return actions.reduce(reducer, s);
}

function podsFrame(s: State): ResourceFrame {
  const f = top(s);
  assert.equal(f.kind, 'resource');
  return f as ResourceFrame;
}

describe('dashboard state', () => {
  it('summarises the fleet: healthy clusters, pods by phase, the slowest cluster', () => {
    const s = fleetSummary(fleet());
    assert.equal(s.healthy, 2);
    assert.equal(s.total, 3);
    assert.deepEqual(s.pods, { running: 2, pending: 1, failed: 1, crashLoop: 1 });
    assert.deepEqual(s.slowest, { cluster: 'eu-west', latencyMs: 180 });
  });

  it('shows a failing cluster in place with its typed error, not hiding the others', () => {
    const rows = visibleClusters(fleet());
    assert.deepEqual(
      rows.map((r) => [r.cells[0], r.cells[3]]),
      [
        ['us-east', 'ok'],
        ['eu-west', 'ok'],
        ['dev', 'unreachable'],
      ],
    );
    assert.equal(rows[0]!.cells[1], 'us-east-1');
    assert.equal(rows[1]!.cells[6], '2/3');
    assert.equal(rows[0]!.cells[7], '1/1/0/1');
  });

  it('lists a resource across clusters with CLUSTER first', () => {
    const s = run(fleet(), { type: 'openResource', resource: 'po' });
    const f = podsFrame(s);
    assert.equal(f.resource, 'pods');
    const rows = visibleRows(s, f);
    assert.equal(rows.length, 5);
    assert.deepEqual(rowCells(rows[0]!, true), ['us-east', 'shop', 'payment-1', '1/1', 'Running', '0', '2h']);
  });

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

  it('cycles the sort column, sorting ages as durations', () => {
    let s = run(fleet(), { type: 'openResource', resource: 'pods' });
    const ages = () => visibleRows(s, podsFrame(s)).map((r) => rowCells(r, true)[6]);
    for (let i = 0; i < 7; i++) s = run(s, { type: 'cycleSort' }); // CLUSTER, NAMESPACE, Name, Ready, Status, Restarts, Age
    assert.equal(podsFrame(s).sort, 6);
    assert.deepEqual(ages(), ['30s', '3m', '10m', '2h', '1d']);
    s = run(s, { type: 'cycleSort' });
    assert.equal(podsFrame(s).sort, -1, 'after the last column the natural order returns');
  });

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

  it('keeps the selection inside the rows and the scroll window around it', () => {
    let s = initialState([{ name: 'a' }], 3);
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'a',
      columns: POD_COLUMNS,
      rows: Array.from({ length: 10 }, (_, i) => pod('ns', `p${i}`, 'Running')),
    });
    s = run(s, { type: 'openResource', resource: 'pods' }, { type: 'move', delta: 4 });
    assert.deepEqual([podsFrame(s).selected, podsFrame(s).scroll], [4, 2]);
    s = run(s, { type: 'moveTo', index: 'last' });
    assert.deepEqual([podsFrame(s).selected, podsFrame(s).scroll], [9, 7]);
    s = run(s, { type: 'rowDelete', resource: 'pods', cluster: 'a', key: 'ns/p9' });
    assert.equal(podsFrame(s).selected, 8);
    s = run(s, { type: 'moveTo', index: 'first' }, { type: 'move', delta: -5 });
    assert.deepEqual([podsFrame(s).selected, podsFrame(s).scroll], [0, 0]);
  });

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

  it('compares cells as kubectl users expect', () => {
    assert.equal(ageSeconds('2d3h'), 2 * 86400 + 3 * 3600);
    assert.equal(ageSeconds('Running'), undefined);
    assert.ok(compareCells('9', '10') < 0);
    assert.ok(compareCells('5m', '1h') < 0);
    assert.ok(compareCells('', 'a') > 0);
  });
});

describe('dashboard keys', () => {
  function press(s: State, input: string, key: Parameters<typeof handleKey>[2] = {}): State {
    return handleKey(s, input, key).actions.reduce(reducer, s);
  }

  it('maps the k9s keys', () => {
    let s = fleet();
    s = press(s, 'j');
    assert.equal((top(s) as { selected: number }).selected, 1);
    s = press(s, '', { upArrow: true });
    assert.equal((top(s) as { selected: number }).selected, 0);
    s = press(s, 'G');
    assert.equal((top(s) as { selected: number }).selected, 2);
    s = press(s, 'g');
    assert.equal((top(s) as { selected: number }).selected, 0);
    s = press(s, '?');
    assert.equal(top(s).kind, 'help');
    s = press(s, '', { escape: true });
    assert.equal(top(s).kind, 'clusters');
    assert.equal(handleKey(s, 'r', {}).refresh, true);
    assert.equal(handleKey(s, 'q', {}).quit, true);
    assert.equal(handleKey(s, 'c', { ctrl: true }).quit, true);
  });

  it('types into the prompt: letters are text, not commands, and backspace edits', () => {
    let s = press(fleet(), ':');
    for (const ch of 'podsq') s = press(s, ch);
    assert.equal(s.prompt?.text, 'podsq');
    assert.equal(s.quitting, false);
    s = press(s, '', { backspace: true });
    s = press(s, '', { return: true });
    assert.equal(podsFrame(s).resource, 'pods');
    s = press(s, '/');
    for (const ch of 'batch') s = press(s, ch);
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['batch-1'],
    );
    s = press(s, '', { escape: true });
    assert.equal(podsFrame(s).filter, '', 'Esc in the filter prompt clears it');
  });

  it('PgDn moves by a page', () => {
    let s = initialState([{ name: 'a' }], 5);
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'a',
      columns: POD_COLUMNS,
      rows: Array.from({ length: 20 }, (_, i) => pod('ns', `p${i}`, 'Running')),
    });
    s = run(s, { type: 'openResource', resource: 'pods' });
    s = press(s, '', { pageDown: true });
    assert.equal(podsFrame(s).selected, 4);
    s = press(s, '', { pageUp: true });
    assert.equal(podsFrame(s).selected, 0);
  });
});
