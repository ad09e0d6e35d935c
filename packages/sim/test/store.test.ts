import assert from 'node:assert/strict';
import { ExpiredError, ResourceStore, humanDuration } from '../src/index.js';
import { isNamespaced } from '../src/resources.js';

const cm = (name: string, data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data,
});

describe('ResourceStore', () => {
  it('assigns increasing resourceVersions and logs ADDED/MODIFIED/DELETED', () => {
    const s = new ResourceStore(isNamespaced);
    const a = s.add('configmaps', cm('a'));
    const b = s.update('configmaps', cm('a', { k: 'v' }));
    s.delete('configmaps', 'default', 'a');
    assert.ok(Number(b.metadata.resourceVersion) > Number(a.metadata.resourceVersion));
    assert.deepEqual(
      s.events().map((e) => [e.type, e.resource, e.namespace, e.name]),
      [
        ['ADDED', 'configmaps', 'default', 'a'],
        ['MODIFIED', 'configmaps', 'default', 'a'],
        ['DELETED', 'configmaps', 'default', 'a'],
      ],
    );
    assert.equal(s.get('configmaps', 'default', 'a'), undefined);
  });

  it('keeps uid and creationTimestamp across updates and refuses duplicates', () => {
    const s = new ResourceStore(isNamespaced);
    const a = s.add('configmaps', cm('a'));
    const b = s.update('configmaps', cm('a', { x: '1' }));
    assert.equal(b.metadata.uid, a.metadata.uid);
    assert.equal(b.metadata.creationTimestamp, a.metadata.creationTimestamp);
    assert.throws(() => s.add('configmaps', cm('a')), /already exists/);
    assert.throws(() => s.update('configmaps', cm('zzz')), /not found/);
    assert.throws(() => s.add('configmaps', { metadata: { name: 'no-ns' } }), /needs metadata.namespace/);
  });

  it('lists sorted by namespace/name and sees updates', () => {
    const s = new ResourceStore(isNamespaced);
    s.add('configmaps', cm('b'));
    s.add('configmaps', { ...cm('a'), metadata: { name: 'a', namespace: 'zeta' } });
    s.add('configmaps', cm('a'));
    s.update('configmaps', cm('b', { changed: 'yes' }));
    const items = s.list('configmaps');
    assert.deepEqual(
      items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
      ['default/a', 'default/b', 'zeta/a'],
    );
    assert.deepEqual(items[1]!['data'], { changed: 'yes' });
    assert.equal(s.list('configmaps', 'zeta').length, 1);
  });

  it('replays events after a resourceVersion and expires history on compact()', () => {
    const s = new ResourceStore(isNamespaced);
    const a = s.add('configmaps', cm('a'));
    s.add('configmaps', cm('b'));
    const rv = Number(a.metadata.resourceVersion);
    assert.deepEqual(
      s.eventsSince(rv, 'configmaps').map((e) => e.name),
      ['b'],
    );
    s.compact();
    assert.throws(() => s.eventsSince(rv, 'configmaps'), ExpiredError);
    assert.deepEqual(s.eventsSince(s.revision, 'configmaps'), []);
  });

  it('bounds the event log and expires what fell out of it', () => {
    const s = new ResourceStore(isNamespaced, 3);
    const first = s.add('configmaps', cm('a0'));
    for (let i = 1; i < 6; i++) s.add('configmaps', cm(`a${i}`));
    assert.equal(s.events().length, 3);
    assert.throws(() => s.eventsSince(Number(first.metadata.resourceVersion), 'configmaps'), ExpiredError);
  });
});

describe('humanDuration (kube-apiserver Age cells)', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  it('formats like k8s.io/apimachinery duration.HumanDuration', () => {
    assert.equal(humanDuration(45 * s), '45s');
    assert.equal(humanDuration(119 * s), '119s');
    assert.equal(humanDuration(2 * m + 5 * s), '2m5s');
    assert.equal(humanDuration(5 * m), '5m');
    assert.equal(humanDuration(42 * m), '42m');
    assert.equal(humanDuration(3 * h + 12 * m), '3h12m');
    assert.equal(humanDuration(3 * h), '3h');
    assert.equal(humanDuration(20 * h), '20h');
    assert.equal(humanDuration(5 * d), '5d');
    assert.equal(humanDuration(5 * d + 3 * h), '5d3h');
    assert.equal(humanDuration(200 * d), '200d');
    assert.equal(humanDuration(800 * d), '2y70d');
    assert.equal(humanDuration(9 * 365 * d), '9y');
    assert.equal(humanDuration(-5 * s), '<invalid>');
  });
});
