/**
 * A long question fitted to the terminal: the pod's name, namespace and cluster are cut in their middle
 * (longest first) so the question and its keys stay whole; rendered, the dialog line keeps `[y/N]` and
 * the protected environment's word at any width.
 */
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { Actions, type Dialog } from '../../src/tui/actions.js';
import { ActionDialog } from '../../src/tui/components/ActionDialog.js';
import { fitQuestion, middle, whatText } from '../../src/tui/dialogText.js';

const LONG = `pods/checkout-api-canary-${'x'.repeat(60)}-7d9f8c6b5-q2x9k`;
const parts = { object: LONG, namespace: 'payments-production', cluster: 'aws-eu-central-1-prod-blue' };

function dialog(over: Partial<Dialog> = {}): Dialog {
  return {
    kind: 'delete',
    target: { cluster: parts.cluster, resource: 'pods', name: LONG.slice(5), namespace: parts.namespace },
    what: whatText(parts),
    parts,
    stage: 'confirm',
    text: '',
    ...over,
  };
}

describe('dashboard dialog text', () => {
  it('middle() keeps both ends', () => {
    assert.equal(middle('abcdefghij', 10), 'abcdefghij');
    assert.equal(middle('abcdefghij', 5), 'ab…ij');
    assert.equal(middle('abcdefghij', 4), 'ab…j');
    assert.equal(middle('abcdefghij', 1), '…');
  });

  it('a question that fits is unchanged', () => {
    const p = { object: 'pods/web-1', namespace: 'shop', cluster: 'us-east' };
    assert.equal(
      fitQuestion('Delete ', p, '? [y/N]', 80),
      'Delete pods/web-1 -n shop on cluster us-east? [y/N]',
    );
  });

  for (const width of [100, 80, 60, 40]) {
    it(`at ${width} columns the longest piece gives first; the verb and [y/N] stay`, () => {
      const text = fitQuestion('Delete ', parts, '? [y/N]', width);
      assert.equal([...text].length, width);
      assert.ok(text.startsWith(width >= 60 ? 'Delete pods/' : 'Delete p'), text);
      assert.ok(text.endsWith('? [y/N]'), text);
      assert.match(text, /…/);
      assert.match(text, / on cluster /);
      // The name's end (its random suffix) stays readable; the cluster gives last.
      if (width >= 80) assert.match(text, /q2x9k -n /);
      if (width >= 100) assert.match(text, /-n payments-production on cluster aws-eu-central-1-prod-blue\?/);
    });
  }

  it('narrower than the keys themselves: the start goes, the end (keys, what is typed) stays', () => {
    const text = fitQuestion('Delete ', parts, '? Protected: type production + Enter: prod', 30);
    assert.equal([...text].length, 30);
    assert.ok(text.startsWith('…'));
    assert.ok(text.endsWith('type production + Enter: prod'), text);
  });

  it('rendered: [y/N] and the protected word are on screen at 80 columns', () => {
    const kill = dialog({ kind: 'kill' });
    const a = render(createElement(ActionDialog, { dialog: kill, width: 80, color: false }));
    const line = a.lastFrame()!;
    a.unmount();
    assert.ok(line.endsWith('now (grace period 0)? [y/N]'), line);
    assert.ok(line.startsWith('Kill pods/'));
    assert.ok([...line].length <= 80);
    assert.notEqual(Actions.question(kill).length <= 80, true, 'the unfitted question is wider');

    const guarded = dialog({ typeToConfirm: 'production', text: 'prod' });
    const b = render(createElement(ActionDialog, { dialog: guarded, width: 80, color: false }));
    const line2 = b.lastFrame()!;
    b.unmount();
    assert.match(line2, /^Delete po.*….* on cluster .*\? Protected: type production \+ Enter: prod ?$/);
    assert.ok([...line2].length <= 80);
  });
});
