// core/packaging: one package folder of the cache (`<stateDir>/packages/<treeHash>/`) on disk — what it may
// hold (files.json, task/ with tree.json, package.zip with zip.json, the last-used stamp), filling it with a
// build's parts so readers never see data without its facts, its size for eviction, and its stamp.
import { existsSync, promises as fsp, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize, type Manifest } from './manifest';
import { tempPathFor } from '../store/tempFiles';

export const STAMP = 'last-used';
export const MANIFEST = 'files.json';
export const TREE = 'task';
export const TREE_FACTS = 'tree.json';
export const ZIP = 'package.zip';
export const ZIP_FACTS = 'zip.json';
/** Written by versions before tree hashes (ZIP and tree together); still read to size their folders. */
const OLD_SIZE_FILE = 'size.json';
/** A package folder's name. */
export const HEX_DIR = /^[0-9a-f]{64}$/;

/** A package folder's ZIP. */
export interface ZipFacts {
  /** Base64 of the raw SHA-256 of package.zip (lambda-semantics.md §6). */
  codeSha256: string;
  size: number;
}

/** A package folder's staged tree, as tree.json records it. */
export interface TreeFacts {
  bytes: number;
  /** Folder (relative, '' for the root) → mtimeMs when staged: recycling looks for strays where one moved. */
  dirMtimes?: Record<string, number>;
}

/** Parts of a build to put in a package folder; each is moved (renamed) in, none is copied. */
export interface CommitParts {
  tree?: { dir: string; bytes: number; dirMtimes: Record<string, number> };
  zip?: { path: string; facts: ZipFacts };
}

/** The stamp: who used a folder last (a cache's owner id) and when (its mtime). */
export interface Stamp {
  owner: string;
  mtimeMs: number;
}

/**
 * Puts each part into `dir` unless it is there already (another build made the same bytes); metadata before
 * data, so a reader that sees the data sees its facts. With `work`, metadata is written there and renamed in
 * (`dir` is shared); without, `dir` is a folder being assembled. Returns the tree facts it wrote, if any.
 */
export async function fillFolder(dir: string, manifest: Manifest | undefined, parts: CommitParts, work?: string): Promise<TreeFacts | undefined> {
  const put = async (name: string, text: string): Promise<void> => {
    if (!work) return fsp.writeFile(join(dir, name), text);
    const tmp = join(work, name);
    await fsp.writeFile(tmp, text);
    await fsp.rename(tmp, join(dir, name));
  };
  let written: TreeFacts | undefined;
  if (manifest && !existsSync(join(dir, MANIFEST))) await put(MANIFEST, manifest.text ?? serialize(manifest.entries));
  if (parts.tree && !existsSync(join(dir, TREE))) {
    written = { bytes: parts.tree.bytes, dirMtimes: parts.tree.dirMtimes };
    await put(TREE_FACTS, JSON.stringify(written));
    await fsp.rename(parts.tree.dir, join(dir, TREE)).catch((e: unknown) => {
      if (!existsSync(join(dir, TREE))) throw e; // else another process staged it first
    });
  }
  if (parts.zip && !existsSync(join(dir, ZIP))) {
    await put(ZIP_FACTS, JSON.stringify(parts.zip.facts));
    await fsp.rename(parts.zip.path, join(dir, ZIP));
  }
  return written;
}

/** `parts` after the folder they were assembled in (`staging`) took them. */
export function relocated(parts: CommitParts, staging: string): CommitParts {
  return {
    tree: parts.tree && { ...parts.tree, dir: join(staging, TREE) },
    zip: parts.zip && { ...parts.zip, path: join(staging, ZIP) },
  };
}

/**
 * A folder's bytes: its staged tree (counted in full, though files shared with other trees by hard links
 * take their space once) plus its ZIP. The recorded facts are read synchronously (a few small files: µs each,
 * where each promise form was a thread-pool round trip, and a prune reads every entry after each build); only
 * a tree whose size nobody recorded is measured.
 */
export async function folderBytes(dir: string): Promise<number> {
  const readJson = <T>(name: string): T | undefined => {
    try {
      return JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
    } catch {
      return undefined;
    }
  };
  const zip = existsSync(join(dir, ZIP)) ? (readJson<ZipFacts>(ZIP_FACTS)?.size ?? statSync(join(dir, ZIP), { throwIfNoEntry: false })?.size ?? 0) : 0;
  if (!existsSync(join(dir, TREE))) return zip;
  const tree = readJson<TreeFacts>(TREE_FACTS);
  if (tree) return tree.bytes + zip;
  const old = readJson<{ bytes: number }>(OLD_SIZE_FILE);
  if (old) return old.bytes;
  // Staged by another process that has not recorded it yet, or recorded by no version: measure.
  return (await treeBytes(join(dir, TREE))) + zip;
}

export function readStamp(dir: string): Stamp | undefined {
  const path = join(dir, STAMP);
  try {
    return { owner: readFileSync(path, 'utf8'), mtimeMs: statSync(path).mtimeMs };
  } catch {
    return undefined;
  }
}

/** Stamps `dir` as used by `owner` at `nowMs` (file times are compared across processes); false when it is gone. */
// The stamp and the small records are written synchronously: a few dozen bytes cost microseconds, where the
// promise forms are four thread-pool round trips each that a one-shot invoke waits for in turn (issue 10).
export async function writeStamp(dir: string, owner: string, nowMs: number): Promise<boolean> {
  const stamp = join(dir, STAMP);
  const t = nowMs / 1000;
  try {
    writeFileSync(stamp, owner);
    utimesSync(stamp, t, t);
    return true;
  } catch {
    return false;
  }
}

export async function writeAtomically(path: string, data: string): Promise<void> {
  const tmp = tempPathFor(path);
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

async function treeBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) bytes += await treeBytes(p);
    else bytes += (await fsp.lstat(p)).size;
  }
  return bytes;
}
