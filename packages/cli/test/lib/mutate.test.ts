import assert from 'node:assert/strict';
import { ClusterError } from '@kubectl-mc/core/errors';
import type { PlanRow } from '@kubectl-mc/core/fleet';
import { mutationQuestion, planTable, resultTable } from '../../src/lib/mutate.js';

const target = (name: string, namespace?: string): PlanRow['target'] => ({
  resource: {
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    kind: 'Deployment',
    namespaced: true,
    singular: 'deployment',
    shortNames: ['deploy'],
    verbs: [],
    categories: [],
  },
  name,
  ref: `deployment.apps/${name}`,
  ...(namespace ? { namespace } : {}),
});

describe('mutating verbs: plan and result tables', () => {
  it('the question names the count of objects and every cluster', () => {
    assert.equal(mutationQuestion('Delete', 1, ['a']), 'Delete 1 object on 1 cluster (a)?');
    assert.equal(mutationQuestion('Scale', 3, ['a', 'b']), 'Scale 3 objects on 2 clusters (a, b)?');
    assert.equal(mutationQuestion('Label', 2, ['x\u001b[31m']), 'Label 2 objects on 1 cluster (x^[[31m)?');
  });

  it('plan: CLUSTER first, the action, the note, the error reason; escaped', () => {
    const text = planTable([
      [
        'us-east',
        [
          { target: target('web', 'prod'), action: 'scale 2 -> 5' },
          { target: target('gone', 'prod'), note: 'not found' },
          {
            target: target('evil\u001b]0;x\u0007', 'prod'),
            error: new ClusterError('Forbidden', 'us-east', 'no', { status: 403, reason: 'Forbidden' }),
          },
        ],
      ],
    ]);
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0]!, /^CLUSTER\s+OBJECT\s+NAMESPACE\s+ACTION$/);
    assert.match(lines[1]!, /^us-east\s+deployment.apps\/web\s+prod\s+scale 2 -> 5$/);
    assert.match(lines[2]!, /^us-east\s+deployment.apps\/gone\s+prod\s+\(not found\)$/);
    assert.match(lines[3]!, /error: Forbidden$/);
    assert.ok(!text.includes('\u001b') && !text.includes('\u0007'));
  });

  it('result: the outcome per object', () => {
    const row: PlanRow = { target: target('web', 'prod'), action: 'delete' };
    const text = resultTable([
      ['a', [{ row, result: 'deleted' }]],
      ['b', [{ row, error: new ClusterError('Unreachable', 'b', 'down') }]],
    ]);
    assert.match(text, /^a\s+deployment.apps\/web\s+prod\s+deleted$/m);
    assert.match(text, /^b\s+deployment.apps\/web\s+prod\s+error: Unreachable$/m);
  });
});
