import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  complete,
  Directive,
  formatCompletion,
  type CommandModel,
  type CompletionProviders,
} from '../src/completion/engine.js';
import { kubeconfigFiles, listContextNames } from '../src/completion/kubeconfig.js';
import { builtinResourceTypes } from '../src/completion/resources.js';
import { completionScript } from '../src/completion/scripts.js';

const run = promisify(execFile);
const cliRoot = fileURLToPath(new URL('..', import.meta.url));

const commands: CommandModel[] = [
  {
    id: 'get',
    summary: 'List resources across clusters\nmore text',
    args: [{ name: 'type' }, { name: 'name' }],
    flags: [
      { name: 'context', type: 'option', description: 'one context' },
      { name: 'clusters', type: 'option', description: 'contexts, comma separated' },
      { name: 'exclude', type: 'option' },
      { name: 'all-clusters', type: 'boolean', description: 'every context' },
      { name: 'output', char: 'o', type: 'option', options: ['json', 'yaml', 'wide', 'name'] },
      { name: 'kubeconfig', type: 'option' },
      { name: 'namespace', char: 'n', type: 'option' },
      { name: 'watch', char: 'w', type: 'boolean' },
      { name: 'secret-debug', type: 'boolean', hidden: true },
    ],
  },
  { id: 'lint', summary: 'Lint topology files', strict: false, args: [{ name: 'files' }], flags: [] },
  { id: 'contexts', summary: 'List contexts', args: [], flags: [] },
  { id: 'fleet:status', summary: 'Fleet status', args: [], flags: [] },
  { id: '__complete', hidden: true, args: [], flags: [] },
];

const contextsSeen: Array<string | undefined> = [];
const providers: CompletionProviders = {
  contexts: async (ctx) => {
    contextsSeen.push(ctx.kubeconfig);
    return ['prod-eu', 'prod-us', 'staging', 'arn:aws:eks:eu-west-1:1:cluster/x'];
  },
  resourceTypes: async () => builtinResourceTypes(),
};

const values = async (...words: string[]) =>
  (
    await complete(commands, [{ name: 'fleet', description: 'Fleet topic' }], words, providers)
  ).candidates.map((c) => c.value);

describe('completion engine', () => {
  it('offers the visible commands and topics at the top level, never hidden ones', async () => {
    assert.deepEqual(await values(''), ['contexts', 'fleet', 'get', 'lint']);
    assert.deepEqual(await values('l'), ['lint']);
    assert.deepEqual(await values('fleet', ''), ['status']);
  });

  it('offers a command’s flags, with descriptions, and drops hidden and already given ones', async () => {
    const r = await complete(commands, [], ['get', '--'], providers);
    const flags = r.candidates.map((c) => c.value);
    assert.ok(flags.includes('--all-clusters') && flags.includes('--context') && flags.includes('--help'));
    assert.ok(!flags.includes('--secret-debug'));
    assert.equal(r.candidates.find((c) => c.value === '--context')?.description, 'one context');
    assert.equal(r.directive, Directive.NoFileComp);
    assert.ok(!(await values('get', '--watch', '--w')).includes('--watch'));
    assert.ok((await values('get', '-')).includes('-o'));
  });

  it('completes context names for --context, --clusters (comma lists) and --exclude', async () => {
    assert.deepEqual(await values('get', 'pods', '--context', 'prod'), ['prod-eu', 'prod-us']);
    assert.deepEqual(await values('get', '--context=st'), ['--context=staging']);
    assert.deepEqual(await values('get', '--clusters', 'prod-eu,prod'), ['prod-eu,prod-us']);
    assert.deepEqual(await values('get', '--exclude', 'arn:'), ['arn:aws:eks:eu-west-1:1:cluster/x']);
  });

  it('passes the --kubeconfig typed on the line to the context provider', async () => {
    contextsSeen.length = 0;
    await values('get', '--kubeconfig', '/tmp/fleet.yaml', '--context', '');
    assert.deepEqual(contextsSeen, ['/tmp/fleet.yaml']);
  });

  it('completes --namespace / -n from the namespaces provider', async () => {
    const withNs: CompletionProviders = {
      ...providers,
      namespaces: async () => ['default', 'payments', 'platform'],
    };
    const r = await complete(commands, [], ['get', 'pods', '--namespace', 'p'], withNs);
    assert.deepEqual(
      r.candidates.map((c) => c.value),
      ['payments', 'platform'],
    );
    const short = await complete(commands, [], ['get', 'pods', '-n', 'd'], withNs);
    assert.deepEqual(
      short.candidates.map((c) => c.value),
      ['default'],
    );
  });

  it('completes flag values from their options and leaves paths to the shell', async () => {
    assert.deepEqual(await values('get', '-o', 'y'), ['yaml']);
    const r = await complete(commands, [], ['get', '--kubeconfig', ''], providers);
    assert.deepEqual(r, { candidates: [], directive: Directive.Default });
  });

  it('completes resource types, short names and comma lists for a type argument', async () => {
    assert.deepEqual(await values('get', 'po'), ['pods', 'po', 'podtemplates', 'poddisruptionbudgets']);
    assert.deepEqual(await values('get', 'deploy'), ['deployments', 'deploy']);
    assert.deepEqual(await values('get', 'pods,sv'), ['pods,svc']);
    assert.deepEqual(await values('get', '--all-clusters', 'nam'), ['namespaces']);
    // the second positional (a name) is not a type
    assert.deepEqual(await values('get', 'pods', ''), []);
  });

  it('falls back to file completion for a command taking any number of files', async () => {
    const r = await complete(commands, [], ['lint', 'a.yaml', ''], providers);
    assert.equal(r.directive, Directive.Default);
  });

  it('writes cobra’s wire format and strips control characters', () => {
    const out = formatCompletion({
      candidates: [{ value: 'a\u001b[31m', description: 'x\ty' }, { value: 'b' }],
      directive: 4,
    });
    assert.equal(out, 'a [31m\tx y\nb\n:4\n');
  });
});

describe('completion: kubeconfig contexts', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kmc-compl-'));
    await writeFile(
      join(dir, 'a'),
      'apiVersion: v1\nkind: Config\ncontexts:\n- name: one\n  context: {cluster: c, user: u}\n- name: two\n  context: {cluster: c, user: u}\n',
    );
    await writeFile(join(dir, 'b'), 'contexts:\n- name: two\n- name: three\n');
    await writeFile(join(dir, 'broken'), 'contexts: [\n');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads context names from every KUBECONFIG file, first file winning on duplicates', async () => {
    const env = {
      KUBECONFIG: [join(dir, 'a'), join(dir, 'missing'), join(dir, 'broken'), join(dir, 'b')].join(':'),
    };
    assert.deepEqual(await listContextNames({ env }), ['one', 'two', 'three']);
  });

  it('uses --kubeconfig alone when given, and ~/.kube/config when nothing is set', async () => {
    assert.deepEqual(
      await listContextNames({ kubeconfig: join(dir, 'b'), env: { KUBECONFIG: join(dir, 'a') } }),
      ['two', 'three'],
    );
    assert.deepEqual(kubeconfigFiles({ env: {}, homeDir: '/home/x' }), ['/home/x/.kube/config']);
  });
});

describe('completion scripts', () => {
  it('registers a completion function for each shell that calls __complete', () => {
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const s = completionScript(shell);
      assert.match(s, /__complete --/);
    }
    assert.match(completionScript('bash'), /complete -o default -F _kubectl_mc_complete kubectl-mc/);
    assert.match(completionScript('zsh'), /compdef _kubectl_mc_complete kubectl-mc/);
    assert.match(completionScript('fish'), /complete -c kubectl-mc -f -a/);
  });
});

describe('kubectl-mc __complete (built CLI)', () => {
  it('lists the real commands from the oclif manifest, hiding __complete', async () => {
    const { stdout } = await run(process.execPath, [join(cliRoot, 'bin/run.js'), '__complete', '--', '']);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.at(-1), ':4');
    const names = lines.slice(0, -1).map((l) => l.split('\t')[0]);
    assert.ok(names.includes('completion'));
    assert.ok(!names.includes('__complete'));
  });

  it('completes a --help being typed instead of printing help', async () => {
    const { stdout } = await run(process.execPath, [
      join(cliRoot, 'bin/run.js'),
      '__complete',
      '--',
      'completion',
      '--help',
    ]);
    assert.equal(stdout, '--help\tShow help\n:4\n');
  });
});
