// core/history: the invocation history under the state directory: one append-only JSON-lines file per
// function (history/<function>.jsonl), bounded by count and size per function. Recording never touches
// the disk on the invoke path: records are queued and written in batches a moment later (and on flush).
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { toRecord, type HistoryRecord, type InvocationEvent } from './historyRecord';
import { mkdirStateSync } from '../store/stateFolders';

export interface HistoryLimits {
  /** Records kept per function (newest first). Default 100. */
  maxEntriesPerFunction: number;
  /** Bytes of history kept per function. Default 4 MiB. */
  maxBytesPerFunction: number;
  /** How long records wait to be written together. Default 200 ms. */
  batchDelayMs: number;
}

const DEFAULTS: HistoryLimits = { maxEntriesPerFunction: 100, maxBytesPerFunction: 4 * 1024 * 1024, batchDelayMs: 200 };

/** A function name as a file name: names are [A-Za-z0-9-_] in Lambda; anything else is escaped. */
const fileOf = (fn: string): string => `${encodeURIComponent(fn).replace(/\./g, '%2E')}.jsonl`;
const fnOf = (file: string): string => decodeURIComponent(file.slice(0, -'.jsonl'.length));

interface Pending {
  event: InvocationEvent;
  finishedAt: number;
}

export class HistoryStore {
  private readonly limits: HistoryLimits;
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Lines per function file as last seen, to know when to compact without reading the file each time. */
  private readonly lines = new Map<string, number>();

  constructor(
    private readonly dir: string,
    private readonly resolveName: (name: string) => string | undefined,
    private readonly warn: (message: string) => void,
    limits: Partial<HistoryLimits> = {},
  ) {
    this.limits = { ...DEFAULTS, ...limits };
  }

  /** Queues an invocation; returns at once (the write happens in the next batch). */
  record(event: InvocationEvent): void {
    this.queue.push({ event, finishedAt: Date.now() });
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.limits.batchDelayMs);
      this.timer.unref?.();
    }
  }

  /** Writes everything queued so far; resolves when it is on disk. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length) this.writing = this.writing.then(() => this.write(batch)).catch((e: unknown) => this.warn(`Could not write the invocation history in ${this.dir}: ${(e as Error).message}`));
    return this.writing;
  }

  /** Functions that have a history. */
  async functions(): Promise<string[]> {
    await this.flush();
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.jsonl')).map(fnOf).sort();
  }

  /** A function's records, newest first; every function's (newest first) without a name. */
  async list(functionName?: string): Promise<HistoryRecord[]> {
    await this.flush();
    const fns = functionName !== undefined ? [this.resolveName(functionName) ?? functionName] : await this.functions();
    const all = (await Promise.all(fns.map(async (f) => (await this.read(f)).slice(0, this.limits.maxEntriesPerFunction)))).flat();
    return all.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** One record by id (a unique prefix of it is enough). */
  async get(id: string): Promise<HistoryRecord> {
    const all = await this.list();
    const exact = all.find((r) => r.id === id);
    if (exact) return exact;
    const matches = id.length >= 4 ? all.filter((r) => r.id.startsWith(id)) : [];
    if (matches.length === 1) return matches[0];
    throw new WorkbenchError(
      'HISTORY_NOT_FOUND',
      matches.length > 1
        ? `Invocation id "${id}" is ambiguous: ${matches.length} invocations start with it. Give more of the id.`
        : `No invocation "${id}" in the history (${this.dir}). List them with \`lambda-workbench history\`.`,
    );
  }

  private async read(fn: string): Promise<HistoryRecord[]> {
    const file = join(this.dir, fileOf(fn));
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return '';
      throw e;
    });
    const out: HistoryRecord[] = [];
    const lines = text.split('\n');
    let bad = 0;
    for (const line of lines) {
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as HistoryRecord);
      } catch {
        bad++;
      }
    }
    // A torn last line is what a killed writer leaves; anything else is worth saying.
    if (bad > 1 || (bad === 1 && text.endsWith('\n'))) this.warn(`Skipped ${bad} unreadable line${bad === 1 ? '' : 's'} in the invocation history ${file}.`);
    this.lines.set(fn, out.length);
    return out.reverse();
  }

  /**
   * Appends a batch. The append is synchronous: a batch is a few KB, and each thread-pool round trip of the
   * asynchronous calls it replaced cost more than the writing on a one-shot CLI's way out (issue 10).
   */
  private async write(batch: Pending[]): Promise<void> {
    mkdirStateSync(this.dir);
    const byFn = new Map<string, string[]>();
    for (const p of batch) {
      let logicalId: string | undefined;
      try {
        logicalId = this.resolveName(p.event.functionName);
      } catch {
        logicalId = undefined;
      }
      const record = toRecord(p.event, logicalId, p.finishedAt);
      const lines = byFn.get(record.functionName) ?? [];
      lines.push(JSON.stringify(record));
      byFn.set(record.functionName, lines);
    }
    for (const [fn, lines] of byFn) {
      const file = join(this.dir, fileOf(fn));
      const size = appendLines(file, lines);
      const known = this.lines.get(fn);
      this.lines.set(fn, known === undefined ? countLines(file) : known + lines.length);
      // Compacted with some slack on the count (reads return at most the bound), so a busy function is not
      // rewritten after every batch.
      const max = this.limits.maxEntriesPerFunction;
      if ((this.lines.get(fn) ?? 0) > max + Math.ceil(max / 2) || size > this.limits.maxBytesPerFunction) await this.compact(fn, file);
    }
  }

  /** Keeps the newest records within both bounds; written beside and renamed over, so a crash keeps one whole file. */
  private async compact(fn: string, file: string): Promise<void> {
    const newestFirst = await this.read(fn);
    const kept: string[] = [];
    let bytes = 0;
    for (const r of newestFirst) {
      const line = JSON.stringify(r) + '\n';
      if (kept.length >= this.limits.maxEntriesPerFunction || bytes + Buffer.byteLength(line) > this.limits.maxBytesPerFunction) break;
      kept.push(line);
      bytes += Buffer.byteLength(line);
    }
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, kept.reverse().join(''));
    await rename(tmp, file);
    this.lines.set(fn, kept.length);
  }
}

/** Appends `lines` to `file` (after a newline when a killed writer left a torn last line); returns the new size. */
function appendLines(file: string, lines: readonly string[]): number {
  const fd = openSync(file, 'a+');
  try {
    const { size } = fstatSync(fd);
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      // A torn line left by a killed writer must not swallow the next record.
      if (last[0] !== 0x0a) prefix = '\n';
    }
    const bytes = Buffer.from(prefix + lines.join('\n') + '\n');
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
    return size + bytes.length;
  } finally {
    closeSync(fd);
  }
}

/** Lines in a history file (its records, a torn last one included: the count only decides when to compact). */
function countLines(file: string): number {
  const text = readFileSync(file);
  let n = 0;
  for (let i = text.indexOf(0x0a); i !== -1; i = text.indexOf(0x0a, i + 1)) n++;
  return text.length > 0 && text[text.length - 1] !== 0x0a ? n + 1 : n;
}
