/**
 * JSON from a cluster, bounded by what it becomes and not only by its bytes: the text is scanned in
 * slices that yield to the event loop (so a deadline or Ctrl-C can fire during a big body), counting
 * nesting depth and values; a body nested too deep is refused before any recursive code sees it, and the
 * estimated cost of its values is reserved from the command's memory budget before it is parsed.
 */
import { setImmediate as tick } from 'node:timers/promises';
import { ClusterError } from '../errors.js';
import { abortError } from './errors.js';
import type { Reservation } from './budget.js';

/** Deepest nesting accepted (Kubernetes objects are a few dozen levels deep; printers recurse). */
export const MAX_JSON_DEPTH = 512;
/** Bytes scanned between two yields to the event loop. */
const SLICE = 2 * 1024 * 1024;
/** Estimated heap cost of one parsed value (object, array, number, string header) beyond its bytes. */
export const VALUE_COST = 48;

const OPEN_OBJ = 0x7b;
const OPEN_ARR = 0x5b;
const CLOSE_OBJ = 0x7d;
const CLOSE_ARR = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/** Depth and value count of JSON text, resumable across slices. Strings are skipped, escapes honoured. */
export class JsonShape {
  depth = 0;
  values = 0;
  private inString = false;
  private escaped = false;

  /** Scan `b[start, end)`; returns false as soon as the nesting goes over `maxDepth`. */
  scan(b: Uint8Array, start: number, end: number, maxDepth: number): boolean {
    let { depth, values, inString, escaped } = this;
    let ok = true;
    for (let i = start; i < end; i++) {
      const c = b[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (c === QUOTE) {
        inString = true;
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        values++;
        if (++depth > maxDepth) {
          ok = false;
          break;
        }
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        depth--;
      } else if (c === COMMA) {
        values++;
      }
    }
    Object.assign(this, { depth, values, inString, escaped });
    return ok;
  }
}

export interface BoundedParseOptions {
  context: string;
  signal?: AbortSignal | undefined;
  /** Reserves the parse's estimated cost from the command's budget (kept until `release`). */
  reservation?: Reservation | undefined;
  maxDepth?: number;
  /** Message for text that is not JSON. */
  invalid: string;
}

/**
 * Parse JSON text from a cluster: depth-checked and cost-reserved in slices that yield to the event loop,
 * then `JSON.parse` (which keeps `__proto__` keys as plain data). Over the depth, over the budget or not
 * JSON: the cluster's `InvalidResponse`; an abort while scanning: its `Timeout`/`Cancelled`.
 */
export async function parseBounded<T>(body: Buffer, opts: BoundedParseOptions): Promise<T> {
  return (await parseBoundedCost<T>(body, opts)).value;
}

/** `parseBounded`, with the estimated memory the value holds. */
export async function parseBoundedCost<T>(
  body: Buffer,
  opts: BoundedParseOptions,
): Promise<{ value: T; cost: number }> {
  const { context, signal } = opts;
  const maxDepth = opts.maxDepth ?? MAX_JSON_DEPTH;
  const shape = new JsonShape();
  for (let at = 0; at < body.length; at += SLICE) {
    if (at > 0) {
      await tick();
      if (signal?.aborted) throw abortError(signal, context);
    }
    if (!shape.scan(body, at, Math.min(body.length, at + SLICE), maxDepth)) {
      throw new ClusterError(
        'InvalidResponse',
        context,
        `the server sent JSON nested deeper than ${maxDepth} levels`,
      );
    }
  }
  // The text (up to 2 bytes a character) plus every value's heap cost.
  const cost = body.length * 2 + shape.values * VALUE_COST;
  opts.reservation?.add(cost, `a response of ${shape.values} values`);
  try {
    return { value: JSON.parse(body.toString('utf8')) as T, cost: body.length + shape.values * VALUE_COST };
  } catch {
    throw new ClusterError('InvalidResponse', context, opts.invalid);
  }
}
