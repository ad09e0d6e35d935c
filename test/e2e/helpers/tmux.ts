/**
 * A real terminal for end-to-end tests: a private tmux server (its own socket), sessions started with a
 * command, the screen read back with capture-pane, keys sent, and everything removed at the end.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

export class Tmux {
  readonly socket = `kmc-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private started = false;

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Start `command` (a shell line) in a new detached session of `cols`×`rows`. */
  start(session: string, command: string, cols = 200, rows = 40): void {
    this.tmux('new-session', '-d', '-s', session, '-x', String(cols), '-y', String(rows), command);
    this.started = true;
  }

  screen(session: string): string {
    return this.tmux('capture-pane', '-p', '-t', session);
  }

  keys(session: string, ...keys: string[]): void {
    this.tmux('send-keys', '-t', session, ...keys);
  }

  /** Poll the screen until `test` holds; fail with the last screen after `timeoutMs`. */
  async waitFor(
    session: string,
    what: string,
    test: (screen: string) => boolean,
    timeoutMs = 30_000,
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let s = '';
    while (Date.now() < deadline) {
      s = this.screen(session);
      if (test(s)) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`timed out waiting for ${what}; the screen was:\n${s}`);
  }

  /** Kill the server and remove its socket. */
  stop(): void {
    if (!this.started) return;
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    const uid = process.getuid?.() ?? 0;
    rmSync(path.join(process.env['TMUX_TMPDIR'] ?? '/tmp', `tmux-${uid}`, this.socket), { force: true });
  }
}
