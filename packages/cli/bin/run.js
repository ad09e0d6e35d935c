#!/usr/bin/env node
import module from 'node:module';

// Commands that need V8 heap flags (the dashboard, lint, get -o json|yaml) restart with them before
// anything else is loaded.
if (process.argv[2] === 'dashboard' || process.argv[2] === 'lint' || process.argv[2] === 'get') {
  const { relaunchWithNodeFlags } = await import('../dist/lib/node-flags.js');
  relaunchWithNodeFlags();
}
// Node's on-disk compile cache (in the OS temp dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off) for all the
// CLI loads, oclif first: compiling is most of the start-up cost of every command. Enabled before
// anything else is imported, so oclif itself is cached too.
module.enableCompileCache?.();
const { cliArgv, exitQuietlyOnEpipe } = await import('../dist/lib/entry.js');
exitQuietlyOnEpipe();
const { Config, flush, handle, run } = await import('@oclif/core');
// Help, usage and error lines name us as the user typed us: `kubectl mc` when kubectl ran the plugin.
(await import('../dist/lib/invoked.js')).nameConfigsAsInvoked(Config);
try {
  await run(cliArgv(process.argv.slice(2)), import.meta.url);
  await flush();
} catch (error) {
  const { isUnknownCommand, reportUnknownCommand } = await import('../dist/lib/unknown-command.js');
  if (isUnknownCommand(error))
    reportUnknownCommand(await Config.load(import.meta.url), process.argv[2] ?? '');
  else await handle(error);
}
