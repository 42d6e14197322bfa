// cli: where the functions' log lines go: standard error, or with -l/--log-file (SAM CLI's flag) appended to
// that file instead, our own messages staying on standard error.
import { createWriteStream, type WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { CliOutput } from './cliOutput';

export class FunctionLogs {
  private readonly file: WriteStream | undefined;

  constructor(
    private readonly io: CliOutput,
    logFile: string | undefined,
  ) {
    this.file = logFile === undefined ? undefined : createWriteStream(resolve(logFile), { flags: 'a' });
    this.file?.on('error', (e) => io.error(e));
  }

  /** One log line of a function (a message of the engine's log store). */
  write(message: string): void {
    const text = message.replace(/\r/g, '\n') + '\n';
    if (this.file) this.file.write(text);
    else this.io.err(text);
  }

  /** Flushes and closes the file, if any. */
  close(): Promise<void> {
    const f = this.file;
    if (!f || f.closed) return Promise.resolve();
    return new Promise((done) => f.end(() => done()));
  }
}
