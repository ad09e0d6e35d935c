/**
 * Ctrl-C during a fan-out against clusters that never answer: the process exits promptly with 130, no
 * stack trace, and the terminal is left clean (the progress line erased, no half-written escape
 * sequence). The CLI runs on a real pseudo-terminal (util-linux `script`), and Ctrl-C is the byte 0x03
 * typed into it, so the signal comes from the terminal's line discipline as it would for a user.
 */
/* eslint-disable no-control-regex -- this file matches terminal escape sequences on purpose */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';
import { assertBuilt, assertNoStack, bin, cliEnv, waitUntil } from './helpers.js';

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('reliability: Ctrl-C during a fan-out', function () {
  this.timeout(60_000);
  let fleet: Fleet;

  before(async function () {
    requireTool('script');
    assertBuilt();
    fleet = await startFleet({
      clusters: ['s-one', 's-two', 's-three', 's-four', 's-five'],
      podsPerCluster: 4,
      faults: { 's-one': 'hang', 's-two': 'hang', 's-three': 'hang', 's-four': 'stall-body' },
    });
  });
  after(async () => {
    await fleet?.stop();
  });

  for (const args of [
    ['get', 'pods', '-A'],
    ['contexts', '--check'],
  ]) {
    // With a 10-minute request timeout, an exit within the test's own timeout can only come from Ctrl-C;
    // how fast it comes is a figure for a benchmark, not an assertion here.
    it(`${args[0]}: exits 130 on Ctrl-C, no stack trace, the terminal left clean`, async () => {
      const cmd = [process.execPath, bin, ...args, '--all-clusters', '--request-timeout', '10m']
        .map(shellQuote)
        .join(' ');
      // a pty made by script has no size (0 columns) unless told; a user's terminal has one.
      // -e: script exits with the command's status; -q: no banner; output is the terminal's raw bytes.
      // `exec`: the CLI replaces the shell, so the Ctrl-C reaches it alone. A shell left waiting in the
      // terminal's foreground group gets the SIGINT too, and dash (the /bin/sh script runs when SHELL is
      // unset, as in CI) dies of it, so nothing after the command would run.
      const child = spawn('script', ['-qefc', `stty cols 120 rows 40; exec ${cmd}`, '/dev/null'], {
        env: cliEnv({
          KUBECONFIG: fleet.kubeconfigPath,
          TERM: 'xterm-256color',
          NO_COLOR: undefined,
          SHELL: '/bin/sh',
        }),
        stdio: 'pipe',
      });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => chunks.push(d));
      child.stderr.on('data', (d: Buffer) => chunks.push(d));
      const text = () => Buffer.concat(chunks).toString('utf8');
      let exit: number | null | undefined;
      const closed = new Promise<void>((resolve) =>
        child.on('close', (code) => {
          exit = code;
          resolve();
        }),
      );
      try {
        // the fan-out is under way once the progress line shows (the hung clusters keep it there)
        await waitUntil(
          'the progress line',
          () => /waiting for \d+\/\d+ clusters/.test(text()),
          text,
          20_000,
        );
        child.stdin.write('\x03');
        await waitUntil('the command to end', () => exit !== undefined, text, 30_000);
        const out = text();
        assert.equal(exit, 130, out);
        assertNoStack(out);
        // the last progress line was erased: after its final draw comes an erase-line sequence
        const lastDraw = out.lastIndexOf('waiting for');
        assert.ok(lastDraw >= 0);
        assert.match(out.slice(lastDraw), /\x1b\[2K|\x1b\[K/, 'progress line erased');
        // after the erase: text and complete colour (SGR) sequences only, colour reset at the end;
        // no cursor movement, no half-written escape sequence
        const tail = out.slice(out.search(/\x1b\[2?K(?![\s\S]*\x1b\[2?K)/)).replace(/^\x1b\[2?K/, '');
        assert.doesNotMatch(
          tail.replace(/\x1b\[[0-9;]*m/g, ''),
          /\x1b|\x9b/,
          `stray escape bytes: ${JSON.stringify(tail)}`,
        );
        const sgr = [...tail.matchAll(/\x1b\[([0-9;]*)m/g)].map((m) => m[1]);
        if (sgr.length) assert.match(sgr[sgr.length - 1] ?? '', /^(0|39|22|)$/, 'colour reset at the end');
        // the cursor is visible again (hidden only if it was ever hidden)
        const hid = out.lastIndexOf('\x1b[?25l');
        if (hid >= 0) assert.ok(out.lastIndexOf('\x1b[?25h') > hid, 'cursor shown again');
      } finally {
        child.kill('SIGKILL');
        await closed;
      }
    });
  }

  it('a terminal that reports 0 columns still gets a readable progress line (was known bug R2)', async () => {
    // serial consoles and fresh ptys report 0x0; the line must fall back to 80 columns, not to "…"
    const cmd = [process.execPath, bin, 'get', 'pods', '-A', '--clusters', 's-one', '--request-timeout', '3s']
      .map(shellQuote)
      .join(' ');
    const out = execFileSync('script', ['-qefc', `stty cols 0 rows 0; ${cmd}; true`, '/dev/null'], {
      env: cliEnv({ KUBECONFIG: fleet.kubeconfigPath, TERM: 'xterm-256color' }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.match(out, /waiting for 1\/1 clusters/, JSON.stringify(out.slice(0, 300)));
  });
});
