import assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  toList,
  formatJson,
  formatYaml,
  formatName,
  omitManagedFields,
  CONTEXT_ANNOTATION,
  writeJsonList,
  writeYamlList,
} from '../../src/render/index.js';
import { isTerminalSafe } from '../../src/util/escape.js';

describe('render: -o json|yaml|name', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' } };

  it('toList builds a v1 List annotating every item with its context, without mutating input', () => {
    const list = toList([
      { context: 'a', items: [pod] },
      { context: 'b', items: [{ ...pod, metadata: { name: 'x', annotations: { k: 'v' } } }] },
    ]);
    assert.equal(list.kind, 'List');
    assert.equal(list.apiVersion, 'v1');
    assert.deepEqual(list.metadata, { resourceVersion: '' });
    assert.deepEqual(
      list.items.map((i) => i.metadata?.annotations),
      [{ [CONTEXT_ANNOTATION]: 'a' }, { k: 'v', [CONTEXT_ANNOTATION]: 'b' }],
    );
    assert.equal((pod.metadata as Record<string, unknown>)['annotations'], undefined);
  });

  it('formatJson sorts keys and indents by 4 like kubectl', () => {
    assert.equal(
      formatJson({ kind: 'List', apiVersion: 'v1' }),
      '{\n    "apiVersion": "v1",\n    "kind": "List"\n}\n',
    );
  });

  it('formatJson output is terminal-inert and parses back to the same value', () => {
    const v = { a: '\x1b]0;x\x07 \u202e \x9b' };
    const text = formatJson(v);
    assert.ok(isTerminalSafe(text.replace(/\n/g, '')));
    assert.deepEqual(JSON.parse(text), v);
  });

  it('formatYaml writes kubectl-style YAML that parses back, quoting yes/no', () => {
    const v = { kind: 'List', items: [{ a: 'yes', b: '' }], metadata: { resourceVersion: '' } };
    const text = formatYaml(v);
    assert.equal(text, 'items:\n- a: "yes"\n  b: ""\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    assert.deepEqual(parse(text), v);
  });

  it('formatYaml escapes control and bidi characters yet round-trips', () => {
    const v = { a: 'x\x1b[31m\u202ey\x85' };
    const text = formatYaml(v);
    assert.ok(isTerminalSafe(text.replace(/\n/g, '')), text);
    assert.deepEqual(parse(text), v);
  });

  it('omitManagedFields drops metadata.managedFields only, leaving the original untouched', () => {
    const obj = {
      kind: 'Pod',
      metadata: { name: 'x', labels: { a: 'b' }, managedFields: [{ manager: 'kubectl' }] },
      spec: {},
    };
    assert.deepEqual(omitManagedFields(obj), {
      kind: 'Pod',
      metadata: { name: 'x', labels: { a: 'b' } },
      spec: {},
    });
    assert.equal(obj.metadata.managedFields.length, 1);
    const plain = { kind: 'Pod', metadata: { name: 'y' } };
    assert.equal(omitManagedFields(plain), plain);
  });

  it('formatName prints kubectl -o name: <kind>[.<group>]/<name>', () => {
    assert.equal(formatName('Pod', '', 'web'), 'pod/web');
    assert.equal(formatName('Deployment', 'apps', 'api'), 'deployment.apps/api');
  });
});

describe('render: streamed List output', () => {
  const itemsFew = [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'a', labels: { z: '1', a: 'yes' } },
      spec: { containers: [{ name: 'c' }] },
    },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b\u202e' }, status: { lines: 'x\ny', empty: [] } },
  ];
  // 600 items: more than one of the ~1 MiB chunks a List is written in
  const many = Array.from({ length: 600 }, (_, i) => ({
    ...itemsFew[i % 2],
    metadata: { name: `p-${i}\x9b`, uid: String(i) },
    data: { filler: 'x'.repeat(2000) },
  }));
  for (const n of [0, 1, 2, 600]) {
    const items = n > 2 ? many : itemsFew;
    it(`writeJsonList writes exactly formatJson's text (${n} items)`, () => {
      const list = toList([{ context: 'c', items: items.slice(0, n) }]);
      let out = '';
      writeJsonList(list, (s) => (out += s));
      assert.equal(out, formatJson(list));
    });
    it(`writeYamlList writes exactly formatYaml's text (${n} items)`, () => {
      const list = toList([{ context: 'c', items: items.slice(0, n) }]);
      let out = '';
      writeYamlList(list, (s) => (out += s));
      assert.equal(out, formatYaml(list));
    });
  }
});
