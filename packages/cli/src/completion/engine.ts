/**
 * The completion engine behind `kubectl-mc __complete` and `kubectl_complete-mc`.
 *
 * It speaks cobra's protocol, the one kubectl (≥ 1.26) uses for plugins: the caller passes the words
 * typed after the program name, the last one being the (possibly empty) word under the cursor; the
 * answer is one candidate per line (`value` or `value<TAB>description`) followed by `:<directive>`.
 *
 * It works from the oclif manifest data only (ids, flags, args), so every command added to the CLI is
 * completed without a list kept here.
 */

/** Cobra's ShellCompDirective bits. */
export const Directive = {
  Default: 0,
  Error: 1,
  NoSpace: 2,
  NoFileComp: 4,
  FilterFileExt: 8,
  FilterDirs: 16,
  KeepOrder: 32,
} as const;

export interface FlagModel {
  name: string;
  char?: string | undefined;
  type: 'boolean' | 'option';
  description?: string | undefined;
  hidden?: boolean | undefined;
  multiple?: boolean | undefined;
  allowNo?: boolean | undefined;
  options?: readonly string[] | undefined;
  aliases?: readonly string[] | undefined;
}

export interface ArgModel {
  name: string;
  description?: string | undefined;
  options?: readonly string[] | undefined;
}

export interface CommandModel {
  /** oclif id, topics separated by `:`. */
  id: string;
  summary?: string | undefined;
  hidden?: boolean | undefined;
  aliases?: readonly string[] | undefined;
  /** false when the command takes any number of arguments. */
  strict?: boolean | undefined;
  flags: readonly FlagModel[];
  args: readonly ArgModel[];
}

export interface TopicModel {
  name: string;
  description?: string | undefined;
  hidden?: boolean | undefined;
}

export interface Candidate {
  value: string;
  description?: string | undefined;
}

export interface CompletionResult {
  candidates: Candidate[];
  directive: number;
}

/** Where dynamic candidates come from; each gets the words typed so far to honour `--kubeconfig`. */
export interface CompletionProviders {
  contexts(ctx: ProviderContext): Promise<string[]>;
  resourceTypes(ctx: ProviderContext): Promise<Candidate[]>;
  /** Values for `--namespace`/`-n`; none when absent. */
  namespaces?(ctx: ProviderContext): Promise<string[]>;
}

export interface ProviderContext {
  /** The value of `--kubeconfig` typed on the line, if any. */
  kubeconfig?: string | undefined;
  /** The value of `--context` typed on the line, if any. */
  context?: string | undefined;
}

/** Flags whose values are context names (comma lists for the plural ones). */
const CONTEXT_FLAGS = new Set(['context', 'clusters', 'exclude', 'hub']);
const LIST_FLAGS = new Set(['clusters', 'exclude', 'hub']);
/** Flags whose values are paths: leave them to the shell's file completion. */
const PATH_FLAG = /(^|-)(kubeconfig|file|filename|path|dir|directory|out-file|output-file|config|providers)$/;
/** Args whose values are resource types (`get pods`, `get deploy,svc`). */
const RESOURCE_ARG = /^(type|types|resource|resources|kind|resource[-_]?type|type[-_/]?name)$/i;

function firstLine(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const line = s.split('\n')[0]?.trim();
  return line ? line : undefined;
}

function flagByName(cmd: CommandModel, name: string): FlagModel | undefined {
  return cmd.flags.find((f) => f.name === name || f.aliases?.includes(name));
}

function flagByChar(cmd: CommandModel, char: string): FlagModel | undefined {
  return cmd.flags.find((f) => f.char === char);
}

/** The value flag the word refers to when it is `--name` or `-c` (not `--name=value`). */
function flagOf(cmd: CommandModel, word: string): FlagModel | undefined {
  if (word.startsWith('--')) return word.includes('=') ? undefined : flagByName(cmd, word.slice(2));
  if (word.startsWith('-') && word.length === 2) return flagByChar(cmd, word.slice(1));
  return undefined;
}

function filter(cands: Candidate[], prefix: string): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const c of cands) {
    if (!c.value.startsWith(prefix) || seen.has(c.value)) continue;
    seen.add(c.value);
    out.push(c);
  }
  return out;
}

/** Find the command named by the leading words; returns it and how many words it took. */
function resolveCommand(
  commands: readonly CommandModel[],
  words: readonly string[],
): { cmd?: CommandModel; used: number; prefix: string[] } {
  const prefix: string[] = [];
  let best: { cmd?: CommandModel; used: number } = { used: 0 };
  for (const word of words) {
    if (word.startsWith('-')) break;
    const id = [...prefix, word].join(':');
    const exact = commands.find((c) => c.id === id || c.aliases?.includes(id));
    const isTopic = commands.some((c) => c.id.startsWith(`${id}:`));
    if (!exact && !isTopic) break;
    prefix.push(word);
    if (exact) best = { cmd: exact, used: prefix.length };
  }
  // A topic typed without a sub-command: keep completing sub-commands from there.
  if (best.used < prefix.length && !best.cmd) return { used: prefix.length, prefix };
  return { ...best, prefix: prefix.slice(0, best.used) };
}

function commandCandidates(
  commands: readonly CommandModel[],
  topics: readonly TopicModel[],
  prefix: readonly string[],
): Candidate[] {
  const out = new Map<string, Candidate>();
  for (const c of commands) {
    if (c.hidden) continue;
    const parts = c.id.split(':');
    if (parts.length <= prefix.length || prefix.some((p, i) => parts[i] !== p)) continue;
    const next = parts[prefix.length] as string;
    if (parts.length === prefix.length + 1) {
      out.set(next, { value: next, description: firstLine(c.summary) });
    } else if (!out.has(next)) {
      const topicName = parts.slice(0, prefix.length + 1).join(':');
      const topic = topics.find((t) => t.name === topicName);
      if (topic?.hidden) continue;
      out.set(next, { value: next, description: firstLine(topic?.description) });
    }
  }
  return [...out.values()].sort((a, b) => a.value.localeCompare(b.value));
}

/** Read what `--kubeconfig` / `--context` say on the line so the providers use the same files. */
function providerContext(words: readonly string[]): ProviderContext {
  const ctx: ProviderContext = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    for (const key of ['kubeconfig', 'context'] as const) {
      if (w === `--${key}` && i + 1 < words.length) ctx[key] = words[i + 1];
      else if (w.startsWith(`--${key}=`)) ctx[key] = w.slice(key.length + 3);
    }
  }
  return ctx;
}

async function flagValueCandidates(
  flag: FlagModel,
  cur: string,
  words: readonly string[],
  providers: CompletionProviders,
): Promise<CompletionResult> {
  if (flag.options && flag.options.length > 0) {
    return {
      candidates: filter(
        flag.options.map((o) => ({ value: o })),
        cur,
      ),
      directive: Directive.NoFileComp,
    };
  }
  if (CONTEXT_FLAGS.has(flag.name)) {
    const names = await providers.contexts(providerContext(words));
    if (LIST_FLAGS.has(flag.name)) {
      // `--clusters a,b,<TAB>`: complete the last item, keep the ones already typed.
      const cut = cur.lastIndexOf(',') + 1;
      const head = cur.slice(0, cut);
      const typed = new Set(head.split(',').filter(Boolean));
      const cands = names.filter((n) => !typed.has(n)).map((n) => ({ value: head + n }));
      return { candidates: filter(cands, cur), directive: Directive.NoFileComp };
    }
    return {
      candidates: filter(
        names.map((n) => ({ value: n })),
        cur,
      ),
      directive: Directive.NoFileComp,
    };
  }
  if (flag.name === 'namespace' && providers.namespaces) {
    const names = await providers.namespaces(providerContext(words));
    return {
      candidates: filter(
        names.map((n) => ({ value: n })),
        cur,
      ),
      directive: Directive.NoFileComp,
    };
  }
  if (PATH_FLAG.test(flag.name)) return { candidates: [], directive: Directive.Default };
  return { candidates: [], directive: Directive.NoFileComp };
}

function flagCandidates(cmd: CommandModel, cur: string, given: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = [];
  const longOnly = cur.startsWith('--');
  for (const f of [...cmd.flags].sort((a, b) => a.name.localeCompare(b.name))) {
    if (f.hidden || (given.has(f.name) && !f.multiple)) continue;
    const description = firstLine(f.description);
    out.push({ value: `--${f.name}`, description });
    if (f.type === 'boolean' && f.allowNo) out.push({ value: `--no-${f.name}`, description });
  }
  if (!cmd.flags.some((f) => f.name === 'help')) out.push({ value: '--help', description: 'Show help' });
  if (!longOnly) {
    for (const f of cmd.flags) {
      if (f.char && !f.hidden && !(given.has(f.name) && !f.multiple)) {
        out.push({ value: `-${f.char}`, description: firstLine(f.description) });
      }
    }
  }
  return filter(out, cur);
}

/**
 * Complete `words` (everything typed after the program name; the last item is the word under the
 * cursor, `''` after a space).
 */
export async function complete(
  commands: readonly CommandModel[],
  topics: readonly TopicModel[],
  words: readonly string[],
  providers: CompletionProviders,
): Promise<CompletionResult> {
  const typed = words.slice(0, -1);
  const cur = words.length > 0 ? (words[words.length - 1] as string) : '';
  const { cmd, used, prefix } = resolveCommand(commands, typed);

  if (!cmd) {
    if (cur.startsWith('-')) {
      const root = typed.length === 0 ? [{ value: '--version', description: 'Show the version' }] : [];
      return {
        candidates: filter([...root, { value: '--help', description: 'Show help' }], cur),
        directive: Directive.NoFileComp,
      };
    }
    if (used < typed.length) return { candidates: [], directive: Directive.NoFileComp };
    return {
      candidates: filter(commandCandidates(commands, topics, prefix), cur),
      directive: Directive.NoFileComp,
    };
  }

  // Walk the rest of the line: which flags were given, how many positionals, is a value pending?
  const rest = typed.slice(used);
  const given = new Set<string>();
  let positionals = 0;
  let pending: FlagModel | undefined;
  let dashdash = false;
  for (const w of rest) {
    if (pending) {
      pending = undefined;
      continue;
    }
    if (dashdash || !w.startsWith('-') || w === '-') {
      positionals++;
      continue;
    }
    if (w === '--') {
      dashdash = true;
      continue;
    }
    const name = w.startsWith('--') ? w.slice(2).split('=')[0] : undefined;
    const f = name !== undefined ? flagByName(cmd, name) : flagByChar(cmd, w.slice(1, 2));
    if (f) given.add(f.name);
    const valueFlag = flagOf(cmd, w);
    if (valueFlag?.type === 'option') pending = valueFlag;
  }

  if (pending) return flagValueCandidates(pending, cur, words, providers);

  if (!dashdash && cur.startsWith('--') && cur.includes('=')) {
    const eq = cur.indexOf('=');
    const f = flagByName(cmd, cur.slice(2, eq));
    if (!f || f.type !== 'option') return { candidates: [], directive: Directive.NoFileComp };
    const r = await flagValueCandidates(f, cur.slice(eq + 1), words, providers);
    const head = cur.slice(0, eq + 1);
    return { ...r, candidates: r.candidates.map((c) => ({ ...c, value: head + c.value })) };
  }

  if (!dashdash && cur.startsWith('-')) {
    return { candidates: flagCandidates(cmd, cur, given), directive: Directive.NoFileComp };
  }

  const arg = cmd.args[positionals] ?? (cmd.strict === false ? cmd.args[cmd.args.length - 1] : undefined);
  if (!arg) {
    return { candidates: [], directive: cmd.strict === false ? Directive.Default : Directive.NoFileComp };
  }
  if (arg.options && arg.options.length > 0) {
    return {
      candidates: filter(
        arg.options.map((o) => ({ value: o })),
        cur,
      ),
      directive: Directive.NoFileComp,
    };
  }
  if (RESOURCE_ARG.test(arg.name)) {
    // `get deploy,svc<TAB>` completes the last type of a comma list; `get pod/<TAB>` has nothing to add.
    if (cur.includes('/')) return { candidates: [], directive: Directive.NoFileComp };
    const cut = cur.lastIndexOf(',') + 1;
    const head = cur.slice(0, cut);
    const types = await providers.resourceTypes(providerContext(words));
    return {
      candidates: filter(
        types.map((t) => ({ ...t, value: head + t.value })),
        cur,
      ),
      directive: Directive.NoFileComp,
    };
  }
  return { candidates: [], directive: Directive.Default };
}

/** Candidates may come from a kubeconfig or a cluster: no control characters reach the terminal. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
function clean(s: string): string {
  return s.replace(CONTROL, ' ');
}

/** cobra's wire format: `value[\tdescription]` lines, then `:<directive>`. */
export function formatCompletion(result: CompletionResult, withDescriptions = true): string {
  const lines = result.candidates.map((c) => {
    const value = clean(c.value);
    const desc = c.description === undefined ? undefined : clean(c.description);
    return withDescriptions && desc ? `${value}\t${desc}` : value;
  });
  return [...lines, `:${result.directive}`].join('\n') + '\n';
}
