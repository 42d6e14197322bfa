// In-environment Node.js runtime: output that cannot be lost or reordered. stdout/stderr are made blocking
// (a pipe is asynchronous in Node, so lines still queued die with a crashing or exiting process), and before
// each call that ends a phase (init done, response, error) the runtime writes a log-sync mark on both
// streams; the host holds END until it has read the mark, so every line lands in its own invocation.
// The host strips the marks (core/runtime/runtimeProcess.ts imports these constants).
import { writeSync } from 'node:fs';

export const LOG_SYNC_PREFIX = '\u0000lambda-workbench-log-sync ';
export const LOG_SYNC_END = '\u0000';

interface BlockingHandle {
  setBlocking?(blocking: boolean): unknown;
}

/** Makes writes to stdout and stderr synchronous when they are pipes (Node's own API for its stdio handles). */
export function makeStdioBlocking(): void {
  for (const s of [process.stdout, process.stderr]) {
    const handle = (s as unknown as { _handle?: BlockingHandle })._handle;
    handle?.setBlocking?.(true);
  }
}

/** The header that tells the host which streams carry a mark for this call: a bitmask, 1 stdout, 2 stderr. */
export const LOG_SYNC_HEADER = 'Lambda-Workbench-Log-Sync';

/** Streams written since their last mark (bitmask as above): a call after no output costs no mark at all. */
let written = 0;

/** Notes writes to stdout and stderr, so that only streams with output get a mark. */
export function trackStdio(): void {
  for (const [bit, stream] of [
    [1, process.stdout],
    [2, process.stderr],
  ] as const) {
    const write = stream.write;
    stream.write = function (this: NodeJS.WriteStream, ...args: unknown[]): boolean {
      written |= bit;
      return (write as (...a: unknown[]) => boolean).apply(this, args);
    } as typeof stream.write;
  }
}

/**
 * Writes the mark for `id` on each stream written since its last mark, straight to the descriptor (user code
 * may patch the streams); returns which streams got one, for the LOG_SYNC_HEADER. `all` marks both anyway.
 */
export function syncLogs(id: string, all = false): number {
  const mask = all ? 3 : written;
  written = 0;
  if (mask === 0) return 0;
  const mark = `${LOG_SYNC_PREFIX}${id}${LOG_SYNC_END}\n`;
  if (mask & 1) writeMark(1, process.stdout, mark);
  if (mask & 2) writeMark(2, process.stderr, mark);
  return mask;
}

function writeMark(fd: number, stream: NodeJS.WriteStream, mark: string): void {
  try {
    writeSync(fd, mark);
  } catch {
    stream.write(mark);
  }
}
