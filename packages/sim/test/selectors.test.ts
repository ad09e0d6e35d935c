import assert from 'node:assert/strict';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../src/selectors.js';

const match = (sel: string, labels: Record<string, string>): boolean =>
  matchesLabels(parseLabelSelector(sel), labels);

describe('label selectors', () => {
  const pod = { app: 'payment', tier: 'backend', version: 'v2.1.0' };
  it('supports =, == and !=', () => {
    assert.equal(match('app=payment', pod), true);
    assert.equal(match('app==payment', pod), true);
    assert.equal(match('app=web', pod), false);
    assert.equal(match('app!=web', pod), true);
    assert.equal(match('app!=payment', pod), false);
    assert.equal(match('missing!=x', pod), true, '!= matches objects without the key');
  });
  it('supports in and notin with spaces and multiple values', () => {
    assert.equal(match('app in (web, payment)', pod), true);
    assert.equal(match('app in (web,api)', pod), false);
    assert.equal(match('tier notin (frontend)', pod), true);
    assert.equal(match('tier notin (frontend,backend)', pod), false);
  });
  it('supports exists and !key', () => {
    assert.equal(match('version', pod), true);
    assert.equal(match('!version', pod), false);
    assert.equal(match('!canary', pod), true);
  });
  it('ANDs comma-separated requirements, commas inside parentheses included', () => {
    assert.equal(match('app in (web,payment),tier=backend,!canary', pod), true);
    assert.equal(match('app in (web,payment),tier=frontend', pod), false);
  });
  it('rejects malformed selectors', () => {
    assert.throws(() => parseLabelSelector('app=pay ment'));
    assert.throws(() => parseLabelSelector('app in web'));
    assert.throws(() => parseLabelSelector('app=,'));
  });
});

describe('field selectors', () => {
  it('parses = , == and != and matches values', () => {
    const reqs = parseFieldSelector('status.phase=Running,spec.nodeName!=n1');
    assert.deepEqual(reqs, [
      { field: 'status.phase', op: '=', value: 'Running' },
      { field: 'spec.nodeName', op: '!=', value: 'n1' },
    ]);
    assert.equal(matchesFields(reqs, { 'status.phase': 'Running', 'spec.nodeName': 'n2' }), true);
    assert.equal(matchesFields(reqs, { 'status.phase': 'Running', 'spec.nodeName': 'n1' }), false);
    assert.equal(matchesFields(parseFieldSelector('metadata.name==a'), { 'metadata.name': 'a' }), true);
  });
  it('rejects a requirement without an operator', () => {
    assert.throws(() => parseFieldSelector('status.phase'), /can't understand/);
  });
});
