/**
 * Hub clusters in the Clusters view of a real VS Code (code-server, driven through Chromium): with
 * `kubectl-mc.hubs` naming the simulated hub, the hub shows as a group of its ClusterProfiles' clusters,
 * which expand like any cluster (reached through the providers file's exec plugin); a ClusterProfile
 * added on the hub appears in the tree and disappears when deleted, without a reload.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
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
const MEMBERS = ['us-east-prod', 'eu-west-prod'];

function chromiumPath(): string {
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) =>
    existsSync(p),
  );
  if (!found) throw new Error('chromium is not installed (`node scripts/test-setup.mjs` installs it)');
  return found;
}

describe('VS Code extension: hub clusters in the Clusters view (code-server)', function () {
  this.timeout(300_000);
  let tmp: string;
  let fleet: Fleet | undefined;
  let server: RunningCodeServer | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;

  before(async function () {
    tmp = mkdtempSync(join(tmpdir(), 'mc-vscode-hub-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const [entry] = await Promise.all([
      ensureCodeServer(),
      run('npm', ['run', 'package', '-w', 'packages/vscode-ext'], {
        cwd: REPO_ROOT,
        maxBuffer: 64 * 1024 * 1024,
      }),
    ]);
    fleet = await startFleet({ clusters: MEMBERS, hub: true, podsPerCluster: 2 });
    const dirs: Dirs = {
      userDataDir: join(tmp, 'user-data'),
      extensionsDir: join(tmp, 'extensions'),
      xdg: join(tmp, 'xdg'),
    };
    mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
    writeFileSync(
      join(dirs.userDataDir, 'User/settings.json'),
      JSON.stringify({
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'chat.disableAIFeatures': true,
        'files.hotExit': 'off',
        // a cluster row scrolled under the tree's sticky header cannot be clicked to collapse it
        'workbench.tree.enableStickyScroll': false,
        'kubectl-mc.kubeconfig': [fleet.kubeconfigPath],
        'kubectl-mc.clusterProviders': fleet.hub!.providersPath,
      }),
    );
    await installExtension(entry, dirs, VSIX);
    server = await startCodeServer(entry, dirs, join(ARTIFACTS, 'code-server-hub.log'));
    browser = await chromium.launchPersistentContext(join(tmp, 'chromium'), {
      executablePath: chromiumPath(),
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'],
    });
    // The workspace names the hub (its .kubectl-mc.yaml); the providers file is the user's.
    const ws = join(tmp, 'ws');
    mkdirSync(ws);
    writeFileSync(join(ws, '.kubectl-mc.yaml'), `hub: ${fleet.hub!.context}\n`);
    page = await browser.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    await fleet?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const tree = () => page.locator('.pane:has(.pane-header[aria-label*="Clusters"]) .monaco-list');
  const row = (text: string) =>
    tree()
      .locator('.monaco-list-row')
      .filter({ has: page.getByText(text, { exact: true }) });
  // A row's tooltip (shown while the pointer rests on it) can cover the row below:
  // move the pointer off the tree and wait for the tooltip to go before the next click.
  const clearHover = async () => {
    await page.mouse.move(900, 450);
    await page.locator('.context-view .hover-contents').waitFor({ state: 'hidden', timeout: 10_000 });
  };

  it("shows the hub as a group of its ClusterProfiles' clusters, which expand as any cluster", async () => {
    await page.locator('.activitybar [aria-label^="Multi-Cluster"]').first().click();
    await row(`hub ${fleet!.hub!.context}`).waitFor({ timeout: 60_000 });
    for (const m of MEMBERS) await row(`fleet/${m}`).filter({ hasText: / ms/ }).waitFor({ timeout: 60_000 });
    // a hub cluster expands to its namespaces, through the provider's exec plugin
    await row(`fleet/${MEMBERS[0]}`).first().click();
    await row('Namespaces').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'vscode-hub.png') });
  });

  it("a hub cluster's Deployment offers Restart Rollout, Undo Rollout, Scale…, Delete… and Rollout Status", async () => {
    for (const label of ['Namespaces', 'production', 'Deployments']) {
      await clearHover();
      await row(label).first().click();
    }
    // the tree is virtualised: walk down from Deployments until its first object is drawn
    const web = row('web').first();
    for (let i = 0; i < 12 && !(await web.isVisible()); i++) await page.keyboard.press('ArrowDown');
    await web.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: join(ARTIFACTS, 'vscode-hub-failed.png') });
      throw e;
    });
    await web.click({ button: 'right' });
    const item = (label: string) => page.locator('.context-view .action-label', { hasText: label }).first();
    for (const label of [
      'Restart Rollout',
      'Undo Rollout',
      'Scale…',
      'Delete…',
      'Rollout Status',
      'Describe',
    ])
      await item(label).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'vscode-changes-menu.png') });
    await page.keyboard.press('Escape');
    // collapse the cluster again for the next test
    await clearHover();
    await row(`fleet/${MEMBERS[0]}`).first().click();
  });

  it('follows a ClusterProfile joining and leaving the hub, without a reload', async () => {
    const store = fleet!.hub!.store;
    const model = store.list('clusterprofiles').find((p) => p.metadata.name === MEMBERS[1])!;
    const joiner = structuredClone(model);
    joiner.metadata = { ...joiner.metadata, name: 'late-joiner', uid: 'late-joiner-uid' };
    delete (joiner.metadata as Record<string, unknown>)['resourceVersion'];
    store.add('clusterprofiles', joiner);
    await row('fleet/late-joiner').waitFor({ timeout: 30_000 });
    store.delete('clusterprofiles', 'fleet', 'late-joiner');
    await row('fleet/late-joiner').waitFor({ state: 'detached', timeout: 30_000 });
    // the others are still there
    assert.equal(await row(`fleet/${MEMBERS[1]}`).count(), 1);
  });
});
