// Benchmark peer (never used by the product): a synchronous ZIP writer — node:zlib deflateRawSync and hand-
// written headers in archiver's exact layout (data descriptors, UNIX modes, 1980 local time, no directory
// entries) — so the bench can show what archiver's per-entry cost is against a writer without thread-pool
// round trips. Its bytes must equal archiver's for the same files; the bench checks their CodeSha256. No ZIP64:
// fewer than 65,535 entries and 4 GiB, as the bench's packages are.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { zipMode } from '../../src/core/packaging/archiveWriter';
import { crc32 } from '../../src/core/packaging/crc32';
import { byName } from '../../src/core/packaging/fileTree';
import type { PackageFile } from '../../src/core/packaging/types';

const d = new Date(1980, 0, 1, 0, 0, 0);
const DOS_1980 = (((d.getFullYear() - 1980) << 25) | ((d.getMonth() + 1) << 21) | (d.getDate() << 16)) >>> 0;
const DATA_DESCRIPTOR = 0x0008;
const UTF8_NAMES = 0x0800;

/** Writes `files` (sources read from disk, sorted by name) and returns the ZIP's size and CodeSha256. */
export function writeZipSync(files: readonly PackageFile[], outPath: string): { size: number; codeSha256: string } {
  const sorted = [...files].sort(byName);
  const fd = openSync(outPath, 'w');
  const digest = createHash('sha256');
  let parts: Buffer[] = [];
  let partBytes = 0;
  let offset = 0;
  const central: Buffer[] = [];
  const flush = (): void => {
    const batch = Buffer.concat(parts, partBytes);
    parts = [];
    partBytes = 0;
    digest.update(batch);
    for (let off = 0; off < batch.length; ) off += writeSync(fd, batch, off);
  };
  const put = (b: Buffer): void => {
    parts.push(b);
    partBytes += b.length;
    offset += b.length;
    if (partBytes >= 4 * 1024 * 1024) flush();
  };
  try {
    for (const f of sorted) {
      const data = typeof f.source === 'string' ? readFileSync(f.source) : f.source;
      const name = Buffer.from(f.name);
      const flags = DATA_DESCRIPTOR | (name.length !== f.name.length ? UTF8_NAMES : 0);
      const method = data.length === 0 ? 0 : 8; // archiver stores empty files
      const body = method ? deflateRawSync(data, { level: 6 }) : data;
      const crc = crc32(data);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(flags, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(DOS_1980, 10);
      local.writeUInt16LE(name.length, 26);
      const at = offset;
      put(local);
      put(name);
      put(body);
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(body.length, 8);
      descriptor.writeUInt32LE(data.length, 12);
      put(descriptor);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE((3 << 8) | 45, 4); // made by UNIX, version 4.5, as archiver writes
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(flags, 8);
      header.writeUInt16LE(method, 10);
      header.writeUInt32LE(DOS_1980, 12);
      header.writeUInt32LE(crc, 16);
      header.writeUInt32LE(body.length, 20);
      header.writeUInt32LE(data.length, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt32LE((((zipMode(f) | 0o100000) << 16) | 0x20) >>> 0, 38);
      header.writeUInt32LE(at, 42);
      central.push(header, name);
    }
    const centralAt = offset;
    for (const b of central) put(b);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(sorted.length, 8);
    end.writeUInt16LE(sorted.length, 10);
    end.writeUInt32LE(offset - centralAt, 12);
    end.writeUInt32LE(centralAt, 16);
    put(end);
    flush();
  } finally {
    closeSync(fd);
  }
  return { size: offset, codeSha256: digest.digest('base64') };
}
