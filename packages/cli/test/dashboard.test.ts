import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Pipes on every stream: no terminal.
    execFile(
      process.execPath,
      [join(cliRoot, 'bin', 'run.js'), ...args],
      // the name the user typed, whatever started the tests
      { env: { ...process.env, KUBECONFIG: '/nonexistent', KUBECTL_MC_INVOKED_AS: 'kubectl mc' } },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('kubectl mc dashboard outside a terminal', () => {
  it('exits 2 with one line pointing to "get" when stdin/stdout are not a TTY', async () => {
    const r = await runCli(['dashboard', '--all-clusters']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'error: dashboard needs a terminal; use "kubectl mc get" in scripts\n');
    assert.equal(r.stdout, '');
  });
});

describe('the dashboard loads React only when it runs', () => {
  // Static imports outside tui/ would make every command (get, lint…) load React and Ink.
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  }
  const src = join(cliRoot, 'src');
  const outside = sources(src).filter((f) => !f.startsWith(join(src, 'tui')));

  it('no file outside src/tui imports ink, react or tui/ statically', () => {
    assert.ok(outside.some((f) => f.endsWith(join('commands', 'dashboard.ts'))));
    for (const f of outside) {
      const text = readFileSync(f, 'utf8');
      const statics = [...text.matchAll(/^\s*import\s[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
      const bad = statics.filter(
        (s) => s === 'ink' || s === 'react' || s.startsWith('react/') || s.includes('/tui/'),
      );
      assert.deepEqual(bad, [], `${f} imports ${bad.join(', ')} statically`);
    }
  });

  it('dashboard.ts loads the TUI with a dynamic import()', () => {
    const text = readFileSync(join(src, 'commands', 'dashboard.ts'), 'utf8');
    assert.match(text, /await import\('\.\.\/tui\/run\.js'\)|import\('\.\.\/tui\/run\.js'\)/);
  });
});

describe('the namespace the dashboard starts in', () => {
  it("is kubectl's: -A all, -n that one, else each context's (default when none), one when they agree", async () => {
    const { startNamespaces } = await import('../src/commands/dashboard.js');
    const contextNs = { a: 'x' };
    assert.deepEqual(startNamespaces([['a', 'x']], undefined, true), { contextNs });
    assert.deepEqual(startNamespaces([['a', 'x']], 'y', false), { namespace: 'y', contextNs });
    assert.deepEqual(
      startNamespaces(
        [
          ['a', undefined],
          ['b', 'default'],
        ],
        undefined,
        false,
      ),
      { namespace: 'default', contextNs: { a: 'default', b: 'default' } },
    );
    assert.deepEqual(
      startNamespaces(
        [
          ['a', 'x'],
          ['b', undefined],
        ],
        undefined,
        false,
      ),
      { nsByCluster: { a: 'x', b: 'default' }, contextNs: { a: 'x', b: 'default' } },
    );
  });
});
