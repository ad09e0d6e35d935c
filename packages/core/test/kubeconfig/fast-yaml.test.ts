import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { fastParseYaml } from '../../src/kubeconfig/fast-yaml.js';
import { parseFile } from '../../src/kubeconfig/file.js';

// What kubectl (Go's yaml marshaller) writes: sequences at their key's indentation, `{}` for empty maps.
const KUBECTL_WRITTEN = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lRYQ==
    server: https://127.0.0.1:6443
  name: prod
- cluster:
    insecure-skip-tls-verify: true
    proxy-url: http://proxy.internal:3128
    server: https://staging.example.com
    tls-server-name: kubernetes.default
  name: staging
contexts:
- context:
    cluster: prod
    namespace: web
    user: alice
  name: prod
- context:
    cluster: staging
    user: exec-user
  name: staging
current-context: prod
kind: Config
preferences: {}
users:
- name: alice
  user:
    client-certificate-data: LS0tLS1CRUdJTg==
    client-key-data: LS0tLS1CRUdJTiBFQw==
    token: sim-abc_DEF-123
- name: exec-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - eks
      - get-token
      - --cluster-name
      - 'it''s prod'
      command: aws
      env:
      - name: AWS_PROFILE
        value: "prod"
      - name: EMPTY
        value: ""
      interactiveMode: IfAvailable
      provideClusterInfo: false
`;

/** The fast parser either declines, or agrees with `yaml` exactly. */
function agrees(text: string): boolean {
  const fast = fastParseYaml(text);
  if (fast === undefined) return false;
  assert.deepEqual(fast.value, parse(text) as unknown, text);
  return true;
}

describe('kubeconfig: fast YAML path', function () {
  it('parses what kubectl writes, exactly as yaml does', () => {
    assert.equal(agrees(KUBECTL_WRITTEN), true);
  });

  it('gives parseFile the same entries and lines as the yaml path', () => {
    const fast = parseFile('/home/u/.kube/config', KUBECTL_WRITTEN);
    // CRLF line endings are outside the fast subset: the same document goes through yaml
    assert.equal(fastParseYaml(KUBECTL_WRITTEN.replaceAll('\n', '\r\n')), undefined);
    const slow = parseFile('/home/u/.kube/config', KUBECTL_WRITTEN.replaceAll('\n', '\r\n'));
    assert.deepEqual(fast, slow);
    assert.deepEqual(
      fast.users.map((u) => [u.name, u.line]),
      [
        ['alice', 27],
        ['exec-user', 32],
      ],
    );
  });

  it('declines what is outside its subset, leaving errors and typing to yaml', () => {
    const declined = [
      'a: &x b\nc: *x\n',
      'a: !!str 1\n',
      'a: |\n  block\n',
      'a: >\n  folded\n',
      'a: 1\n',
      'a: 0x10\n',
      'a: -1\n',
      'a: .inf\n',
      'a: {b: c}\n',
      'a: [b]\n',
      'a: b # comment\n',
      'a: "esc\\n"\n',
      'a: plain\n  continued\n',
      'a: b\na: c\n',
      '---\na: b\n',
      'a:\tb\n',
      '<<: {}\n',
      '__proto__: x\n',
      'a: b: c\n',
      'a:b\n',
      '"a": b\n',
      'a:\n  - - x\n',
      'a: @x\n',
      'a: %x\n',
      'a:\n b: c\n  d: e\n',
      'a: ünïcode\n',
      '',
    ];
    for (const text of declined) assert.equal(fastParseYaml(text), undefined, JSON.stringify(text));
  });

  it('agrees with yaml on generated documents (or declines them)', () => {
    const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_./-]{0,12}$/);
    const text = fc.oneof(
      word,
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        'true',
        'False',
        'null',
        '~',
        'yes',
        'no',
        'on',
        '1',
        '-',
        '0o7',
        '1e3',
        "it's",
        '"q"',
        '# x',
      ),
    );
    const leaf = fc.oneof(text, fc.boolean(), fc.constant(null), fc.integer());
    const doc = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.oneof(word, fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    let taken = 0;
    fc.assert(
      fc.property(fc.dictionary(word, doc, { minKeys: 1, maxKeys: 5 }), fc.boolean(), (root, compactSeqs) => {
        // both of yaml's sequence styles: indented, and at the key's indentation as Go writes them
        const text = stringify(root, { indentSeq: !compactSeqs, lineWidth: 0 });
        if (agrees(text)) taken++;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
    // the generator must exercise the fast path, not only its refusals
    assert.ok(taken > 200, `fast path taken ${taken} times`);
  });
});
