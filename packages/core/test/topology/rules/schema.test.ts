import { fixture, ruleTester } from './_harness.js';

describe('rule schema', () => {
  ruleTester('schema', {
    valid: [
      {
        name: 'good fixture: a topology, a pipeline and networking with every kind of key',
        ...fixture('schema', 'good'),
      },
      {
        name: 'documents the schema does not describe',
        code: 'scrape_configs:\n  - job_name: x\n    whatever: 1\n---\napiVersion: apps/v1\nkind: Deployment\n',
      },
    ],
    invalid: [
      {
        name: 'bad fixture: a missing required key, an unknown key (a warning with a rename fix) and a wrong type',
        ...fixture('schema', 'bad'),
        errors: [
          {
            message: 'pipeline.stages.0 is missing the required key "name"',
            file: 'missing-name.yaml',
            line: 3,
            column: 7,
            endColumn: 14,
            fix: null,
          },
          {
            message: 'unknown key "regoin" in topology.clusters.0 (did you mean "region"?)',
            file: 'unknown-key.yaml',
            line: 4,
            column: 7,
            endColumn: 13,
            severity: 'warning',
            fix: 'Rename to "region"',
          },
          {
            message: 'topology.clusters.0.workloads must be a list, not string "api"',
            file: 'wrong-type.yaml',
            line: 4,
            column: 18,
            endColumn: 21,
          },
        ],
        output: {
          'unknown-key.yaml': `topology:
  clusters:
    - name: us-east-prod
      region: us-east-1
`,
        },
      },
      {
        name: 'an unknown key with no close match lists the known keys, without a fix',
        code: 'networking:\n  vpc_peers:\n    - { source: a, destination: b, zzzzzz: 1 }\n',
        errors: [
          {
            message:
              'unknown key "zzzzzz" in networking.vpc_peers.0 (expected one of source, destination, routing)',
            line: 3,
            column: 36,
            endColumn: 42,
            severity: 'warning',
            fix: null,
          },
        ],
      },
      {
        name: 'wrong types, a missing key and an empty list across document kinds',
        code: `topology: []
---
pipeline:
  stages:
    - name: a
      parallel: "yes"
      clusters: []
---
networking:
  vpc_peers:
    - source: a
`,
        errors: [
          { message: 'topology must be a mapping, not a list', line: 1, column: 11, endColumn: 13 },
          {
            message: 'pipeline.stages.0.parallel must be true or false, not string "yes"',
            line: 6,
            column: 17,
            endColumn: 22,
          },
          {
            message: 'pipeline.stages.0.clusters must NOT have fewer than 1 items',
            line: 7,
            column: 17,
            endColumn: 19,
          },
          {
            message: 'networking.vpc_peers.0 is missing the required key "destination"',
            line: 11,
            column: 7,
            endColumn: 13,
          },
        ],
      },
      {
        name: 'an unknown key in a flow mapping, renamed in place',
        code: 'topology:\n  clusters:\n    - { name: a, regoin: x }\n',
        errors: [
          {
            message: 'unknown key "regoin" in topology.clusters.0 (did you mean "region"?)',
            line: 3,
            column: 18,
            endColumn: 24,
            severity: 'warning',
            fix: 'Rename to "region"',
          },
        ],
        output: 'topology:\n  clusters:\n    - { name: a, region: x }\n',
      },
    ],
  });
});
