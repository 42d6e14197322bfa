// core/packaging: walks a source folder into the list of files a package holds — relative names, sizes,
// stat identity for the hash cache, executable bits — honouring the ignore rules. Symlinks are followed as
// the SymlinkPolicy allows (symlinkPolicy.ts), or all of them when the walk has none.
import { promises as fsp, type Stats } from 'node:fs';
import { join } from 'node:path';
import { PackagingError } from './errors';
import type { IgnoreMatcher } from './ignoreRules';
import type { SymlinkPolicy } from './symlinkPolicy';
import type { PackageFile } from './types';

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
}

/** Byte-wise name order, so the ZIP's entry order never depends on locale. */
export const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function toSourceFile(name: string, abs: string, st: Stats): SourceFile {
  return { name, source: abs, size: st.size, executable: (st.mode & 0o111) !== 0, mtimeMs: st.mtimeMs, ino: st.ino };
}

/** Lists the files under `root` (sorted by name). Throws BUILD_FAILED for a dangling symlink. */
export async function walkFiles(root: string, opts: WalkOptions = {}): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const seen = new Set<string>();
  const prefix = opts.prefix ?? '';
  // A dependency folder may itself be a link (npm workspaces link node_modules/<pkg> to the package).
  if (opts.links && !opts.links.allows(root, await fsp.realpath(root))) return out;

  async function visit(rel: string): Promise<void> {
    const dir = rel ? join(root, rel) : root;
    const real = await fsp.realpath(dir);
    if (seen.has(real)) return; // a symlink cycle
    seen.add(real);
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    await Promise.all(
      entries.map(async (ent) => {
        const childRel = rel ? `${rel}/${ent.name}` : ent.name;
        const abs = join(dir, ent.name);
        let st: Stats;
        try {
          st = await fsp.stat(abs);
        } catch (cause) {
          throw new PackagingError('BUILD_FAILED', `Cannot read "${abs}" — a dangling symlink? Remove it or list it in .lambdaignore.`, { cause, file: abs });
        }
        const isDir = st.isDirectory();
        if (opts.ignore?.ignores(childRel, isDir)) return;
        if (ent.isSymbolicLink() && opts.links && !opts.links.allows(abs, await fsp.realpath(abs))) return;
        if (isDir) {
          if (!opts.skipDir?.(childRel)) await visit(childRel);
        } else if (st.isFile()) out.push(toSourceFile(prefix + childRel, abs, st));
      }),
    );
  }

  await visit('');
  return out.sort(byName);
}
