import assert from 'node:assert/strict';
import { ClusterError, ContextSelectionError, KubeconfigError, McError, UsageError } from '../src/errors.js';

describe('errors', () => {
  it('usage-type errors exit 2 and input errors exit 1', () => {
    assert.equal(new UsageError('bad flag').exitCode, 2);
    assert.equal(new ContextSelectionError('no such context').exitCode, 2);
    assert.equal(new KubeconfigError('broken').exitCode, 1);
    assert.ok(new KubeconfigError('broken') instanceof McError);
  });
  it('a cluster error carries its kind, context and status', () => {
    const e = new ClusterError('Forbidden', 'eu-west-prod', 'pods is forbidden', { status: 403 });
    assert.equal(e.kind, 'Forbidden');
    assert.equal(e.context, 'eu-west-prod');
    assert.equal(e.status, 403);
  });
});
