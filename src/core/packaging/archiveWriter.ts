// core/packaging: writes a deployment package with archiver (the design card's ZIP library), reproducibly:
// entries sorted by name, every timestamp 1980-01-01 00:00, modes 0644 / 0755 (0755 for files with
// an execute bit), no directory entries. Written to a temp file and renamed, so a ZIP is never half there.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, promises as fsp, readFileSync, writeSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { PackagingError, SourceChangedError } from './errors';
import { byName } from './fileTree';
import { PollSpinner } from './pollSpinner';
import { TimeSlicer } from './timeSlicer';
import type { PackageFile, ProgressListener } from './types';

/** DOS timestamps are local wall-clock fields: a local 1980-01-01 keeps the bytes the same in every zone. */
const FIXED_DATE = new Date(1980, 0, 1, 0, 0, 0);
/** Files up to this size are handed to archiver as buffers (its cheapest input); bigger ones streamed. */
const BUFFER_BELOW = 8 * 1024 * 1024;
/** At most this many bytes of buffers wait in archiver's queue; reading pauses until it catches up. */
const QUEUED_BYTES = 32 * 1024 * 1024;
/** The ZIP's bytes are written in batches of about this size. */
const WRITE_BATCH = 4 * 1024 * 1024;

/** Executable bits are kept as they are, not added: a bootstrap without one fails here as in Lambda (§1.7). */
export function zipMode(f: Pick<PackageFile, 'executable'>): number {
  return f.executable ? 0o755 : 0o644;
}

/** A file to write; with `sha`, its bytes are checked against it (hex SHA-256) as they are read. */
export interface ZipInput extends PackageFile {
  sha?: string;
}

export interface WriteZipOptions {
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  /** Bytes already read and hashed, by source path (what hashing kept), used instead of reading again. */
  kept?: ReadonlyMap<string, Buffer>;
  /** Names the package in a SourceChangedError. */
  label?: string;
}

export interface WrittenZip {
  /** ZIP size in bytes. */
  size: number;
  /** Base64 of the raw SHA-256 of the ZIP bytes, computed as they are written (lambda-semantics.md §6). */
  codeSha256: string;
}

/** Writes `files` to `outPath` and returns the ZIP's size in bytes. */
export async function writeZip(files: readonly PackageFile[], outPath: string, opts: WriteZipOptions = {}): Promise<number> {
  return (await writeZipFile(files, outPath, opts)).size;
}

/** Passes a large file through, checking its SHA-256 at the end. */
class ShaCheck extends Transform {
  private readonly hash = createHash('sha256');
  constructor(
    private readonly expected: string,
    private readonly onMismatch: () => Error,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    cb(this.hash.digest('hex') === this.expected ? null : this.onMismatch());
  }
}

/**
 * Writes `files` to `outPath` and returns its size and CodeSha256. Entries are appended as buffers read
 * synchronously in time slices (archiver's per-entry work is the cost; reads through the thread pool would
 * add to it), with a bound on what waits in archiver's queue. Throws SourceChangedError when a file's bytes
 * differ from its `sha`.
 */
export async function writeZipFile(files: readonly ZipInput[], outPath: string, opts: WriteZipOptions = {}): Promise<WrittenZip> {
  const sorted = [...files].sort(byName);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].name === sorted[i - 1].name) throw new PackagingError('BUILD_FAILED', `Two files map to "${sorted[i].name}" in the package.`);
  }
  const label = opts.label ?? `"${outPath}"`;
  // archiver 8 is an ES module; a dynamic import loads it from our CommonJS output (and esbuild bundles it).
  const { ZipArchive } = await import('archiver');
  const tmp = `${outPath}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx');
  const archive = new ZipArchive({ zlib: { level: 6 }, forceLocalTime: true });
  const digest = createHash('sha256');
  // archiver emits each header field as its own chunk: they are copied into one batch as they come (so the
  // little buffers die young instead of surviving scavenges until a flush) and written (and hashed) in large
  // synchronous writes, which keeps file writes out of the thread pool that deflates the entries.
  let batch: Buffer | undefined;
  let batched = 0;
  const writeOut = (b: Buffer): void => {
    digest.update(b);
    for (let off = 0; off < b.length; ) off += writeSync(fd, b, off);
  };
  const flush = (): void => {
    if (batched === 0 || !batch) return;
    writeOut(batch.subarray(0, batched));
    batched = 0;
  };
  const add = (chunk: Buffer): void => {
    if (batched + chunk.length > WRITE_BATCH) flush();
    if (chunk.length >= WRITE_BATCH) return writeOut(chunk);
    batch ??= Buffer.allocUnsafe(WRITE_BATCH);
    batched += chunk.copy(batch, batched);
  };
  let changed: Error | undefined;
  let fail: (e: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  archive.on('error', (e) => fail(changed ?? e));
  const ended = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  // The loop keeps turning while archiver makes progress (pollSpinner.ts): its zlib round trips are the cost.
  const spinner = new PollSpinner();
  archive.on('data', (chunk: Buffer) => {
    spinner.progress();
    try {
      add(chunk);
    } catch (e) {
      fail(e as Error); // a full disk, say: the writer gives up below
    }
  });
  // Queued bytes go down as archiver finishes entries; the reader waits on this when it is ahead.
  let queued = 0;
  let wake: (() => void) | undefined;
  archive.on('entry', (data: { sourceSize?: number }) => {
    queued -= data.sourceSize ?? 0;
    spinner.entryDone();
    wake?.();
  });
  const slicer = new TimeSlicer();
  spinner.progress();
  try {
    for (let i = 0; i < sorted.length; i++) {
      const f = sorted[i];
      if (opts.signal?.aborted) throw new PackagingError('BUILD_FAILED', `Writing "${outPath}" was cancelled.`);
      const entry = { name: f.name, date: FIXED_DATE, mode: zipMode(f), sourceSize: 0 };
      if (typeof f.source !== 'string' || f.size < BUFFER_BELOW) {
        const kept = typeof f.source === 'string' ? opts.kept?.get(f.source) : undefined;
        const data = typeof f.source !== 'string' ? f.source : (kept ?? readFileSync(f.source));
        // Kept bytes are the very bytes the build hashed: their hash is not taken again.
        if (f.sha !== undefined && (data.length !== f.size || (!kept && createHash('sha256').update(data).digest('hex') !== f.sha))) {
          throw new SourceChangedError(label, typeof f.source === 'string' ? f.source : f.name);
        }
        entry.sourceSize = data.length;
        queued += data.length;
        archive.append(data, entry);
      } else {
        const source = f.source;
        const stream = createReadStream(source);
        const checked = f.sha === undefined ? stream : stream.pipe(new ShaCheck(f.sha, () => (changed = new SourceChangedError(label, source))));
        archive.append(checked, entry);
      }
      if (i % 500 === 0) opts.onProgress?.({ phase: 'zip', done: i, total: sorted.length, message: f.name });
      while (queued > QUEUED_BYTES) await Promise.race([new Promise<void>((r) => (wake = r)), failed]);
      await slicer.tick();
    }
    await Promise.race([archive.finalize(), failed]);
    await Promise.race([ended, failed]);
    flush();
    closeSync(fd);
    spinner.stop();
    await fsp.rename(tmp, outPath);
  } catch (e) {
    spinner.stop();
    archive.abort();
    try {
      closeSync(fd);
    } catch {
      // closed already
    }
    await fsp.rm(tmp, { force: true });
    if (e instanceof PackagingError) throw e;
    throw new PackagingError('BUILD_FAILED', `Cannot write the ZIP "${outPath}": ${(e as Error).message}`, { cause: e });
  }
  opts.onProgress?.({ phase: 'zip', done: sorted.length, total: sorted.length, message: 'written' });
  return { size: archive.pointer(), codeSha256: digest.digest('base64') };
}
