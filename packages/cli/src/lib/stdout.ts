/**
 * Writing a large output as fast as its reader takes it: `process.stdout.write` to a pipe queues what
 * the reader has not taken yet, so 94 MB of `-o json` read by `jq` sat in memory at once (a 20 × 1,000
 * run peaked near 500 MiB against ~300 to /dev/null). The next chunk is made only once the queue drains.
 * A reader that goes away ends the process quietly (`exitQuietlyOnEpipe`): no wait is left pending.
 */

/** What writing needs of a stream (stdout, or a test's stand-in). */
type Out = Pick<NodeJS.WritableStream, 'write' | 'once'>;

/** Write `text` to `out`, resolving once its queue has room again (at once when it has). */
export async function writeText(text: string, out: Out = process.stdout): Promise<void> {
  if (text !== '' && !out.write(text))
    await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

/** Write each chunk to stdout, waiting for the queue to drain whenever it is full. */
export async function writeOut(chunks: Iterable<string>, out: Out = process.stdout): Promise<void> {
  for (const chunk of chunks) await writeText(chunk, out);
}
