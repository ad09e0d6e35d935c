import { fixture, ruleTester } from './_harness.js';

const cluster = (fields: string) => `topology:\n  clusters:\n    - name: batch\n${fields}`;
const message = (nodeType: string) =>
  `cluster "batch" runs on ${nodeType} nodes without interruption_handling (e.g. checkpoint-restart)`;

describe('rule spot-interruption', () => {
  ruleTester('spot-interruption', {
    valid: [
      {
        name: 'good fixture: spot nodes with interruption_handling',
        ...fixture('spot-interruption', 'good'),
      },
      { name: 'on-demand nodes', code: cluster('      node_type: on-demand\n') },
      { name: 'no node_type', code: cluster('      size: large\n') },
    ],
    invalid: [
      {
        name: 'bad fixture: preemptible nodes without interruption_handling, on the node_type value',
        ...fixture('spot-interruption', 'bad'),
        errors: [
          {
            message:
              'cluster "batch-processing" runs on gcp-preemptible nodes without interruption_handling (e.g. checkpoint-restart)',
            line: 4,
            column: 18,
            endColumn: 33,
          },
        ],
      },
      {
        name: 'interruption_handling: none, and Spot in any case',
        code: cluster('      node_type: Spot-Instances\n      interruption_handling: none\n'),
        errors: [{ message: message('Spot-Instances'), line: 4, column: 18, endColumn: 32 }],
      },
      {
        name: 'None, off and an empty list say "no handling" as well as none',
        code: `topology:
  clusters:
    - { name: batch, node_type: spot, interruption_handling: None }
    - { name: batch, node_type: spot, interruption_handling: off }
    - { name: batch, node_type: spot, interruption_handling: [] }
`,
        errors: [3, 4, 5].map((line) => ({ message: message('spot'), line, column: 33, endColumn: 37 })),
      },
      {
        name: 'an empty or false interruption_handling',
        code: `${cluster('      node_type: spot\n      interruption_handling:\n')}    - name: batch\n      node_type: spot\n      interruption_handling: false\n`,
        errors: [
          { message: message('spot'), line: 4, column: 18, endColumn: 22 },
          { message: message('spot'), line: 7, column: 18, endColumn: 22 },
        ],
      },
    ],
  });
});
