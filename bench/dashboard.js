#!/usr/bin/env node
// Dashboard benchmark: 50 clusters × 1,000 pods (simulated, over real TLS on loopback).
//   time to first full frame  — every cluster checked and its pods listed, and that frame drawn
//   filter keystroke          — from a key in the `/` prompt over all 50,000 pods to the redrawn frame
//   RSS                       — of the dashboard's process (the fleet runs in a child process)
// Targets: < 2 s, < 50 ms, < 300 MB.
//   idle CPU (--idle S)       — the pods view left alone for S seconds (after the filter is cleared): CPU
//                               (user+sys) of the dashboard's process over wall time, frames written, and
//                               with --cpu-prof a V8 CPU profile of those seconds only (--cpu-prof-dir)
// Usage: node bench/dashboard.js [--clusters 50] [--pods 1000] [--idle 30] [--refresh 5] [--cpu-prof]
//        [--fault drop-watch:0ms]
//        [--dist OTHER/packages/cli/dist] [--json] [--verbose]
// The dashboard's health checks and CPU/MEM polling run every --refresh seconds (default: 60 without
// --idle, 5 with it, the CLI's default).
// Needs a build (`npm run build`). Runs with the V8 flags `kubectl mc dashboard` relaunches itself with
// (packages/cli/src/lib/node-flags.ts); `--default-heap` measures without them.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};

if (args.includes('--fleet')) {
  // Child: run the fleet until the parent disconnects.
  const { startFleet } = await import('@kubectl-mc/sim');
  const n = opt('clusters', 50);
  const clusters = Array.from({ length: n }, (_, i) => `cluster-${String(i + 1).padStart(2, '0')}`);
  // --fault SPEC: every cluster misbehaves so (e.g. `drop-watch:0ms`, a server whose watches end at once).
  const fault = args.includes('--fault') ? args[args.indexOf('--fault') + 1] : undefined;
  const faults = fault ? Object.fromEntries(clusters.map((c) => [c, fault])) : undefined;
  const fleet = await startFleet({ clusters, podsPerCluster: opt('pods', 1000), faults });
  process.send({ kubeconfigPath: fleet.kubeconfigPath, clusters });
  process.on('disconnect', async () => {
    await fleet.stop();
    process.exit(0);
  });
} else {
  // Measure the dashboard as the CLI runs it: with the command's V8 flags (set only at start-up).
  const { relaunchArgv } = await import('../packages/cli/dist/lib/node-flags.js');
  const next = args.includes('--default-heap')
    ? undefined
    : relaunchArgv([process.argv[0], process.argv[1], 'dashboard'], process.execArgv, process.env);
  if (next) {
    const flags = next.slice(1, next.indexOf(process.argv[1]));
    if (typeof process.execve === 'function') {
      process.execve(process.execPath, [process.execPath, ...flags, ...process.argv.slice(1)]);
    } else {
      // Node < 22.15: a child with the flags, this process waits for it.
      const { spawnSync } = await import('node:child_process');
      const r = spawnSync(process.execPath, [...flags, ...process.argv.slice(1)], {
        stdio: 'inherit',
      });
      process.exit(r.status ?? 1);
    }
  }
  await main();
}

async function main() {
  const nClusters = opt('clusters', 50);
  const nPods = opt('pods', 1000);
  const child = fork(fileURLToPath(import.meta.url), ['--fleet', ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const fleet = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`fleet exited ${code}`)));
  });

  // As the CLI runs it: React's production build.
  process.env.NODE_ENV ??= 'production';
  const core = await import('@kubectl-mc/core');
  const { createElement } = await import('react');
  const { render } = await import('ink');
  // --dist DIR: another build's packages/cli/dist (e.g. before a change), measured the same way.
  const dist = args.includes('--dist') ? path.resolve(args[args.indexOf('--dist') + 1]) : undefined;
  const cli = path.join(dist ?? path.join(here, '..', 'packages', 'cli', 'dist'), 'tui');
  const { App, IDLE_PACE_MS } = await import(path.join(cli, 'App.js'));
  const { Controller } = await import(path.join(cli, 'data.js'));
  const { coreBackend } = await import(path.join(cli, 'backend.js'));
  const { initialState, top, visibleRows } = await import(path.join(cli, 'state.js'));
  const { createStore } = await import(path.join(cli, 'store.js'));

  const loaded = await core.loadKubeconfig({ kubeconfig: fleet.kubeconfigPath });
  const contexts = core.selectContexts(loaded, { allClusters: true });

  class Stdout extends EventEmitter {
    columns = 120;
    rows = 40;
    isTTY = false;
    frames = 0;
    last = '';
    write = (s) => {
      this.frames++;
      this.last = s;
      return true;
    };
  }
  class Stdin extends EventEmitter {
    isTTY = true;
    data = null;
    write = (d) => {
      this.data = d;
      this.emit('readable');
      this.emit('data', d);
    };
    read = () => {
      const d = this.data;
      this.data = null;
      return d;
    };
    setEncoding() {}
    setRawMode() {}
    resume() {}
    pause() {}
    ref() {}
    unref() {}
  }

  const stdout = new Stdout();
  const stdin = new Stdin();
  const store = createStore(initialState(contexts.map((name) => ({ name }))));
  const idleSeconds = opt('idle', 0);
  const controller = new Controller(store, contexts, coreBackend(loaded), {
    refreshMs: opt('refresh', idleSeconds ? 5 : 60) * 1000,
    concurrency: 16,
    timeoutMs: 20_000,
  });
  let renders = [];
  // The moment the state first holds every cluster's health and pods; the frame drawn from it follows.
  const complete = () => {
    const s = store.getState();
    const pods = s.resources['pods'];
    return contexts.every((c) => s.health[c]?.state === 'ok' && pods?.loaded[c]);
  };
  let completeAt;
  store.subscribe(() => {
    if (completeAt === undefined && complete()) completeAt = performance.now();
  });
  const rssAtStart = process.memoryUsage().rss;
  const t0 = performance.now();
  controller.start();
  // Paced as the CLI paces it (`--no-pace`: every change drawn at once, as before the pace).
  const paceMs = args.includes('--no-pace') ? 0 : IDLE_PACE_MS;
  const app = render(
    createElement(App, { store, data: controller, color: false, width: 120, height: 40, paceMs }),
    {
      stdout,
      stdin,
      stderr: stdout,
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 1000,
      onRender: () => renders.push(performance.now()),
    },
  );

  const nextRender = async (after) => {
    for (let i = 0; i < 20_000; i++) {
      const r = renders.find((t) => t >= after);
      if (r !== undefined) return r;
      await new Promise((res) => setTimeout(res, 1));
    }
    process.stderr.write(stdout.last + '\n');
    throw new Error(
      `no render after ${after - t0} (renders: ${renders.length}, last ${renders.at(-1) - t0})`,
    );
  };
  let healthAt;
  let lastLog = 0;
  while (!complete()) {
    const s = store.getState();
    if (healthAt === undefined && contexts.every((c) => s.health[c]?.state === 'ok'))
      healthAt = performance.now() - t0;
    if (args.includes('--verbose') && performance.now() - lastLog > 1000) {
      lastLog = performance.now();
      const loaded = Object.keys(s.resources['pods']?.loaded ?? {}).length;
      const ok = contexts.filter((c) => s.health[c]?.state === 'ok').length;
      process.stderr.write(
        `${Math.round(lastLog - t0)}ms: health ${ok}/${contexts.length}, pods ${loaded}/${contexts.length}\n`,
      );
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  if (healthAt === undefined) healthAt = completeAt - t0;
  const firstFrame = (await nextRender(completeAt)) - t0;

  const rssAtFrame = process.memoryUsage().rss;
  if (args.includes('--verbose')) {
    process.stderr.write(
      `rss: at start ${Math.round(rssAtStart / 1048576)} MB, at first full frame ${Math.round(rssAtFrame / 1048576)} MB\n`,
    );
  }
  // Open the pods view over every cluster, then type a filter one key at a time.
  const press = async (k) => {
    const t = performance.now();
    stdin.write(k);
    const r = await nextRender(t);
    return r - t;
  };
  await press(':');
  for (const ch of 'pods') await press(ch);
  await press('\r');
  const rowsShown = visibleRows(store.getState(), top(store.getState())).length;
  await press('/');
  const perKey = [];
  for (const ch of 'payment') perKey.push(await press(ch));
  const filtered = visibleRows(store.getState(), top(store.getState())).length;
  for (let i = 0; i < 7; i++) perKey.push(await press('\x7f'));
  global.gc?.();
  const rssMb = process.memoryUsage().rss / 1024 / 1024;

  let idle;
  if (idleSeconds > 0) {
    // Let the metrics arrive and the view settle, then measure the view left alone.
    await new Promise((r) => setTimeout(r, 3000));
    const { Session } = await import('node:inspector/promises');
    const session = args.includes('--cpu-prof') ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const frames0 = stdout.frames;
    const renders0 = renders.length;
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const c = process.cpuUsage(c0);
    const wall = performance.now() - w0;
    const framesWritten = stdout.frames - frames0;
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      const { writeFileSync, mkdirSync } = await import('node:fs');
      const dir = args[args.indexOf('--cpu-prof-dir') + 1] ?? '.';
      const file = path.join(
        args.includes('--cpu-prof-dir') ? dir : '.',
        `dashboard-idle-${process.pid}.cpuprofile`,
      );
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      process.stderr.write(`cpu profile: ${file}\n`);
      session.disconnect();
    }
    if (args.includes('--verbose')) process.stderr.write(`${stdout.last}\n`);
    // One frame's cost: the clock moved a second (what a tick does), 100 times, CPU per redrawn frame.
    // Drawn at once (not paced), so each tick is a frame.
    app.rerender(
      createElement(App, { store, data: controller, color: false, width: 120, height: 40, paceMs: 0 }),
    );
    const n = 100;
    const f0 = stdout.frames;
    const cf = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      store.dispatch({ type: 'tick', now: (store.getState().now ?? Date.now()) + 1000 });
      await nextRender(t);
    }
    const cfu = process.cpuUsage(cf);
    const frameCpuMs =
      Math.round(((cfu.user + cfu.system) / 1000 / Math.max(1, stdout.frames - f0)) * 100) / 100;

    idle = {
      frameCpuMs,
      seconds: idleSeconds,
      cpuPercent: Math.round(((c.user + c.system) / 1000 / wall) * 1000) / 10,
      framesWritten,
      renders: renders.length - renders0,
      usageShown: Object.keys(store.getState().usage ?? {}).length,
    };
  }

  app.unmount();
  await controller.stop();
  child.disconnect();

  if (args.includes('--verbose')) {
    const mu = process.memoryUsage();
    process.stderr.write(`per key: ${perKey.map((t) => t.toFixed(1)).join(' ')}\n`);
    process.stderr.write(
      `heapUsed ${Math.round(mu.heapUsed / 1048576)} MB, external ${Math.round(mu.external / 1048576)} MB, arrayBuffers ${Math.round(mu.arrayBuffers / 1048576)} MB\n`,
    );
  }
  perKey.sort((a, b) => a - b);
  const median = perKey[Math.floor(perKey.length / 2)];
  const worst = perKey[perKey.length - 1];
  const result = {
    clusters: nClusters,
    podsPerCluster: nPods,
    podRows: rowsShown,
    filteredRows: filtered,
    allHealthyMs: Math.round(healthAt),
    firstFullFrameMs: Math.round(firstFrame),
    filterKeystrokeMedianMs: Math.round(median * 10) / 10,
    filterKeystrokeWorstMs: Math.round(worst * 10) / 10,
    rssMb: Math.round(rssMb),
    ...(idle ? { idle } : {}),
    targets: { firstFullFrameMs: 2000, filterKeystrokeMs: 50, rssMb: 300, idleCpuPercent: 2 },
  };
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const ok = (v, t) => (v < t ? 'ok' : 'OVER');
    process.stdout.write(
      [
        `dashboard bench: ${nClusters} clusters × ${nPods} pods (${rowsShown} rows in :pods, ${filtered} after /payment)`,
        `  every cluster's health on screen   ${result.allHealthyMs} ms`,
        `  first full frame     ${result.firstFullFrameMs} ms   (target < 2000: ${ok(firstFrame, 2000)})`,
        `  filter keystroke     median ${result.filterKeystrokeMedianMs} ms, worst ${result.filterKeystrokeWorstMs} ms   (target < 50: ${ok(worst, 50)})`,
        `  RSS                  ${result.rssMb} MB   (target < 300: ${ok(rssMb, 300)})`,
        ...(idle
          ? [
              `  idle CPU (pods view) ${idle.cpuPercent}% of a core over ${idle.seconds} s, ${idle.framesWritten} frames written, CPU/MEM from ${idle.usageShown} clusters   (target < 2: ${ok(idle.cpuPercent, 2)})`,
              `  one redrawn frame    ${idle.frameCpuMs} ms CPU (the clock moved a second)`,
            ]
          : []),
        '',
      ].join('\n'),
    );
  }
  core.closeAllConnections?.();
  process.exit(0);
}
