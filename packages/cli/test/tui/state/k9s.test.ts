/** The k9s behaviours of issue 17 in the reducer: live ages, namespaces, real names, logs, sort keys. */
import assert from 'node:assert/strict';
import { handleKey } from '../../../src/tui/keys.js';
import {
  initialState,
  liveCells,
  pickerItems,
  reducer,
  rowCells,
  top,
  visibleRows,
  type Action,
  type ContainerChoice,
  type LogsFrame,
  type State,
  type YamlFrame,
} from '../../../src/tui/state.js';
import { cellStamps, liveCell } from '../../../src/tui/state/ages.js';
import { fleet, POD_COLUMNS, podsFrame, run } from './fixtures.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const u = undefined;
const COLS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];

/** Keys typed into the reducer, as the app dispatches them. */
/** The data layer's answer to `l` on a pod: its containers (one: its logs open at once). */
function withContainers(
  s: State,
  containers: ContainerChoice[] = [{ name: 'app', label: 'app', kind: 'container' }],
): State {
  if (s.picker?.kind !== 'containers') assert.fail('l on a pod asks for its containers first');
  return run(s, { type: 'containersLoaded', id: s.picker.id, containers });
}

function type(s: State, ...keys: string[]): State {
  for (const k of keys) {
    const key = k === '\r' ? { return: true } : k === '\u001b' ? { escape: true } : {};
    const input = k === '\r' || k === '\u001b' ? '' : k;
    const r = handleKey(s, input, key);
    s = r.actions.reduce(reducer, s);
  }
  return s;
}
const command = (s: State, text: string) => type(s, ':', ...[...text], '\r');

describe('dashboard state: live ages', () => {
  it('stamps age cells from creationTimestamp, restarts "(… ago)" from their own age', () => {
    const stamps = cellStamps(COLS, ['web', '1/1', 'Running', '3 (5m ago)', '10m'], T0, T0 - 700_000);
    assert.deepEqual(stamps, [undefined, undefined, undefined, T0 - 300_000, T0 - 700_000]);
    assert.equal(cellStamps(COLS, ['web', '1/1', 'Running', '0', '<none>'], T0), undefined);
  });

  it('redraws an age and a restart age from the stamp at any clock, kubectl style', () => {
    assert.equal(liveCell('0s', T0, T0 + 142_000), '2m22s');
    assert.equal(liveCell('3 (5m ago)', T0 - 300_000, T0 + 3_600_000), '3 (65m ago)');
    assert.equal(liveCell('Running', undefined, T0), 'Running');
  });

  it('a row ages with the clock alone, no event from the cluster', () => {
    let s = run(fleet(), { type: 'tick', now: T0 }, { type: 'openResource', resource: 'pods' });
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'us-east',
      columns: POD_COLUMNS,
      rows: [
        {
          namespace: 'shop',
          name: 'fresh',
          cells: ['fresh', '1/1', 'Running', '1 (10s ago)', '0s'],
          stamps: [undefined, undefined, undefined, T0 - 10_000, T0],
        },
      ],
    });
    const row = () => visibleRows(s, podsFrame(s)).find((r) => r.name === 'fresh')!;
    assert.deepEqual(rowCells(row(), true, s.now).slice(5), ['1 (10s ago)', '0s']);
    s = run(s, { type: 'tick', now: T0 + 142_000 });
    assert.deepEqual(rowCells(row(), true, s.now).slice(5), ['1 (2m32s ago)', '2m22s']);
    assert.deepEqual(liveCells(row(), undefined), row().cells, 'no clock: the cells as they came');
  });

  it('sorting by AGE orders by the stamps, not the stale text', () => {
    let s = run(initialState([{ name: 'a' }]), { type: 'openResource', resource: 'pods' });
    // "old" arrived when it was 1m old, an hour ago: it is the oldest, though its text says 1m.
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'a',
      columns: COLS,
      rows: [
        { name: 'old', cells: ['old', '1/1', 'Running', '0', '1m'], stamps: [u, u, u, u, T0 - 3_660_000] },
        { name: 'mid', cells: ['mid', '1/1', 'Running', '0', '30m'], stamps: [u, u, u, u, T0 - 1_800_000] },
        { name: 'new', cells: ['new', '1/1', 'Running', '0', '5s'], stamps: [u, u, u, u, T0 - 5_000] },
      ],
    });
    s = type(s, 'A');
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['new', 'mid', 'old'],
    );
    s = type(s, 'A');
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['old', 'mid', 'new'],
    );
  });
});

describe('dashboard state: k9s sort keys', () => {
  it('T sorts by RESTARTS descending first, again ascending; a missing column says so', () => {
    let s = run(initialState([{ name: 'a' }]), { type: 'openResource', resource: 'pods' });
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'a',
      columns: COLS,
      rows: [
        { name: 'p1', cells: ['p1', '1/1', 'Running', '2 (1m ago)', '1m'] },
        { name: 'p2', cells: ['p2', '0/1', 'CrashLoopBackOff', '17 (3s ago)', '1m'] },
        { name: 'p3', cells: ['p3', '1/1', 'Running', '0', '1m'] },
      ],
    });
    s = type(s, 'T');
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['p2', 'p1', 'p3'],
    );
    assert.equal(podsFrame(s).desc, true);
    s = type(s, 'T');
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['p3', 'p1', 'p2'],
    );
    s = type(s, 'C');
    assert.match(s.flash ?? '', /no CPU column/);
  });
});

describe('dashboard state: namespaces', () => {
  const restricted = () =>
    initialState([{ name: 'us-east' }, { name: 'eu-west' }], 10, {
      nsByCluster: { 'us-east': 'default', 'eu-west': 'shop' },
    });

  it("starts in each context's namespace: rows of other namespaces are not shown", () => {
    let s = run(restricted(), { type: 'openResource', resource: 'pods' });
    s = run(
      s,
      {
        type: 'rowsReplaced',
        resource: 'pods',
        cluster: 'us-east',
        columns: COLS,
        rows: [
          { namespace: 'default', name: 'a', cells: ['a'] },
          { namespace: 'shop', name: 'b', cells: ['b'] },
        ],
      },
      {
        type: 'rowsReplaced',
        resource: 'pods',
        cluster: 'eu-west',
        columns: COLS,
        rows: [{ namespace: 'shop', name: 'c', cells: ['c'] }],
      },
    );
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.key),
      ['default/a', 'shop/c'],
    );
    // the picker offers the contexts' namespaces; choosing "all" shows every row
    s = run(s, { type: 'pickerOpen', kind: 'namespace' });
    assert.deepEqual(
      pickerItems(s).map((i) => i.label),
      ['(all namespaces)', 'default', 'shop'],
    );
    s = run(s, { type: 'pickerChoose' });
    assert.equal(s.nsByCluster, undefined);
    assert.equal(visibleRows(s, podsFrame(s)).length, 3);
  });

  it(':pods kube-system switches every cluster to kube-system; :ns NAME too', () => {
    let s = command(fleet(), 'pods kube-system');
    assert.equal(s.namespace, 'kube-system');
    assert.equal(podsFrame(s).resource, 'pods');
    s = command(s, 'ns shop');
    assert.equal(s.namespace, 'shop');
    assert.equal(podsFrame(s).resource, 'pods');
    s = command(s, 'pods a/b');
    assert.match(s.flash ?? '', /not a namespace name/);
  });

  it(':ns lists namespaces; Enter on one switches to it and lists its pods', () => {
    let s = command(fleet(), 'ns');
    assert.equal(podsFrame(s).resource, 'namespaces');
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'namespaces',
      cluster: 'us-east',
      columns: ['NAME', 'STATUS', 'AGE'],
      rows: [
        { name: 'ops', cells: ['ops', 'Active', '1d'] },
        { name: 'shop', cells: ['shop', 'Active', '1d'] },
      ],
    });
    s = type(s, 'j', '\r');
    assert.equal(s.namespace, 'shop');
    assert.equal(podsFrame(s).resource, 'pods');
    assert.ok(visibleRows(s, podsFrame(s)).every((r) => r.namespace === 'shop'));
  });
});

describe('dashboard state: navigation as k9s', () => {
  it(':deploy after Enter on a cluster keeps that cluster; :dp is deployments; :clusters goes back', () => {
    let s = type(fleet(), 'j', '\r');
    assert.equal(podsFrame(s).cluster, 'eu-west');
    s = command(s, 'deploy');
    assert.equal(podsFrame(s).resource, 'deployments');
    assert.equal(podsFrame(s).cluster, 'eu-west');
    assert.equal(s.stack.length, 2, 'replaces the pods view');
    s = command(s, 'dp');
    assert.equal(podsFrame(s).resource, 'deployments');
    s = command(s, 'clusters');
    assert.equal(top(s).kind, 'clusters');
    s = command(s, 'dp');
    assert.equal(podsFrame(s).cluster, undefined, 'from the clusters view: every cluster');
  });

  it('a pod whose name was escaped opens by its real name (y, d, l)', () => {
    let s = run(initialState([{ name: 'a' }]), { type: 'openResource', resource: 'pods' });
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'a',
      columns: COLS,
      rows: [
        {
          namespace: 'default',
          name: 'evil\\x1b[31m',
          realName: 'evil\u001b[31m',
          cells: ['evil\\x1b[31m', '1/1', 'Running', '0', '1m'],
        },
      ],
    });
    for (const k of ['y', 'd']) {
      const f = top(type(s, k)) as YamlFrame;
      assert.equal(f.kind, 'yaml');
      assert.equal(f.realName, 'evil\u001b[31m');
      assert.equal(f.name, 'evil\\x1b[31m');
      assert.equal(f.view, k === 'd' ? 'describe' : undefined);
    }
    const logs = top(withContainers(type(s, 'l'))) as LogsFrame;
    assert.equal(logs.kind, 'logs');
    assert.equal(logs.realName, 'evil\u001b[31m');
    assert.deepEqual(logs.clusters, ['a']);
  });

  it('l on a deployment reads every shown cluster that has it; on a node it says there are no logs', () => {
    let s = run(fleet(), { type: 'openResource', resource: 'deployments' });
    const dep = (ns: string, name: string) => ({ namespace: ns, name, cells: [name, '1/1', '1', '1', '1d'] });
    const cols = ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'];
    s = run(
      s,
      {
        type: 'rowsReplaced',
        resource: 'deployments',
        cluster: 'us-east',
        columns: cols,
        rows: [dep('shop', 'web')],
      },
      {
        type: 'rowsReplaced',
        resource: 'deployments',
        cluster: 'eu-west',
        columns: cols,
        rows: [dep('shop', 'web'), dep('shop', 'api')],
      },
    );
    const f = top(type(s, 'l')) as LogsFrame;
    assert.deepEqual(f.clusters, ['us-east', 'eu-west']);
    assert.equal(f.name, 'web');
    s = command(s, 'nodes');
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'nodes',
      cluster: 'us-east',
      columns: ['NAME', 'STATUS'],
      rows: [{ name: 'n1', cells: ['n1', 'Ready'] }],
    });
    s = type(s, 'l');
    assert.match(s.flash ?? '', /no logs for nodes/);
  });

  it('l on a pod with several containers: a picker (init first), Enter one, p its previous, all', () => {
    let s = run(initialState([{ name: 'a' }]), { type: 'openResource', resource: 'pods' });
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'a',
      columns: COLS,
      rows: [{ namespace: 'shop', name: 'web-1', cells: ['web-1', '2/2', 'Running', '0', '1m'] }],
    });
    const opened = type(s, 'l');
    assert.equal(top(opened).kind, 'resource', 'nothing pushed while the pod is read');
    assert.deepEqual(pickerItems(opened), [], 'nothing to pick yet');
    const picking = withContainers(opened, [
      { name: 'migrate', label: 'migrate', kind: 'init' },
      { name: 'app', label: 'app', kind: 'container' },
      { name: 'proxy\u001b', label: 'proxy^[', kind: 'container' },
    ]);
    assert.equal(top(picking).kind, 'resource');
    assert.deepEqual(
      pickerItems(picking).map((i) => i.label),
      ['(all containers)', 'migrate (init)', 'app', 'proxy^['],
    );
    // Enter on the init container: its logs, followed, asked for by its name.
    let f = top(type(picking, 'j', '\r')) as LogsFrame;
    assert.equal(f.kind, 'logs');
    assert.equal(f.container, 'migrate');
    assert.equal(f.containerLabel, 'migrate');
    assert.equal(f.follow, true);
    assert.equal(f.previous, false);
    // p on the escaped one: its previous logs, by its real name.
    const prev = type(picking, 'j', 'j', 'j', 'p');
    assert.equal(prev.picker, undefined);
    f = top(prev) as LogsFrame;
    assert.equal(f.container, 'proxy\u001b');
    assert.equal(f.previous, true);
    // Enter on the first item: every container.
    f = top(type(picking, '\r')) as LogsFrame;
    assert.equal(f.kind, 'logs');
    assert.equal(f.container, undefined);
    // Esc closes the picker, nothing opened; a late answer for it changes nothing.
    const closed = type(opened, '\u001b');
    assert.equal(closed.picker, undefined);
    assert.equal(top(closed).kind, 'resource');
    assert.equal(run(closed, { type: 'containersLoaded', id: 1 }), closed);
    // The pod could not be read: every container's logs (their view says why).
    f = top(run(opened, { type: 'containersLoaded', id: (opened.picker as { id: number }).id })) as LogsFrame;
    assert.equal(f.kind, 'logs');
    assert.equal(f.container, undefined);
  });

  it('logs: lines append (bounded), k stops following, G follows, p asks for a new stream', () => {
    let s = run(initialState([{ name: 'a' }]), { type: 'openResource', resource: 'pods' });
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'a',
      columns: COLS,
      rows: [{ namespace: 'default', name: 'p', cells: ['p', '1/1', 'Running', '0', '1m'] }],
    });
    s = withContainers(type(s, 'l'));
    const id = (top(s) as LogsFrame).id;
    const lines: Action = { type: 'logLines', id, lines: Array.from({ length: 6000 }, (_, i) => `l${i}`) };
    s = run(s, lines);
    let f = top(s) as LogsFrame;
    assert.equal(f.lines.length, 5000);
    assert.equal(f.dropped, 1000);
    assert.equal(f.lines[0], 'l1000');
    s = type(s, 'k');
    f = top(s) as LogsFrame;
    assert.equal(f.follow, false);
    s = type(s, 'G');
    assert.equal((top(s) as LogsFrame).follow, true);
    s = type(s, 'p');
    f = top(s) as LogsFrame;
    assert.equal(f.previous, true);
    assert.notEqual(f.id, id);
    assert.deepEqual(f.lines, []);
    // a late line of the old stream goes nowhere
    assert.deepEqual((top(run(s, { ...lines, lines: ['late'] })) as LogsFrame).lines, []);
    s = type(s, 'w', 't');
    f = top(s) as LogsFrame;
    assert.equal(f.wrap, true);
    assert.equal(f.timestamps, true);
  });
});

describe('dashboard state: / as a regular expression', () => {
  it('a filter with regex characters is a case-insensitive regex over each cell; ! inverts; half-typed is text', () => {
    let s = run(fleet(), { type: 'openResource', resource: 'pods' });
    const names = () => visibleRows(s, podsFrame(s)).map((r) => r.name);
    s = run(s, { type: 'setFilter', text: '^(PAYMENT|web)-\\d$' });
    assert.deepEqual(names().sort(), ['payment-1', 'payment-2', 'web-1']);
    s = run(s, { type: 'setFilter', text: '!^payment' });
    assert.deepEqual(names().sort(), ['batch-1', 'job-1', 'web-1']);
    // `job-(` does not compile: it is looked for as text (and found nowhere)
    s = run(s, { type: 'setFilter', text: 'job-(' });
    assert.deepEqual(names(), []);
    s = run(s, { type: 'setFilter', text: 'b-1' });
    assert.deepEqual(names().sort(), ['job-1', 'web-1']);
  });
});

describe('dashboard state: Tab on the command line', () => {
  const tab = (s: State) => handleKey(s, '', { tab: true }).actions.reduce(reducer, s);
  it('completes a resource, lists the choices when several remain, and a namespace as the second word', () => {
    let s = type(fleet(), ':', 'd', 'e', 'p');
    s = tab(s);
    assert.equal(s.prompt?.text, 'deployments');
    s = type(fleet(), ':', 's', 'e', 'r');
    s = tab(s);
    assert.equal(s.prompt?.text, 'service');
    assert.equal(s.flash, 'serviceaccounts services');
    s = type(s, 'x');
    assert.equal(s.flash, undefined, 'typing on clears the choices');
    s = type(fleet(), ':', 'p', 'o', 'd', 's', ' ', 's', 'h');
    s = tab(s);
    assert.equal(s.prompt?.text, 'pods shop');
    s = type(s, '\r');
    assert.equal(s.namespace, 'shop');
  });
});

describe('dashboard state: refused across namespaces', () => {
  it("falls back to the context's namespace and says so; an explicit namespace does not", () => {
    let s = initialState([{ name: 'a' }, { name: 'r' }], 10, { contextNs: { a: 'default', r: 'default' } });
    s = run(s, { type: 'openResource', resource: 'pods' });
    s = run(s, {
      type: 'resourceError',
      resource: 'pods',
      cluster: 'r',
      error: { kind: 'Forbidden', message: 'pods is forbidden: … at the cluster scope' },
    });
    assert.deepEqual(s.fallbackNs, { r: 'default' });
    assert.equal(s.resources['pods']?.errors['r'], undefined, 'not an error: a fallback');
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'r',
      columns: COLS,
      rows: [
        { namespace: 'default', name: 'mine', cells: ['mine'] },
        { namespace: 'other', name: 'stale', cells: ['stale'] },
      ],
    });
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['mine'],
    );
    // in a namespace the user picked, a refusal is an error
    s = run(s, { type: 'openResource', resource: 'pods', namespace: 'kube-system' });
    s = run(s, {
      type: 'resourceError',
      resource: 'pods',
      cluster: 'a',
      error: { kind: 'Forbidden', message: 'nope' },
    });
    assert.equal(s.resources['pods']?.errors['a']?.kind, 'Forbidden');
    assert.deepEqual(s.fallbackNs, { r: 'default' });
  });
});

describe('dashboard state: :pods app=web', () => {
  it('opens the resource under a label selector, keyed apart from the plain list', async () => {
    const { neededResources } = await import('../../../src/tui/state.js');
    let s = command(fleet(), 'pods app=web,tier!=db');
    assert.equal(podsFrame(s).selector, 'app=web,tier!=db');
    assert.deepEqual(neededResources(s).sort(), ['pods', 'pods -l app=web,tier!=db']);
    assert.equal(visibleRows(s, podsFrame(s)).length, 0, 'no rows until its own list answers');
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods -l app=web,tier!=db',
      cluster: 'us-east',
      columns: COLS,
      rows: [{ namespace: 'shop', name: 'web-1', cells: ['web-1'] }],
    });
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['web-1'],
    );
    s = command(s, 'pods app=(web');
    assert.match(s.flash ?? '', /not a label selector/);
  });
});

describe('dashboard state: how often ages are redrawn', () => {
  it('every second while a shown age has seconds (under 10m), else every 10 s', async () => {
    const { tickInterval } = await import('../../../src/tui/state/ages.js');
    const row = (stamp: number) => ({
      cluster: 'a',
      key: 'k',
      name: 'k',
      cells: ['1m'],
      search: '',
      stamps: [stamp],
    });
    assert.equal(tickInterval([row(T0 - 60_000)], T0), 1000);
    assert.equal(tickInterval([row(T0 - 3_600_000)], T0), 10_000);
    assert.equal(tickInterval([row(T0 - 3_600_000), row(T0 - 5_000)], T0), 1000);
    assert.equal(tickInterval([], T0), 10_000);
  });
});
