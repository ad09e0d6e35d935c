import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isUnknownCommand, unknownCommandText } from '../../src/lib/unknown-command.js';

const bin = join(fileURLToPath(import.meta.url), '..', '..', '..', 'bin', 'run.js');

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('an unknown command', () => {
  it("is named in kubectl's words, with the closest command suggested", () => {
    assert.equal(
      unknownCommandText('gett', ['get', 'contexts', 'lint'], 'kubectl-mc'),
      'error: unknown command "gett" for "kubectl-mc"\n\nDid you mean this?\n\tget\n\nRun \'kubectl-mc --help\' for usage.\n',
    );
    assert.equal(
      unknownCommandText('\x1b[31mzzz', ['get'], 'kubectl-mc'),
      'error: unknown command "^[[31mzzz" for "kubectl-mc"\n\nRun \'kubectl-mc --help\' for usage.\n',
    );
  });

  it("recognises oclif's not-found error and nothing else", () => {
    assert.equal(isUnknownCommand(new Error('command gett:pods not found')), true);
    assert.equal(isUnknownCommand(new Error('no kubeconfig')), false);
    assert.equal(isUnknownCommand('command x not found'), false);
  });

  it('kubectl-mc gett pods: the message on stderr, nothing on stdout, exit 2', async () => {
    const r = await runCli(['gett', 'pods']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^error: unknown command "gett" for "kubectl-mc"\n\nDid you mean this\?\n\tget\n/);
    // a hidden command (the completion backend) is never suggested
    assert.doesNotMatch((await runCli(['__complet'])).stderr, /__complete/);
  });
});
