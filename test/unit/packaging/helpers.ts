// Test helpers for packaging: temp folders, file trees written from a spec, function configs, ZIP listings,
// and a raw ZIP writer that can craft hostile archives (traversal, symlinks, bombs, duplicates).
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import * as yauzl from 'yauzl';
import type { FunctionConfig, LayerConfig } from '../../../src/core/model/functionConfig';
import { tempDir as trackedTempDir } from '../../helpers/tempDirs';

export const repoRoot = path.resolve(__dirname, '../../../..');
export const fixtures = path.join(repoRoot, 'test/fixtures/packaging');

/** A temp folder, removed when the test file ends (removeDir removes it earlier). */
export function tempDir(prefix = 'lw-pkg-'): string {
  return trackedTempDir(prefix);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes files: `{ 'a/b.js': 'text' }`, or `{ 'bootstrap': { content, mode: 0o755 } }`. */
export function writeTree(root: string, spec: Record<string, string | { content: string | Buffer; mode: number }>): void {
  for (const [rel, v] of Object.entries(spec)) {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    if (typeof v === 'string') writeFileSync(p, v);
    else {
      writeFileSync(p, v.content);
      chmodSync(p, v.mode);
    }
  }
}

export const pkgJson = (name: string, deps: Record<string, string> = {}, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ name, version: '1.0.0', dependencies: deps, ...extra });

export function fnConfig(over: Partial<FunctionConfig> & Pick<FunctionConfig, 'code' | 'runtime'>): FunctionConfig {
  return {
    logicalId: 'TestFunction',
    functionName: 'TestFunction',
    templatePath: '/nowhere/template.yaml',
    resourceType: 'AWS::Serverless::Function',
    handler: 'index.handler',
    memorySize: 128,
    timeout: 3,
    ephemeralStorage: 512,
    architectures: ['x86_64'],
    environment: {},
    logging: { logFormat: 'Text', logGroup: '/aws/lambda/TestFunction' },
    layers: [],
    events: [],
    ...over,
  };
}

export function layerConfig(over: Partial<LayerConfig> & Pick<LayerConfig, 'content'>): LayerConfig {
  return {
    logicalId: 'TestLayer',
    layerName: 'TestLayer',
    templatePath: '/nowhere/template.yaml',
    resourceType: 'AWS::Serverless::LayerVersion',
    compatibleRuntimes: [],
    compatibleArchitectures: ['x86_64'],
    ...over,
  };
}

export interface ZipListing {
  name: string;
  mode: number;
  mtime: string;
  size: number;
}

/** The entries of a ZIP in stored order, with Unix modes and DOS timestamps. */
export async function listZip(zipPath: string): Promise<ZipListing[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  const out: ZipListing[] = [];
  for await (const e of zip.eachEntry()) {
    out.push({ name: e.fileName, mode: e.externalFileAttributes >>> 16, mtime: e.getLastModDate({ timezone: 'UTC' }).toISOString(), size: e.uncompressedSize });
  }
  return out;
}

/** A package's content as name → bytes and permission bits, files only (a ZIP's entries or a folder's files). */
export type Contents = Map<string, { data: string; mode: number }>;

/** The entries of a ZIP with their bytes (as hex, for readable diffs of small files) and permission bits. */
export async function zipContents(zipPath: string): Promise<Contents> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  const out: Contents = new Map();
  for await (const e of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(e)) chunks.push(c as Buffer);
    out.set(e.fileName, { data: Buffer.concat(chunks).toString('hex'), mode: (e.externalFileAttributes >>> 16) & 0o777 });
  }
  return out;
}

/**
 * Everything under `dir`: its files (as zipContents gives a ZIP's entries), and anything else — symlinks,
 * special files, empty folders — listed in `others`, which a staged package must not have.
 */
export function treeContents(dir: string): { files: Contents; others: string[] } {
  const files: Contents = new Map();
  const others: string[] = [];
  const walk = (rel: string): void => {
    const entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    if (entries.length === 0 && rel !== '') others.push(`${rel}/`);
    for (const e of entries) {
      const name = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(name);
      else if (e.isFile()) files.set(name, { data: readFileSync(path.join(dir, name)).toString('hex'), mode: lstatSync(path.join(dir, name)).mode & 0o777 });
      else others.push(name);
    }
  };
  walk('');
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))), others };
}

export interface CraftEntry {
  name: string;
  data?: Buffer | string;
  /** Unix mode including type bits, e.g. 0o100644 or 0o120777 for a symlink. */
  mode?: number;
  deflate?: boolean;
  /** Overrides the uncompressed size written in the headers (a lying bomb). */
  declaredSize?: number;
}

/** A raw ZIP (no data descriptors, no ZIP64), written by hand so tests can say anything in the headers. */
export function craftZip(entries: CraftEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = Buffer.from(e.data ?? '');
    const body = e.deflate ? deflateRawSync(raw) : raw;
    const size = e.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
