// core/packaging: writes a deployment package with archiver (the design card's ZIP library), reproducibly:
// entries sorted by name, every timestamp 1980-01-01 00:00, modes 0644 / 0755 (0755 for files with
// an execute bit), no directory entries. Written to a temp file and renamed, so a ZIP is never half there.
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fsp, readFileSync } from 'node:fs';
import { PackagingError } from './errors';
import { byName } from './fileTree';
import type { PackageFile, ProgressListener } from './types';

/** DOS timestamps are local wall-clock fields: a local 1980-01-01 keeps the bytes the same in every zone. */
const FIXED_DATE = new Date(1980, 0, 1, 0, 0, 0);
/** Small files are read synchronously (a few µs each), large ones streamed. */
const SYNC_BELOW = 256 * 1024;

/** Executable bits are kept as they are, not added: a bootstrap without one fails here as in Lambda (§1.7). */
export function zipMode(f: PackageFile): number {
  return f.executable ? 0o755 : 0o644;
}

export interface WriteZipOptions {
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

/** Writes `files` to `outPath` and returns the ZIP's size in bytes. */
export async function writeZip(files: readonly PackageFile[], outPath: string, opts: WriteZipOptions = {}): Promise<number> {
  const sorted = [...files].sort(byName);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].name === sorted[i - 1].name) throw new PackagingError('BUILD_FAILED', `Two files map to "${sorted[i].name}" in the package.`);
  }
  // archiver 8 is an ES module; a dynamic import loads it from our CommonJS output (and esbuild bundles it).
  const { ZipArchive } = await import('archiver');
  const tmp = `${outPath}.${randomBytes(6).toString('hex')}.tmp`;
  const out = createWriteStream(tmp, { flags: 'wx' });
  const archive = new ZipArchive({ zlib: { level: 6 }, forceLocalTime: true });
  const failed = new Promise<never>((_, reject) => {
    archive.on('error', reject);
    out.on('error', reject);
  });
  failed.catch(() => undefined);
  const closed = new Promise<void>((resolve) => out.on('close', () => resolve()));
  archive.pipe(out);
  try {
    sorted.forEach((f, i) => {
      if (opts.signal?.aborted) throw new PackagingError('BUILD_FAILED', `Writing "${outPath}" was cancelled.`);
      const data = typeof f.source !== 'string' ? f.source : f.size < SYNC_BELOW ? readFileSync(f.source) : undefined;
      const entry = { name: f.name, date: FIXED_DATE, mode: zipMode(f) };
      if (data) archive.append(data, entry);
      else archive.file(f.source as string, entry);
      if (i % 500 === 0) opts.onProgress?.({ phase: 'zip', done: i, total: sorted.length, message: f.name });
    });
    await Promise.race([archive.finalize(), failed]);
    await Promise.race([closed, failed]);
    await fsp.rename(tmp, outPath);
  } catch (e) {
    archive.abort();
    out.destroy();
    await fsp.rm(tmp, { force: true });
    if (e instanceof PackagingError) throw e;
    throw new PackagingError('BUILD_FAILED', `Cannot write the ZIP "${outPath}": ${(e as Error).message}`, { cause: e });
  }
  opts.onProgress?.({ phase: 'zip', done: sorted.length, total: sorted.length, message: 'written' });
  return archive.pointer();
}
