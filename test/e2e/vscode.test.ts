/**
 * The VS Code extension in a real VS Code (code-server 4.139 = VS Code 1.139), against a simulated fleet
 * with one cluster down:
 *  1. the extension's own tests inside the extension host (tree contents, diagnostics, a quick fix applied
 *     through the API), via the `extensionTestsPath` payload of the smoke-test driver;
 *  2. the UI through headless Chromium: the Clusters view, expanding a cluster to its pods, a diagnostic
 *     in the Problems panel with its rule id, the quick fix removing it;
 *  3. a second code-server with workspace trust on: in Restricted Mode the linter runs and no cluster is
 *     contacted (the kubeconfig's only server is a listener counting connections).
 * Needs `chromium`, and for the one-time code-server install `libkrb5-dev` + `pkg-config`: `npm test`
 * installs them, and code-server itself, before the suites run (scripts/test-setup.mjs).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import net from 'node:net';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { loadKubeconfig } from '@kubectl-mc/core';
import {
  REPO_ROOT,
  ensureCodeServer,
  installExtension,
  startCodeServer,
  type Dirs,
  type RunningCodeServer,
} from './vscode/codeServer.js';

const run = promisify(execFile);
const EXT = join(REPO_ROOT, 'packages/vscode-ext');
const VSIX = join(EXT, 'dist/kubectl-mc.vsix');
const ARTIFACTS = join(REPO_ROOT, 'test/e2e/artifacts');
const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'staging', 'dev'];
const DOWN = 'ap-south-prod';
const FIXABLE = 'prometheus-federation.yaml';
/** The pod the actions' tests read (name and image with control characters), and where they apply. */
const EVIL_POD = 'evil\x1b]0;pwned\x07';
const EVIL_IMAGE = 'registry.example.com/evil:\x1b[2J';
const APPLY_TO = ['us-east-prod', 'eu-west-prod'];
const RULE = 'federate-match';
/** Where the tree's Scale… goes, as a protected context, and to how many replicas. */
const PROTECTED = 'staging';
const SCALED_TO = 4;

function chromiumPath(): string {
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) =>
    existsSync(p),
  );
  if (!found) throw new Error('chromium is not installed (`node scripts/test-setup.mjs` installs it)');
  return found;
}

/** A workspace with the regional seed examples and what the in-editor tests expect. */
function workspace(root: string, name: string, contexts: string[], down: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  cpSync(join(REPO_ROOT, 'examples/regional'), dir, { recursive: true });
  writeFileSync(
    join(dir, '.kubectl-mc-e2e.json'),
    JSON.stringify({
      contexts,
      down,
      fixable: FIXABLE,
      fixableRule: RULE,
      evil: { contexts: APPLY_TO, namespace: 'default', name: EVIL_POD },
      apply: { contexts: APPLY_TO },
      change: {
        contexts: APPLY_TO,
        protectedContext: PROTECTED,
        environment: 'staging-env',
        replicas: SCALED_TO,
      },
    }),
  );
  return dir;
}

/** The Clusters view's tree (in the extension's "Multi-Cluster" view container). */
const clustersTree = (page: Page) =>
  page.locator('.pane:has(.pane-header[aria-label*="Clusters"]) .monaco-list');

/** Show the "Multi-Cluster" view container; resolves with the Clusters tree. */
async function showClustersView(page: Page) {
  await page.locator('.activitybar [aria-label^="Multi-Cluster"]').first().click();
  return clustersTree(page);
}

/**
 * Open a workspace file through Quick Open, then the Problems panel; resolves with the panel's rows and
 * the first row naming `rule`, once it shows.
 */
async function openWithProblem(page: Page, file: string, rule: string) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab[aria-label*="${file}"]`).first().waitFor();
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel .monaco-list-row');
  const marker = problems.filter({ hasText: rule }).first();
  await marker.waitFor({ timeout: 30_000 });
  return { problems, marker };
}

describe('VS Code extension in a real VS Code (code-server)', function () {
  this.timeout(300_000);
  let tmp: string;
  let fleet: Fleet | undefined;
  let server: RunningCodeServer | undefined;
  let browser: BrowserContext | undefined;
  let logs: string;
  /** Every context of the fleet's kubeconfig, and the one whose cluster is down. */
  let contexts: string[] = [];
  let downContext = DOWN;
  /** code-server's entry script and where the extension's VSIX went, for a second instance. */
  let entry: string;
  const log = (s: string) => console.log(`      [vscode-e2e] ${s}`);

  /** Fresh user-data and extension dirs with the extension installed and these user settings. */
  async function profile(name: string, settings: Record<string, unknown>): Promise<Dirs> {
    const dirs: Dirs = {
      userDataDir: join(tmp, name, 'user-data'),
      extensionsDir: join(tmp, name, 'extensions'),
      xdg: join(tmp, name, 'xdg'),
    };
    mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
    writeFileSync(
      join(dirs.userDataDir, 'User/settings.json'),
      JSON.stringify({
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'chat.disableAIFeatures': true,
        'window.commandCenter': false,
        'files.hotExit': 'off',
        ...settings,
      }),
    );
    await installExtension(entry, dirs, VSIX);
    return dirs;
  }

  before(async function () {
    tmp = mkdtempSync(join(tmpdir(), 'kubectl-mc-vscode-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    logs = join(ARTIFACTS, 'code-server.log');
    rmSync(logs, { force: true });
    [entry] = await Promise.all([
      ensureCodeServer(log),
      run('npm', ['run', 'package', '-w', 'packages/vscode-ext'], {
        cwd: REPO_ROOT,
        maxBuffer: 64 * 1024 * 1024,
      }),
    ]);
    fleet = await startFleet({ clusters: CLUSTERS, faults: { [DOWN]: 'down' } });
    const now = new Date().toISOString();
    for (const c of APPLY_TO)
      fleet.cluster(c).store.add('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: EVIL_POD, namespace: 'default' },
        spec: { containers: [{ name: 'evil', image: EVIL_IMAGE }] },
        status: {
          phase: 'Running',
          startTime: now,
          containerStatuses: [
            { name: 'evil', ready: true, restartCount: 0, state: { running: { startedAt: now } } },
          ],
        },
      });
    // What the tree's Delete… cancels (editor-kept) and confirms (editor-doomed) on.
    for (const c of APPLY_TO)
      for (const name of ['editor-kept', 'editor-doomed'])
        fleet.cluster(c).store.add('configmaps', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: 'default' },
          data: {},
        });
    contexts = loadKubeconfig({ kubeconfig: fleet.kubeconfigPath }).contexts.map((c) => c.name);
    downContext = fleet.cluster(DOWN).context;
    assert.ok(contexts.includes(downContext));
    // The kubeconfig comes from USER settings: the extension ignores a workspace-supplied one.
    const dirs = await profile('trusted', { 'kubectl-mc.kubeconfig': [fleet.kubeconfigPath] });
    server = await startCodeServer(entry, dirs, logs);
    browser = await chromium.launchPersistentContext(join(tmp, 'chromium'), {
      executablePath: chromiumPath(),
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async function () {
    await browser?.close().catch(() => {});
    await server?.stop();
    await fleet?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('passes the extension-host tests: tree contents, diagnostics, a quick fix through the API', async function () {
    const ws = workspace(tmp, 'ws-host', contexts, downContext);
    const page = await browser!.newPage();
    const out: string[] = [];
    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      out.push(args.map(String).join(' '));
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server!.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(EXT)],
      ['extensionTestsPath', remote(join(EXT, 'dist/host-tests.cjs'))],
    ]);
    await page.goto(
      `${server!.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`,
    );
    const code = await Promise.race([
      exited,
      new Promise<number>((_, rej) =>
        setTimeout(() => rej(new Error(`no exit from the host tests:\n${out.join('\n')}`)), 120_000),
      ),
    ]);
    await page.close();
    const report = out.join('\n');
    writeFileSync(join(ARTIFACTS, 'vscode-host-tests.log'), report);
    assert.equal(code, 0, report);
    assert.match(report, /25 passing, 0 failing/);
    // What the editor applied, as the real kubectl sees it on each cluster; the cancelled apply is absent.
    for (const c of APPLY_TO) {
      const ctx = fleet!.cluster(c).context;
      const kc = ['--kubeconfig', fleet!.kubeconfigPath, '--context', ctx];
      const got = await run('kubectl', [
        ...kc,
        'get',
        'configmap',
        'editor-applied',
        '-n',
        'default',
        '-o',
        'jsonpath={.data.key}',
      ]);
      assert.equal(got.stdout, 'from-the-editor');
      const absent = await run('kubectl', [
        ...kc,
        'get',
        'configmap',
        'editor-cancelled',
        '-n',
        'default',
      ]).then(
        () => 'found',
        (e: { stderr?: string }) => e.stderr ?? '',
      );
      assert.match(absent, /NotFound|not found/);
      // The tree's changes: web restarted, editor-doomed deleted, editor-kept (cancelled) still there.
      const restartedAt = await run('kubectl', [
        ...kc,
        'get',
        'deployment',
        'web',
        '-n',
        'production',
        '-o',
        'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}',
      ]);
      assert.match(restartedAt.stdout, /^\d{4}-\d\d-\d\dT/);
      const cms = await run('kubectl', [...kc, 'get', 'configmaps', '-n', 'default', '-o', 'name']);
      assert.match(cms.stdout, /^configmap\/editor-kept$/m);
      assert.doesNotMatch(cms.stdout, /editor-doomed/);
    }
    // Scale… on the protected context, after its environment was typed.
    const replicas = await run('kubectl', [
      '--kubeconfig',
      fleet!.kubeconfigPath,
      '--context',
      fleet!.cluster(PROTECTED).context,
      'get',
      'deployment',
      'web',
      '-n',
      'production',
      '-o',
      'jsonpath={.spec.replicas}',
    ]);
    assert.equal(replicas.stdout, String(SCALED_TO));
  });

  describe('the UI, driven through Chromium', () => {
    let page: Page;
    const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `vscode-${name}.png`) });

    before(async () => {
      const ws = workspace(tmp, 'ws-ui', contexts, downContext);
      page = await browser!.newPage();
      await page.goto(`${server!.url}/?folder=${encodeURIComponent(ws)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    });

    it('the Clusters view lists every context, the down one unreachable', async () => {
      const view = await showClustersView(page);
      const row = (c: string) =>
        view.locator('.monaco-list-row').filter({ has: page.getByText(c, { exact: true }) });
      for (const c of contexts) await row(c).waitFor({ timeout: 30_000 });
      await row(downContext)
        .filter({ hasText: /Unreachable|Timeout/ })
        .waitFor({ timeout: 30_000 });
      for (const c of contexts.filter((x) => x !== downContext)) {
        await row(c).filter({ hasText: / ms/ }).waitFor({ timeout: 30_000 });
      }
      // The status bar counts the healthy clusters and names the unhealthy one in its tooltip.
      await page
        .locator('.statusbar-item', { hasText: `${contexts.length - 1}/${contexts.length} clusters` })
        .first()
        .waitFor({ timeout: 30_000 });
      await shot('tree');
    });

    it('a cluster expands to its pods', async () => {
      const view = clustersTree(page);
      const row = (level: number, text: string) =>
        view
          .locator(`.monaco-list-row[aria-level="${level}"]`)
          .filter({ has: page.getByText(text, { exact: true }) })
          .first();
      await row(1, CLUSTERS[0]!).click();
      await row(2, 'Namespaces').click();
      await row(3, 'default').click();
      await row(4, 'Pods').click();
      await view.locator('.monaco-list-row[aria-level="5"]').first().waitFor({ timeout: 30_000 });
      assert.ok((await view.locator('.monaco-list-row[aria-level="5"]').count()) > 0);
      await shot('pods');
    });

    it('a pod context menu offers Describe, Events and Logs; Describe opens one section per cluster', async () => {
      const view = clustersTree(page);
      // the tree shows the name with visible escapes (^[ for ESC, ^G for BEL)
      const evil = view
        .locator('.monaco-list-row[aria-level="5"]')
        .filter({ has: page.getByText('evil^[]0;pwned^G', { exact: true }) })
        .first();
      await evil.waitFor({ timeout: 30_000 });
      await evil.click({ button: 'right' });
      const item = (label: string) => page.locator('.context-view .action-label', { hasText: label }).first();
      for (const label of ['Describe', 'Events', 'Logs (Follow)', 'Open YAML']) await item(label).waitFor();
      await shot('actions-menu');
      await item('Describe').click();
      await page
        .locator('.monaco-editor .view-lines', { hasText: `=== ${CLUSTERS[0]!} ===` })
        .first()
        .waitFor({ timeout: 30_000 });
      await page.locator('.tab', { hasText: 'evil^[]0;pwned^G.txt' }).first().waitFor();
      await shot('describe');
      await page.keyboard.press('Control+W');
    });

    it('a topology finding shows in the Problems panel with its rule id, and the quick fix removes it', async () => {
      // Focus the workbench, then open the file through Quick Open and the Problems panel.
      await page
        .locator('.monaco-workbench')
        .click({ position: { x: 700, y: 400 } })
        .catch(() => {});
      const { problems, marker } = await openWithProblem(page, FIXABLE, RULE);
      await shot('problems');
      // Go to it and apply the quick fix.
      await marker.click();
      await marker.dblclick();
      await page.locator('.monaco-editor.focused').first().waitFor();
      await page.keyboard.press('Control+.');
      const fix = page
        .locator('.action-widget .monaco-list-row', { hasText: "Add params['match[]']" })
        .first();
      await fix.waitFor({ timeout: 15_000 });
      await shot('quickfix');
      // The README's screenshot: the tree expanded to pods, a finding and its quick fix.
      if (process.env.UPDATE_SCREENSHOTS) {
        copyFileSync(join(ARTIFACTS, 'vscode-quickfix.png'), join(REPO_ROOT, 'docs/images/vscode-tree.png'));
      }
      await fix.click();
      await problems.filter({ hasText: RULE }).first().waitFor({ state: 'detached', timeout: 15_000 });
      await shot('fixed');
    });
  });

  describe('in an untrusted workspace (Restricted Mode)', () => {
    let untrusted: RunningCodeServer | undefined;
    let tripwire: net.Server | undefined;
    let connections = 0;

    after(async () => {
      await untrusted?.stop();
      tripwire?.close();
    });

    it('lints (the finding is in the Problems panel) but reads no kubeconfig and contacts no cluster', async () => {
      // The kubeconfig's only cluster is a listener that counts connections: none may arrive.
      tripwire = net.createServer((sock) => {
        connections++;
        sock.destroy();
      });
      await new Promise<void>((r) => tripwire!.listen(0, '127.0.0.1', r));
      const port = (tripwire.address() as net.AddressInfo).port;
      const kubeconfig = join(tmp, 'tripwire-kubeconfig');
      writeFileSync(
        kubeconfig,
        `clusters: [{name: t, cluster: {server: "https://127.0.0.1:${port}"}}]
users: [{name: t, user: {token: t}}]
contexts: [{name: tripwire, context: {cluster: t, user: t}}]
current-context: tripwire
`,
      );
      // Trust is on and never asked for: a folder opens in Restricted Mode.
      const dirs = await profile('untrusted', {
        'kubectl-mc.kubeconfig': [kubeconfig],
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
      });
      untrusted = await startCodeServer(entry, dirs, join(ARTIFACTS, 'code-server-untrusted.log'), {
        workspaceTrust: true,
      });
      const ws = workspace(tmp, 'ws-untrusted', ['tripwire'], 'tripwire');
      const page = await browser!.newPage();
      try {
        await page.goto(`${untrusted.url}/?folder=${encodeURIComponent(ws)}`);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        // the window really is in Restricted Mode
        await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
        const view = await showClustersView(page);
        await view
          .locator('.monaco-list-row', { hasText: 'Workspace not trusted' })
          .first()
          .waitFor({ timeout: 30_000 });
        // the linter still runs: open the file with the finding, see it in the Problems panel
        await openWithProblem(page, FIXABLE, RULE);
        await page.screenshot({ path: join(ARTIFACTS, 'vscode-untrusted.png') });
      } finally {
        await page.close();
      }
      assert.equal(connections, 0, 'a cluster was contacted from an untrusted workspace');
    });
  });
});
