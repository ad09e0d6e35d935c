/** The CLI's backend reads `:runs` from `--state-dir` through core's `listRuns`. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKubeconfigFromString } from '@kubectl-mc/core';
import { coreBackend } from '../../src/tui/backend.js';
import { sampleRuns } from './run-records.js';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: dev, context: {cluster: c, user: u}}]
current-context: dev
`;

describe('dashboard backend: pipeline runs', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kmc-dash-runs-'));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads the records of --state-dir', async () => {
    for (const r of sampleRuns()) await writeFile(path.join(dir, `${r.id}.json`), JSON.stringify(r));
    const b = coreBackend(loadKubeconfigFromString(KUBECONFIG), ['dev'], dir);
    const runs = await b.runs!();
    assert.deepEqual(
      runs.map((r) => r.id).sort(),
      sampleRuns()
        .map((r) => r.id)
        .sort(),
    );
  });
});
