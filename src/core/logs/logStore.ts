// core/logs: where log events go. Every event is streamed live to listeners (output channel, CLI) and
// appended, as JSON lines, to one file per log stream under <stateDir>/logs/<group>/<stream>.jsonl,
// kept within age and size limits (pruned at engine start, at most once a minute across engines, and whenever a
// stream closes while the engine runs: a one-shot CLI leaves a stream per run, and a prune stats each one).
import { createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { realClock, type Clock } from '../common/clock';
import { Emitter, type Event } from '../common/events';
import { DEFAULT_LOG_MAX_AGE_MS, DEFAULT_LOG_MAX_BYTES, pruneLogs, type RetentionLimits } from './logRetention';
import { mkdirStateSync } from '../store/stateFolders';

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

export interface LogStoreOptions extends Partial<RetentionLimits> {
  /** Stream ages come from file times, compared across processes: wall-clock time (tests pass a virtual clock). */
  clock?: Clock;
}

/** In the logs folder (a file, so the prune, which walks group folders, passes it by). */
const PRUNE_STAMP = '.pruned';
const START_PRUNE_INTERVAL_MS = 60_000;

export class LogStore {
  private readonly onLogEmitter = new Emitter<LogEvent>();
  /** Fires for every log event as it happens. */
  readonly onLog: Event<LogEvent> = this.onLogEmitter.event;
  private readonly files = new Map<string, WriteStream>();
  /** Lines waiting to be written, per file; flushed once per event-loop turn (one write, not one per line). */
  private readonly pending = new Map<WriteStream, string[]>();
  private flushScheduled = false;
  private disposed = false;
  private readonly limits: RetentionLimits;
  private readonly clock: Clock;
  private pruning: Promise<void> = Promise.resolve();
  private pruneQueued = false;
  /** Set once the engine shuts down: its streams' closing prunes no more (the next start does). */
  private shuttingDown = false;
  /** Streams closed but not yet flushed to disk; a prune waits for them. */
  private readonly closing = new Set<Promise<void>>();

  /** @param logsDir folder for persisted streams, or undefined to keep logs in memory only. */
  constructor(
    private readonly logsDir: string | undefined,
    options: LogStoreOptions = {},
  ) {
    this.limits = { maxAgeMs: options.maxAgeMs ?? DEFAULT_LOG_MAX_AGE_MS, maxBytes: options.maxBytes ?? DEFAULT_LOG_MAX_BYTES };
    this.clock = options.clock ?? realClock;
  }

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

  /**
   * The engine-start prune: skipped when any engine sharing the folder did one in the last minute (its stamp,
   * `.pruned`), so back-to-back one-shot commands do not each stat every stream.
   */
  async pruneAtStart(): Promise<void> {
    if (!this.logsDir) return;
    const stamp = join(this.logsDir, PRUNE_STAMP);
    const last = await fsp.stat(stamp).then((s) => s.mtimeMs, () => undefined);
    const now = this.clock.now();
    if (last !== undefined && now - last >= 0 && now - last < START_PRUNE_INTERVAL_MS) return;
    await this.prune();
    await fsp.writeFile(stamp, '').catch(() => undefined);
  }

  /** The engine shuts down: closing its streams no longer prunes (the next engine start does). */
  stopPruning(): void {
    this.shuttingDown = true;
  }

  /** Close the file of a stream whose environment has ended, then prune within the limits. */
  closeStream(logGroup: string, logStream: string): void {
    this.flush();
    const key = `${logGroup}\n${logStream}`;
    const file = this.files.get(key);
    this.files.delete(key);
    if (!file) return;
    const closed = new Promise<void>((res) => file.end(() => res()));
    this.closing.add(closed);
    void closed.then(() => this.closing.delete(closed));
    if (!this.disposed && !this.shuttingDown) this.prune().catch(() => undefined);
  }

  /**
   * Deletes streams past the age limit, then the least recently written past the size limit; never a
   * stream this store has open. Calls made while one runs share the next run.
   */
  prune(): Promise<void> {
    if (!this.logsDir) return Promise.resolve();
    if (this.pruneQueued) return this.pruning;
    this.pruneQueued = true;
    const dir = this.logsDir;
    this.pruning = this.pruning.then(async () => {
      this.pruneQueued = false;
      await Promise.all(this.closing);
      const open = new Set([...this.files.values()].map((f) => String(f.path)));
      await pruneLogs(dir, this.limits, this.clock.now(), open);
    });
    const run = this.pruning;
    this.pruning = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.flush();
    this.disposed = true;
    const closing = [...this.files.values()].map((f) => new Promise<void>((res) => f.end(() => res())));
    this.files.clear();
    await Promise.all([...closing, ...this.closing, this.pruning]);
    this.onLogEmitter.dispose();
  }

  private open(logGroup: string, logStream: string): WriteStream {
    const path = this.streamPath(logGroup, logStream)!;
    mkdirStateSync(join(path, '..'));
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
