import assert from 'node:assert/strict';
import type { KubeEvent } from '@kubectl-mc/core/fleet';
import { EventPrinter, eventRow, noEventsMessage } from '../src/lib/events-output.js';

const now = Date.now();
const ev = (name: string, minutesAgo: number, message = 'hello'): KubeEvent => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'prod' },
  involvedObject: { kind: 'Pod', name },
  type: 'Normal',
  reason: 'Pulled',
  message,
  count: 1,
  firstTimestamp: new Date(now - minutesAgo * 60_000).toISOString(),
  lastTimestamp: new Date(now - minutesAgo * 60_000).toISOString(),
});

describe('events: output', () => {
  it('a row is CLUSTER then kubectl events cells, every cell escaped', () => {
    assert.deepEqual(eventRow('c\x1b1', ev('p\x07', 12, 'a\x1b[2Jb'), now, true), [
      'c^[1',
      'prod',
      '12m',
      'Normal',
      'Pulled',
      'Pod/p^G',
      'a^[[2Jb',
    ]);
  });

  it('prints one table, then watched rows in the same columns', () => {
    let out = '';
    const p = new EventPrinter('table', false, false, (s) => (out += s));
    p.list([{ context: 'east', event: ev('a', 30) }]);
    p.one('west', ev('bb', 0));
    const lines = out.trimEnd().split('\n');
    assert.match(lines[0]!, /^CLUSTER\s+LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    assert.match(lines[1]!, /^east\s+30m\s+Normal\s+Pulled\s+Pod\/a\s+hello$/);
    assert.match(lines[2]!, /^west\s+\d+s\s+Normal\s+Pulled\s+Pod\/bb\s+hello$/);
    assert.equal(lines[1]!.indexOf('Normal'), lines[0]!.indexOf('TYPE'));
  });

  it('--no-headers, and a header with the first watched event when the list was empty', () => {
    let out = '';
    new EventPrinter('table', true, true, (s) => (out += s)).one('east', ev('a', 1));
    assert.doesNotMatch(out, /CLUSTER/);
    out = '';
    const p = new EventPrinter('table', true, false, (s) => (out += s));
    p.one('east', ev('a', 1));
    p.one('east', ev('b', 1));
    assert.equal(out.match(/CLUSTER/g)?.length, 1);
  });

  it('-o json: one v1 List, items annotated with their context, in the merged order', () => {
    let out = '';
    new EventPrinter('json', true, false, (s) => (out += s)).list([
      { context: 'west', event: ev('old', 50) },
      { context: 'east', event: ev('new', 5) },
    ]);
    const list = JSON.parse(out) as { kind: string; items: KubeEvent[] };
    assert.equal(list.kind, 'List');
    assert.deepEqual(
      list.items.map((i) => [i.metadata?.annotations?.['kubectl-mc.io/context'], i.metadata?.name]),
      [
        ['west', 'old'],
        ['east', 'new'],
      ],
    );
  });

  it("says kubectl's no-events line", () => {
    assert.equal(noEventsMessage(true, ['a']), 'No events found.');
    assert.equal(noEventsMessage(false, ['web', 'web']), 'No events found in web namespace.');
    assert.equal(noEventsMessage(false, ['a', 'b']), 'No events found in namespaces a, b.');
  });
});
