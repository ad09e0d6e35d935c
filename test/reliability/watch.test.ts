/**
 * `kubectl mc get -w` against a cluster that drops its watch streams every 1.5 s: every event the
 * simulator logged is printed exactly once (none lost across reconnects, none duplicated by the replay),
 * and a watch resumed after history was compacted (410 Gone) relists and shows what changed meanwhile.
 */
import assert from 'node:assert/strict';
import { startFleet, type Fleet, type KubeObject } from '@kubectl-mc/sim';
import { assertBuilt, assertNoStack, cliEnv, spawnCli, waitUntil } from './helpers.js';

const CLUSTERS = ['w-one', 'w-two', 'w-three', 'w-four', 'w-drop'];

/** Split a stream of concatenated JSON values (pretty-printed or not) into parsed values. */
function parseJsonStream(text: string): { values: unknown[]; rest: string } {
  const values: unknown[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) {
        values.push(JSON.parse(text.slice(start, i + 1)));
        start = -1;
      }
    }
  }
  return { values, rest: start >= 0 ? text.slice(start) : '' };
}

interface Printed {
  context: string;
  name: string;
  rv: number;
}

function printedObjects(stdout: string): { list: Printed[]; watched: Printed[] } {
  const { values } = parseJsonStream(stdout);
  const toPrinted = (o: KubeObject): Printed => ({
    context: String(
      (o.metadata['annotations'] as Record<string, string> | undefined)?.['kubectl-mc.io/context'],
    ),
    name: o.metadata.name,
    rv: Number(o.metadata.resourceVersion),
  });
  const list: Printed[] = [];
  const watched: Printed[] = [];
  for (const v of values) {
    const o = v as KubeObject & { items?: KubeObject[] };
    if (o.kind === 'List') list.push(...(o.items ?? []).map(toPrinted));
    else watched.push(toPrinted(o));
  }
  return { list, watched };
}

describe('reliability: watch streams that break', function () {
  this.timeout(180_000);
  let fleet: Fleet;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assertBuilt();
    fleet = await startFleet({
      clusters: CLUSTERS,
      podsPerCluster: 6,
      faults: { 'w-drop': 'drop-watch:1500ms' },
    });
    env = cliEnv({ KUBECONFIG: fleet.kubeconfigPath });
  });
  after(async () => {
    await fleet?.stop();
  });

  function template(cluster: string): KubeObject {
    const t = structuredClone(fleet.cluster(cluster).store.list('pods', 'production')[0]!);
    return t;
  }

  it('get -w -o json: no event lost or duplicated across dropped watches (compared with the simulator event log)', async () => {
    const store = fleet.cluster('w-drop').store;
    const child = spawnCli(
      ['get', 'pods', '-n', 'production', '-w', '-o', 'json', '--clusters', CLUSTERS.join(','), '-v=6'],
      {
        env,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const show = () => `stderr:\n${stderr}\nstdout tail:\n${stdout.slice(-2000)}`;
    try {
      // -o json prints the list's objects one by one, as kubectl does; -v=6 logs each watch once it is up
      await waitUntil(
        'every cluster watching',
        () => CLUSTERS.every((c) => new RegExp(`\\[${c}\\] GET \\S*watch=true`).test(stderr)),
        show,
      );
      const startRv = store.revision;
      const base = template('w-drop');
      // writes at up to 20/s (adds, restarts as MODIFIED, deletes) until the stream has been dropped and
      // resumed three times, then 20 more: a condition, not a duration, so a busy machine only takes longer
      const reconnects = () => (stderr.match(/context "w-drop".*reconnect/g) ?? []).length;
      const names: string[] = [];
      let after = 0;
      for (let i = 0; after < 20; i++) {
        if (reconnects() >= 3) after++;
        const step = i % 3;
        if (step === 0 || names.length === 0) {
          const p = structuredClone(base);
          p.metadata = { name: `churn-${i}`, namespace: 'production', labels: base.metadata.labels ?? {} };
          store.add('pods', p);
          names.push(p.metadata.name);
        } else if (step === 1) {
          store.modify('pods', 'production', names[names.length - 1]!, (o: KubeObject) => {
            o.metadata.labels = { ...(o.metadata.labels ?? {}), restarted: String(i) };
          });
        } else {
          store.delete('pods', 'production', names.shift()!);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const logged = store
        .events()
        .filter((e) => e.resource === 'pods' && Number(e.resourceVersion) > startRv)
        .map((e) => Number(e.resourceVersion));
      const last = logged[logged.length - 1]!;
      await waitUntil(
        `the last event (rv ${last}) in the output`,
        () => printedObjects(stdout).watched.some((p) => p.context === 'w-drop' && p.rv === last),
        show,
      );
      const seen = printedObjects(stdout)
        .watched.filter((p) => p.context === 'w-drop' && p.rv > startRv)
        .map((p) => p.rv);
      const dupes = seen.filter((rv, i) => seen.indexOf(rv) !== i);
      assert.deepEqual(dupes, [], 'events printed twice');
      const lost = logged.filter((rv) => !seen.includes(rv));
      assert.deepEqual(lost, [], `events lost (${logged.length} logged)`);
      assert.deepEqual(seen, logged, 'events in log order');
      assertNoStack(stderr);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 130);
  });

  it('get -w -o json: the initial state is printed once, not again by the watch', async () => {
    const child = spawnCli(['get', 'pods', '-n', 'production', '-w', '-o', 'json', '--clusters', 'w-one'], {
      env,
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitUntil(
        'the initial objects',
        () => printedObjects(stdout).watched.length > 0,
        () => stdout,
      );
      // a marker event: once it is printed, anything the watch printed before it is in the output too
      const p = template('w-one');
      p.metadata = { name: 'once-marker', namespace: 'production', labels: {} };
      fleet.cluster('w-one').store.add('pods', p);
      await waitUntil(
        'the marker',
        () => printedObjects(stdout).watched.some((o) => o.name === 'once-marker'),
        () => stdout,
      );
      const { watched } = printedObjects(stdout);
      const again = watched.filter(
        (w, i) => watched.findIndex((o) => o.name === w.name && o.rv === w.rv) !== i,
      );
      assert.deepEqual(
        again.map((o) => o.name),
        [],
        'objects of the initial list printed a second time by the watch',
      );
    } finally {
      child.kill('SIGINT');
    }
    await exited;
  });

  it('get -w: a watch resumed after the history was compacted (410 Gone) relists and shows what changed', async () => {
    const cluster = 'w-three';
    const store = fleet.cluster(cluster).store;
    const child = spawnCli(
      ['get', 'pods', '-n', 'production', '-w', '--clusters', CLUSTERS.slice(0, 4).join(',')],
      {
        env,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const show = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
    try {
      await waitUntil('the initial table', () => new RegExp(`^${cluster}\\s`, 'm').test(stdout), show);
      fleet.setFault(cluster, 'down');
      await waitUntil(
        'the broken stream reported',
        () => new RegExp(`context "${cluster}".*reconnect`).test(stderr),
        show,
      );
      const p = template(cluster);
      p.metadata = { name: 'added-while-down', namespace: 'production', labels: {} };
      store.add('pods', p);
      store.compact(); // the watch's resourceVersion is now too old: 410 Gone on resume
      fleet.setFault(cluster, undefined);
      await waitUntil(
        'the relisted state with the pod added during the outage',
        () => new RegExp(`^${cluster}\\s+added-while-down\\s`, 'm').test(stdout),
        show,
        30_000,
      );
      assert.doesNotMatch(stderr, new RegExp(`^error: context "${cluster}"`, 'm'), 'the watch kept going');
      assertNoStack(stderr);
    } finally {
      fleet.setFault(cluster, undefined);
      child.kill('SIGINT');
    }
    assert.equal(await exited, 130);
  });

  it('get -w: a cluster that hangs for a while is reported, and its stream resumes when it answers again', async () => {
    const cluster = 'w-four';
    const store = fleet.cluster(cluster).store;
    const child = spawnCli(
      [
        'get',
        'pods',
        '-n',
        'production',
        '-w',
        // no --request-timeout: an explicit one ends the whole watch, as kubectl's does; the default
        // (10 s) bounds each re-request of the watch instead
        '--clusters',
        CLUSTERS.slice(0, 4).join(','),
      ],
      { env },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const show = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
    try {
      await waitUntil('the initial table', () => new RegExp(`^${cluster}\\s`, 'm').test(stdout), show);
      // the simulator ends open watches when it starts hanging; the client's re-request is never answered
      fleet.setFault(cluster, 'hang');
      await waitUntil(
        'a warning that the hanging cluster is being retried',
        () => new RegExp(`context "${cluster}"`).test(stderr),
        show,
        60_000,
      );
      fleet.setFault(cluster, undefined);
      const p = template(cluster);
      p.metadata = { name: 'after-hang', namespace: 'production', labels: {} };
      store.add('pods', p);
      await waitUntil(
        'the resumed stream',
        () => new RegExp(`^${cluster}\\s+after-hang\\s`, 'm').test(stdout),
        show,
        20_000,
      );
    } finally {
      fleet.setFault(cluster, undefined);
      child.kill('SIGINT');
    }
    await exited;
  });
});
