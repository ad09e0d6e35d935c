import assert from 'node:assert/strict';
import { UsageError } from '@kubectl-mc/core/errors';
import { outputOf, parsePrinter, parseRequest } from '../src/lib/get-args.js';
import { kubectlBooleans } from '../src/lib/kubectl-args.js';

describe('get: arguments and -o', () => {
  it('reads TYPE[,TYPE…] with optional names for a single type', () => {
    const r = parseRequest(['pods,deploy']);
    assert.deepEqual(r.types, ['pods', 'deploy']);
    assert.deepEqual([...r.names.values()], [[], []]);
    const n = parseRequest(['po', 'a', 'b']);
    assert.deepEqual(n.types, ['po']);
    assert.deepEqual(n.names.get('po'), ['a', 'b']);
  });

  it('reads TYPE/NAME forms, grouping names per type in first-seen order', () => {
    const r = parseRequest(['pod/a', 'svc/web', 'pod/b']);
    assert.deepEqual(r.types, ['pod', 'svc']);
    assert.deepEqual(r.names.get('pod'), ['a', 'b']);
    assert.deepEqual(r.names.get('svc'), ['web']);
  });

  it('refuses what kubectl refuses, as usage errors', () => {
    assert.throws(() => parseRequest([]), UsageError);
    assert.throws(() => parseRequest(['pods,svc', 'a']), UsageError);
    assert.throws(() => parseRequest(['pods', 'pod/a']), UsageError);
    assert.throws(() => parseRequest([',']), UsageError);
  });

  it("accepts kubectl's formats; anything else is a usage error naming the allowed formats", () => {
    assert.equal(outputOf(parsePrinter({})), 'table');
    for (const o of ['wide', 'json', 'yaml', 'name'] as const)
      assert.equal(outputOf(parsePrinter({ output: o })), o);
    for (const o of ['jsonpath={.x}', 'go-template={{.x}}', 'template={{.x}}', 'custom-columns=A:.x']) {
      assert.equal(outputOf(parsePrinter({ output: o })), 'template', o);
    }
    assert.equal(parsePrinter({ template: '{{.kind}}' }).kind, 'go-template');
    assert.equal(parsePrinter({ output: 'jsonpath', template: '{.kind}' }).kind, 'jsonpath');
    assert.throws(
      () => parsePrinter({ output: 'xml' }),
      (e: Error) =>
        e instanceof UsageError &&
        /allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml$/.test(
          e.message,
        ),
    );
    assert.throws(
      () => parsePrinter({ output: 'jsonpath=' }),
      /template format specified but no template given/,
    );
    assert.throws(
      () => parsePrinter({ output: 'jsonpath={.x' }),
      /^UsageError: error parsing jsonpath \{\.x, unclosed action$/,
    );
  });

  it("reads kubectl's --allow-missing-template-keys=true|false as oclif booleans", () => {
    assert.deepEqual(
      kubectlBooleans(
        ['--allow-missing-template-keys=false', '--allow-missing-template-keys=true', 'x'],
        ['allow-missing-template-keys'],
      ),
      ['--no-allow-missing-template-keys', '--allow-missing-template-keys', 'x'],
    );
  });

  it('drops --flag=false of flags that default to false, and leaves everything after -- alone', () => {
    assert.deepEqual(
      kubectlBooleans(
        ['--show-kind=false', '--show-kind=true', '--', '--show-kind=false'],
        [],
        ['show-kind'],
      ),
      ['--show-kind', '--', '--show-kind=false'],
    );
  });
});
