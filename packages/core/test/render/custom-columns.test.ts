import assert from 'node:assert/strict';
import {
  CustomColumnsPrinter,
  PrinterError,
  parseCustomColumns,
  parseCustomColumnsFile,
  printerFromFlags,
  printWithTemplate,
  relaxedJsonPath,
  tabwrite,
  toList,
} from '../../src/render/index.js';

const pod = (name: string, phase?: string) => ({
  kind: 'Pod',
  metadata: { name, labels: { app: name } },
  ...(phase ? { status: { phase } } : {}),
});

describe('render: custom columns and printer selection', () => {
  it("reads kubectl's relaxed JSONPath forms and refuses the rest with its text", () => {
    for (const f of ['a.b', '.a.b', '{a.b}', '{.a.b}']) assert.equal(relaxedJsonPath(f), '{.a.b}');
    assert.throws(() => relaxedJsonPath('{.a}{.b}'), /unexpected path string, expected a 'name1.name2'/);
    assert.throws(
      () => parseCustomColumns('A'),
      /unexpected custom-columns spec: A, expected <header>:<json-path-expr>/,
    );
    assert.throws(
      () => parseCustomColumns(''),
      /custom-columns format specified but no custom columns given/,
    );
    assert.deepEqual(parseCustomColumnsFile('NAME  KIND\n.metadata.name {.kind}\n'), [
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'KIND', fieldSpec: '{.kind}' },
    ]);
    assert.throws(
      () => parseCustomColumnsFile('A B\n.x\n'),
      /number of headers \(2\) and field specifications \(1\) don't match/,
    );
  });

  it("lays columns out as Go's tabwriter: padding 3, at least 6 wide, <none> for missing", () => {
    const p = new CustomColumnsPrinter(
      parseCustomColumns('N:.metadata.name,P:.status.phase,L:.metadata.labels'),
    );
    assert.equal(
      p.print([
        { context: 'a', object: pod('web-1', 'Running') },
        { context: 'b', object: pod('x') },
      ]),
      'N       P         L\nweb-1   Running   map[app:web-1]\nx       <none>    map[app:x]\n',
    );
    assert.equal(tabwrite('a\tbb\tc\nddd\te\n'), 'a     bb    c\nddd   e\n');
  });

  it("a fleet's table has CLUSTER first (unless asked not to)", () => {
    const list = toList([
      { context: 'prod', items: [pod('web-1', 'Running')] },
      { context: 'dev', items: [pod('web-2', 'Pending')] },
    ]);
    const spec = printerFromFlags({ output: 'custom-columns=NAME:.metadata.name', readFile: () => '' });
    assert.equal(spec.kind, 'custom-columns');
    if (spec.kind !== 'custom-columns') return;
    assert.equal(printWithTemplate(spec, list), 'CLUSTER   NAME\nprod      web-1\ndev       web-2\n');
    assert.equal(printWithTemplate(spec, list, { noClusterColumn: true }), 'NAME\nweb-1\nweb-2\n');
  });

  it('a template sees the List, or the object itself when one named object came from one cluster', () => {
    const list = toList([{ context: 'prod', items: [pod('web-1')] }]);
    const spec = printerFromFlags({
      output: 'jsonpath={.kind}/{..kubectl-mc\\.io/context}',
      readFile: () => '',
    });
    if (spec.kind !== 'jsonpath') return assert.fail(spec.kind);
    assert.equal(printWithTemplate(spec, list), 'List/prod');
    assert.equal(printWithTemplate(spec, list, { single: true }), 'Pod/prod');
  });

  it('chooses printers as kubectl get does', () => {
    const read = (p: string) => {
      if (p === 't.tmpl') return '{{.kind}}';
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    };
    const kind = (o: { output?: string; template?: string }) =>
      printerFromFlags({ ...o, readFile: read }).kind;
    assert.equal(kind({}), 'table');
    assert.equal(kind({ template: '{{.kind}}' }), 'go-template');
    assert.equal(kind({ output: 'jsonpath', template: '{.kind}' }), 'jsonpath');
    assert.equal(kind({ output: 'templatefile=t.tmpl' }), 'go-template');
    assert.equal(kind({ output: 'jsonpath-as-json={.kind}' }), 'jsonpath');
    assert.throws(
      () => kind({ output: 'go-template-file=x' }),
      (e: Error) =>
        e instanceof PrinterError &&
        e.message === 'error reading --template x, open x: no such file or directory',
    );
    assert.throws(() => kind({ output: 'jsonpath' }), /template format specified but no template given/);
    assert.throws(
      () => kind({ output: 'foo' }),
      /unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,/,
    );
  });
});
