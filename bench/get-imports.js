#!/usr/bin/env node
// What `kubectl mc get` loads before it does anything: the modules of its command's import graph (all,
// ajv's, core's topology linter's) and the median time to import it in a fresh process (compile cache on,
// warmed once). `node bench/get-imports.js [--runs 25] [--cli <dir of a built CLI>]`; needs `npm run build`.
// The linter and ajv belong to `lint`: for `get` both counts should be 0.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '25' },
    cli: { type: 'string', default: path.join(here, '..', 'packages', 'cli') },
  },
});
const target = path.join(path.resolve(values.cli), 'dist', 'commands', 'get.js');

// Run in a child: a load hook counts the modules, then the import is timed.
const child = `
import module from 'node:module';
module.enableCompileCache?.();
const seen = [];
module.registerHooks({ load(url, context, next) { seen.push(url); return next(url, context); } });
const t0 = performance.now();
await import(${JSON.stringify(target)});
const ms = performance.now() - t0;
const count = (re) => seen.filter((u) => re.test(u)).length;
console.log(JSON.stringify({ ms, modules: seen.length, ajv: count(/node_modules\\/ajv\\//), topology: count(/core\\/dist\\/topology\\//) }));
`;
const once = () =>
  JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' }));
once(); // fills the compile cache
const samples = Array.from({ length: Number(values.runs) }, once);
const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
const median = ms.length % 2 ? ms[(ms.length - 1) / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
const { modules, ajv, topology } = samples[0];
console.log(
  `${path.relative(process.cwd(), target)}: ${modules} modules (ajv ${ajv}, topology linter ${topology})`,
);
console.log(`import time: median ${median.toFixed(0)} ms, min ${ms[0].toFixed(0)} ms over ${ms.length} runs`);
