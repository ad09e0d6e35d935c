#!/usr/bin/env node
import module from 'node:module';

// Commands that need V8 heap flags (the dashboard) restart with them before anything else is loaded.
if (process.argv[2] === 'dashboard') {
  const { relaunchWithNodeFlags } = await import('../dist/lib/node-flags.js');
  relaunchWithNodeFlags();
}
// Node's on-disk compile cache (in the OS temp dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off) for all the
// CLI loads, oclif first: compiling is most of the start-up cost of every command. Enabled before
// anything else is imported, so oclif itself is cached too.
module.enableCompileCache?.();
const { execute } = await import('@oclif/core');
await execute({ dir: import.meta.url });
