/** core/fleet's kubectl verb classification (what foreach asks about) and its line splitter. */
import assert from 'node:assert/strict';
import { classifyKubectlArgs, kubectlVerb, LineSplitter } from '../../src/fleet/index.js';

const ro = (line: string) => classifyKubectlArgs(line === '' ? [] : line.split(' ')).readOnly;

describe('fleet/kubectl-verbs', () => {
  it('read-only verbs', () => {
    for (const l of [
      'get ns',
      'get pods -A -o wide',
      'describe deploy web',
      'logs -f pod/x',
      'top pods',
      'top node',
      'events',
      'explain pods.spec',
      'api-resources',
      'api-versions',
      'version',
      'cluster-info',
      'diff -f x.yaml',
      'wait --for=condition=Ready pod/x',
      'auth can-i list pods',
      'auth whoami',
      'rollout status deploy/web',
      'rollout history deploy/web',
      'config view',
      'config get-contexts',
      '-n kube-system get pods',
      '--namespace=kube-system get pods',
      '-nkube-system get pods',
      'apply view-last-applied deploy/x',
      'apply -f x.yaml --dry-run=server',
      'label ns default a=b --dry-run=client',
      'delete pod x --help',
      '--help',
      'rollout',
    ]) {
      assert.equal(ro(l), true, l);
    }
  });

  it('verbs that can change something', () => {
    for (const l of [
      'label ns default a=b',
      'annotate pod x a=b',
      'apply -f x.yaml',
      'apply -f x.yaml --dry-run=none',
      'delete pod x',
      'rollout restart deploy/web',
      'rollout undo deploy/web',
      'rollout pause deploy/web',
      'scale deploy/web --replicas=2',
      'exec pod/x -- ls',
      'exec pod/x -- get --help',
      'auth reconcile -f r.yaml',
      'config use-context x',
      'config set-context x',
      'edit deploy/web',
      'patch deploy/web -p {}',
      'cp a pod:/b',
      'run x --image=y',
      'debug node/x',
      'port-forward pod/x 80',
      'certificate approve csr',
      'drain node1',
      'cordon node1',
      'create ns x',
      'my-plugin do-things',
      '--unknown-flag get pods',
      '-x get pods',
      'top',
      'auth',
      '-- get pods',
      '',
    ]) {
      assert.equal(ro(l), l === 'top' || l === 'auth', JSON.stringify(l));
    }
  });

  it('names the verb and its subcommand', () => {
    assert.deepEqual(classifyKubectlArgs(['rollout', 'restart', 'deploy/x']), {
      verb: 'rollout restart',
      readOnly: false,
    });
    assert.deepEqual(kubectlVerb(['-n', 'x', 'get', 'pods']), { verb: 'get', unsure: false });
    assert.deepEqual(kubectlVerb(['auth', 'can-i', 'list', 'pods']), {
      verb: 'auth',
      sub: 'can-i',
      unsure: false,
    });
  });
});

describe('fleet/foreach-lines', () => {
  const split = (chunks: (string | Buffer)[], max?: number) => {
    const out: [string, boolean][] = [];
    const s = new LineSplitter((t, p) => out.push([t, p]), max);
    for (const c of chunks) s.push(typeof c === 'string' ? Buffer.from(c) : c);
    s.end();
    return out;
  };

  it('splits on newlines across chunks and flushes the rest as partial', () => {
    assert.deepEqual(split(['a\nb', 'c\n\nd']), [
      ['a', false],
      ['bc', false],
      ['', false],
      ['d', true],
    ]);
    assert.deepEqual(split(['x\r\n']), [['x', false]]);
    assert.deepEqual(split([]), []);
  });

  it('decodes a UTF-8 character split between chunks', () => {
    const e = Buffer.from('é\n');
    assert.deepEqual(split([e.subarray(0, 1), e.subarray(1)]), [['é', false]]);
  });

  it('bounds line length without breaking a character', () => {
    assert.deepEqual(split(['abcdefg\n'], 3), [
      ['abc', false],
      ['def', false],
      ['g', false],
    ]);
    // 'éé' is 4 bytes; a cut after 3 bytes keeps the half character for the next piece
    assert.deepEqual(split(['éé\n'], 3), [
      ['é', false],
      ['é', false],
    ]);
  });
});
