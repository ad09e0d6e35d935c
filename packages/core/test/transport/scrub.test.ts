import assert from 'node:assert/strict';
import { scrubPluginOutput } from '../../src/transport/credentials.js';

describe('scrubPluginOutput: credential plugin output made safe to show', () => {
  it('masks credential key/value pairs and long opaque runs, keeps the first line', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    assert.equal(
      scrubPluginOutput('not json, token=s3cr3t-value\nsecond line'),
      'not json, token=[redacted]',
    );
    assert.equal(scrubPluginOutput('password: "hunter2 x"'), 'password: [redacted]');
    assert.equal(scrubPluginOutput(`Bearer ${jwt}`), 'Bearer [redacted]');
    assert.equal(scrubPluginOutput(`got ${jwt} back`), 'got [redacted] back');
  });
  it('keeps a plain error message readable', () => {
    assert.equal(
      scrubPluginOutput('error: you must be logged in to the server (run "aws sso login")'),
      'error: you must be logged in to the server (run "aws sso login")',
    );
  });
});
