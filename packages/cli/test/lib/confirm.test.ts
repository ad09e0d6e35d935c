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

  describe('protected contexts', () => {
    const protection = {
      rules: [{ context: '*-prod' }],
      environments: new Map([['pci-1', { environment: 'pci', production: true }]]),
    };
    const contexts = ['staging', 'us-east-prod'];

    it('asks [y/N] when no selected cluster is protected', async () => {
      const t = terminal();
      const answer = confirm({ question: 'Apply?', yes: false, contexts: ['staging'], protection, ...t });
      t.input.write('y\n');
      assert.equal(await answer, true);
      assert.match(t.written(), /\[y\/N\]/);
    });

    for (const [typed, expected] of [
      ['y', false],
      ['Production', false],
      ['production', true],
    ] as const) {
      it(`names the protected clusters and needs the environment typed (${typed}: ${String(expected)})`, async () => {
        const t = terminal();
        const answer = confirm({ question: 'Apply?', yes: false, contexts, protection, ...t });
        t.input.write(`${typed}\n`);
        assert.equal(await answer, expected);
        assert.match(
          t.written(),
          /Apply\?\nProtected \(production\): us-east-prod\.\nType "production" to continue: /,
        );
      });
    }

    it('one word per environment when several are protected', async () => {
      const t = terminal();
      const answer = confirm({
        question: 'Apply?',
        yes: true,
        contexts: ['pci-1', 'a-prod'],
        protection,
        ...t,
      });
      t.input.write('pci,production\n');
      assert.equal(await answer, true);
      assert.match(t.written(), /Protected \(pci, production\): pci-1, a-prod\./);
    });

    it('--yes alone never includes them without a terminal; --include-protected does', async () => {
      const input = Object.assign(new PassThrough(), { isTTY: false });
      const output = new PassThrough();
      await assert.rejects(
        confirm({ question: 'Apply?', yes: true, contexts, protection, input, output }),
        (e: unknown) =>
          e instanceof UsageError &&
          /us-east-prod.*--yes alone never includes .*--include-protected/s.test(e.message),
      );
      assert.equal(
        await confirm({
          question: 'Apply?',
          yes: true,
          includeProtected: true,
          contexts,
          protection,
          input,
          output,
        }),
        true,
      );
    });

    it('--include-protected without --yes still asks for the typed name', async () => {
      const t = terminal();
      const answer = confirm({
        question: 'Apply?',
        yes: false,
        includeProtected: true,
        contexts,
        protection,
        ...t,
      });
      t.input.write('y\n');
      assert.equal(await answer, false);
    });
  });
});
