import assert from 'node:assert/strict';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { LogPrinter } from '../../src/lib/logs-output.js';
import { logTarget } from '../../src/commands/logs.js';

const src = (context: string, pod: string, container = 'app') => ({
  context,
  namespace: 'production',
  pod,
  container,
});

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return {
    isTTY,
    chunks,
    write: (s: string) => (chunks.push(s), true),
    once: () => undefined,
  } as unknown as NodeJS.WriteStream & { chunks: string[] };
}

describe('logs output', () => {
  it('aligns prefixes to the longest known source and escapes every line', () => {
    const p = new LogPrinter(sink(false), {});
    p.addSources([src('a', 'p1'), src('long-cluster', 'p2')]);
    const pad = 'a/p1/app'.padEnd('long-cluster/p2/app'.length);
    assert.equal(
      p.format(src('a', 'p1'), [{ text: 'hi' }, { text: 'bad \x1b[2J', cut: true }]),
      `${pad} hi\n${pad} bad ${escapeTerminal('\x1b')}[2J […cut]\n`,
    );
    assert.ok(!p.format(src('a', 'p1'), [{ text: '\x1b]0;x\x07' }]).includes('\x1b'));
  });

  it('colours each source on a terminal, never with NO_COLOR or to a pipe', () => {
    const tty = new LogPrinter(sink(true), {});
    tty.addSources([src('a', 'p1'), src('a', 'p2')]);
    const one = tty.format(src('a', 'p1'), [{ text: 'x' }]);
    const two = tty.format(src('a', 'p2'), [{ text: 'x' }]);
    assert.equal(one, '\x1b[36ma/p1/app\x1b[39m x\n');
    assert.ok(two.startsWith('\x1b[32m'));
    assert.ok(
      !new LogPrinter(sink(true), { NO_COLOR: '1' }).format(src('a', 'p1'), [{ text: 'x' }]).includes('\x1b'),
    );
    assert.ok(!new LogPrinter(sink(false), {}).format(src('a', 'p1'), [{ text: 'x' }]).includes('\x1b'));
  });

  it('reads POD, TYPE/NAME and -l as kubectl, refusing both or neither', () => {
    assert.deepEqual(logTarget(['web-1'], undefined), { kind: 'pod', name: 'web-1' });
    assert.deepEqual(logTarget(['deploy/payment'], undefined), {
      kind: 'object',
      type: 'deploy',
      name: 'payment',
    });
    assert.deepEqual(logTarget([], 'app=x'), { kind: 'selector', selector: 'app=x' });
    assert.throws(() => logTarget(['web-1'], 'app=x'), /only a selector/);
    assert.throws(() => logTarget([], undefined), /required/);
    assert.throws(() => logTarget(['deploy/'], undefined), /TYPE\/NAME/);
  });
});
