import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/api/types.js';
import {
  appendItemPage,
  omitManagedFields,
  toList,
  itemPagesChunks,
  writeJsonList,
  writeYamlList,
  type ItemPages,
  type ListFormat,
} from '../../src/render/index.js';
import { memoryBudget, setMemoryBudget } from '../../src/transport/budget.js';
import { ClusterError } from '../../src/errors.js';

function collect(run: (write: (chunk: string) => void) => void): string {
  let out = '';
  run((chunk) => (out += chunk));
  return out;
}

const pod = (name: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels: { z: '1', a: '2' },
      managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
    },
    spec: { containers: [{ name: 'c', image: 'nginx', args: [] }], nodeSelector: {} },
    status: { phase: 'Running', '10': 'ten', '2': 'two' },
    ...extra,
  }) as KubeObject;

// Values whose text is easy to get wrong: C1/bidi controls, a lone surrogate, big and negative numbers,
// a `__proto__` key sent as data, YAML 1.1 words, empty containers, null.
const awkward = JSON.parse(
  '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"odd\\u009b\\u202e","annotations":{"__proto__":"x","y":"yes"}},' +
    '"spec":{"n":[1e21,-1.5,0,null,true],"s":"\\ud800","e":{},"a":[],"multi":"a\\nb\\n"}}',
) as KubeObject;

/** Pages of each context's objects, split as a server would page them. */
function pagesOf(
  groups: Array<{ context: string; pages: KubeObject[][] }>,
  format: ListFormat,
  keepManagedFields: boolean,
): ItemPages[] {
  return groups.map((g) => {
    let acc: ItemPages | undefined;
    for (const page of g.pages)
      acc = appendItemPage(acc, page, { format, context: g.context, keepManagedFields });
    return acc ?? appendItemPage(undefined, [], { format, context: g.context, keepManagedFields });
  });
}

describe('render: -o json|yaml from pages of item text', () => {
  const groups = [
    { context: 'a', pages: [[pod('p1'), awkward], [pod('p2')]] },
    { context: 'empty', pages: [] },
    { context: 'b\u009bc', pages: [[pod('p3', { status: { n: -0 } })]] },
    // one escaped character per page (each UTF-8 lead byte the page text is searched for), then none
    {
      context: 'c',
      pages: [
        [pod('q1', { data: { x: 'del\u007f' } })],
        [pod('q2', { data: { x: 'nel\u0085' } })],
        [pod('q3', { data: { x: 'lri\u2066' } })],
        [pod('q4', { data: { x: 'pdi\u2069 é ü ✓' } })],
        [pod('q5')],
      ],
    },
  ];

  for (const format of ['json', 'yaml'] as const) {
    for (const keep of [false, true]) {
      it(`writes the bytes of write${format === 'json' ? 'Json' : 'Yaml'}List (managed fields ${keep ? 'kept' : 'dropped'})`, () => {
        const list = toList(
          groups.map((g) => ({
            context: g.context,
            items: g.pages.flat().map((o) => (keep ? o : omitManagedFields(o))),
          })),
        );
        const expected = collect((w) =>
          format === 'json' ? writeJsonList(list, w) : writeYamlList(list, w),
        );
        const actual = [...itemPagesChunks(format, pagesOf(groups, format, keep))].join('');
        assert.equal(actual, expected);
      });
    }

    it(`an empty fleet prints the empty List (${format})`, () => {
      const list = toList([]);
      const expected = collect((w) => (format === 'json' ? writeJsonList(list, w) : writeYamlList(list, w)));
      assert.equal([...itemPagesChunks(format, pagesOf([], format, false))].join(''), expected);
    });
  }

  it('keeps a page holding -0 as objects for YAML (it prints -0) and as text for JSON', () => {
    const withZero = [pod('z', { status: { n: -0 } })];
    const yaml = appendItemPage(undefined, withZero, {
      format: 'yaml',
      context: 'c',
      keepManagedFields: false,
    });
    const json = appendItemPage(undefined, withZero, {
      format: 'json',
      context: 'c',
      keepManagedFields: false,
    });
    assert.ok(Array.isArray(yaml.pages[0]));
    assert.ok(Buffer.isBuffer(json.pages[0]));
    assert.match([...itemPagesChunks('yaml', [yaml])].join(''), /"n": -0\n/);
  });

  it('counts the items and does not change the objects it was given', () => {
    const objs = [pod('p1'), pod('p2')];
    const before = JSON.stringify(objs);
    const acc = appendItemPage(undefined, objs, { format: 'json', context: 'a', keepManagedFields: false });
    assert.equal(acc.count, 2);
    assert.equal(JSON.stringify(objs), before);
  });

  it("holds a page's text against the memory budget: over it, the cluster's InvalidResponse", () => {
    const saved = memoryBudget();
    setMemoryBudget(100, 0); // no fair share: the smallest page is over
    try {
      assert.throws(
        () =>
          appendItemPage(undefined, [pod('big')], {
            format: 'json',
            context: 'ctx',
            keepManagedFields: false,
          }),
        (e: unknown) => e instanceof ClusterError && e.kind === 'InvalidResponse' && e.context === 'ctx',
      );
    } finally {
      setMemoryBudget(saved.limit, saved.fairShare);
    }
  });
});
