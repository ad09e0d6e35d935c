import assert from 'node:assert/strict';
import { GoTemplatePrinter, PrinterError, TemplateExecError, formatFloat } from '../../src/render/index.js';

const POD = {
  kind: 'Pod',
  metadata: { name: 'web-1', labels: { app: 'web', tier: 'fe' } },
  spec: { containers: [{ name: 'a' }, { name: 'b' }], priority: 0, f: 1.5 },
  status: { conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null }] },
};
const gt = (t: string, data: unknown = POD, opts = {}) => new GoTemplatePrinter(t, opts).print(data);

describe('render: kubectl Go templates', () => {
  it('prints fields, maps as map[k:v], and <no value> for a missing key', () => {
    assert.equal(gt('{{.metadata.name}}'), 'web-1');
    assert.equal(gt('{{.metadata.labels}}'), 'map[app:web tier:fe]');
    assert.equal(gt('{{.status.conditions}}'), '[map[lastProbeTime:<nil> status:True type:Ready]]');
    assert.equal(gt('{{.nope}}|{{index .metadata.labels "nope"}}'), '<no value>|<no value>');
  });

  it('runs range/else, if/else if, with, variables, pipelines and break/continue', () => {
    assert.equal(gt('{{range $i, $c := .spec.containers}}{{$i}}={{$c.name}} {{end}}'), '0=a 1=b ');
    assert.equal(gt('{{range .nope}}x{{else}}none{{end}}'), 'none');
    assert.equal(gt('{{if .nope}}1{{else if .kind}}2{{else}}3{{end}}'), '2');
    assert.equal(gt('{{with .metadata}}{{.name}}{{end}}'), 'web-1');
    assert.equal(gt('{{$x := 1}}{{$x = 2}}{{$x}}'), '2');
    assert.equal(gt('{{.metadata.name | printf "%q"}}'), '"web-1"');
    assert.equal(gt('{{range .spec.containers}}{{if eq .name "b"}}{{break}}{{end}}{{.name}}{{end}}'), 'a');
    assert.equal(gt('{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}'), 'app=web;tier=fe;');
    assert.equal(gt('a  {{- " x " -}}  b{{/* c */}}'), 'a x b');
  });

  it("has Go's functions and kubectl's base64decode and exists", () => {
    assert.equal(
      gt('{{len .spec.containers}} {{index .spec.containers 1 "name"}} {{slice .metadata.name 0 3}}'),
      '2 b web',
    );
    assert.equal(
      gt('{{eq .spec.priority 0}} {{ne .kind "Pod"}} {{lt 1 2}} {{and 1 0}} {{or 0 "x"}} {{not .nope}}'),
      'true false true 0 x true',
    );
    assert.equal(
      gt('{{html "<a&b>"}} {{js "a\'b<"}} {{urlquery "a b&c"}}'),
      "&lt;a&amp;b&gt; a\\'b\\u003C a+b%26c",
    );
    assert.equal(gt('{{print 1 2 "a" "b" 3}}|{{println 1 "x"}}'), '1 2ab3|1 x\n');
    assert.equal(
      gt('{{base64decode "aGVsbG8="}} {{exists . "spec" "containers" 1}} {{exists . "spec" "containers" 5}}'),
      'hello true false',
    );
  });

  it("formats like Go's fmt: ints are int64, other numbers float64", () => {
    assert.equal(
      gt(
        '{{printf "%d %s %v %5.2f|%-4s|%x %T" .spec.priority .spec.priority .spec.f 3.14159 "ab" "Pod" .spec}}',
      ),
      '0 %!s(int64=0) 1.5  3.14|ab  |506f64 map[string]interface {}',
    );
    assert.equal(gt('{{printf "%d %s" 3}}{{printf "%d" 3 4}}'), '3 %!s(MISSING)3%!(EXTRA int=4)');
    assert.equal(gt('{{1e6}} {{123456789.0}} {{0.00001}}'), '1e+06 1.23456789e+08 1e-05');
    assert.equal(formatFloat(1234.5, 'e', 3), '1.234e+03', 'halves round to even, as Go does');
  });

  it("missing keys fail with Go's text when not allowed; errors carry the partial output and report", () => {
    assert.throws(
      () => gt('a{{.x}}', { k: 1 }, { allowMissingKeys: false }),
      (e: Error) =>
        e instanceof TemplateExecError &&
        e.message ===
          'error executing template "a{{.x}}": template: output:1:3: executing "output" at <.x>: map has no entry for key "x"' &&
        e.output ===
          'aError executing template: template: output:1:3: executing "output" at <.x>: map has no entry for key "x". ' +
            'Printing more information for debugging the template:\n\ttemplate was:\n\t\ta{{.x}}\n\traw data was:\n\t\t{"k":1}\n' +
            '\tobject given to template engine was:\n\t\tmap[k:1]\n\n',
    );
    assert.throws(
      () => gt('{{eq .spec.priority 0.0}}'),
      /at <eq \.spec\.priority 0\.0>: error calling eq: incompatible types for comparison/,
    );
    assert.throws(
      () => gt('{{.metadata.labels.app.x}}'),
      /output:1:11: executing "output" at <\.metadata\.labels\.app\.x>: can't evaluate field x in type interface \{\}/,
    );
    assert.throws(() => gt('{{range 3}}{{end}}'), /range can't iterate over 3/);
  });

  it("refuses bad templates with Go's parse errors", () => {
    const parse = (t: string) => () => new GoTemplatePrinter(t);
    assert.throws(
      parse('{{.x'),
      (e: Error) =>
        e instanceof PrinterError &&
        e.message === 'error parsing template {{.x, template: output:1: unclosed action',
    );
    assert.throws(parse('{{foo}}'), /template: output:1: function "foo" not defined/);
    assert.throws(parse('{{end}}'), /unexpected \{\{end\}\}/);
    assert.throws(parse('{{$x}}'), /undefined variable "\$x"/);
  });
});
