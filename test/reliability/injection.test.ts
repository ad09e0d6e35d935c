/**
 * Terminal injection: cluster data carrying ANSI/OSC sequences, carriage returns and bidi overrides
 * (injected through the simulator's store: pod names, labels, annotations, event messages, and a
 * context name in the kubeconfig) reaches the terminal escaped — in tables, -o name, error messages
 * and the dashboard. -o json/yaml must stay parseable and carry no raw C0/C1 control byte.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { startFleet, type Fleet, type KubeObject } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';
import { assertBuilt, assertNoStack, cliEnv, runCli } from './helpers.js';
import { Dashboard } from './tmux.js';

const CLUSTERS = ['i-one', 'i-two', 'i-three', 'i-four', 'i-evil'];
const NS = 'production';
const OSC_TITLE = '\x1b]0;PWNED\x07';
const CLEAR = '\x1b[2J\x1b[H';
const RED = '\x1b[31m';
const CSI_C1 = '\u009b2J';
const BIDI = '\u202egnp.exe';
const ISOLATE = '\u2066hidden\u2069';
const EVIL_NAME = `inj-${OSC_TITLE}${RED}red\rover`;
const EVIL_LABEL = `${CLEAR}cleared${BIDI}`;
const EVIL_MESSAGE = `Back-off ${RED}restarting${OSC_TITLE}\r${CSI_C1}${ISOLATE}`;
const EVIL_CONTEXT = `evil-${RED}ctx${OSC_TITLE}`;

/** Any byte or character that can drive a terminal; \n is the only control allowed (tables use spaces). */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

function assertTerminalSafe(label: string, text: string): void {
  const m = RAW_CONTROL.exec(text);
  assert.ok(
    !m,
    `${label}: raw control ${JSON.stringify(m?.[0])} at ${m?.index}: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 40), (m?.index ?? 0) + 40))}`,
  );
}

describe('reliability: terminal injection from cluster data', function () {
  this.timeout(60_000);
  let fleet: Fleet;
  let env: NodeJS.ProcessEnv;
  let kubeconfig: string;

  before(async () => {
    assertBuilt();
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 6, faults: {} });
    const store = fleet.cluster('i-evil').store;
    const pod = structuredClone(store.list('pods', NS)[0]!) as KubeObject;
    pod.metadata = {
      name: EVIL_NAME,
      namespace: NS,
      labels: { app: 'inj', note: EVIL_LABEL },
      annotations: { evil: `${OSC_TITLE}${BIDI}${CSI_C1}` },
    };
    store.add('pods', pod);
    const ev = structuredClone(store.list('events')[0]!) as KubeObject & {
      message?: string;
      reason?: string;
    };
    ev.metadata = { name: 'inj-event', namespace: NS };
    ev.message = EVIL_MESSAGE;
    ev.reason = `Bad${RED}Reason`;
    store.add('events', ev);
    // a context whose own name is hostile, pointing at a cluster that is not there
    const kc = parse(readFileSync(fleet.kubeconfigPath, 'utf8')) as {
      clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
      contexts: Array<{ name: string; context: Record<string, unknown> }>;
    };
    kc.clusters.push({ name: 'nowhere', cluster: { server: 'https://127.0.0.1:1' } });
    kc.contexts.push({ name: EVIL_CONTEXT, context: { cluster: 'nowhere', user: 'i-one-admin' } });
    kubeconfig = path.join(mkdtempSync(path.join(os.tmpdir(), 'kmc-rel-inj-')), 'kubeconfig');
    writeFileSync(kubeconfig, stringify(kc), { mode: 0o600 });
    env = cliEnv({ KUBECONFIG: kubeconfig });
  });
  after(async () => {
    await fleet?.stop();
  });

  const healthy = ['--clusters', CLUSTERS.join(',')];

  it('tables (-o wide, --show-labels) print hostile names and labels escaped, still visible', async () => {
    for (const extra of [[], ['-o', 'wide'], ['--show-labels'], ['-A']]) {
      const r = await runCli(['get', 'pods', '-n', NS, ...healthy, ...extra], { env });
      assert.equal(r.code, 0, r.stderr);
      assertTerminalSafe(`get pods ${extra.join(' ')} stdout`, r.stdout);
      assertTerminalSafe('stderr', r.stderr);
      assert.match(r.stdout, /^i-evil\s+.*inj-\^\[\]0;PWNED\^G\^\[\[31mred/m, r.stdout);
      if (extra.includes('--show-labels'))
        assert.match(r.stdout, /note=\^\[\[2J\^\[\[Hcleared\\u202egnp\.exe/);
    }
  });

  it('event messages and reasons are escaped in tables', async () => {
    const r = await runCli(['get', 'events', '-n', NS, ...healthy], { env });
    assert.equal(r.code, 0, r.stderr);
    assertTerminalSafe('get events stdout', r.stdout);
    assert.match(r.stdout, /Back-off \^\[\[31mrestarting\^\[\]0;PWNED\^G/);
  });

  it('-o name is escaped', async () => {
    const r = await runCli(['get', 'pods', '-n', NS, '-o', 'name', ...healthy], { env });
    assert.equal(r.code, 0, r.stderr);
    assertTerminalSafe('-o name', r.stdout);
    assert.match(r.stdout, /^pod\/inj-\^\[/m);
  });

  it('-o json and -o yaml stay parseable, carry no raw C0/C1 byte, and keep the data exact', async () => {
    const j = await runCli(['get', 'pods', '-n', NS, '-o', 'json', ...healthy], { env });
    assert.equal(j.code, 0, j.stderr);
    assertTerminalSafe('-o json', j.stdout);
    const list = JSON.parse(j.stdout) as { items: KubeObject[] };
    assert.ok(
      list.items.some((i) => i.metadata.name === EVIL_NAME),
      'the exact name survives a JSON round trip',
    );
    const y = await runCli(['get', 'pods', '-n', NS, '-o', 'yaml', ...healthy], { env });
    assert.equal(y.code, 0, y.stderr);
    assertTerminalSafe('-o yaml', y.stdout);
    const doc = parse(y.stdout) as { items: KubeObject[] };
    assert.ok(
      doc.items.some((i) => i.metadata.name === EVIL_NAME),
      'the exact name survives a YAML round trip',
    );
  });

  it('error messages escape hostile context names, object names and namespaces', async () => {
    const a = await runCli(
      ['get', 'pods', '--all-clusters', '--exclude', '*-restricted', '--request-timeout', '3s'],
      { env },
    );
    assert.equal(a.code, 1);
    assertTerminalSafe('stderr (hostile context)', a.stderr);
    assert.match(a.stderr, /context "evil-\^\[\[31mctx\^\[\]0;PWNED\^G": Unreachable/);
    const b = await runCli(['get', 'pods', `x${RED}y`, '--context', 'i-one'], { env });
    assert.equal(b.code, 1);
    assertTerminalSafe('stderr (hostile name)', b.stderr);
    assert.match(b.stderr, /"x\^\[\[31my" not found/);
    const c = await runCli(['get', 'pods', '-n', `ns${OSC_TITLE}`, '--context', 'i-one'], { env });
    assertTerminalSafe('stderr (hostile namespace)', c.stderr + c.stdout);
    assertNoStack(a.stderr + b.stderr + c.stderr);
    const k = await runCli(['contexts', '--check', '--request-timeout', '3s'], { env });
    assertTerminalSafe('contexts stdout', k.stdout);
    assertTerminalSafe('contexts stderr', k.stderr);
  });

  it('the dashboard shows the hostile pod without passing its sequences to the terminal', async function () {
    requireTool('tmux', ['-V']);
    const d = new Dashboard();
    try {
      d.start([...healthy, '-A', '--refresh', '2'], { KUBECONFIG: kubeconfig });
      await d.waitFor('the clusters view', (s) => /i-evil\s.*ok/.test(s));
      d.keys(':');
      d.keys('-l', 'pods');
      d.keys('Enter');
      await d.waitFor('pod rows', (s) => /CLUSTER +NAMESPACE +NAME/.test(s));
      d.keys('/');
      d.keys('-l', 'inj-');
      const s = await d.waitFor('the hostile pod', (s) => /^i-evil .*inj-/m.test(s));
      d.keys('Enter');
      d.keys('q');
      await d.waitFor('exit', (s) => /dashboard exited \d+/.test(s));
      const raw = d.raw().toString('utf8');
      assert.ok(raw.length > 1000, 'raw terminal bytes were captured');
      for (const [what, payload] of Object.entries({
        OSC_TITLE,
        RED_in_name: `${RED}red`,
        CLEAR,
        BIDI,
        CSI_C1,
      })) {
        assert.ok(!raw.includes(payload), `the dashboard passed ${what} through to the terminal`);
      }
      assert.ok(!raw.includes('red\rover'), 'a raw carriage return from the pod name reached the terminal');
      assert.doesNotMatch(s, /PWNED(?!\^G)/, 'the title payload shows only in escaped form');
    } finally {
      d.stop();
    }
  });
});
