/**
 * The differential harness of test/e2e/printers.test.ts: run many printer expressions through the REAL
 * kubectl (batched into one template per call where that is safe) and through our own printers, and
 * report every expression whose output differs byte for byte. Plus seeded generators of expressions
 * over an object's real keys.
 */
import { execFile } from 'node:child_process';

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Case {
  expr: string;
  /** results are compared as a multiset of space-separated words (Go visits map keys in random order) */
  unordered?: boolean;
}

export interface Mismatch {
  expr: string;
  kubectl: Outcome;
  ours: Outcome;
}

export function runKubectl(args: string[], kubeconfig: string, cacheDir: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, '--request-timeout', '20s', ...args],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, KUBECONFIG: '' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A printer format as the harness drives it. */
export interface Format {
  /** `-o` value for a template, e.g. (t) => `jsonpath=${t}` */
  flag: (template: string) => string;
  /** a piece of template that prints SEP (joins a batch) */
  separator: string;
}

export const SEP = '\n---8<---\n';

/** Runs `cases` through kubectl (batched, halving a batch that fails) and `ours`; returns the differences. */
export async function differential(
  kubectl: (args: string[]) => Promise<Outcome>,
  target: string[],
  format: Format,
  cases: Case[],
  ours: (expr: string) => Outcome,
  batchSize = 150,
): Promise<{ mismatches: Mismatch[]; compared: number; calls: number }> {
  const mismatches: Mismatch[] = [];
  let calls = 0;
  let compared = 0;
  const check = (c: Case, real: Outcome) => {
    compared++;
    const mine = ours(c.expr);
    // which error an unordered walk meets first depends on Go's map order: both failing is enough
    const same = c.unordered
      ? (real.code !== 0 && mine.code !== 0) ||
        (real.code === mine.code &&
          real.stderr === mine.stderr &&
          words(real.stdout).join('\n') === words(mine.stdout).join('\n'))
      : real.code === mine.code && real.stdout === mine.stdout && real.stderr === mine.stderr;
    if (!same) mismatches.push({ expr: c.expr, kubectl: real, ours: mine });
  };
  const runBatch = async (batch: Case[]): Promise<void> => {
    if (batch.length === 1) {
      const only = batch[0] as Case;
      calls++;
      check(only, await kubectl(['get', ...target, '-o', format.flag(only.expr)]));
      return;
    }
    calls++;
    const real = await kubectl([
      'get',
      ...target,
      '-o',
      format.flag(batch.map((c) => c.expr).join(format.separator)),
    ]);
    const parts = real.stdout.split(SEP);
    if (real.code !== 0 || real.stderr !== '' || parts.length !== batch.length) {
      const half = Math.ceil(batch.length / 2);
      await runBatch(batch.slice(0, half));
      await runBatch(batch.slice(half));
      return;
    }
    batch.forEach((c, i) => check(c, { code: 0, stdout: parts[i] as string, stderr: '' }));
  };
  // what fails for us most likely fails for kubectl too, and a failure spoils a whole batch: run those
  // alone, batch the rest
  const failing = cases.filter((c) => ours(c.expr).code !== 0);
  const passing = cases.filter((c) => !failing.includes(c));
  const batches: Case[][] = failing.map((c) => [c]);
  for (let i = 0; i < passing.length; i += batchSize) batches.push(passing.slice(i, i + batchSize));
  // three kubectl processes at a time: the machine is small and shared
  const queue = [...batches];
  await Promise.all(
    [0, 1, 2].map(async () => {
      for (let b = queue.shift(); b; b = queue.shift()) await runBatch(b);
    }),
  );
  return { mismatches, compared, calls };
}

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean).sort();
}

export function describeMismatches(ms: Mismatch[], max = 8): string {
  return ms
    .slice(0, max)
    .map((m) => {
      const field =
        (['code', 'stdout', 'stderr'] as const).find((f) => m.kubectl[f] !== m.ours[f]) ?? 'stdout';
      const a = String(m.kubectl[field]);
      const b = String(m.ours[field]);
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      const from = Math.max(0, i - 80);
      return (
        `expr ${JSON.stringify(m.expr)} (${field} differs at ${i})\n` +
        `  kubectl: ${JSON.stringify(a.slice(from, i + 160))}\n  ours:    ${JSON.stringify(b.slice(from, i + 160))}`
      );
    })
    .join('\n');
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Seg = string | number;

/** Every path in `obj` to a value, with the value. */
export function allPaths(obj: unknown, prefix: Seg[] = [], out: Array<{ path: Seg[]; value: unknown }> = []) {
  out.push({ path: prefix, value: obj });
  if (Array.isArray(obj)) obj.forEach((v, i) => allPaths(v, [...prefix, i], out));
  else if (obj !== null && typeof obj === 'object') {
    for (const [k, v] of Object.entries(obj)) allPaths(v, [...prefix, k], out);
  }
  return out;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** A JSONPath field step for key `k`: `.k`, `.k` with escaped dots, or `['k']`. */
function fieldStep(r: () => number, k: string): string {
  if (!/[.\s[\]{},@$\\'"]/.test(k)) return r() < 0.85 ? `.${k}` : `['${k}']`;
  if (!/[\s[\]{},@$\\'"]/.test(k)) return r() < 0.5 ? `.${k.replaceAll('.', '\\.')}` : `['${k}']`;
  return `['${k}']`;
}

function literal(v: unknown): string | undefined {
  if (typeof v === 'string' && !/["\\\n)]/.test(v)) return `"${v}"`;
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

/** Random JSONPath expressions over `obj`'s real keys: fields, indices, slices, `*`, filters, `..`. */
export function generateJsonPaths(obj: unknown, count: number, seed: number): Case[] {
  const r = rng(seed);
  const paths = allPaths(obj).filter((p) => p.path.length > 0);
  const out: Case[] = [];
  while (out.length < count) {
    const { path } = pick(r, paths);
    let expr = '';
    let unordered = false;
    let cur: unknown = obj;
    for (const seg of path) {
      if (typeof seg === 'number') {
        const arr = cur as unknown[];
        const len = arr.length;
        const roll = r();
        if (roll < 0.5) expr += `[${seg}]`;
        else if (roll < 0.6) expr += `[${seg - len}]`;
        else if (roll < 0.7) expr += '[*]';
        else if (roll < 0.8) expr += `[${seg}:${Math.min(seg + 1 + Math.floor(r() * 2), len)}]`;
        else if (roll < 0.85)
          expr += `[${pick(r, ['0:', ':1', '::2', '-1:', '1:', `:${len + 1}`, `${len}`])}]`;
        else {
          const el = arr[seg];
          const keys = el && typeof el === 'object' && !Array.isArray(el) ? Object.keys(el) : [];
          const scalarKeys = keys.filter((k) => literal((el as Record<string, unknown>)[k]) !== undefined);
          if (scalarKeys.length > 0 && /^[\w-]+$/.test(scalarKeys[0] ?? '')) {
            const k = pick(r, scalarKeys.filter((x) => /^[\w-]+$/.test(x)).concat(scalarKeys[0] as string));
            const lit = literal((el as Record<string, unknown>)[k]) as string;
            const op = pick(r, ['==', '==', '!=', '<', '>', '<=', '>=']);
            expr += pick(r, [`[?(@.${k}${op}${lit})]`, `[?(@.${k} ${op} ${lit})]`, `[?(@.${k})]`]);
          } else expr += `[${seg}]`;
        }
      } else {
        const roll = r();
        if (roll < 0.05 && expr === '') {
          expr += `..${seg}`;
          unordered = true;
        } else if (roll < 0.08) {
          expr += '.*';
          unordered = true;
        } else expr += fieldStep(r, seg);
      }
      cur = Array.isArray(cur) ? cur[seg as number] : (cur as Record<string, unknown>)[seg as string];
    }
    if (r() < 0.08) expr += pick(r, ['.nope', '[0]', '.metadata', "['x']", '[*]']);
    const wrap = r();
    if (wrap < 0.1) out.push({ expr: `x={${expr}};`, unordered });
    else if (wrap < 0.15) out.push({ expr: `{$${expr}}`, unordered });
    else if (wrap < 0.2) out.push({ expr: `{@${expr}}{"\\t"}{.kind}`, unordered });
    else out.push({ expr: `{${expr}}`, unordered });
  }
  return out;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A Go-template operand reaching `path`: `.a.b`, `(index .a 0).b`, `index .a "x.y"`. */
function goAccess(r: () => number, path: Seg[]): string {
  let expr = '.';
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) {
      expr = `(index ${expr} ${pending.join(' ')})`;
      pending = [];
    }
  };
  for (const seg of path) {
    if (typeof seg === 'string' && IDENT.test(seg) && (pending.length === 0 || r() < 0.7)) {
      flush();
      expr = expr === '.' ? `.${seg}` : `${expr}.${seg}`;
    } else pending.push(typeof seg === 'number' ? String(seg) : JSON.stringify(seg));
  }
  if (pending.length) expr = `(index ${expr} ${pending.join(' ')})`;
  return expr;
}

function goLiteral(v: unknown): string | undefined {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toString();
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

/** Random Go templates over `obj`'s real keys: field chains, index, len, printf verbs, if/with/range, eq. */
export function generateGoTemplates(obj: unknown, count: number, seed: number): Case[] {
  const r = rng(seed);
  const paths = allPaths(obj).filter((p) => p.path.length > 0);
  const out: Case[] = [];
  while (out.length < count) {
    const { path, value } = pick(r, paths);
    let e = goAccess(r, path);
    if (r() < 0.05) e = `${e}.nope`;
    const lit = goLiteral(value) ?? '"x"';
    const verbs = [
      '%v',
      '%s',
      '%d',
      '%q',
      '%x',
      '%t',
      '%T',
      '%5v',
      '%-6s|',
      '%.3v',
      '%+d',
      '%#v',
      '%g',
      '%.2f',
      '%e',
      '%08.3f',
      '%c',
      '%U',
    ];
    const forms = [
      `{{${e}}}`,
      `{{${e}}}`,
      `{{printf "${pick(r, verbs)}" ${e}}}`,
      `{{printf "${pick(r, verbs)} ${pick(r, verbs)}" ${e} ${e}}}`,
      `{{${e} | printf "%T"}}`,
      `{{len ${e}}}`,
      `{{if ${e}}}T{{else}}F{{end}}`,
      `{{with ${e}}}<{{.}}>{{else}}none{{end}}`,
      `{{range ${e}}}[{{.}}]{{else}}empty{{end}}`,
      `{{range $k, $v := ${e}}}{{$k}}={{$v}};{{end}}`,
      `{{eq ${e} ${lit}}}`,
      `{{ne ${e} ${lit}}}`,
      `{{lt ${e} ${lit}}}`,
      `{{ge ${e} ${lit}}}`,
      `{{html ${e}}}`,
      `{{js ${e}}}`,
      `{{urlquery ${e}}}`,
      `{{print ${e} ${e}}}`,
      `{{println ${e}}}`,
      `{{not ${e}}}`,
      `{{and ${e} "yes"}}`,
      `{{or ${e} "fallback"}}`,
      `{{$v := ${e}}}{{$v}}`,
      `{{exists . ${path.map((s) => (typeof s === 'number' ? String(s) : JSON.stringify(s))).join(' ')}}}`,
      `{{slice ${e} 1}}`,
    ];
    out.push({ expr: pick(r, forms) });
  }
  return out;
}

/**
 * Like `differential`, for printers whose batch is one invocation over many expressions at once
 * (custom columns: one column per expression): a batch is compared whole, and a batch that differs or
 * fails is halved until each difference is pinned to one expression.
 */
export async function differentialWhole(
  kubectl: (args: string[]) => Promise<Outcome>,
  argsFor: (exprs: string[]) => string[],
  ours: (exprs: string[]) => Outcome,
  exprs: string[],
  batchSize = 60,
): Promise<{ mismatches: Mismatch[]; compared: number }> {
  const mismatches: Mismatch[] = [];
  let compared = 0;
  const runBatch = async (batch: string[]): Promise<void> => {
    const real = await kubectl(argsFor(batch));
    const mine = ours(batch);
    const same = real.code === mine.code && real.stdout === mine.stdout && real.stderr === mine.stderr;
    if (batch.length > 1 && (!same || real.code !== 0)) {
      const half = Math.ceil(batch.length / 2);
      await runBatch(batch.slice(0, half));
      await runBatch(batch.slice(half));
      return;
    }
    compared += batch.length;
    if (!same) mismatches.push({ expr: batch.join(' | '), kubectl: real, ours: mine });
  };
  const failing = exprs.filter((e) => ours([e]).code !== 0);
  const passing = exprs.filter((e) => !failing.includes(e));
  const queue: string[][] = failing.map((e) => [e]);
  for (let i = 0; i < passing.length; i += batchSize) queue.push(passing.slice(i, i + batchSize));
  await Promise.all(
    [0, 1, 2].map(async () => {
      for (let b = queue.shift(); b; b = queue.shift()) await runBatch(b);
    }),
  );
  return { mismatches, compared };
}

/** Column specs for custom columns: JSONPath over real keys in kubectl's relaxed forms (no commas). */
export function generateColumnSpecs(obj: unknown, count: number, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (const c of generateJsonPaths(obj, count * 3, seed)) {
    if (out.length >= count) break;
    if (!/^\{[^{}]+\}$/.test(c.expr) || /[,\s]/.test(c.expr) || c.unordered) continue;
    const inner = c.expr.slice(1, -1);
    const roll = r();
    if (roll < 0.4) out.push(inner);
    else if (roll < 0.6) out.push(inner.replace(/^\./, ''));
    else if (roll < 0.8) out.push(c.expr);
    else out.push(`{${inner.replace(/^\./, '')}}`);
  }
  return out;
}
