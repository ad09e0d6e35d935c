import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  COMMAND_NODE_FLAGS,
  RELAUNCHED_ENV,
  nodeFlagsFor,
  outputArg,
  relaunchArgv,
} from '../../src/lib/node-flags.js';

const bin = join(fileURLToPath(import.meta.url), '..', '..', '..', 'bin', 'run.js');
const node = '/usr/bin/node';

describe('V8 flags per command (relaunch)', () => {
  it('the dashboard relaunches with its flags before its own execArgv, its script and its arguments', () => {
    assert.deepEqual(relaunchArgv([node, '/x/run.js', 'dashboard', '-A'], ['--trace-warnings'], {}), [
      node,
      ...(COMMAND_NODE_FLAGS['dashboard'] ?? []),
      '--trace-warnings',
      '/x/run.js',
      'dashboard',
      '-A',
    ]);
  });

  it('lint relaunches with its own flags (a small young generation for large files)', () => {
    assert.deepEqual(relaunchArgv([node, '/x/run.js', 'lint', 'a.yaml'], [], {}), [
      node,
      ...(COMMAND_NODE_FLAGS['lint'] ?? []),
      '/x/run.js',
      'lint',
      'a.yaml',
    ]);
    assert.deepEqual(COMMAND_NODE_FLAGS['lint'], ['--max-semi-space-size=2']);
  });

  it('get relaunches with a 4 MiB semi-space for -o json or -o yaml, however -o is spelt, else 16 MiB', () => {
    for (const args of [['-o', 'json'], ['--output', 'yaml'], ['-ojson'], ['-o=yaml'], ['--output=json']]) {
      assert.deepEqual(relaunchArgv([node, '/x/run.js', 'get', 'pods', ...args], [], {}), [
        node,
        '--max-semi-space-size=4',
        '/x/run.js',
        'get',
        'pods',
        ...args,
      ]);
    }
    for (const args of [
      [],
      ['-o', 'wide'],
      ['-o', 'name'],
      ['-o', 'jsonpath={.items}'],
      ['--', '-o', 'json'],
    ]) {
      assert.deepEqual(
        nodeFlagsFor([node, '/x/run.js', 'get', 'pods', ...args]),
        ['--max-semi-space-size=16'],
        args.join(' '),
      );
    }
  });

  it("the last -o among get's arguments wins, as oclif reads it", () => {
    assert.equal(outputArg(['-o', 'json', 'pods', '-o', 'wide']), 'wide');
    assert.equal(outputArg(['-o', 'wide', '--output=yaml']), 'yaml');
    assert.equal(outputArg(['pods']), undefined);
  });

  it('no relaunch for other commands, when the flag is already set (any value), or a second time', () => {
    assert.equal(relaunchArgv([node, '/x/run.js', 'contexts'], [], {}), undefined);
    assert.equal(
      relaunchArgv([node, '/x/run.js', 'get', 'pods'], ['--max-semi-space-size=8'], {}),
      undefined,
    );
    assert.equal(relaunchArgv([node, '/x/run.js', 'dashboard'], ['--max-semi-space-size=2'], {}), undefined);
    assert.equal(relaunchArgv([node, '/x/run.js', 'dashboard'], [], { [RELAUNCHED_ENV]: '1' }), undefined);
  });

  it('`kubectl-mc dashboard` really runs with them: the process that answers has the flag', async () => {
    // a preload in NODE_OPTIONS runs in every process the command becomes, and reports its flags
    const dir = mkdtempSync(join(tmpdir(), 'kmc-flags-'));
    const probe = join(dir, 'probe.mjs');
    writeFileSync(probe, 'process.stderr.write(`execArgv=${JSON.stringify(process.execArgv)}\\n`);\n');
    const stderr = await new Promise<string>((resolve) => {
      execFile(
        process.execPath,
        [bin, 'dashboard', '--all-clusters'],
        { env: { ...process.env, NODE_OPTIONS: `--import=${probe}`, KUBECONFIG: '/nonexistent' } },
        (_err, _stdout, stderr) => resolve(stderr),
      );
    }).finally(() => rmSync(dir, { recursive: true, force: true }));
    const seen = stderr
      .split('\n')
      .filter((l) => l.startsWith('execArgv='))
      .map((l) => JSON.parse(l.slice('execArgv='.length)) as string[]);
    assert.equal(seen.length, 2, stderr);
    assert.deepEqual(seen[0], []);
    assert.deepEqual(seen[1], COMMAND_NODE_FLAGS['dashboard']);
    // and it is still the dashboard that answers (outside a terminal: its usage error)
    assert.match(stderr, /dashboard needs a terminal/);
  });
});
