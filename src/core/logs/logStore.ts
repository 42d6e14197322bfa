// core/logs: where log events go. Every event is streamed live to listeners (output channel, CLI) and
// appended, as JSON lines, to one file per log stream under <stateDir>/logs/<group>/<stream>.jsonl.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Emitter, type Event } from '../common/events';

export interface LogEvent {
  /** Epoch ms. */
  timestamp: number;
  message: string;
  logGroup: string;
  logStream: string;
  functionName: string;
  /** Set for lines that belong to an invocation (platform lines and app output during it). */
  requestId?: string;
  /** platform: written by the engine (START, REPORT…); function: the runtime's stdout/stderr. */
  source: 'platform' | 'function';
}

export class LogStore {
  private readonly onLogEmitter = new Emitter<LogEvent>();
  /** Fires for every log event as it happens. */
  readonly onLog: Event<LogEvent> = this.onLogEmitter.event;
  private readonly files = new Map<string, WriteStream>();
  /** Lines waiting to be written, per file; flushed once per event-loop turn (one write, not one per line). */
  private readonly pending = new Map<WriteStream, string[]>();
  private flushScheduled = false;
  private disposed = false;

  /** @param logsDir folder for persisted streams, or undefined to keep logs in memory only. */
  constructor(private readonly logsDir: string | undefined) {}

  append(event: LogEvent): void {
    this.onLogEmitter.fire(event);
    if (!this.logsDir || this.disposed) return;
    const key = `${event.logGroup}\n${event.logStream}`;
    let file = this.files.get(key);
    if (!file) {
      file = this.open(event.logGroup, event.logStream);
      this.files.set(key, file);
    }
    let lines = this.pending.get(file);
    if (!lines) this.pending.set(file, (lines = []));
    lines.push(JSON.stringify({ timestamp: event.timestamp, message: event.message }));
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    for (const [file, lines] of this.pending) file.write(lines.join('\n') + '\n');
    this.pending.clear();
  }

  /** Path of the file that holds a stream's events. */
  streamPath(logGroup: string, logStream: string): string | undefined {
    if (!this.logsDir) return undefined;
    return join(this.logsDir, safeSegment(logGroup), safeSegment(logStream) + '.jsonl');
  }

  /** Close the file of a stream whose environment has ended. */
  closeStream(logGroup: string, logStream: string): void {
    this.flush();
    const key = `${logGroup}\n${logStream}`;
    this.files.get(key)?.end();
    this.files.delete(key);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.flush();
    this.disposed = true;
    const closing = [...this.files.values()].map((f) => new Promise<void>((res) => f.end(() => res())));
    this.files.clear();
    await Promise.all(closing);
    this.onLogEmitter.dispose();
  }

  private open(logGroup: string, logStream: string): WriteStream {
    const path = this.streamPath(logGroup, logStream)!;
    mkdirSync(join(path, '..'), { recursive: true });
    const stream = createWriteStream(path, { flags: 'a' });
    stream.on('error', () => {
      // Persisting logs is best effort; live listeners still get every event.
    });
    return stream;
  }
}

/** Log group/stream names contain '/', '[' and '$'; keep them readable but filesystem-safe. */
function safeSegment(name: string): string {
  return name.replace(/^\/+/, '').replace(/[/\\]/g, '__').replace(/[^A-Za-z0-9._\-[\]$#]/g, '_');
}
