import assert from 'node:assert/strict';
import type { Diagnostic } from '@kubectl-mc/core';
import {
  SEVERITY,
  groupByFile,
  rangesTouch,
  toEditorDiagnostic,
  toZeroRange,
} from '../src/diagnostics/convert.js';

const range = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, column: c1 },
  end: { line: l2, column: c2 },
});

describe('diagnostics/convert', () => {
  it('turns the linter’s 1-based range into the editor’s 0-based one', () => {
    assert.deepEqual(toZeroRange(range(3, 5, 3, 12)), {
      startLine: 2,
      startCharacter: 4,
      endLine: 2,
      endCharacter: 11,
    });
  });

  it('never produces an inverted or negative range', () => {
    assert.deepEqual(toZeroRange(range(4, 9, 4, 2)), {
      startLine: 3,
      startCharacter: 8,
      endLine: 3,
      endCharacter: 8,
    });
    assert.deepEqual(toZeroRange(range(0, 0, 0, 0)), {
      startLine: 0,
      startCharacter: 0,
      endLine: 0,
      endCharacter: 0,
    });
  });

  it('keeps the rule id, maps severity, converts related information and the fix edits', () => {
    const d: Diagnostic = {
      rule: 'unknown-cluster',
      severity: 'error',
      message: 'stage references unknown cluster "us-est-prod"',
      file: '/w/pipeline.yaml',
      range: range(10, 18, 10, 29),
      related: [
        { file: '/w/topology.yaml', range: range(2, 3, 2, 9), message: 'clusters are declared here' },
      ],
      fix: {
        title: 'Change to "us-east-prod"',
        edits: [{ file: '/w/pipeline.yaml', range: range(10, 18, 10, 29), newText: 'us-east-prod' }],
      },
    };
    const e = toEditorDiagnostic(d);
    assert.equal(e.rule, 'unknown-cluster');
    assert.equal(e.severity, SEVERITY.error);
    assert.equal(e.docs, 'docs/rules/unknown-cluster.md');
    assert.deepEqual(e.related, [
      {
        file: '/w/topology.yaml',
        range: { startLine: 1, startCharacter: 2, endLine: 1, endCharacter: 8 },
        message: 'clusters are declared here',
      },
    ]);
    assert.deepEqual(e.fix, {
      title: 'Change to "us-east-prod"',
      edits: [
        {
          file: '/w/pipeline.yaml',
          range: { startLine: 9, startCharacter: 17, endLine: 9, endCharacter: 28 },
          newText: 'us-east-prod',
        },
      ],
    });
  });

  it('uses the registry’s docs page when it knows the rule', () => {
    const d: Diagnostic = { rule: 'x', severity: 'info', message: 'm', file: 'f', range: range(1, 1, 1, 2) };
    assert.equal(toEditorDiagnostic(d, () => 'docs/rules/other.md').docs, 'docs/rules/other.md');
    assert.equal(toEditorDiagnostic(d).severity, SEVERITY.info);
    assert.equal(toEditorDiagnostic(d).fix, undefined);
  });

  it('groups by file in the linter’s order', () => {
    const mk = (file: string, line: number): Diagnostic => ({
      rule: 'r',
      severity: 'warning',
      message: `${file}:${line}`,
      file,
      range: range(line, 1, line, 2),
    });
    const g = groupByFile([mk('a', 1), mk('b', 4), mk('a', 7)]);
    assert.deepEqual([...g.keys()], ['a', 'b']);
    assert.deepEqual(
      g.get('a')!.map((d) => d.message),
      ['a:1', 'a:7'],
    );
  });

  it('says whether a cursor range touches a diagnostic', () => {
    const diag = { startLine: 2, startCharacter: 4, endLine: 2, endCharacter: 10 };
    assert.equal(rangesTouch(diag, { startLine: 2, startCharacter: 10, endLine: 2, endCharacter: 10 }), true);
    assert.equal(rangesTouch(diag, { startLine: 2, startCharacter: 6, endLine: 2, endCharacter: 6 }), true);
    assert.equal(
      rangesTouch(diag, { startLine: 2, startCharacter: 11, endLine: 2, endCharacter: 11 }),
      false,
    );
    assert.equal(rangesTouch(diag, { startLine: 1, startCharacter: 0, endLine: 1, endCharacter: 80 }), false);
  });
});
