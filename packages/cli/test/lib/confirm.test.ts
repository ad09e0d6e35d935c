import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { UsageError } from '@kubectl-mc/core/errors';
import { confirm } from '../../src/lib/confirm.js';

/** A fake terminal: what the user types goes to `input`, what the prompt writes is collected. */
function terminal(): { input: PassThrough & { isTTY: boolean }; output: PassThrough; written: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString()));
  return { input, output, written: () => text };
}

describe('confirm', () => {
  it('goes ahead without asking when --yes was given', async () => {
    assert.equal(await confirm({ question: 'Apply?', yes: true, input: { isTTY: false } as never }), true);
  });

  it('refuses without a terminal unless --yes, naming the flag', async () => {
    await assert.rejects(
      confirm({
        question: 'Delete 2 pods on 3 clusters?',
        yes: false,
        input: Object.assign(new PassThrough(), { isTTY: false }),
      }),
      (e: unknown) => e instanceof UsageError && /Delete 2 pods on 3 clusters\? .*--yes/.test(e.message),
    );
  });

  for (const [typed, expected] of [
    ['y', true],
    ['YES', true],
    ['n', false],
    ['', false],
    ['yep', false],
  ] as const) {
    it(`answers ${String(expected)} to ${JSON.stringify(typed)}`, async () => {
      const t = terminal();
      const answer = confirm({
        question: 'Apply 1 change to 1 cluster (a)?',
        yes: false,
        input: t.input,
        output: t.output,
      });
      t.input.write(`${typed}\n`);
      assert.equal(await answer, expected);
      assert.match(t.written(), /Apply 1 change to 1 cluster \(a\)\? \[y\/N\]/);
    });
  }

  it('answers no when input ends before an answer', async () => {
    const t = terminal();
    const answer = confirm({ question: 'Apply?', yes: false, input: t.input, output: t.output });
    t.input.end();
    assert.equal(await answer, false);
  });

  it('needs the protected environment typed, and --yes does not answer it', async () => {
    for (const [typed, expected] of [
      ['y', false],
      ['production', true],
    ] as const) {
      const t = terminal();
      const answer = confirm({
        question: 'Apply?',
        yes: true,
        typeToConfirm: 'production',
        input: t.input,
        output: t.output,
      });
      t.input.write(`${typed}\n`);
      assert.equal(await answer, expected);
      assert.match(t.written(), /Type "production" to continue: /);
    }
  });
});
