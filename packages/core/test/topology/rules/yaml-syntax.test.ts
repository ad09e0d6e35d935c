import { fixture, ruleTester } from './_harness.js';

describe('rule yaml-syntax', () => {
  ruleTester('yaml-syntax', {
    valid: [
      { name: 'good fixture', ...fixture('yaml-syntax', 'good') },
      { name: 'an empty file', code: '' },
      { name: 'a few aliases', code: 'a: &a [x, y]\nb: *a\nc: *a\n' },
      {
        name: 'a file that is not one the linter reads is still checked, and is fine',
        code: 'apiVersion: apps/v1\nkind: Deployment\n',
      },
    ],
    invalid: [
      {
        name: 'bad fixture: an alias bomb, tabs as indentation and an unclosed flow collection',
        ...fixture('yaml-syntax', 'bad'),
        errors: [
          {
            // At the first alias whose anchor holds aliases: where the expansion starts to multiply.
            message: 'too many alias expansions (more than 100); a YAML bomb is not linted',
            file: 'alias-bomb.yaml',
            line: 3,
            column: 8,
            endColumn: 10,
          },
          {
            message: 'A block sequence may not be used as an implicit map key',
            file: 'tabs.yaml',
            line: 2,
            column: 12,
            endLine: 3,
            endColumn: 1,
          },
          {
            message: 'Tabs are not allowed as indentation',
            file: 'tabs.yaml',
            line: 3,
            column: 1,
            endColumn: 2,
          },
          {
            message: 'Implicit keys need to be on a single line',
            file: 'tabs.yaml',
            line: 3,
            column: 2,
            endColumn: 3,
          },
          {
            message: 'Implicit map keys need to be followed by map values',
            file: 'tabs.yaml',
            line: 3,
            column: 2,
            endLine: 4,
            endColumn: 1,
          },
          {
            message: 'Flow map in block collection must be sufficiently indented and end with a }',
            file: 'unclosed.yaml',
            line: 3,
            column: 1,
            endColumn: 2,
          },
          {
            message: 'Flow sequence in block collection must be sufficiently indented and end with a ]',
            file: 'unclosed.yaml',
            line: 3,
            column: 1,
            endColumn: 2,
          },
        ],
      },
      {
        name: 'a raw Corefile: one finding that says so, at its first server block',
        filename: 'Corefile',
        code: '# Default Corefile\n\n. {\n    whoami  # coredns.io/plugins/whoami\n    log\n}\n',
        errors: [
          {
            message:
              'this looks like a raw CoreDNS Corefile, not YAML; the linter reads a Corefile inside a ConfigMap (data: {Corefile: |, then the Corefile indented below it}), as Kubernetes deploys it',
            line: 3,
            column: 1,
          },
        ],
      },
      {
        name: 'a Go template: one finding at its first action, not a cascade of parser errors',
        code: 'a: b\n---\n{{- range $i := until .Services }}\nkind: VirtualService\nmetadata:\n  name: vs-{{$i}}\n{{- end }}\n',
        errors: [
          {
            message:
              'this looks like a Go template ({{ … }}), which is not YAML until rendered; lint the rendered output instead (e.g. helm template … | kubectl mc lint -)',
            line: 3,
            column: 1,
          },
        ],
      },
      {
        name: 'an unresolved tag is a warning',
        code: 'a: !foo bar\n',
        errors: [{ message: 'Unresolved tag: !foo', line: 1, column: 4, endColumn: 8, severity: 'warning' }],
      },
      {
        name: 'invalid UTF-8, once, at the bad byte',
        files: [
          {
            path: 'bytes.yaml',
            text: new Uint8Array([0x61, 0x3a, 0x20, 0x62, 0x0a, 0x61, 0x3a, 0x20, 0xc3, 0x28]),
          },
        ],
        errors: [
          {
            message: 'file is not valid UTF-8 (invalid byte at offset 8)',
            line: 2,
            column: 4,
            endColumn: 5,
          },
        ],
      },
      {
        name: 'a control character, at its position',
        code: 'a: b\u0000\n',
        errors: [
          {
            message: 'file contains the control character U+0000; binary content is not YAML',
            line: 1,
            column: 5,
            endColumn: 6,
          },
        ],
      },
      {
        name: 'a file over the size limit is not parsed',
        code: `a: ${'x'.repeat(2 * 1024 * 1024)}\n`,
        options: { maxFileBytes: 1024 * 1024 },
        errors: [
          {
            message: 'file is too large to lint (2.0 MiB; the limit is 1.0 MiB)',
            line: 1,
            column: 1,
            endColumn: 1,
          },
        ],
      },
      {
        name: 'nesting deeper than 200 levels',
        code: '['.repeat(300) + ']'.repeat(300),
        errors: [
          {
            message: 'YAML is nested deeper than 200 levels; not linted',
            line: 1,
            column: 1,
            endColumn: 1,
          },
        ],
      },
    ],
  });
});
