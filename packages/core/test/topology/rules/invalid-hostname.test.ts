import { fixture, ruleTester } from './_harness.js';

const topology = (ingress: string) => `topology:\n  clusters:\n    - name: a\n      ingress: ${ingress}\n`;
const label63 = 'a'.repeat(63);

describe('rule invalid-hostname', () => {
  ruleTester('invalid-hostname', {
    valid: [
      {
        name: 'good fixture: a host name, and one with a trailing dot',
        ...fixture('invalid-hostname', 'good'),
      },
      { name: 'upper case and a 63-character label', code: topology(`LB.${label63}.Example.COM`) },
      { name: 'an empty ingress is left to the schema rule', code: topology('') },
      { name: 'a cluster without ingress', code: 'topology:\n  clusters:\n    - name: a\n' },
    ],
    invalid: [
      {
        name: 'bad fixture: a URL (fixed to its host name) and a label with an underscore and an empty label',
        ...fixture('invalid-hostname', 'bad'),
        errors: [
          {
            message:
              'ingress "https://regional-lb.us-east.example.com/" of cluster "us-east-prod" is a URL, not a host name (drop the scheme)',
            line: 4,
            column: 16,
            endColumn: 56,
            fix: 'Use "regional-lb.us-east.example.com"',
          },
          {
            message:
              'ingress "regional_lb..eu-west.example.com" of cluster "eu-west-prod" has the label "regional_lb", which is not letters, digits and inner hyphens',
            line: 6,
            column: 16,
            endColumn: 48,
            fix: null,
          },
        ],
        output: `topology:
  clusters:
    - name: us-east-prod
      ingress: regional-lb.us-east.example.com
    - name: eu-west-prod
      ingress: regional_lb..eu-west.example.com
`,
      },
      {
        name: 'a port, fixed',
        code: topology('lb.example.com:443'),
        errors: [
          {
            message: 'ingress "lb.example.com:443" of cluster "a" carries a port; a host name has none',
            line: 4,
            column: 16,
            endColumn: 34,
            fix: 'Use "lb.example.com"',
          },
        ],
        output: topology('lb.example.com'),
      },
      {
        name: 'a path in a quoted value, fixed to the plain host name',
        code: topology('"lb.example.com/api"'),
        errors: [
          {
            message: 'ingress "lb.example.com/api" of cluster "a" contains a path',
            line: 4,
            column: 16,
            endColumn: 36,
            fix: 'Use "lb.example.com"',
          },
        ],
        output: topology('lb.example.com'),
      },
      {
        name: 'an empty string, two dots in a row and a leading hyphen, without a fix',
        code: `topology:\n  clusters:\n    - { name: a, ingress: "" }\n    - { name: b, ingress: lb..example.com }\n    - { name: c, ingress: -lb.example.com }\n`,
        errors: [
          { message: 'ingress "" of cluster "a" is empty', line: 3, column: 27, endColumn: 29, fix: null },
          {
            message:
              'ingress "lb..example.com" of cluster "b" has an empty label (two dots in a row, or a leading dot)',
            line: 4,
            column: 27,
            endColumn: 42,
            fix: null,
          },
          {
            message:
              'ingress "-lb.example.com" of cluster "c" has the label "-lb", which is not letters, digits and inner hyphens',
            line: 5,
            column: 27,
            endColumn: 42,
            fix: null,
          },
        ],
      },
      {
        name: 'a 64-character label and a name over 253 characters',
        code: `topology:\n  clusters:\n    - name: a\n      ingress: ${'a'.repeat(64)}.example.com\n    - name: b\n      ingress: ${Array(5).fill(label63).join('.')}\n`,
        errors: [
          {
            message: `ingress "${'a'.repeat(64)}.example.com" of cluster "a" has the label "${'a'.repeat(20)}…" longer than 63 characters`,
            line: 4,
            column: 16,
            endColumn: 92,
          },
          {
            message: `ingress "${Array(5).fill(label63).join('.')}" of cluster "b" is longer than 253 characters`,
            line: 6,
            column: 16,
            endColumn: 335,
          },
        ],
      },
    ],
  });
});
