/** core/fleet's foreach: kubectl per context, with a fake kubectl (a node script) standing in for it. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  describeForeachResult,
  exitStatusOf,
  findKubectl,
  foreachContext,
  kubectlArgsFor,
  prefixWidth,
  worstExitStatus,
  type ForeachLine,
  type ForeachOptions,
} from '../../src/fleet/index.js';

const fake = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fake-kubectl.mjs');
const env = { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}` };

async function run(contexts: string[], args: string[], opts: Partial<ForeachOptions> = {}) {
  const lines: ForeachLine[] = [];
  const results = await foreachContext(contexts, {
    kubectl: fake,
    args,
    env,
    onLine: (l) => lines.push(l),
    ...opts,
  });
  return { results, lines };
}

const textOf = (lines: ForeachLine[], context: string, stream: 'stdout' | 'stderr') =>
  lines.filter((l) => l.context === context && l.stream === stream).map((l) => l.text);

describe('fleet/foreach', function () {
  this.timeout(30_000);

  it('runs kubectl once per context with --context, stdout and stderr kept apart', async () => {
    const { results, lines } = await run(['a', 'bb', 'ccc'], ['echo', 'hello', 'world']);
    assert.deepEqual(
      results.map((r) => [r.context, r.exitCode, r.timedOut]),
      [
        ['a', 0, false],
        ['bb', 0, false],
        ['ccc', 0, false],
      ],
    );
    for (const c of ['a', 'bb', 'ccc']) {
      assert.deepEqual(textOf(lines, c, 'stdout'), [`${c} hello world`]);
      assert.deepEqual(textOf(lines, c, 'stderr'), [`err ${c}`]);
    }
  });

  it('puts --context and --kubeconfig before a -- in the arguments', () => {
    assert.deepEqual(kubectlArgsFor(['get', 'ns'], 'x'), ['get', 'ns', '--context', 'x']);
    assert.deepEqual(kubectlArgsFor(['exec', 'p', '--', 'ls', '-l'], 'x', '/k'), [
      'exec',
      'p',
      '--context',
      'x',
      '--kubeconfig',
      '/k',
      '--',
      'ls',
      '-l',
    ]);
  });

  it('passes the arguments through to the child untouched', async () => {
    const { lines } = await run(['c1'], ['args', '--', 'a b', '--flag'], { kubeconfig: '/tmp/kc' });
    assert.deepEqual(JSON.parse(textOf(lines, 'c1', 'stdout')[0] ?? ''), [
      'args',
      '--context',
      'c1',
      '--kubeconfig',
      '/tmp/kc',
      '--',
      'a b',
      '--flag',
    ]);
  });

  it('keeps the lines of one cluster in order while clusters run in parallel', async () => {
    const contexts = ['x1', 'x2', 'x3', 'x4'];
    const { lines } = await run(contexts, ['count', '2000'], { concurrency: 4 });
    const expected = Array.from({ length: 2000 }, (_, k) => String(k + 1));
    for (const c of contexts) assert.deepEqual(textOf(lines, c, 'stdout'), expected);
  });

  it('flushes an unterminated last line at exit, marked partial', async () => {
    const { lines } = await run(['p'], ['partial']);
    assert.deepEqual(lines, [{ context: 'p', stream: 'stdout', text: 'no newline', partial: true }]);
  });

  it('cuts an overlong line into bounded pieces', async () => {
    const { lines } = await run(['p'], ['count', '1'], { maxLineBytes: 1 });
    assert.deepEqual(textOf(lines, 'p', 'stdout'), ['1']);
    const long = await run(['q'], ['echo', 'abcdefghij'], { maxLineBytes: 4 });
    assert.deepEqual(textOf(long.lines, 'q', 'stdout'), ['q ab', 'cdef', 'ghij']);
  });

  it('reports exit codes and the worst of them', async () => {
    const { results } = await run(['ok-0', 'bad-3', 'worse-7'], ['exit']);
    assert.deepEqual(
      results.map((r) => r.exitCode),
      [0, 3, 7],
    );
    assert.equal(worstExitStatus(results), 7);
    assert.equal(describeForeachResult(results[0]!, 0), undefined);
    assert.equal(describeForeachResult(results[1]!, 0), 'kubectl exited with code 3');
    assert.equal(worstExitStatus(results.slice(0, 1)), 0);
  });

  it('kills a child past its deadline: SIGTERM, then SIGKILL when it ignores that', async () => {
    const { results, lines } = await run(['quick-0', 'stuck'], ['hang'], {
      // long enough for node to start and install its SIGTERM handler on a busy machine
      timeoutMs: 3000,
      killGraceMs: 200,
    });
    const stuck = results[1]!;
    assert.equal(stuck.timedOut, true);
    assert.equal(stuck.signal, 'SIGKILL');
    assert.equal(exitStatusOf(stuck), 124);
    assert.equal(describeForeachResult(stuck, 3000), 'timed out after 3s: kubectl was killed');
    assert.equal(worstExitStatus(results), 124);
    assert.deepEqual(textOf(lines, 'stuck', 'stdout'), ['ready']);
  });

  it('a child that heeds SIGTERM ends with it at the deadline', async () => {
    const { results } = await run(['s'], ['sleep'], { timeoutMs: 1000, killGraceMs: 60_000 });
    assert.equal(results[0]!.timedOut, true);
    assert.equal(results[0]!.signal, 'SIGTERM');
  });

  it('aborting kills every running child and starts no more', async () => {
    const ac = new AbortController();
    let ready = 0;
    const done = foreachContext(['a', 'b', 'c'], {
      kubectl: fake,
      args: ['hang'],
      env,
      concurrency: 2,
      killGraceMs: 200,
      signal: ac.signal,
      onLine: (l) => {
        if (l.text === 'ready' && ++ready === 2) ac.abort();
      },
    });
    const results = await done;
    assert.deepEqual(
      results.map((r) => [r.context, r.cancelled, r.signal]),
      [
        ['a', true, 'SIGKILL'],
        ['b', true, 'SIGKILL'],
        ['c', true, null],
      ],
    );
    assert.equal(describeForeachResult(results[2]!, 0), 'not run (interrupted)');
    assert.equal(worstExitStatus(results), 130);
  });

  it('names a kubectl that cannot be started', async () => {
    const { results } = await run(['a'], ['get'], { kubectl: '/nonexistent/kubectl' });
    assert.equal(results[0]!.spawnError, 'ENOENT');
    assert.equal(exitStatusOf(results[0]!), 127);
  });

  it('finds kubectl through KUBECTL_MC_KUBECTL or PATH', () => {
    assert.equal(findKubectl({ KUBECTL_MC_KUBECTL: fake, PATH: '' }), fake);
    assert.equal(findKubectl({ KUBECTL_MC_KUBECTL: '/nonexistent/k', PATH: '/usr/bin' }), undefined);
    assert.equal(
      findKubectl({ KUBECTL_MC_KUBECTL: 'fake-kubectl.mjs', PATH: `/nonexistent:${path.dirname(fake)}` }),
      fake,
    );
    assert.equal(findKubectl({ PATH: '/nonexistent' }), undefined);
  });

  it('pads prefixes to the longest name', () => {
    assert.equal(prefixWidth(['a', 'us-east-prod', 'dev']), 12);
    assert.equal(prefixWidth([]), 0);
  });
});
