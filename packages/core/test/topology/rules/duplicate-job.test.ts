import { fixture, ruleTester } from './_harness.js';

const cfg = `scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['localhost:9100']\n`;

describe('rule duplicate-job', () => {
  ruleTester('duplicate-job', {
    valid: [
      { name: 'good fixture: unique job names', ...fixture('duplicate-job', 'good') },
      {
        name: 'jobs of different Prometheus configurations are not compared',
        files: [
          { path: 'a.yaml', text: cfg },
          { path: 'b.yaml', text: cfg },
        ],
      },
    ],
    invalid: [
      {
        name: 'bad fixture: the second job of the same name, pointing at the first',
        ...fixture('duplicate-job', 'bad'),
        errors: [
          {
            message:
              'job_name "federate-us-east" is already used by the job at line 2, and Prometheus refuses duplicate job names; rename this job (e.g. federate-<region>).',
            line: 10,
            column: 15,
            endColumn: 33,
            related: [{ line: 2, column: 15, message: 'first job named "federate-us-east"' }],
          },
        ],
      },
      {
        // Prometheus' config/testdata/jobname_dup.bad.yml: not federation jobs, so no federate-<region> hint.
        name: 'a duplicate job that is not a federation job',
        code: `scrape_configs:\n  - job_name: prometheus\n  - job_name: service-x\n  - job_name: prometheus\n`,
        errors: [
          {
            message:
              'job_name "prometheus" is already used by the job at line 2, and Prometheus refuses duplicate job names; rename this job (e.g. prometheus-2).',
            line: 4,
            column: 15,
          },
        ],
      },
    ],
  });
});
