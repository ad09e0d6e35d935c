#!/usr/bin/env node
// `npm run docs:commands`: the command reference, docs/commands/reference/<command>.md and the index
// docs/commands/README.md, generated from the commands themselves (oclif's view of the compiled CLI:
// summary, description, usage, arguments, flags by help group, examples), so --help and the docs
// cannot disagree. `npm run docs:check` (part of `npm run lint`) fails when a page is out of date.
// Also reports help gaps (no description, no example, a flag or argument without a description).
// Needs the CLI built (`npm run build`). The hand-written guides docs/commands/<command>.md are not
// touched.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliDir = path.join(root, 'packages', 'cli');
const docsDir = path.join(root, 'docs', 'commands');
const refDir = path.join(docsDir, 'reference');
const check = process.argv.includes('--check');
const BIN = 'kubectl mc';

if (!existsSync(path.join(cliDir, 'dist', 'commands'))) {
  process.stderr.write('packages/cli/dist/commands is missing: run `npm run build` first\n');
  process.exit(2);
}

// oclif as the CLI sees itself, from the compiled commands (a stale oclif.manifest.json would hide some).
if (existsSync(path.join(cliDir, 'oclif.manifest.json'))) {
  process.stderr.write(
    'packages/cli/oclif.manifest.json would hide new commands: delete it (it is generated when packing)\n',
  );
  process.exit(2);
}
const config = await Config.load(cliDir);
// An alias (`top pod` for `top pods`) is listed by oclif as a command of its own: one page, on the command.
const commands = config.commands
  .filter((c) => !c.hidden && !(c.aliases ?? []).includes(c.id))
  .sort((a, b) => a.id.localeCompare(b.id));

const gaps = [];
const display = (id) => id.split(':').join(' ');
const fileName = (id) => `${id.split(':').join('-')}.md`;
const template = (s, c) =>
  String(s ?? '')
    .replaceAll('<%= config.bin %>', BIN)
    .replaceAll('<%- config.bin %>', BIN)
    .replaceAll('<%= command.id %>', display(c.id))
    .replaceAll('<%- command.id %>', display(c.id));
const cell = (s) =>
  String(s ?? '')
    .replaceAll('|', '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
const code = (s) => `\`${String(s).replaceAll('`', '\\`')}\``;

function usage(c) {
  const args = Object.values(c.args ?? {}).map((a) =>
    a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`,
  );
  const more = c.strict === false && args.length > 0 ? ['...'] : [];
  return [BIN, display(c.id), ...args, ...more, Object.keys(c.flags ?? {}).length > 0 ? '[flags]' : '']
    .filter(Boolean)
    .join(' ');
}

function flagName(name, f) {
  const char = f.char ? `-${f.char}, ` : '';
  const value = f.type === 'option' ? `=<${f.helpValue ?? 'value'}>` : '';
  const no = f.type === 'boolean' && f.allowNo ? ` / --no-${name}` : '';
  return `${char}--${name}${value}${no}`;
}

function flagDetails(f) {
  const out = [];
  if (f.options?.length) out.push(`one of: ${f.options.map(code).join(', ')}`);
  if (f.multiple) out.push('repeatable');
  if (f.required) out.push('required');
  const def = f.default;
  if (
    def !== undefined &&
    def !== false &&
    !(Array.isArray(def) && def.length === 0) &&
    typeof def !== 'function'
  ) {
    out.push(`default: ${code(Array.isArray(def) ? def.join(',') : def)}`);
  }
  if (f.env) out.push(`env: ${code(f.env)}`);
  return out.join('; ');
}

function page(c) {
  const lines = [`# ${BIN} ${display(c.id)}`, ''];
  const summary = template(c.summary, c).trim();
  const description = template(c.description, c).trim();
  if (!summary && !description) gaps.push(`${display(c.id)}: no summary or description`);
  if (summary) lines.push(summary, '');
  if (description && description !== summary) lines.push(description, '');
  lines.push('## Usage', '', '```sh', usage(c), '```', '');
  if (c.aliases?.length)
    lines.push(`Aliases: ${c.aliases.map((a) => code(`${BIN} ${display(a)}`)).join(', ')}`, '');

  const args = Object.entries(c.args ?? {});
  if (args.length > 0) {
    lines.push('## Arguments', '', '| argument | description |', '| --- | --- |');
    for (const [name, a] of args) {
      if (!a.description) gaps.push(`${display(c.id)}: argument ${name} has no description`);
      const extra = [
        a.required ? 'required' : '',
        a.options?.length ? `one of: ${a.options.map(code).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      lines.push(`| ${code(name.toUpperCase())} | ${cell(a.description)}${extra ? ` (${extra})` : ''} |`);
    }
    lines.push('');
  }

  const flags = Object.entries(c.flags ?? {}).filter(([, f]) => !f.hidden);
  if (flags.length > 0) {
    const groups = new Map();
    for (const [name, f] of flags) {
      const g = f.helpGroup ?? 'FLAGS';
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push([name, f]);
    }
    lines.push('## Flags', '');
    const order = [...groups.keys()].sort((a, b) =>
      a === 'FLAGS' ? -1 : b === 'FLAGS' ? 1 : a.localeCompare(b),
    );
    for (const g of order) {
      if (groups.size > 1)
        lines.push(`### ${g === 'FLAGS' ? 'Command flags' : `${g[0]}${g.slice(1).toLowerCase()} flags`}`, '');
      lines.push('| flag | description | details |', '| --- | --- | --- |');
      for (const [name, f] of groups.get(g).sort((a, b) => a[0].localeCompare(b[0]))) {
        const desc = template(f.summary ?? f.description, c);
        if (!desc) gaps.push(`${display(c.id)}: flag --${name} has no description`);
        lines.push(`| ${code(flagName(name, f))} | ${cell(desc)} | ${cell(flagDetails(f))} |`);
      }
      lines.push('');
    }
  }

  const examples = c.examples ?? [];
  if (examples.length === 0) gaps.push(`${display(c.id)}: no examples`);
  else {
    lines.push('## Examples', '');
    for (const e of examples) {
      let prose;
      let body;
      if (typeof e === 'string') {
        // oclif's string form: optional description lines, then the command line(s).
        const all = template(e, c)
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        const start = all.findIndex((l) => /^(\$ |kubectl[ -]|cat |source |echo )/.test(l));
        prose = start > 0 ? all.slice(0, start) : [];
        body = start >= 0 ? all.slice(start) : all;
      } else {
        prose = [template(e.description, c).trim()].filter(Boolean);
        body = template(e.command, c).trim().split('\n');
      }
      if (prose.length) lines.push(prose.join(' '), '');
      lines.push('```sh', ...body.map((l) => l.replace(/^\$ /, '')), '```', '');
    }
  }
  lines.push(
    `<!-- Generated by scripts/gen-command-docs.mjs from ${BIN} ${display(c.id)} --help; do not edit. -->`,
    '',
  );
  return lines.join('\n');
}

function index() {
  // Guides are not linked from here on purpose: their existence would make this page (and docs:check)
  // depend on files other people add.
  const lines = [
    '# kubectl mc commands',
    '',
    'Reference pages generated from each command’s own help (`npm run docs:commands`). Hand-written',
    'guides, where a command has one, sit beside this index as `<command>.md`.',
    '',
    '| command | what it does | reference |',
    '| --- | --- | --- |',
  ];
  for (const c of commands) {
    const what = cell(template(c.summary ?? c.description?.split('\n')[0], c));
    lines.push(`| ${code(`${BIN} ${display(c.id)}`)} | ${what} | [reference](reference/${fileName(c.id)}) |`);
  }
  lines.push(
    '',
    'Every command also answers `--help`. Shell completion: `kubectl mc completion --help`; installing: [../install.md](../install.md).',
    '',
    '<!-- Generated by scripts/gen-command-docs.mjs; do not edit. -->',
    '',
  );
  return lines.join('\n');
}

const wanted = new Map(commands.map((c) => [path.join(refDir, fileName(c.id)), page(c)]));
wanted.set(path.join(docsDir, 'README.md'), index());
const existingRefs = existsSync(refDir)
  ? readdirSync(refDir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join(refDir, f))
  : [];
const stale = existingRefs.filter((f) => !wanted.has(f));

for (const g of gaps) process.stderr.write(`help gap: ${g}\n`);

if (check) {
  const outOfDate = [...wanted]
    .filter(([f, text]) => !existsSync(f) || readFileSync(f, 'utf8') !== text)
    .map(([f]) => f);
  const problems = [
    ...outOfDate.map((f) => `out of date: ${path.relative(root, f)}`),
    ...stale.map((f) => `no such command: ${path.relative(root, f)}`),
  ];
  if (problems.length > 0) {
    process.stderr.write(
      `${problems.join('\n')}\nThe command docs are out of date: run \`npm run docs:commands\`.\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`command docs up to date (${commands.length} commands)\n`);
} else {
  mkdirSync(refDir, { recursive: true });
  for (const [f, text] of wanted) writeFileSync(f, text);
  for (const f of stale) rmSync(f);
  process.stdout.write(`wrote ${wanted.size} pages${stale.length ? `, removed ${stale.length}` : ''}\n`);
}
