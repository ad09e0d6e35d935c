import assert from 'node:assert/strict';
import { didYouMean, editDistance } from '../../src/util/suggest.js';
import { suggest } from '../../src/topology/suggest.js';

describe('util: did-you-mean', () => {
  it('editDistance is the Levenshtein distance, capped at max + 1', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
    assert.equal(editDistance('kitten', 'sitting', 1), 2);
    assert.equal(editDistance('a', 'abcdef', 2), 3);
  });

  it('suggests the closest candidate, case-insensitively, the smallest of equally close ones', () => {
    assert.equal(didYouMean('gett', ['contexts', 'get', 'lint']), 'get');
    assert.equal(didYouMean('gte', ['contexts', 'get', 'lint']), 'get');
    assert.equal(didYouMean('US-EAST-PROD', ['eu-west-prod', 'us-east-prod']), 'us-east-prod');
    assert.equal(didYouMean('prodx', ['prod2', 'prod1']), 'prod1');
    assert.equal(didYouMean('prodx', ['prod1', 'prod2']), 'prod1');
    assert.equal(didYouMean('us-esat-prd', ['us-east-prod', 'eu-west-prod']), 'us-east-prod');
  });

  it('suggests nothing when every candidate is too far, or only the input itself is there', () => {
    assert.equal(didYouMean('staging', ['prod', 'dev']), undefined);
    assert.equal(didYouMean('get', ['get']), undefined);
    assert.equal(didYouMean('x', []), undefined);
    assert.equal(didYouMean('abcd', ['wxyz'], 3), undefined);
    assert.equal(didYouMean('abcd', ['abxy'], 2), 'abxy');
  });

  it("the linter's threshold is stricter for short names, and a case-only difference always matches", () => {
    assert.equal(didYouMean('gte', ['get']), 'get');
    assert.equal(suggest('gte', ['get']), undefined);
    assert.equal(suggest('duplicate-clustr', ['duplicate-cluster', 'unknown-cluster']), 'duplicate-cluster');
    assert.equal(suggest('Ab', ['ab', 'xy']), 'ab');
    assert.equal(
      suggest('abcdefghijklmnopqrstuvwxyz', ['abcdefghijklmnopqrstuvw']),
      'abcdefghijklmnopqrstuvw',
    );
    assert.equal(suggest('abcdefghijklmnopqrstuvwxyz', ['abcdefghijklmnopqrstu']), undefined);
  });
});
