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

/** Writes the mark for `id` on both streams, straight to the descriptors (user code may patch the streams). */
export function syncLogs(id: string): void {
  const mark = `${LOG_SYNC_PREFIX}${id}${LOG_SYNC_END}\n`;
  for (const [fd, stream] of [
    [1, process.stdout],
    [2, process.stderr],
  ] as const) {
    try {
      writeSync(fd, mark);
    } catch {
      stream.write(mark);
    }
  }
}
