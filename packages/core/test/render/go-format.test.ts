import assert from 'node:assert/strict';
import { formatFloat, goJson, goQuote, goSharpV, goSprint } from '../../src/render/index.js';
import { sprintf } from '../../src/render/go-printf.js';

describe('render: Go value printing', () => {
  it('formats floats as strconv does (shortest %v: exponent from 1e+06 and below 1e-04; halves round to even)', () => {
    assert.equal(formatFloat(1e6, 'g', -1), '1e+06');
    assert.equal(formatFloat(123456, 'g', -1), '123456');
    assert.equal(formatFloat(0.0001, 'g', -1), '0.0001');
    assert.equal(formatFloat(0.00001, 'g', -1), '1e-05');
    assert.equal(formatFloat(2.5, 'f', 0), '2');
    assert.equal(formatFloat(3.5, 'f', 0), '4');
    assert.equal(formatFloat(0.125, 'f', 2), '0.12');
    assert.equal(formatFloat(1.0, 'g', 3), '1');
    assert.equal(formatFloat(-0.5, 'e', 2), '-5.00e-01');
  });

  it('prints unstructured values as fmt (%v, %#v) and encoding/json do', () => {
    const v = { b: [1, 'x', null, true], a: { c: 1.5 } };
    assert.equal(goSprint(v), 'map[a:map[c:1.5] b:[1 x <nil> true]]');
    assert.equal(
      goSharpV(v),
      'map[string]interface {}{"a":map[string]interface {}{"c":1.5}, "b":[]interface {}{1, "x", interface {}(nil), true}}',
    );
    assert.equal(goJson({ z: '<&>', a: '\u2028' }), '{"a":"\\u2028","z":"\\u003c\\u0026\\u003e"}');
    assert.equal(goQuote('a"\n\x01é\u202e'), '"a\\"\\n\\x01é\\u202e"');
  });

  it("Sprintf: verbs, flags, widths, and Go's texts for wrong or missing arguments", () => {
    const int = (v: number) => ({ t: 'int', v });
    const str = (v: string) => ({ t: 'string', v });
    assert.equal(
      sprintf('%05d|%-4d|%+d|%x|%#o|%b', [int(42), int(7), int(3), int(255), int(8), int(5)]),
      '00042|7   |+3|ff|010|101',
    );
    assert.equal(
      sprintf('%q|%.2s|%6s|%x', [str('a"b'), str('héllo'), str('ab'), str('hi')]),
      '"a\\"b"|hé|    ab|6869',
    );
    assert.equal(sprintf('%d|%s', [str('x'), int(1)]), '%!d(string=x)|%!s(int=1)');
    assert.equal(sprintf('%d %d', [int(1)]), '1 %!d(MISSING)');
    assert.equal(sprintf('%d', [int(1), str('a')]), '1%!(EXTRA string=a)');
    assert.equal(sprintf('%*d|%.*f', [int(4), int(2), int(1), { t: 'float64', v: 3.14159 }]), '   2|3.1');
    assert.equal(sprintf('100%%', []), '100%');
  });
});
