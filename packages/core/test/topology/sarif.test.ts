import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { lintDocuments, rules, toSarif } from '../../src/topology/index.js';
import { fixturesDir, here, seedDir, yamlFiles } from './helpers.js';

const schema = JSON.parse(readFileSync(join(here, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The formats the SARIF schema uses (RFC 3986 URIs and references: no spaces or other raw
  // characters outside the URI alphabet; RFC 3339 date-times).
  const uriChars = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
  ajv.addFormat('uri', (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && uriChars.test(s));
  ajv.addFormat('uri-reference', (s: string) => uriChars.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s));
  return ajv.compile(schema);
}

describe('SARIF output', () => {
  const validate = validator();

  it('validates against the official SARIF 2.1.0 schema, with results, related locations and fixes', () => {
    const files = [
      ...yamlFiles(seedDir),
      ...yamlFiles(join(fixturesDir, 'unknown-cluster', 'bad')).map((f) => ({
        ...f,
        path: `dir with space/${f.path}`,
      })),
      ...yamlFiles(join(fixturesDir, 'duplicate-cluster', 'bad')),
    ];
    const ds = lintDocuments(files);
    assert.ok(
      ds.some((d) => d.fix) && ds.some((d) => d.related),
      'the input exercises fixes and related locations',
    );
    const log = toSarif(ds, rules, { toolVersion: '0.1.0' });
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  });

  it('lists every rule in tool.driver.rules and points results at them by index', () => {
    const ds = lintDocuments(yamlFiles(join(fixturesDir, 'production-ha', 'bad')));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const log = toSarif(ds, rules) as any;
    const run = log.runs[0];
    assert.equal(run.tool.driver.rules.length, rules.length);
    for (const r of run.tool.driver.rules) {
      assert.ok(r.helpUri.endsWith(`docs/rules/${r.id}.md`));
      assert.ok(r.fullDescription.text.length > 0);
    }
    assert.equal(run.results.length, ds.length);
    for (const [i, res] of run.results.entries()) {
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, ds[i]!.rule);
      assert.equal(res.level, ds[i]!.severity === 'info' ? 'note' : ds[i]!.severity);
      assert.equal(res.locations[0].physicalLocation.region.startLine, ds[i]!.range.start.line);
      assert.equal(res.locations[0].physicalLocation.region.startColumn, ds[i]!.range.start.column);
    }
  });

  it('stays valid for an empty run and for internal rule errors', () => {
    assert.ok(validate(toSarif([], rules)));
    const internal = toSarif(
      [
        {
          rule: 'rule-error',
          severity: 'error',
          message: 'x',
          file: 'a.yaml',
          range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        },
      ],
      rules,
    );
    assert.ok(validate(internal), JSON.stringify(validate.errors));
  });
});
