// Shell completion end to end: the bash script really sourced and driven the way bash drives it, and
// the real kubectl completing `kubectl mc …` through the kubectl_complete-mc helper on PATH.
// Needs the CLI built (`npm run build`).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { requireTool } from '../tools.js';

const exec = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cliBin = path.join(repo, 'packages', 'cli', 'bin');

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: 'https://127.0.0.1:1'}
users:
- name: u
  user: {token: not-a-real-token}
contexts:
- name: prod-eu
  context: {cluster: c, user: u}
- name: prod-us
  context: {cluster: c, user: u}
- name: staging
  context: {cluster: c, user: u}
- name: arn:aws:eks:eu-west-1:123:cluster/blue
  context: {cluster: c, user: u}
current-context: staging
`;

describe('completion: bash script and kubectl plugin completion', function () {
  this.timeout(60_000);
  let work: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'kmc-compl-'));
    const bin = path.join(work, 'bin');
    await mkdir(bin);
    // Installed the way npm links bins: kubectl-mc and kubectl_complete-mc side by side, plus Node 24.
    await symlink(path.join(cliBin, 'run.js'), path.join(bin, 'kubectl-mc'));
    await symlink(path.join(cliBin, 'kubectl_complete-mc'), path.join(bin, 'kubectl_complete-mc'));
    await symlink(process.execPath, path.join(bin, 'node'));
    await writeFile(path.join(work, 'kubeconfig'), KUBECONFIG);
    const system = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((p) => p && !p.includes('node_modules'))
      .join(path.delimiter);
    env = { PATH: `${bin}${path.delimiter}${system}`, HOME: work, KUBECONFIG: path.join(work, 'kubeconfig') };
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** Source the script and press TAB at the end of `line`, as bash would; returns COMPREPLY. */
  async function bashTab(line: string): Promise<string[]> {
    const script = [
      'source <(kubectl-mc completion bash)',
      `COMP_LINE=${JSON.stringify(line)}`,
      'COMP_POINT=${#COMP_LINE}',
      // bash's own word split, wordbreak characters (= and :) as separate words.
      "COMP_WORDBREAKS=$' \\t\\n\"\\'><=;|&(:'",
      '_kubectl_mc_complete',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    const { stdout } = await exec('bash', ['-c', script], { env });
    return stdout.split('\n').filter(Boolean);
  }

  it('the bash script registers a completion function for kubectl-mc', async () => {
    const { stdout } = await exec(
      'bash',
      ['-c', 'source <(kubectl-mc completion bash); complete -p kubectl-mc'],
      {
        env,
      },
    );
    assert.equal(stdout.trim(), 'complete -o default -F _kubectl_mc_complete kubectl-mc');
  });

  it('bash completes commands, then flags', async () => {
    assert.deepEqual(await bashTab('kubectl-mc comp'), ['completion']);
    const flags = await bashTab('kubectl-mc get pods --all-c');
    assert.deepEqual(flags, ['--all-clusters']);
  });

  it('bash completes context names from the kubeconfig, including after = and inside names with :', async () => {
    assert.deepEqual(await bashTab('kubectl-mc get pods --context prod-'), ['prod-eu', 'prod-us']);
    assert.deepEqual(await bashTab('kubectl-mc get pods --clusters=prod-eu,st'), ['prod-eu,staging']);
    // bash replaces only the text after the last ':'; the reply must continue from there.
    assert.deepEqual(await bashTab('kubectl-mc get pods --exclude arn:aws:eks:eu'), [
      'eu-west-1:123:cluster/blue',
    ]);
  });

  it('bash completes resource types for get', async () => {
    assert.deepEqual(await bashTab('kubectl-mc get deplo'), ['deployments', 'deploy']);
  });

  it('kubectl (real) completes `kubectl mc get po` through kubectl_complete-mc', async () => {
    const { stdout } = await exec('kubectl', ['__complete', 'mc', 'get', 'po'], { env });
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.at(-1), ':4');
    const values = lines.slice(0, -1).map((l) => l.split('\t')[0]);
    assert.deepEqual(values, ['pods', 'po', 'podtemplates', 'poddisruptionbudgets']);
  });

  it('kubectl (real) completes context names and commands of the plugin', async () => {
    const ctx = await exec('kubectl', ['__complete', 'mc', 'get', 'pods', '--context', 'prod'], { env });
    assert.deepEqual(
      ctx.stdout
        .trimEnd()
        .split('\n')
        .slice(0, -1)
        .map((l) => l.split('\t')[0]),
      ['prod-eu', 'prod-us'],
    );
    const cmds = await exec('kubectl', ['__complete', 'mc', ''], { env });
    const names = cmds.stdout.split('\n').map((l) => l.split('\t')[0]);
    for (const c of ['completion', 'get']) assert.ok(names.includes(c), cmds.stdout);
    assert.ok(!names.includes('__complete'));
  });

  it('the zsh script parses in zsh', async function () {
    requireTool('zsh');
    const { stdout } = await exec('kubectl-mc', ['completion', 'zsh'], { env });
    assert.match(stdout, /^#compdef kubectl-mc/);
    await writeFile(path.join(work, '_kubectl-mc'), stdout);
    await exec('zsh', ['-n', path.join(work, '_kubectl-mc')], { env });
  });

  it('fish completes commands and context names with the fish script', async function () {
    requireTool('fish');
    const run = async (line: string) =>
      (
        await exec(
          'fish',
          ['--no-config', '-c', `kubectl-mc completion fish | source; complete -C${JSON.stringify(line)}`],
          {
            env,
          },
        )
      ).stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    assert.deepEqual(await run('kubectl-mc comp'), ['completion']);
    assert.deepEqual(await run('kubectl-mc get pods --context prod-'), ['prod-eu', 'prod-us']);
  });
});
