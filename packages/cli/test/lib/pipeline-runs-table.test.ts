import assert from 'node:assert/strict';
import { runsTable, runsText } from '../../src/lib/pipeline-runs-table.js';
import { record } from './pipeline-run-fixtures.js';

describe('rollout runs table', () => {
  it('has one row per run: id, pipeline, status, stage, clusters, age, message', () => {
    const now = Date.parse('2026-12-05T16:06:02.000Z');
    const text = runsTable(
      [
        record({ status: 'failed', message: 'stage deploy-canary: us-east-prod: error-rate 5.00% > 0.1%' }),
        record({
          id: 'run-20261205-150000-0001',
          status: 'succeeded',
          stage: 1,
          createdAt: '2026-12-05T15:00:00.000Z',
        }),
      ],
      now,
    );
    const rows = text.trimEnd().split('\n');
    assert.match(rows[0]!, /^ID\s+PIPELINE\s+STATUS\s+STAGE\s+CLUSTERS\s+AGE\s+MESSAGE$/);
    assert.match(
      rows[1]!,
      /^run-20261205-160102-3fa9\s+pipeline\.yaml\s+failed\s+1\/2 deploy-canary\s+2\s+5m\s+stage deploy-canary: us-east-prod: error-rate 5\.00% > 0\.1%$/,
    );
    assert.match(rows[2]!, /^run-20261205-150000-0001\s+pipeline\.yaml\s+succeeded\s+2\/2 done\s+2\s+66m$/);
  });

  it('prints ids for -o name and the records for -o json', () => {
    const r = [record()];
    assert.equal(runsText(r, 'name'), 'run-20261205-160102-3fa9\n');
    assert.deepEqual(JSON.parse(runsText(r, 'json')), r);
    assert.match(runsText(r, 'yaml'), /^- id: run-20261205-160102-3fa9$/m);
  });

  it('escapes what the files hold', () => {
    const text = runsTable([record({ message: 'a\x1b[2Jb', id: 'run-\x1b]0;x' })]);
    assert.ok(!text.includes('\x1b'), text);
  });
});
