// core/store: an append-only journal file of JSON records, for the async queue and the local queues
// (ARCHITECTURE.md "State on disk"). Each line is `<crc32 hex> <json>\n`; appends are group-committed
// (records that arrive while an fsync runs share the next one), and `append` resolves only after the
// fsync, so an acknowledged record survives a crash. Reading detects a corrupt or truncated line, reports
// it with the file and byte offset, keeps every good record, and moves the bad bytes aside.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { tempPathFor } from './tempFiles';

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE) of a string's UTF-8 bytes, as 8 hex digits. */
export function crc32(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  let c = 0xffffffff;
  for (const b of bytes) c = TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

export function encodeLine(record: unknown): string {
  const json = JSON.stringify(record);
  return `${crc32(json)} ${json}\n`;
}

/** A stretch of the file that could not be read back. */
export interface JournalDamage {
  file: string;
  /** Byte offset of the first unreadable byte. */
  offset: number;
  length: number;
  reason: 'truncated' | 'checksum' | 'syntax';
}

export interface JournalContents<T> {
  records: T[];
  damage: JournalDamage[];
}

/** Parses journal bytes: good records in order, and where the bad lines are. */
export function parseJournal<T>(file: string, data: Buffer): JournalContents<T> {
  const records: T[] = [];
  const damage: JournalDamage[] = [];
  let offset = 0;
  while (offset < data.length) {
    const nl = data.indexOf(0x0a, offset);
    if (nl < 0) {
      damage.push({ file, offset, length: data.length - offset, reason: 'truncated' });
      break;
    }
    const line = data.subarray(offset, nl).toString('utf8');
    const bad = (reason: JournalDamage['reason']) => damage.push({ file, offset, length: nl + 1 - offset, reason });
    const m = /^([0-9a-f]{8}) (.*)$/s.exec(line);
    if (!m) bad('syntax');
    else if (crc32(m[2]) !== m[1]) bad('checksum');
    else {
      try {
        records.push(JSON.parse(m[2]) as T);
      } catch {
        bad('syntax');
      }
    }
    offset = nl + 1;
  }
  return { records, damage };
}

export function describeDamage(d: JournalDamage): string {
  const what = d.reason === 'truncated' ? 'a truncated last record (a write cut short by a crash)' : d.reason === 'checksum' ? 'a record whose checksum does not match' : 'an unreadable record';
  return `${d.file} has ${what} at byte offset ${d.offset} (${d.length} bytes)`;
}

/**
 * One journal file. `open` reads what is there (repairing damage: bad bytes go to `<file>.corrupt-<offset>`
 * and the file is rewritten with the good records), then `append` adds records durably.
 */
export class Journal<T> {
  private fh: fsp.FileHandle | undefined;
  private pending: { line: string; done: () => void; fail: (e: unknown) => void }[] = [];
  private flushScheduled = false;
  /** Writes, compactions and close run one after another on this chain. */
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  /** Lines in the file (good records), for deciding when to compact. */
  lines = 0;
  bytes = 0;
  /** fsyncs made by appends (fewer than appends when they share one: group commit). */
  syncs = 0;

  private constructor(readonly file: string) {}

  static async open<T>(file: string, onDamage: (d: JournalDamage) => void): Promise<{ journal: Journal<T>; records: T[] }> {
    const j = new Journal<T>(file);
    await fsp.mkdir(dirname(file), { recursive: true });
    let data: Buffer;
    try {
      data = await fsp.readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      data = Buffer.alloc(0);
    }
    const { records, damage } = parseJournal<T>(file, data);
    if (damage.length) {
      for (const d of damage) {
        await fsp.writeFile(`${file}.corrupt-${d.offset}`, data.subarray(d.offset, d.offset + d.length));
        onDamage(d);
      }
      await j.rewrite(records);
    } else {
      j.lines = records.length;
      j.bytes = data.length;
    }
    j.fh = await fsp.open(file, 'a');
    if (data.length === 0) await syncDir(dirname(file));
    return { journal: j, records };
  }

  /** Appends records; resolves once they are on disk (fsync). Concurrent appends share one fsync. */
  append(...records: T[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`Journal ${this.file} is closed`));
    const line = records.map(encodeLine).join('');
    const p = new Promise<void>((done, fail) => this.pending.push({ line, done, fail }));
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      void this.serial(() => this.flush());
    }
    return p;
  }

  private serial(op: () => Promise<void>): Promise<void> {
    const run = this.chain.then(op);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Writes everything pending in one write and one fsync; what arrives meanwhile goes in the next batch. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    try {
      const text = batch.map((b) => b.line).join('');
      await this.fh!.write(text);
      await this.fh!.datasync();
      this.syncs++;
      this.bytes += Buffer.byteLength(text);
      this.lines += batch.reduce((n, b) => n + (b.line.match(/\n/g)?.length ?? 0), 0);
      for (const b of batch) b.done();
    } catch (e) {
      for (const b of batch) b.fail(e);
    }
  }

  /**
   * Replaces the whole file with `snapshot()` atomically (compaction). The snapshot is taken when the
   * rewrite runs, after every earlier append is on disk, so it includes them.
   */
  compact(snapshot: () => T[]): Promise<void> {
    return this.serial(async () => {
      const old = this.fh;
      await this.rewrite(snapshot());
      this.fh = await fsp.open(this.file, 'a');
      await old?.close();
    });
  }

  private async rewrite(records: T[]): Promise<void> {
    const tmp = tempPathFor(this.file);
    const text = records.map(encodeLine).join('');
    const fh = await fsp.open(tmp, 'w');
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, this.file);
    await syncDir(dirname(this.file));
    this.lines = records.length;
    this.bytes = Buffer.byteLength(text);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.serial(async () => {
      await this.fh?.close();
      this.fh = undefined;
    });
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await fsp.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some file systems refuse to fsync a directory; the rename is then as durable as they make it.
  }
}
