import assert from 'node:assert/strict';
import { UsageError } from '@kubectl-mc/core/errors';
import { parseOutput, parseRequest } from '../src/commands/get.js';

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

  it('accepts wide, json, yaml and name; anything else is a usage error naming the allowed formats', () => {
    assert.equal(parseOutput(undefined), 'table');
    for (const o of ['wide', 'json', 'yaml', 'name'] as const) assert.equal(parseOutput(o), o);
    assert.throws(() => parseOutput('jsonpath={.x}'), /allowed formats are: json,name,wide,yaml/);
  });
});
