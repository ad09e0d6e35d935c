/**
 * `:runs` in the dashboard, rendered with ink-testing-library over the controller with a fake backend
 * (records fed directly, as core's `listRuns` returns them): the list, Enter on a run, Esc, a hostile
 * record, a state directory that cannot be read, and reads while shown.
 */
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import type { RunRecord } from '@kubectl-mc/core/fleet';
import { App } from '../../src/tui/App.js';
import { Controller, type Backend } from '../../src/tui/data.js';
import { initialState } from '../../src/tui/state.js';
import { createStore } from '../../src/tui/store.js';
import { runRecord, sampleRuns } from './run-records.js';

const NOW = Date.parse('2026-12-05T16:00:00Z');

/** A fleet of one cluster with no pods, whose `runs` answers what `records` says when it is asked. */
function backend(records: () => Promise<RunRecord[]>) {
  let reads = 0;
  const b: Backend = {
    async probe(context) {
      return { context, version: 'v1.31.0', latencyMs: 1 };
    },
    async resolve() {
      return {
        group: '',
        version: 'v1',
        resource: 'pods',
        kind: 'Pod',
        namespaced: true,
        singular: 'pod',
        shortNames: [],
        verbs: ['list'],
        categories: [],
      };
    },
    async table() {
      return { columns: [{ name: 'Name', type: 'string', priority: 0 }], rows: [] };
    },
    async objectYaml() {
      return '';
    },
    runs() {
      reads++;
      return records();
    },
  };
  return { b, reads: () => reads };
}

describe('dashboard :runs view', function () {
  this.timeout(20_000);
  let controller: Controller | undefined;
  let app: ReturnType<typeof render> | undefined;
  afterEach(async () => {
    app?.unmount();
    await controller?.stop();
    controller = undefined;
    app = undefined;
  });

  function start(b: Backend, paceMs = 0) {
    const store = createStore(initialState([{ name: 'dev' }], 20, { namespace: 'default' }));
    controller = new Controller(store, ['dev'], b, { refreshMs: 60_000, flushMs: 5 });
    controller.start();
    const a = render(
      createElement(App, {
        store,
        data: controller,
        color: false,
        width: 160,
        height: 30,
        now: () => NOW,
        paceMs,
      }),
    );
    app = a;
    return { store, app: a };
  }

  async function waitFor(what: string, test: (frame: string) => boolean): Promise<string> {
    let frame = '';
    for (let i = 0; i < 400; i++) {
      frame = app!.lastFrame() ?? '';
      if (test(frame)) return frame;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(`timed out waiting for ${what}; the frame was:\n${frame}`);
  }
  const type = async (text: string) => {
    for (const ch of text) {
      app!.stdin.write(ch);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('lists the records, running first, with stage, clusters, age and message', async () => {
    start(backend(async () => sampleRuns()).b);
    await type(':runs\r');
    // Ages by the dashboard's clock once it ticks (before, by when the runs were read).
    const f = await waitFor('the runs', (f) => /3 rows/.test(f) && / 120m\b/.test(f));
    const rows = f.split('\n').filter((l) => l.startsWith('run-'));
    assert.equal(rows.length, 3, f);
    assert.match(f, /ID +PIPELINE +STATUS +STAGE +CLUSTERS +AGE +MESSAGE/);
    assert.match(
      rows[0]!,
      /^run-20261205-140000-bbbb +prod\.pipeline\.yaml +running +promote 2\/2 +1\/3 +120m/,
    );
    assert.match(rows[1]!, /^run-20261205-153000-cccc +pipeline\.yaml +succeeded +all 1\/1 +1\/1 +30m/);
    assert.match(
      rows[2]!,
      /^run-20261205-150000-aaaa .* failed .* stage deploy-canary: us-east-prod: error-rate/,
    );
  });

  it("Enter shows the run's stages and each cluster's status and message; Esc goes back", async () => {
    start(backend(async () => sampleRuns()).b);
    await type(':runs\r');
    await waitFor('the runs', (f) => /3 rows/.test(f));
    await type('jj\r');
    const d = await waitFor('the run', (f) => /^run run-20261205-150000-aaaa /m.test(f));
    assert.match(d, /^stage 1\/2 deploy-canary {2}rolled-back {2}←$/m);
    assert.match(d, /^ {2}us-east-prod {2}rolled-back {2}error-rate 5\.00% > 0\.1%$/m);
    assert.match(d, /^stage 2\/2 promote {2}pending$/m);
    await type('\u001b');
    await waitFor('the list again', (f) => /^Pipeline runs/m.test(f) && /3 rows/.test(f));
  });

  it('escapes a hostile string in a record', async () => {
    const evil = '\u001b]0;pwned\u0007\u001b[2J';
    const records = [
      runRecord(
        'run-20261205-150000-dddd',
        'failed',
        '2026-12-05T15:00:00Z',
        [{ name: 'canary', status: 'failed', clusters: [['us-east-prod', 'failed', `bad${evil}`]] }],
        { message: `oops${evil}`, file: `x${evil}.yaml` },
      ),
    ];
    start(backend(async () => records).b);
    await type(':runs\r');
    const f = await waitFor('the run', (f) => /1 rows/.test(f));
    assert.ok(!f.includes('\u001b]') && !f.includes('\u0007') && !f.includes('\u001b[2J'), f);
    assert.match(f, /oops\^\[\]0;pwned\^G/);
    await type('\r');
    const d = await waitFor('the detail', (f) => /bad\^\[/.test(f));
    assert.ok(!d.includes('\u0007'), d);
  });

  it('a state directory that cannot be read is an error line, not a crash', async () => {
    start(
      backend(() =>
        Promise.reject(new Error("EACCES: permission denied, scandir '/home/ann/.kube/kubectl-mc/runs'")),
      ).b,
    );
    await type(':runs\r');
    const f = await waitFor('the error', (f) => /^error: cannot read the runs: EACCES/m.test(f));
    assert.match(f, /^Pipeline runs {2}· {2}0 rows/m);
    // Still answering keys.
    await type('?');
    await waitFor('the help', (f) => /^Help: keys/m.test(f));
  });

  it("reads the runs again while shown, drawn with the CLI's pace", async () => {
    let status: 'running' | 'succeeded' = 'running';
    const one = () => [
      runRecord('run-20261205-150000-eeee', status, '2026-12-05T15:00:00Z', [
        { name: 'all', status: status === 'running' ? 'running' : 'passed', clusters: [['dev', 'gating']] },
      ]),
    ];
    const fake = backend(async () => one());
    start(fake.b, 2000);
    await type(':runs\r');
    await waitFor('the running run', (f) => /eeee +pipeline\.yaml +running/.test(f));
    status = 'succeeded';
    await waitFor('the run succeeded', (f) => /eeee +pipeline\.yaml +succeeded/.test(f));
    assert.ok(fake.reads() >= 2);
  });
});
