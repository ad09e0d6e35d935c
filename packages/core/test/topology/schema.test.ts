import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topologySchema } from '../../src/topology/index.js';
import { here } from './helpers.js';

describe('topology JSON Schema', () => {
  it('is published unchanged as packages/core/schema/topology.schema.json', () => {
    const file = JSON.parse(
      readFileSync(join(here, '..', '..', 'schema', 'topology.schema.json'), 'utf8'),
    ) as unknown;
    assert.deepEqual(file, JSON.parse(JSON.stringify(topologySchema)));
  });
});
