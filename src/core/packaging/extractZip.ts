// core/packaging: safe ZIP extraction with yauzl. Refuses path traversal, links leaving the destination,
// duplicates and ZIP bombs with UNSAFE_ARCHIVE + a reason; extracts into a temp sibling renamed into place.
import { createWriteStream, promises as fsp } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inflateRawSync } from 'node:zlib';
import * as yauzl from 'yauzl';
import { PackagingError, type UnsafeArchiveReason } from './errors';
import { formatBytes } from './sizeLimits';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './types';
import { entryKind, resolveLinkTarget, safeEntryName } from './zipEntryRules';
import { crc32 } from './crc32';

const MAX_LINK_TARGET = 4096;
/** Entries up to this size are read whole and written in parallel; bigger ones are streamed. */
const BUFFER_BELOW = 1024 * 1024;
const PARALLEL_WRITES = 32;
const IN_MEMORY_BELOW = 64 * 1024 * 1024;

/** The permission bits the umask lets through, probed once per extraction (process.umask() is deprecated). */
async function allowedBits(dir: string): Promise<number> {
  const probe = join(dir, '.umask-probe');
  await fsp.writeFile(probe, '', { mode: 0o777 });
  const { mode } = await fsp.stat(probe);
  await fsp.rm(probe);
  return mode & 0o777;
}

async function writeFile(target: string, data: Buffer, mode: number, allowed: number): Promise<void> {
  await fsp.writeFile(target, data, { flag: 'wx', mode });
  if ((mode & allowed) !== mode) await fsp.chmod(target, mode); // exact, whatever the umask
}

function unsafe(reason: UnsafeArchiveReason, zipPath: string, detail: string): PackagingError {
  return new PackagingError('UNSAFE_ARCHIVE', `Refused to extract "${zipPath}": ${detail} (${reason}).`, { reason, file: zipPath });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A small entry's content, inflated in one call (a zlib stream per entry costs more than the inflating) and
 * checked like yauzl checks streams: never more than the declared size, then exact size and CRC-32.
 */
async function readSmall(zip: yauzl.ZipFile, entry: yauzl.Entry, zipPath: string, name: string): Promise<Buffer> {
  const raw = await readAll(await zip.openReadStreamPromise(entry, { decodeFileData: false }));
  let data: Buffer;
  try {
    if (entry.compressionMethod === 0) data = raw;
    else if (entry.compressionMethod === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    else throw new Error(`unsupported compression method ${entry.compressionMethod}`);
  } catch (cause) {
    throw new PackagingError('UNSAFE_ARCHIVE', `Cannot extract "${name}" from "${zipPath}": ${(cause as Error).message}.`, { cause, reason: 'INVALID_ZIP', file: zipPath });
  }
  if (data.length !== entry.uncompressedSize || crc32(data) !== entry.crc32) {
    throw unsafe('INVALID_ZIP', zipPath, `entry "${name}" does not match its declared size or CRC-32`);
  }
  return data;
}

/**
 * Extracts `zipPath` into `destDir` (replacing it when it exists), or throws leaving `destDir` untouched.
 * Symlinks are kept only when they resolve inside the destination (following other links in the archive);
 * no entry may be written through a link. Modes: 0755 when the ZIP marks a file executable, else 0644.
 */
export async function extractZip(zipPath: string, destDir: string, limits: Partial<ExtractLimits> = {}): Promise<{ files: number; bytes: number }> {
  const lim = { ...DEFAULT_EXTRACT_LIMITS, ...limits };
  let zip: yauzl.ZipFile;
  try {
    const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true };
    // In memory when it fits: per-entry reads through the thread pool dominate extraction time otherwise.
    const { size } = await fsp.stat(zipPath);
    zip = size <= IN_MEMORY_BELOW ? await yauzl.fromBufferPromise(await fsp.readFile(zipPath), options) : await yauzl.openPromise(zipPath, options);
  } catch (cause) {
    throw new PackagingError('UNSAFE_ARCHIVE', `Cannot read "${zipPath}" as a ZIP: ${(cause as Error).message}.`, { cause, reason: 'INVALID_ZIP', file: zipPath });
  }
  if (zip.entryCount > lim.maxEntries) {
    zip.close();
    throw unsafe('TOO_MANY_ENTRIES', zipPath, `${zip.entryCount} entries, more than the ${lim.maxEntries} allowed`);
  }

  const tmp = `${destDir}.extract-${randomBytes(6).toString('hex')}`;
  const seen = new Set<string>();
  const parents = new Set<string>();
  const links = new Map<string, string>();
  const writes: Promise<void>[] = [];
  const made = new Set<string>();
  const ensureDir = async (rel: string): Promise<void> => {
    if (rel === '.' || made.has(rel)) return;
    await fsp.mkdir(join(tmp, rel), { recursive: true });
    made.add(rel);
  };
  let declared = 0;
  let bytes = 0;
  let files = 0;
  try {
    await fsp.mkdir(tmp, { recursive: true });
    const allowed = await allowedBits(tmp);
    for await (const entry of zip.eachEntry()) {
      const raw = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const checked = safeEntryName(raw);
      if ('error' in checked) throw unsafe('PATH_TRAVERSAL', zipPath, `entry "${raw}" ${checked.error}`);
      const name = checked.name;
      if (seen.has(name)) throw unsafe('DUPLICATE_ENTRY', zipPath, `entry "${name}" appears twice`);
      seen.add(name);
      const through = [...links.keys()].find((l) => name.startsWith(`${l}/`));
      if (through) throw unsafe('LINK_OUTSIDE', zipPath, `entry "${name}" would be written through the symlink "${through}"`);
      if (entry.isEncrypted()) throw unsafe('INVALID_ZIP', zipPath, `entry "${name}" is encrypted`);
      if (entry.uncompressedSize > lim.maxEntryBytes) {
        throw unsafe('TOO_LARGE', zipPath, `entry "${name}" declares ${formatBytes(entry.uncompressedSize)}, over the ${formatBytes(lim.maxEntryBytes)} per-entry limit`);
      }
      declared += entry.uncompressedSize;
      if (declared > lim.maxTotalBytes) throw unsafe('TOO_LARGE', zipPath, `entries declare more than ${formatBytes(lim.maxTotalBytes)} uncompressed`);
      if (entry.uncompressedSize >= lim.ratioMinBytes && entry.uncompressedSize > lim.maxCompressionRatio * entry.compressedSize) {
        const ratio = entry.compressedSize ? Math.round(entry.uncompressedSize / entry.compressedSize) : Infinity;
        throw unsafe('COMPRESSION_RATIO', zipPath, `entry "${name}" expands ${ratio}:1, more than ${lim.maxCompressionRatio}:1`);
      }

      const kind = entryKind(entry, checked.isDir);
      if (kind.type === 'dir') {
        if (links.has(name)) throw unsafe('DUPLICATE_ENTRY', zipPath, `"${name}" is both a symlink and a folder`);
        await ensureDir(name);
        continue;
      }
      for (let p = dirname(name); p !== '.'; p = dirname(p)) parents.add(p);
      if (kind.type === 'link') {
        if (entry.uncompressedSize > MAX_LINK_TARGET) throw unsafe('LINK_OUTSIDE', zipPath, `symlink "${name}" has a ${entry.uncompressedSize}-byte target`);
        links.set(name, (await readSmall(zip, entry, zipPath, name)).toString('utf8'));
        continue;
      }
      const target = join(tmp, name);
      files++;
      if (entry.uncompressedSize <= BUFFER_BELOW) {
        const data = await readSmall(zip, entry, zipPath, name);
        bytes += data.length;
        if (bytes > lim.maxTotalBytes) throw unsafe('TOO_LARGE', zipPath, `more than ${formatBytes(lim.maxTotalBytes)} uncompressed`);
        writes.push(ensureDir(dirname(name)).then(() => writeFile(target, data, kind.mode, allowed)));
        if (writes.length >= PARALLEL_WRITES) await Promise.all(writes.splice(0));
        continue;
      }
      await ensureDir(dirname(name));
      const stream = await zip.openReadStreamPromise(entry);
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          if (bytes > lim.maxTotalBytes) cb(unsafe('TOO_LARGE', zipPath, `more than ${formatBytes(lim.maxTotalBytes)} uncompressed`));
          else cb(null, chunk);
        },
      });
      await pipeline(stream, counter, createWriteStream(target, { flags: 'wx', mode: kind.mode }));
      if ((kind.mode & allowed) !== kind.mode) await fsp.chmod(target, kind.mode);
    }
    await Promise.all(writes.splice(0));
    for (const [name, target] of links) {
      if (parents.has(name)) throw unsafe('DUPLICATE_ENTRY', zipPath, `"${name}" is both a symlink and a folder`);
      if (!resolveLinkTarget(name, target, links)) throw unsafe('LINK_OUTSIDE', zipPath, `symlink "${name}" points to "${target}", outside the destination`);
    }
    for (const [name, target] of links) {
      await fsp.mkdir(join(tmp, dirname(name)), { recursive: true });
      await fsp.symlink(target, join(tmp, name));
    }
    await replaceDir(tmp, destDir);
    return { files, bytes };
  } catch (e) {
    zip.close();
    await Promise.allSettled(writes);
    await fsp.rm(tmp, { recursive: true, force: true });
    if (e instanceof PackagingError) throw e;
    const msg = (e as Error).message;
    throw new PackagingError('UNSAFE_ARCHIVE', `Cannot extract "${zipPath}": ${msg}.`, { cause: e, reason: 'INVALID_ZIP', file: zipPath });
  }
}

/** Moves `from` to `to`; an existing `to` is moved aside first and removed after. */
export async function replaceDir(from: string, to: string): Promise<void> {
  await fsp.mkdir(dirname(to), { recursive: true });
  const old = `${to}.old-${randomBytes(6).toString('hex')}`;
  let hadOld = true;
  try {
    await fsp.rename(to, old);
  } catch {
    hadOld = false;
  }
  await fsp.rename(from, to);
  if (hadOld) await fsp.rm(old, { recursive: true, force: true });
}
