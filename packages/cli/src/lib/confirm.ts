// The one question every command that can change a cluster asks before it does (apply, delete, scale,
// foreach with a mutating verb, …): on a terminal, `[y/N]` or, for protected clusters, the word to type;
// without one, a refusal unless --yes was given. The question goes to stderr so stdout stays the result.
import { createInterface } from 'node:readline';
import { UsageError } from '@kubectl-mc/core/errors';
import { loadProtection, protectedContexts, type Protection } from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';

export interface ConfirmOptions {
  /** The question without its answer hint, e.g. `Apply 7 changes to 4 clusters (a, b, c, d)?`. */
  question: string;
  /** `--yes` was given: no question is asked. */
  yes: boolean;
  /**
   * A word the user must type exactly (a protected environment's name) instead of `y`. `--yes` does not
   * answer it: the caller decides whether `--yes` may include protected clusters at all.
   */
  typeToConfirm?: string;
  /** What the refusal without a terminal names as the way out (default `--yes`). */
  yesFlag?: string;
  /**
   * The clusters the change touches. When given, protected contexts among them (`.kubectl-mc.yaml`
   * `protected:` globs, or the topology's `environment: production`) need their environment's name typed
   * instead of `y`, and `--yes` alone never includes them (`includeProtected` must be set too).
   */
  contexts?: readonly string[];
  /** `--include-protected`: with `yes`, protected clusters go ahead without the typed name. */
  includeProtected?: boolean;
  /** `--topology` files that give clusters their environment. */
  topology?: string[];
  /** The protection to use instead of reading `.kubectl-mc.yaml` (tests, editors). */
  protection?: Protection;
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Resolve true when the change may go ahead. Throws `UsageError` when there is no terminal to ask on
 * and `--yes` was not given; resolves false on any answer but `y`/`yes` (or the typed word), on end of
 * input and on Ctrl-C, so a caller never changes anything it was not told to.
 */
export async function confirm(options: ConfirmOptions): Promise<boolean> {
  const opts = await withProtection(options);
  if (opts.yes && opts.typeToConfirm === undefined) return true;
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stderr;
  if (input.isTTY !== true) {
    throw new UsageError(
      opts.typeToConfirm === undefined
        ? `${opts.question} No terminal to ask on: pass ${opts.yesFlag ?? '--yes'} to go ahead without the question.`
        : `${opts.question} No terminal to ask on, and this needs "${opts.typeToConfirm}" typed.`,
    );
  }
  const hint = opts.typeToConfirm === undefined ? ' [y/N] ' : `\nType "${opts.typeToConfirm}" to continue: `;
  const rl = createInterface({ input, output, terminal: true });
  try {
    const answer = await new Promise<string | undefined>((resolve) => {
      rl.once('SIGINT', () => resolve(undefined));
      rl.once('close', () => resolve(undefined));
      rl.question(`${opts.question}${hint}`, resolve);
    });
    if (answer === undefined) {
      output.write('\n');
      return false;
    }
    const a = answer.trim();
    return opts.typeToConfirm === undefined ? /^(y|yes)$/i.test(a) : a === opts.typeToConfirm;
  } finally {
    rl.close();
  }
}

/** The options with the protected clusters among `contexts` named in the question and the word to type. */
async function withProtection(opts: ConfirmOptions): Promise<ConfirmOptions> {
  if (!opts.contexts?.length) return opts;
  const protection =
    opts.protection ?? (await loadProtection({ ...(opts.topology ? { topology: opts.topology } : {}) }));
  const found = protectedContexts(opts.contexts, protection);
  if (!found.length) return opts;
  const envs = [...new Set(found.map((p) => p.environment))];
  const names = found.map((p) => escapeTerminal(p.context)).join(', ');
  const word = opts.typeToConfirm ?? envs.join(',');
  const question = `${opts.question}\nProtected (${envs.map(escapeTerminal).join(', ')}): ${names}.`;
  if (opts.yes && opts.includeProtected) {
    (opts.output ?? process.stderr).write(`${question} Included by --include-protected.\n`);
    return { ...opts, question, typeToConfirm: undefined };
  }
  if (opts.yes && (opts.input ?? process.stdin).isTTY !== true) {
    throw new UsageError(
      `${question} --yes alone never includes protected clusters: add --include-protected, leave them out of the selection, or answer on a terminal.`,
    );
  }
  return { ...opts, question, typeToConfirm: escapeTerminal(word) };
}
