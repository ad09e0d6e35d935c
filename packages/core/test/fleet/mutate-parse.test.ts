import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.js';
import { isMetadataChange, parseMetadataChanges } from '../../src/fleet/mutate/labels.js';
import { parseTargets, type TargetSpec } from '../../src/fleet/mutate/targets.js';

describe('mutating verbs: kubectl arguments', () => {
  describe('parseTargets', () => {
    it('reads TYPE NAME..., TYPE/NAME... and TYPE with -l or --all', () => {
      assert.deepEqual(parseTargets({ args: ['deploy', 'a', 'b'] }), {
        by: 'names',
        items: [
          { type: 'deploy', name: 'a' },
          { type: 'deploy', name: 'b' },
        ],
      });
      assert.deepEqual(parseTargets({ args: ['deploy/a', 'cm/b'] }), {
        by: 'names',
        items: [
          { type: 'deploy', name: 'a' },
          { type: 'cm', name: 'b' },
        ],
      });
      assert.deepEqual(parseTargets({ args: ['cm,secret'], selector: 'app=x' }), {
        by: 'select',
        types: ['cm', 'secret'],
      });
      assert.deepEqual(parseTargets({ args: ['cm'], all: true }), { by: 'select', types: ['cm'] });
    });

    const cases: [string, TargetSpec, RegExp][] = [
      ['nothing', { args: [] }, /You must provide one or more resources/],
      ['a type without names', { args: ['cm'] }, /resource\(s\) were provided, but no name was specified/],
      [
        'names with a selector',
        { args: ['cm', 'a'], selector: 'x=y' },
        /name cannot be provided when a selector/,
      ],
      ['a type beside TYPE/NAME', { args: ['cm', 'cm/a'] }, /no need to specify a resource type/],
      ['TYPE/NAME with a selector', { args: ['cm/a'], all: true }, /name cannot be provided/],
      ['args with -f', { args: ['cm'], manifests: [] }, /cannot specify both/],
    ];
    for (const [name, spec, message] of cases) {
      it(`refuses ${name}`, () => {
        assert.throws(
          () => parseTargets(spec),
          (e: unknown) => e instanceof UsageError && message.test(e.message),
        );
      });
    }
  });

  describe('parseMetadataChanges', () => {
    it('tells changes from objects as kubectl does', () => {
      assert.deepEqual(['deploy', 'web', 'a=b', 'c-', 'x=', 'd/e'].map(isMetadataChange), [
        false,
        false,
        true,
        true,
        true,
        false,
      ]);
    });

    it('sets, removes, and keeps --overwrite', () => {
      assert.deepEqual(parseMetadataChanges('labels', ['app=web', 'example.com/tier=', 'old-'], true), {
        field: 'labels',
        set: { app: 'web', 'example.com/tier': '' },
        remove: ['old'],
        overwrite: true,
      });
    });

    it('refuses what the API server would refuse', () => {
      const bad = (field: 'labels' | 'annotations', args: string[]) =>
        assert.throws(
          () => parseMetadataChanges(field, args, false),
          (e: unknown) => e instanceof UsageError,
        );
      bad('labels', []);
      bad('labels', ['Bad Key=x']);
      bad('labels', ['UPPER.example.com/a=b']);
      bad('labels', ['a=not valid']);
      bad('labels', [`a=${'x'.repeat(64)}`]);
      bad('labels', ['a=1', 'a-']);
      // annotation values are free text
      assert.deepEqual(parseMetadataChanges('annotations', ['note=any text: ok'], false).set, {
        note: 'any text: ok',
      });
    });
  });
});
