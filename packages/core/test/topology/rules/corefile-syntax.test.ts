import { fixture, ruleTester } from './_harness.js';

const configMap = (body: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\ndata:\n  Corefile: |\n${body}`;

describe('rule corefile-syntax', () => {
  ruleTester('corefile-syntax', {
    valid: [
      {
        name: 'good fixture: snippets, top-level import, nested blocks, {$ENV}, a braceless single block',
        ...fixture('corefile-syntax', 'good'),
      },
    ],
    invalid: [
      {
        name: 'bad fixture: an unclosed server block, and a Corefile without | (folded onto one line)',
        ...fixture('corefile-syntax', 'bad'),
        errors: [
          {
            message: 'Corefile: server block is not closed with `}`; CoreDNS refuses to load this Corefile.',
            line: 12,
            column: 21,
            endColumn: 22,
          },
          {
            message:
              'override-block.server: the Corefile is a plain scalar without line breaks, so YAML joins its lines into one and CoreDNS reads every directive as arguments of the first; write the key with | (a literal block) to keep the lines; CoreDNS refuses to load this Corefile.',
            line: 23,
            column: 5,
          },
        ],
      },
      {
        name: 'a Corefile cut in a nested block',
        code: configMap(`    .:53 {\n        kubernetes cluster.local {\n           pods insecure\n`),
        errors: [
          {
            message: 'Corefile: server block is not closed with `}`; CoreDNS refuses to load this Corefile.',
            line: 8,
            column: 10,
          },
          {
            message: 'Corefile: unclosed `{` after kubernetes; CoreDNS refuses to load this Corefile.',
            line: 9,
            column: 9,
          },
        ],
      },
      {
        name: 'a stray closing brace',
        code: configMap(`    .:53 {\n        errors\n    }\n    }\n`),
        errors: [
          {
            message: 'Corefile: unexpected `}`; CoreDNS refuses to load this Corefile.',
            line: 11,
            column: 5,
          },
        ],
      },
    ],
  });
});
