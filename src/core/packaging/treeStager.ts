// core/packaging: lays a package's files out as the folder an environment runs from (its task root, or a
// layer's /opt part), writing only what differs from a base: a superseded tree of the same function patched
// in place (recycled), files hard-linked from another tree with the same content, the rest written from the
// sources after checking their bytes against the manifest. Files are replaced, never written into, so an
// inode shared by two trees never changes under either.
import { chmodSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PackagingError, SourceChangedError } from './errors';
import { sha256Hex } from './fileHasher';
import { contentKey, type Manifest, type ManifestEntry } from './manifest';
import { TimeSlicer } from './timeSlicer';
import type { PackageFile, ProgressListener } from './types';

/** An existing staged tree: its folder, what it holds, and its folders' mtimes when it was staged. */
export interface StagedTree {
  dir: string;
  manifest: Manifest;
  /** Folder (relative, '' for the root) → mtimeMs; a changed mtime means something was added or removed there. */
  dirMtimes?: Record<string, number>;
}

export interface StageOptions {
  /** The package's files by name: where each one's bytes come from. */
  files: ReadonlyMap<string, PackageFile>;
  /** Bytes already read (and hashed) by source path. */
  kept?: ReadonlyMap<string, Buffer>;
  /** Sources under this folder belong to the build (its work folder): moved, not copied. */
  movableRoot?: string;
  /** A superseded tree already moved to the target folder: patched into the new one. */
  donor?: StagedTree;
  /** A tree to hard-link unchanged files from. */
  linkFrom?: StagedTree;
  onProgress?: ProgressListener;
  label: string;
}

export interface StageResult {
  dirMtimes: Record<string, number>;
  written: number;
  linked: number;
  reused: number;
}

const dirOf = (name: string): string => {
  const i = name.lastIndexOf('/');
  return i < 0 ? '' : name.slice(0, i);
};

/**
 * What staging derives from a manifest, each part made on first use and kept with it: manifests never change,
 * and the last few trees are staged from again and again.
 */
class Index {
  private names?: Map<string, ManifestEntry>;
  private contents?: Map<string, string>;
  private dirs?: { list: string[]; set: Set<string> };
  private files?: Map<string, string[]>;

  constructor(private readonly m: Manifest) {}

  get byName(): Map<string, ManifestEntry> {
    return (this.names ??= new Map(this.m.entries.map((e) => [e.name, e])));
  }

  /** Content key → a name with that content. */
  get byContent(): Map<string, string> {
    return (this.contents ??= new Map(this.m.entries.map((e) => [contentKey(e), e.name])));
  }

  get folders(): string[] {
    return (this.dirs ??= folderIndex(this.m.entries)).list;
  }

  get folderSet(): Set<string> {
    return (this.dirs ??= folderIndex(this.m.entries)).set;
  }

  /** Folder → the names of the files directly in it. */
  get filesIn(): Map<string, string[]> {
    if (this.files) return this.files;
    const files = new Map<string, string[]>();
    for (const e of this.m.entries) {
      const d = dirOf(e.name);
      const list = files.get(d);
      if (list) list.push(e.name);
      else files.set(d, [e.name]);
    }
    return (this.files = files);
  }
}

function folderIndex(entries: readonly ManifestEntry[]): { list: string[]; set: Set<string> } {
  const list = foldersOf(entries);
  return { list, set: new Set(list) };
}

const indexes = new WeakMap<Manifest, Index>();

function indexOf(m: Manifest): Index {
  let ix = indexes.get(m);
  if (!ix) indexes.set(m, (ix = new Index(m)));
  return ix;
}

/** Every folder that holds a file of `entries` ('' included), parents before children. */
export function foldersOf(entries: readonly Pick<ManifestEntry, 'name'>[]): string[] {
  const dirs = new Set<string>(['']);
  for (const e of entries) for (let d = dirOf(e.name); d !== '' && !dirs.has(d); d = dirOf(d)) dirs.add(d);
  return [...dirs].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}

/** The permission bits the umask lets through (probed in `dir`), so modes come out exactly 0644 / 0755. */
function allowedBits(dir: string): number {
  const probe = join(dir, `.umask-probe-${process.pid}`);
  writeFileSync(probe, '', { mode: 0o777 });
  const mode = statSync(probe).mode & 0o777;
  unlinkSync(probe);
  return mode;
}

/**
 * Stages `manifest` into `target` (the donor's folder when there is one, else a new folder) and returns the
 * folders' mtimes for the next recycling. Throws SourceChangedError when a source's bytes differ from its hash.
 */
export async function stageTree(target: string, manifest: Manifest, o: StageOptions): Promise<StageResult> {
  const slicer = new TimeSlicer();
  const result: StageResult = { dirMtimes: {}, written: 0, linked: 0, reused: 0 };
  const ix = indexOf(manifest);
  const wanted = ix.byName;
  const folders = ix.folders;
  const made = new Set<string>();
  const keep = new Set<string>();
  // Folders whose mtime is known and that nothing here changed: their mtime need not be read again.
  let known = new Map<string, number>();
  const touched = new Set<string>();
  if (o.donor) {
    const r = await removeStrays(target, o.donor, wanted, ix.folderSet, slicer);
    for (const old of o.donor.manifest.entries) if (!r.lost.has(old.name)) keep.add(old.name);
    for (const d of r.kept.keys()) made.add(d);
    known = r.kept;
    for (const d of r.touched) touched.add(d);
  } else {
    mkdirSync(target, { recursive: true });
    made.add('');
  }
  // Probed next to the tree, not in it: a probe inside would change the root folder's mtime.
  const allowed = allowedBits(dirname(target));
  const links = o.linkFrom ? indexOf(o.linkFrom.manifest).byContent : new Map<string, string>();

  let i = 0;
  for (const e of manifest.entries) {
    if (++i % 500 === 0) o.onProgress?.({ phase: 'stage', done: i, total: manifest.entries.length, message: e.name });
    if (keep.has(e.name)) {
      result.reused++;
      continue;
    }
    const dir = dirOf(e.name);
    if (!made.has(dir)) {
      mkdirSync(join(target, dir), { recursive: true });
      for (let d = dir; d !== '' && !made.has(d); d = dirOf(d)) {
        made.add(d);
        touched.add(dirOf(d));
      }
    }
    touched.add(dir);
    const to = join(target, e.name);
    const mode = e.executable ? 0o755 : 0o644;
    const from = links.get(contentKey(e));
    if (from !== undefined && tryLink(join(o.linkFrom!.dir, from), to)) result.linked++;
    else {
      place(to, e, mode, allowed, o);
      result.written++;
    }
    await slicer.tick();
  }
  for (const d of folders) result.dirMtimes[d] = (!touched.has(d) && known.get(d)) || statSync(d ? join(target, d) : target).mtimeMs;
  return result;
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch {
    return false; // the other tree was recycled meanwhile, or the file system refuses links: copy instead
  }
}

/** Writes one file from its source: moved when the build owns it, else its bytes checked and written. */
function place(to: string, e: ManifestEntry, mode: number, allowed: number, o: StageOptions): void {
  const f = o.files.get(e.name);
  if (!f) throw new PackagingError('BUILD_FAILED', `Internal error staging ${o.label}: no source for "${e.name}".`);
  if (typeof f.source === 'string' && o.movableRoot && f.source.startsWith(o.movableRoot)) {
    // Ours, hashed from this very file when the manifest was made: a rename is all it takes.
    renameSync(f.source, to);
    chmodSync(to, mode);
    return;
  }
  const data = typeof f.source === 'string' ? (o.kept?.get(f.source) ?? readFileSync(f.source)) : f.source;
  if (data.length !== e.size || sha256Hex(data) !== e.sha) throw new SourceChangedError(o.label, typeof f.source === 'string' ? f.source : e.name);
  writeFileSync(to, data, { mode, flag: 'wx' });
  if ((mode & allowed) !== mode) chmodSync(to, mode); // exact, whatever the umask
}

/**
 * Makes the donor hold no more than it should, and returns the names of its files that are gone. Anything
 * that appeared since it was staged (a handler's output, __pycache__) is found in the folders whose mtime
 * moved and removed, and so are the files the new manifest does not have with the same content. Folders the
 * new tree does not need are removed. Returns the folders left in place with their mtimes as first read,
 * and the folders changed since.
 */
async function removeStrays(
  root: string,
  donor: StagedTree,
  wanted: ReadonlyMap<string, ManifestEntry>,
  needed: ReadonlySet<string>,
  slicer: TimeSlicer,
): Promise<{ lost: Set<string>; kept: Map<string, number>; touched: Set<string> }> {
  const { byName: known, folders: donorFolders, folderSet: knownFolders, filesIn } = indexOf(donor.manifest);
  const lost = new Set<string>();
  const kept = new Map<string, number>();
  const touched = new Set<string>();
  for (const d of donorFolders) {
    const abs = d ? `${root}/${d}` : root;
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st) {
      for (const name of filesIn.get(d) ?? []) lost.add(name);
      continue;
    }
    if (d === '' || needed.has(d)) kept.set(d, st.mtimeMs);
    if (donor.dirMtimes && donor.dirMtimes[d] === st.mtimeMs) continue;
    // Something was added or removed here since it was staged (or we cannot tell): compare with the manifest.
    const present = new Set<string>();
    for (const ent of readdirSync(abs, { withFileTypes: true })) {
      const rel = d ? `${d}/${ent.name}` : ent.name;
      if (ent.isFile() && known.has(rel)) present.add(rel);
      else if (!(ent.isDirectory() && knownFolders.has(rel))) {
        rmSync(join(root, rel), { force: true, recursive: true });
        touched.add(d);
      }
    }
    for (const name of filesIn.get(d) ?? []) if (!present.has(name)) lost.add(name);
    await slicer.tick();
  }
  for (const old of donor.manifest.entries) {
    const now = wanted.get(old.name);
    if (!now || contentKey(now) !== contentKey(old)) {
      rmSync(join(root, old.name), { force: true, recursive: true });
      lost.add(old.name);
      touched.add(dirOf(old.name));
    }
  }
  await slicer.tick();
  // Deepest first, so each is empty by the time it is removed (what it held is gone or not wanted).
  for (const d of [...donorFolders].reverse()) {
    if (d !== '' && !needed.has(d)) {
      rmSync(join(root, d), { force: true, recursive: true });
      touched.add(dirOf(d));
    }
  }
  return { lost, kept, touched };
}

/**
 * Makes `into` a copy of `from` made of hard links (no file data is written), for a build to patch later;
 * undefined when `from` changed or went away meanwhile (then `into` is removed). Background work: it never
 * keeps the process alive. Folders are made one by one, never with their parents, so a state folder removed
 * meanwhile is not made again.
 */
export async function linkTree(from: StagedTree, into: string): Promise<StagedTree | undefined> {
  const slicer = new TimeSlicer(true);
  const ix = indexOf(from.manifest);
  try {
    for (const d of ix.folders) mkdirSync(d ? `${into}/${d}` : into);
    await slicer.tick();
    for (const e of from.manifest.entries) {
      linkSync(`${from.dir}/${e.name}`, `${into}/${e.name}`);
      await slicer.tick();
    }
    const dirMtimes: Record<string, number> = {};
    for (const d of ix.folders) dirMtimes[d] = statSync(d ? `${into}/${d}` : into).mtimeMs;
    return { dir: into, manifest: from.manifest, dirMtimes };
  } catch {
    rmSync(into, { recursive: true, force: true });
    return undefined;
  }
}
