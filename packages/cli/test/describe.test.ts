import assert from 'node:assert/strict';
import { UsageError } from '@kubectl-mc/core/errors';
import { blockHeader, escapeBlock, parseDescribeArgs } from '../src/commands/describe.js';

describe('describe: arguments and output', () => {
  it('reads TYPE [NAME…] and TYPE/NAME…', () => {
    assert.deepEqual(parseDescribeArgs(['deploy', 'a', 'b']), {
      type: 'deploy',
      names: ['a', 'b'],
      slashForm: false,
    });
    assert.deepEqual(parseDescribeArgs(['pods']), { type: 'pods', names: [], slashForm: false });
    assert.deepEqual(parseDescribeArgs(['svc/web', 'svc/api']), {
      type: 'svc',
      names: ['web', 'api'],
      slashForm: true,
    });
  });

  it('refuses what kubectl describe refuses', () => {
    assert.throws(() => parseDescribeArgs([]), UsageError);
    assert.throws(() => parseDescribeArgs(['svc', 'svc/web']), UsageError);
    assert.throws(() => parseDescribeArgs(['svc/web', 'deploy/web']), UsageError);
    assert.throws(() => parseDescribeArgs(['pods,svc']), UsageError);
  });

  it('escapes cluster text per line and keeps the newlines', () => {
    assert.equal(escapeBlock('Name:  a\x1b[31m\nLabels:  x\u202e\n'), 'Name:  a^[[31m\nLabels:  x\\u202e\n');
    assert.equal(blockHeader('evil\x1b]0;x\x07'), '=== evil^[]0;x^G ===');
  });
});
