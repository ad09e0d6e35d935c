/**
 * The dashboard in a real terminal for the reliability cases: tmux runs the built CLI, every byte the
 * program writes to the terminal is kept (pipe-pane), the screen comes back with capture-pane.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bin, nodeDir } from './helpers.js';

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class Dashboard {
  readonly socket = `kmc-rel-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  readonly rawFile: string;
  private started = false;

  constructor() {
    this.rawFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'kmc-rel-tty-')), 'raw.bin');
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Start `kubectl-mc dashboard <args>`; every output byte is appended to rawFile. */
  start(args: string[], env: Record<string, string> = {}): void {
    const vars = Object.entries({ NO_COLOR: '1', ...env })
      .map(([k, v]) => `${k}=${shq(v)}`)
      .join(' ');
    const cmd = `env -u CI ${vars} PATH=${shq(`${nodeDir}:${process.env['PATH'] ?? ''}`)} ${shq(bin)} dashboard ${args.map(shq).join(' ')}; echo "dashboard exited $?"; sleep 120`;
    this.tmux('new-session', '-d', '-s', 'dash', '-x', '140', '-y', '40', 'sleep 0.3; ' + cmd);
    this.started = true;
    this.tmux('pipe-pane', '-o', '-t', 'dash', `cat >> ${shq(this.rawFile)}`);
  }

  /**
   * The pid of the dashboard's node process: the pane's shell runs `env … kubectl-mc`, which execs node
   * (the bin's shebang); it is the shell's child whose command line names node or kubectl-mc (the
   * dashboard may set its process title). Undefined until it has started.
   */
  pid(): number | undefined {
    if (!this.started) return undefined;
    let kids: string[] = [];
    try {
      const shell = this.tmux('display-message', '-p', '-t', 'dash', '#{pane_pid}').trim();
      kids = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/);
    } catch {
      return undefined;
    }
    for (const k of kids) {
      try {
        if (/node|kubectl-mc/.test(readFileSync(`/proc/${k}/cmdline`, 'utf8'))) return Number(k);
      } catch {
        // gone
      }
    }
    return undefined;
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'dash');
  }

  keys(...k: string[]): void {
    this.tmux('send-keys', '-t', 'dash', ...k);
  }

  raw(): Buffer {
    try {
      return readFileSync(this.rawFile);
    } catch {
      return Buffer.alloc(0);
    }
  }

  async waitFor(what: string, test: (s: string) => boolean, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let s = '';
    while (Date.now() < deadline) {
      s = this.screen();
      if (test(s)) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`timed out waiting for ${what}; the screen was:\n${s}`);
  }

  stop(): void {
    if (!this.started) return;
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    this.started = false;
    // kill-server leaves its socket file behind; the raw capture is ours too
    const uid = process.getuid?.() ?? 0;
    rmSync(path.join(process.env['TMUX_TMPDIR'] ?? '/tmp', `tmux-${uid}`, this.socket), { force: true });
    rmSync(path.dirname(this.rawFile), { recursive: true, force: true });
  }
}
