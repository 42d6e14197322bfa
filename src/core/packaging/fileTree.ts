// core/packaging: walks a source folder into the list of files a package holds — relative names, sizes,
// stat identity for the hash cache, executable bits — honouring the ignore rules. Symlinks are followed as
// the SymlinkPolicy allows (symlinkPolicy.ts), or all of them when the walk has none.
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { PackagingError } from './errors';
import type { IgnoreMatcher } from './ignoreRules';
import type { ManifestReader } from './nodeDependencies';
import type { SymlinkPolicy } from './symlinkPolicy';
import type { PackageFile } from './types';
import { TimeSlicer } from './timeSlicer';

/** A file on disk with the stat facts the input hash needs. */
export interface SourceFile extends PackageFile {
  source: string;
  mtimeMs: number;
  ino: number;
}

export interface WalkOptions {
  ignore?: IgnoreMatcher;
  /** Prefix for names inside the package (e.g. 'nodejs/'), '' by default. */
  prefix?: string;
  /** Skips a folder entirely (relative to the walk root), e.g. node_modules for Node.js functions. */
  skipDir?: (rel: string) => boolean;
  /** Decides on links (and a walk root) that lead outside the code folder; refused ones are left out. */
  links?: SymlinkPolicy;
  /** Shares one time budget between several walks (a function's own files and each dependency). */
  slicer?: TimeSlicer;
  /** Real paths of walk roots, shared by the walks of one package's dependencies. */
  realPaths?: RealPaths;
  /** Folder listings remembered from earlier walks. */
  listings?: DirListings;
}

/** A folder modified this soon before it was listed may change again within the same mtime tick. */
const RACY_MS = 2000;
/** Listings remembered at most (a bound on memory; past it the memo starts over). */
const MAX_LISTINGS = 200_000;

const byNameDescending = (a: Dirent, b: Dirent): number => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);

/**
 * Folder listings kept between walks: a folder whose mtime and inode are unchanged lists the same entries
 * (adding, removing or renaming an entry changes its folder's mtime), and one stat costs a fraction of a
 * readdir. File contents are not covered: every file is still stat-ed by every walk.
 */
export class DirListings {
  private readonly memo = new Map<string, { mtimeMs?: number; ino?: number; listedAt: number; entries: Dirent[] }>();

  /** The entries of `dir`, sorted by name, descending. */
  list(dir: string): Dirent[] {
    const m = this.memo.get(dir);
    // A folder listed once is stat-ed from its second listing on: a one-shot walk pays nothing for the memo.
    const st = m ? statSync(dir) : undefined;
    if (m && st && m.mtimeMs === st.mtimeMs && m.ino === st.ino && st.mtimeMs < m.listedAt - RACY_MS) return m.entries;
    const listedAt = Date.now();
    const entries = readdirSync(dir, { withFileTypes: true }).sort(byNameDescending);
    if (this.memo.size >= MAX_LISTINGS) this.memo.clear();
    this.memo.set(dir, { mtimeMs: st?.mtimeMs, ino: st?.ino, listedAt, entries });
    return entries;
  }
}

/** What a process keeps between walks of the same folders (PackageCache holds one). */
export interface WalkMemo {
  listings: DirListings;
  manifests: ManifestReader;
}

/**
 * Real paths of folders below one top folder at one lstat each (a folder that is no link is its parent's real
 * path plus its name), where realpath() would look at every component of every path again.
 */
export class RealPaths {
  private readonly memo = new Map<string, string>();

  constructor(private readonly top: string) {}

  of(abs: string): string {
    const known = this.memo.get(abs);
    if (known !== undefined) return known;
    const parent = dirname(abs);
    const below = abs !== this.top && parent !== abs && abs.startsWith(this.top + sep);
    const real = below && !lstatSync(abs).isSymbolicLink() ? join(this.of(parent), basename(abs)) : realpathSync.native(abs);
    this.memo.set(abs, real);
    return real;
  }
}

interface Folder {
  rel: string;
  real: string;
}

/** Byte-wise name order, so the ZIP's entry order never depends on locale. */
export const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function toSourceFile(name: string, abs: string, st: Stats): SourceFile {
  return { name, source: abs, size: st.size, executable: (st.mode & 0o111) !== 0, mtimeMs: st.mtimeMs, ino: st.ino };
}

function statOrThrow(abs: string): Stats {
  try {
    return statSync(abs);
  } catch (cause) {
    throw new PackagingError('BUILD_FAILED', `Cannot read "${abs}" — a dangling symlink? Remove it or list it in .lambdaignore.`, { cause, file: abs });
  }
}

/**
 * Lists the files under `root` (sorted by name). Throws BUILD_FAILED for a dangling symlink.
 *
 * Synchronous calls in time slices: thousands of async stat calls through the thread pool cost ~10× more
 * than the same calls made directly, and the slices keep the event loop answering meanwhile. A real folder
 * is packaged once: folders reached through links are visited after the others, so of two paths to one
 * folder the one without a link wins, and the choice never depends on timing.
 */
export async function walkFiles(root: string, opts: WalkOptions = {}): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const seen = new Set<string>();
  const prefix = opts.prefix ?? '';
  const slicer = opts.slicer ?? new TimeSlicer();
  await slicer.tick();
  const realRoot = opts.realPaths ? opts.realPaths.of(root) : realpathSync.native(root);
  const base = resolve(root) + (resolve(root).endsWith(sep) ? '' : sep);
  // A dependency folder may itself be a link (npm workspaces link node_modules/<pkg> to the package).
  if (opts.links && !opts.links.allows(root, realRoot)) return out;

  // Depth first; `real` is the folder's real path, known without a realpath call unless a link led here.
  const stack: Folder[] = [{ rel: '', real: realRoot }];
  const viaLinks: Folder[] = [];
  for (;;) {
    if (stack.length === 0) {
      if (viaLinks.length === 0) break;
      stack.push(...viaLinks.splice(0).sort((a, b) => (a.rel < b.rel ? 1 : -1)));
    }
    const { rel, real } = stack.pop()!;
    if (seen.has(real)) continue; // a symlink cycle, or a folder reached twice
    seen.add(real);
    // Plain concatenation: names from readdir have no separators, and path.join per file costs more than its stat.
    const dir = rel ? `${base}${rel}` : root;
    const entries: Dirent[] = opts.listings ? opts.listings.list(dir) : readdirSync(dir, { withFileTypes: true }).sort(byNameDescending);
    for (const ent of entries) {
      const childRel = rel ? `${rel}/${ent.name}` : ent.name;
      const abs = `${base}${childRel}`;
      const link = ent.isSymbolicLink();
      if (ent.isDirectory()) {
        if (opts.ignore?.ignores(childRel, true) || opts.skipDir?.(childRel)) continue;
        stack.push({ rel: childRel, real: `${real}/${ent.name}` });
        continue;
      }
      if (!link && !ent.isFile()) continue; // sockets, FIFOs, devices: not package content
      const st = statOrThrow(abs);
      const isDir = st.isDirectory();
      if (opts.ignore?.ignores(childRel, isDir)) continue;
      if (link) {
        const target = realpathSync.native(abs);
        if (opts.links && !opts.links.allows(abs, target)) continue;
        if (isDir) {
          if (!opts.skipDir?.(childRel)) viaLinks.push({ rel: childRel, real: target });
          continue;
        }
      }
      if (st.isFile()) out.push(toSourceFile(prefix + childRel, abs, st));
    }
    await slicer.tick();
  }
  return out.sort(byName);
}
