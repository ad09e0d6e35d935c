import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintDocuments } from '../../src/topology/index.js';
import { assertWellFormed, seedDir, yamlFiles } from './helpers.js';

/** lintDocuments never throws and always returns well-formed, sorted diagnostics, whatever the input. */
describe('topology linter properties', function () {
  this.timeout(120_000);
  const seeds = yamlFiles(seedDir);
  const check = (files: { path: string; text: string | Uint8Array }[]) => {
    const ds = lintDocuments(files);
    ds.forEach(assertWellFormed);
    assert.ok(
      !ds.some((d) => d.rule === 'rule-error'),
      JSON.stringify(ds.filter((d) => d.rule === 'rule-error')),
    );
  };

  it('survives random strings (4,000 cases)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => check([{ path: 'r.yaml', text: s }])),
      { numRuns: 4000 },
    );
  });

  it('survives random bytes, raw and mostly-printable (2,000 cases)', () => {
    // Raw bytes are mostly rejected up front (control characters, invalid UTF-8); the biased ones are
    // valid UTF-8 of YAML indicators, tabs, a BOM and multi-byte characters, and reach the parser.
    const chars = [
      ' ',
      'a',
      'k',
      '1',
      ':',
      '-',
      '\n',
      '\t',
      '[',
      ']',
      '{',
      '}',
      '"',
      "'",
      '#',
      '&',
      '*',
      '|',
      '>',
      '!',
      '%',
      '@',
      '?',
      ',',
      'é',
      '€',
      '\ufeff',
      '😀',
    ];
    const biased = fc
      .array(fc.constantFrom(...chars), { maxLength: 200 })
      .map((a) => new TextEncoder().encode(a.join('')));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), biased), (b) =>
        check([{ path: 'b.yaml', text: b }]),
      ),
      { numRuns: 2000 },
    );
  });

  it('survives random YAML-ish token soup (3,400 cases)', () => {
    const token = fc.constantFrom(
      'topology:',
      'clusters:',
      'pipeline:',
      'stages:',
      'networking:',
      'scrape_configs:',
      '- ',
      'name: ',
      'cluster: ',
      'clusters: [',
      ']',
      '{',
      '}',
      '\n',
      '  ',
      '\t',
      '&a ',
      '*a',
      '---\n',
      '"',
      "'",
      '#',
      '|\n',
      'region: ',
      'us-east-1',
      'eu-west-1',
      'production',
      'purpose: ',
      'environment: ',
      'traffic: 5%',
      'workloads: [api]',
      'kind: ConfigMap\n',
      'data:\n',
      'x.server: |\n',
      '  . {\n',
      'forward . 1.2.3.4\n',
      'apiVersion: types.kubefed.io/v1beta1\n',
      'kind: FederatedDeployment\n',
      'placement:',
      'a',
      '1',
      ': ',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (ts) => check([{ path: 't.yaml', text: ts.join('') }])),
      { numRuns: 3400 },
    );
  });

  it('survives mutated seed documents linted together (800 cases)', () => {
    const mutation = fc.record({
      file: fc.nat({ max: seeds.length - 1 }),
      at: fc.nat(),
      del: fc.nat({ max: 8 }),
      insert: fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.constantFrom('\n', '  ', '- ', ': ', '[', '{', '&x ', '*x', '\t', '#'),
      ),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        const files = seeds.map((f) => ({ ...f }));
        for (const m of ms) {
          const f = files[m.file]!;
          const t = f.text as string;
          const i = m.at % (t.length + 1);
          f.text = t.slice(0, i) + m.insert + t.slice(i + m.del);
        }
        check(files);
      }),
      { numRuns: 800 },
    );
  });
});
