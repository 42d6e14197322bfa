// cli: the CLI's two output streams — payloads on stdout, logs, warnings and errors on stderr. A reader
// that went away (`| head -1`) is noticed instead of crashing the process with EPIPE, and flush() lets
// the CLI exit only once everything it wrote has reached the OS (pipes are asynchronous on POSIX).
import type { Writable } from 'node:stream';
import type { Disposable } from '../core/common/disposable';
import { isWorkbenchError } from '../core/common/errors';
import { Emitter, type Event } from '../core/common/events';

/** How the CLI shows an error: `Error [CODE]: message (file:line:column)`. */
export function formatError(e: unknown): string {
  if (isWorkbenchError(e)) {
    // Messages usually cite their place already (template.yaml:12); add it only when they do not.
    const cited = e.line !== undefined && e.message.includes(`:${e.line}`);
    const where = e.file && !cited ? ` (${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''})` : '';
    return `Error [${e.code}]: ${e.message}${where}\n`;
  }
  return `Error [INTERNAL]: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
}

/** Everything the CLI writes goes through one of these (one per run, over process.stdout and stderr). */
export class CliOutput {
  private readonly closedEmitter = new Emitter<void>();
  private readonly warned = new Set<string>();
  private stdoutOpen = true;
  private stderrOpen = true;
  /** Fires once when stdout can no longer be written (its reader closed the pipe). */
  readonly onStdoutClosed: Event<void> = this.closedEmitter.event;

  constructor(
    private readonly stdout: Writable = process.stdout,
    private readonly stderr: Writable = process.stderr,
  ) {}

  /** Watches both streams for write errors; without a listener, EPIPE is an uncaught exception. */
  listen(): Disposable {
    const onStdoutError = () => this.stdoutGone();
    // Nowhere left to report a broken stderr; keep going without it.
    const onStderrError = () => void (this.stderrOpen = false);
    this.stdout.on('error', onStdoutError);
    this.stderr.on('error', onStderrError);
    return {
      dispose: () => {
        this.stdout.removeListener('error', onStdoutError);
        this.stderr.removeListener('error', onStderrError);
        this.closedEmitter.dispose();
      },
    };
  }

  /** A payload (or part of a streamed one). */
  out(data: string | Uint8Array): void {
    if (this.stdoutOpen) this.stdout.write(data);
  }

  /**
   * Resolves once stdout has taken everything written so far. A pipe reports a reader that went away
   * only when a write completes; waiting here means knowing it before starting more work whose output
   * nobody would read (and a slow reader slows the producer instead of filling memory).
   */
  async stdoutTaken(): Promise<void> {
    if (this.stdoutOpen && (await drained(this.stdout))) this.stdoutGone();
  }

  /** Anything that is not a payload: log lines, progress, messages. */
  err(text: string): void {
    if (this.stderrOpen) this.stderr.write(text);
  }

  /** Shows each distinct warning once, however often the service repeats it. */
  warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.err(`Warning: ${message}\n`);
  }

  error(e: unknown): void {
    this.err(formatError(e));
  }

  private stdoutGone(): void {
    if (!this.stdoutOpen) return;
    this.stdoutOpen = false;
    this.closedEmitter.fire();
  }

  /** Resolves once everything written so far has been handed to the OS, or the stream is gone. */
  async flush(): Promise<void> {
    await Promise.all([this.stdoutOpen && drained(this.stdout), this.stderrOpen && drained(this.stderr)]);
  }
}

/** Resolves once everything written to `stream` so far is written, with the error if a write failed. */
function drained(stream: Writable): Promise<Error | null | undefined> {
  // Writes complete in order, so an empty write's callback runs after every earlier one. (`destroyed`
  // says nothing here: process.stdout and stderr stay undestroyed after EPIPE.)
  return new Promise((resolve) => stream.write('', resolve));
}
