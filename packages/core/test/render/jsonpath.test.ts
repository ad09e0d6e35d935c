import assert from 'node:assert/strict';
import { JsonPathPrinter, PrinterError, parseJsonPath } from '../../src/render/index.js';

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-1',
    labels: { app: 'web', 'app.kubernetes.io/name': 'web' },
    annotations: { 'kubectl-mc.io/context': 'prod' },
  },
  spec: {
    containers: [
      { name: 'a', image: 'img:1', ports: [{ containerPort: 80 }] },
      { name: 'b', image: 'img:2' },
    ],
    extra: { f: 1.5, big: 1000000, nothing: null, html: '<b>&</b>' },
  },
  status: {
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'Scheduled', status: 'False', message: 'no' },
    ],
    containerStatuses: [{ name: 'a', restartCount: 3 }],
  },
};

const jp = (t: string, data: unknown = POD, opts = {}) => new JsonPathPrinter(t, opts).print(data);

describe('render: kubectl JSONPath', () => {
  it('prints strings raw, maps and arrays as compact JSON (sorted keys, Go escapes), numbers as Go does', () => {
    assert.equal(jp('{.metadata.name}'), 'web-1');
    assert.equal(jp('{.metadata.labels}'), '{"app":"web","app.kubernetes.io/name":"web"}');
    assert.equal(jp('{.spec.extra.html}'), '<b>&</b>');
    assert.equal(
      jp('{.spec.extra}'),
      '{"big":1000000,"f":1.5,"html":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e","nothing":null}',
    );
    assert.equal(jp('{.spec.extra.f} {.spec.extra.big} {.spec.extra.nothing}'), '1.5 1000000 null');
  });

  it('walks [*], slices, negative indices, unions, quoted and escaped keys, recursive descent', () => {
    assert.equal(jp('{.spec.containers[*].name}'), 'a b');
    assert.equal(jp('{.spec.containers[-1:].name}'), 'b');
    assert.equal(jp('{.spec.containers[0:1].image}'), 'img:1');
    assert.equal(jp("{.spec.containers[*]['name','image']}"), 'a b img:1 img:2');
    // as in kubectl, a quoted key is read again as a path: its dots still split it (escape them)
    assert.equal(jp("{.metadata.labels['app.kubernetes.io/name']}"), '');
    assert.equal(jp("{.metadata.labels['app\\.kubernetes\\.io/name']}"), 'web');
    assert.equal(jp('{.metadata.annotations.kubectl-mc\\.io/context}'), 'prod');
    assert.equal(jp('{..containerPort}'), '80');
  });

  it('filters with == != < > <= >= and existence', () => {
    assert.equal(jp('{.status.conditions[?(@.status=="True")].type}'), 'Ready');
    assert.equal(jp('{.status.conditions[?(@.status != "True")].type}'), 'Scheduled');
    assert.equal(jp('{.status.containerStatuses[?(@.restartCount > 2)].name}'), 'a');
    assert.equal(jp('{.status.containerStatuses[?(@.restartCount <= 2)].name}'), '');
    assert.equal(jp('{.status.conditions[?(@.message)].type}'), 'Scheduled');
  });

  it('loops with {range}/{end} and prints literal text and quoted escapes', () => {
    assert.equal(
      jp('{range .status.conditions[*]}{.type}{"\\t"}{.status}{"\\n"}{end}'),
      'Ready\tTrue\nScheduled\tFalse\n',
    );
    assert.equal(jp('name={.metadata.name};'), 'name=web-1;');
  });

  it('jsonpath-as-json prints each action as an indented JSON array', () => {
    assert.equal(
      jp('{.metadata.name}{.kind}', POD, { outputJson: true }),
      '[\n    "web-1"\n]\n[\n    "Pod"\n]\n',
    );
  });

  it("missing keys print nothing, or fail with kubectl's text when not allowed", () => {
    assert.equal(jp('{.nope}'), '');
    assert.throws(
      () => jp('{.nope}', { kind: 'X', n: 1, x: null }, { allowMissingKeys: false }),
      (e: Error) =>
        e instanceof PrinterError &&
        e.message ===
          'error executing jsonpath "{.nope}": Error executing template: nope is not found. Printing more information for debugging the template:\n' +
            '\ttemplate was:\n\t\t{.nope}\n\tobject given to jsonpath engine was:\n' +
            '\t\tmap[string]interface {}{"kind":"X", "n":1, "x":interface {}(nil)}\n\n',
    );
  });

  it('reports out-of-range indices and bad templates as kubectl does', () => {
    assert.throws(
      () => jp('{.spec.containers[5]}'),
      /Error executing template: array index out of bounds: index 5, length 2\./,
    );
    assert.throws(() => jp('{.metadata.name[0]}'), /string is not array or slice/);
    assert.throws(
      () => new JsonPathPrinter('{.x'),
      (e: Error) => e instanceof PrinterError && e.message === 'error parsing jsonpath {.x, unclosed action',
    );
    assert.throws(() => parseJsonPath('{.a ~ b}'), /unrecognized character in action: U\+007E '~'/);
    assert.throws(() => parseJsonPath('{.a[x]}'), /invalid array index x/);
  });

  it('escapes only what came from the data', () => {
    const p = new JsonPathPrinter('{"\\n"}{.v}', { escape: (s) => s.toUpperCase() });
    assert.equal(p.print({ v: 'abc' }), '\nABC');
  });
});
