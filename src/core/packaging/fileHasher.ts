// core/packaging: content hashes for cache keys, with a stat fast path — a file whose size, mtime and inode
// are unchanged since it was hashed is not read again. The table persists across processes as a journal of
// JSON lines: a save appends what changed (an edit: one line), and the journal is rewritten when mostly stale.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SourceFile } from './fileTree';
import { TimeSlicer } from './timeSlicer';

interface Known {
  size: number;
  mtimeMs: number;
  ino: number;
  hash: string;
  hashedAt: number;
}

/** A file modified this close to when it was hashed may have changed again within the same mtime tick. */
const RACY_MS = 2000;
/** Files up to this size are read synchronously in time slices (a few µs each); bigger ones streamed. */
const SYNC_BELOW = 1024 * 1024;
/** At most this many bytes of what hashAll read are kept for the caller (a ZIP written next). */
export const KEEP_BYTES = 64 * 1024 * 1024;

/** Base64 of the raw SHA-256 of a file: Lambda's CodeSha256 for a ZIP (lambda-semantics.md §6). */
export async function codeSha256(zipPath: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(zipPath)) h.update(chunk as Buffer);
  return h.digest('base64');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hex SHA-256 of a file's content, streamed. */
export async function fileSha256Hex(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** One journal line: path, size, mtimeMs, ino, hash, hashedAt. */
type Line = [string, number, number, number, string, number];

/** The journal is rewritten once it has this many lines per live entry (and a minimum). */
const COMPACT_RATIO = 3;
const COMPACT_MIN_LINES = 10_000;

export class FileHasher {
  private known = new Map<string, Known>();
  private loaded = false;
  /** Paths whose entry changed since the last save (an entry removed by forget() is written as a tombstone). */
  private readonly changed = new Set<string>();
  private lines = 0;

  /** `file`: where the journal is kept (JSON lines), or undefined for memory only. */
  constructor(private readonly file?: string) {}

  private async load(): Promise<void> {
    if (this.loaded || !this.file) return;
    this.loaded = true;
    let text: string;
    try {
      text = await fsp.readFile(this.file, 'utf8');
    } catch {
      return; // missing: every file is hashed once
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      this.lines++;
      try {
        const [path, size, mtimeMs, ino, hash, hashedAt] = JSON.parse(line) as Line;
        if (this.changed.has(path)) continue; // known better here already
        if (hash) this.known.set(path, { size, mtimeMs, ino, hash, hashedAt });
        else this.known.delete(path);
      } catch {
        // a torn line (two processes appending, a kill mid-write): that file is hashed again
      }
    }
  }

  /**
   * The hex SHA-256 of each file's content, in order. Reads only files whose stat changed. With `keep`, the
   * contents it did read (up to KEEP_BYTES in all) are left there by source path, so a caller that writes
   * them next need not read them again.
   */
  async hashAll(files: readonly Pick<SourceFile, 'source' | 'size' | 'mtimeMs' | 'ino'>[], keep?: Map<string, Buffer>): Promise<string[]> {
    await this.load();
    const out = new Array<string>(files.length);
    const slicer = new TimeSlicer();
    let kept = 0;
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      const k = this.known.get(f.source);
      if (k && k.size === f.size && k.mtimeMs === f.mtimeMs && k.ino === f.ino && f.mtimeMs < k.hashedAt - RACY_MS) {
        out[i] = k.hash;
        continue;
      }
      const hashedAt = Date.now();
      let hash: string;
      if (f.size < SYNC_BELOW) {
        const data = readFileSync(f.source);
        hash = sha256Hex(data);
        if (keep && kept + data.length <= KEEP_BYTES) {
          keep.set(f.source, data);
          kept += data.length;
        }
        await slicer.tick();
      } else {
        hash = await fileSha256Hex(f.source);
      }
      this.known.set(f.source, { size: f.size, mtimeMs: f.mtimeMs, ino: f.ino, hash, hashedAt });
      this.changed.add(f.source);
      out[i] = hash;
    }
    return out;
  }

  /** Drops what is known about `path`: its next hash reads it, whatever its stat says. */
  forget(path: string): void {
    if (this.known.delete(path)) this.changed.add(path);
  }

  /** Persists what changed: appended to the journal, or the journal rewritten (atomically) when mostly stale. */
  async save(): Promise<void> {
    if (!this.file || this.changed.size === 0) return;
    const paths = [...this.changed];
    this.changed.clear();
    const line = (p: string): string => {
      const k = this.known.get(p);
      return JSON.stringify(k ? ([p, k.size, k.mtimeMs, k.ino, k.hash, k.hashedAt] satisfies Line) : [p, 0, 0, 0, '', 0]) + '\n';
    };
    await fsp.mkdir(dirname(this.file), { recursive: true });
    if (this.lines + paths.length <= Math.max(COMPACT_MIN_LINES, COMPACT_RATIO * this.known.size)) {
      // One write per save, O_APPEND: lines of other processes' saves never interleave within ours.
      await fsp.appendFile(this.file, paths.map(line).join(''));
      this.lines += paths.length;
      return;
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, [...this.known.keys()].map(line).join(''));
    await fsp.rename(tmp, this.file);
    this.lines = this.known.size;
  }
}
