// core/packaging: content hashes for cache keys, with a stat fast path — a file whose size, mtime and inode
// are unchanged since it was hashed is not read again. The table persists across processes as JSON.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import type { SourceFile } from './fileTree';

interface Known {
  size: number;
  mtimeMs: number;
  ino: number;
  hash: string;
  hashedAt: number;
}

/** A file modified this close to when it was hashed may have changed again within the same mtime tick. */
const RACY_MS = 2000;
const CONCURRENCY = 32;

/** Base64 of the raw SHA-256 of a file: Lambda's CodeSha256 for a ZIP (lambda-semantics.md §6). */
export async function codeSha256(zipPath: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(zipPath)) h.update(chunk as Buffer);
  return h.digest('base64');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export class FileHasher {
  private known = new Map<string, Known>();
  private loaded = false;
  private dirty = false;

  /** `file`: where the table is persisted (JSON), or undefined for memory only. */
  constructor(private readonly file?: string) {}

  private async load(): Promise<void> {
    if (this.loaded || !this.file) return;
    this.loaded = true;
    try {
      const data = JSON.parse(await fsp.readFile(this.file, 'utf8')) as Record<string, Known>;
      for (const [k, v] of Object.entries(data)) if (!this.known.has(k)) this.known.set(k, v);
    } catch {
      // missing or corrupt: start empty, every file is hashed once
    }
  }

  /** The hex SHA-256 of each file's content, in order. Reads only files whose stat changed. */
  async hashAll(files: readonly Pick<SourceFile, 'source' | 'size' | 'mtimeMs' | 'ino'>[]): Promise<string[]> {
    await this.load();
    const out = new Array<string>(files.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const i = next++;
        const f = files[i];
        const k = this.known.get(f.source);
        if (k && k.size === f.size && k.mtimeMs === f.mtimeMs && k.ino === f.ino && f.mtimeMs < k.hashedAt - RACY_MS) {
          out[i] = k.hash;
          continue;
        }
        const hashedAt = Date.now();
        const hash = sha256Hex(await fsp.readFile(f.source));
        this.known.set(f.source, { size: f.size, mtimeMs: f.mtimeMs, ino: f.ino, hash, hashedAt });
        this.dirty = true;
        out[i] = hash;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
    return out;
  }

  /** Writes the table if it changed (atomically). */
  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    this.dirty = false;
    await fsp.mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, JSON.stringify(Object.fromEntries(this.known)));
    await fsp.rename(tmp, this.file);
  }
}
