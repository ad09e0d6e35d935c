import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config, Errors } from '@oclif/core';
import { ClusterError, KubeconfigError, UsageError } from '@kubectl-mc/core/errors';
import { BaseCommand } from '../../src/lib/base.js';
import { clusterErrorText } from '../../src/lib/fleet.js';

const cliRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

class Probe extends BaseCommand {
  static override id = 'probe';
  async run(): Promise<void> {}
}

/** Run `catch(err)`, returning what it wrote to stderr and the exit code it asked for. */
async function caught(
  err: Error,
  env: Record<string, string | undefined> = {},
): Promise<{ stderr: string; code: number }> {
  const config = await Config.load(cliRoot);
  const cmd = new Probe([], config);
  const write = process.stderr.write.bind(process.stderr);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    await cmd.catch(err);
    assert.fail('catch() must throw');
  } catch (e) {
    assert.ok(e instanceof Errors.ExitError, `expected ExitError, got ${String(e)}`);
    return { stderr, code: e.oclif.exit ?? -1 };
  } finally {
    process.stderr.write = write;
    process.env = saved;
  }
}

describe('cli/lib BaseCommand.catch', () => {
  it('turns a UsageError into one error line, exit 2', async () => {
    const r = await caught(new UsageError('bad --output "x"'));
    assert.equal(r.stderr, 'error: bad --output "x"\n');
    assert.equal(r.code, 2);
  });

  it('turns other McErrors into one line with their exit code (1)', async () => {
    const r = await caught(new KubeconfigError('cannot read /nope: ENOENT'));
    assert.equal(r.stderr, 'error: cannot read /nope: ENOENT\n');
    assert.equal(r.code, 1);
  });

  it('recognises McErrors by shape only: a Node error with a code is still an internal error', async () => {
    const sys = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', errno: -2 });
    const r = await caught(sys);
    assert.match(r.stderr, /^error: internal error: ENOENT: no such file \(this is a bug\)\n/);
    const usage = Object.assign(new Error('looks like one'), { code: 'USAGE', exitCode: 2 });
    assert.deepEqual(await caught(usage), { stderr: 'error: looks like one\n', code: 2 });
  });

  it('completion with an unknown shell: one error line naming the choices, exit 2', async () => {
    const { execFile } = await import('node:child_process');
    const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [path.join(cliRoot, 'bin', 'run.js'), 'completion', 'zsh2'],
        (err, _o, stderr) => resolve({ code: Number((err as { code?: number } | null)?.code ?? 0), stderr }),
      ),
    );
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "error: Expected zsh2 to be one of: bash, zsh, fish\nSee 'kubectl-mc completion --help' for usage.\n",
    );
  });

  it('turns an oclif flag-parse error into exit 2 without a stack trace', async () => {
    const config = await Config.load(cliRoot);
    const { Parser } = await import('@oclif/core');
    let parseErr: Error | undefined;
    try {
      await Parser.parse(['--bogus'], {
        flags: {},
        args: {},
        strict: true,
        context: new Probe([], config),
      } as never);
    } catch (e) {
      parseErr = e as Error;
    }
    assert.ok(parseErr);
    const r = await caught(parseErr);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: Nonexistent flag: --bogus\n/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('reports anything else as an internal error and a bug, exit 1, no stack', async () => {
    const r = await caught(new TypeError("Cannot read properties of undefined (reading 'x')"));
    assert.equal(
      r.stderr,
      "error: internal error: Cannot read properties of undefined (reading 'x') (this is a bug)\n",
    );
    assert.equal(r.code, 1);
  });

  it('prints the stack with KUBECTL_MC_DEBUG=1', async () => {
    const r = await caught(new Error('boom'), { KUBECTL_MC_DEBUG: '1' });
    assert.match(r.stderr, /^error: internal error: boom \(this is a bug\)\nError: boom\n\s+at /);
  });

  it('lets this.exit(n) through untouched', async () => {
    const config = await Config.load(cliRoot);
    await assert.rejects(new Probe([], config).catch(new Errors.ExitError(3)), (e: unknown) => {
      return e instanceof Errors.ExitError && e.oclif.exit === 3;
    });
  });
});

describe('cli/lib clusterErrorText', () => {
  it('names the context, keeps timeouts plain and prefixes the kind otherwise', () => {
    assert.equal(
      clusterErrorText(new ClusterError('Timeout', 'ap-south-prod', 'timed out after 10s')),
      'context "ap-south-prod": timed out after 10s',
    );
    assert.equal(
      clusterErrorText(new ClusterError('Forbidden', 'r', 'pods is forbidden: User "x"', { status: 403 })),
      'context "r": Forbidden: pods is forbidden: User "x"',
    );
  });

  it('words a server Status with a reason as kubectl does: Error from server (Reason): message', () => {
    const forbidden = new ClusterError('Forbidden', 'r', 'pods is forbidden: User "x"', {
      status: 403,
      reason: 'Forbidden',
    });
    assert.equal(
      clusterErrorText(forbidden),
      'context "r": Error from server (Forbidden): pods is forbidden: User "x"',
    );
    const bad = new ClusterError('ServerError', 'c', 'oops', { status: 500, reason: 'Internal\x1b[2JError' });
    assert.equal(clusterErrorText(bad), 'context "c": Error from server (Internal^[[2JError): oops');
    // our own NotFound (no Status from the server) stays as kubectl prints it: `the server doesn't have…`
    const type = new ClusterError('NotFound', 'c', 'the server doesn\'t have a resource type "x"', {
      status: 404,
    });
    assert.equal(clusterErrorText(type), 'context "c": the server doesn\'t have a resource type "x"');
  });

  it('escapes terminal control characters from the server message and context name', () => {
    const t = clusterErrorText(new ClusterError('ServerError', 'c\x1b[2J', 'oops\x1b]0;title\x07'));
    assert.equal(t, 'context "c^[[2J": ServerError: oops^[]0;title^G');
  });
});
