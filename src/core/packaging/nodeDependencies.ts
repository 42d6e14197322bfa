// core/packaging: the production dependency closure of a Node.js package, read from the installed
// node_modules tree (dependencies + optionalDependencies, never devDependencies), resolved as Node does.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PackagingError } from './errors';
import { RealPaths, walkFiles, type SourceFile, type WalkMemo } from './fileTree';
import type { SymlinkPolicy } from './symlinkPolicy';
import { TimeSlicer } from './timeSlicer';

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** A manifest read this soon after it was modified may change again within the same mtime tick. */
const RACY_MS = 2000;

/**
 * Reads package.json files, remembering each one parsed while its stat stays the same: a rebuild after an
 * edit checks hundreds of them with one stat each. Synchronous, in time slices (timeSlicer.ts): hundreds of
 * small files cost more in async round trips than in reading.
 */
export class ManifestReader {
  private readonly memo = new Map<string, { size: number; mtimeMs: number; ino: number; readAt: number; manifest: Manifest }>();

  read(file: string): Manifest | undefined {
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st) {
      this.memo.delete(file);
      return undefined;
    }
    const m = this.memo.get(file);
    if (m && m.size === st.size && m.mtimeMs === st.mtimeMs && m.ino === st.ino && st.mtimeMs < m.readAt - RACY_MS) return m.manifest;
    const readAt = Date.now();
    const manifest = readManifest(file);
    if (manifest) this.memo.set(file, { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, readAt, manifest });
    return manifest;
  }
}

function readManifest(file: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PackagingError('BUILD_FAILED', `Cannot read "${file}": ${(e as Error).message}`, { cause: e, file });
  }
}

/** A required production dependency is not in the folder's node_modules (then the build installs them, npmInstall.ts). */
export class MissingDependencyError extends PackagingError {
  constructor(
    readonly dependency: string,
    manifestPath: string,
    root: string,
  ) {
    super('BUILD_FAILED', `Production dependency "${dependency}" of "${manifestPath}" is not installed — run \`npm install\` in "${root}" first.`, { file: manifestPath });
  }
}

function isDir(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Where Node would find `name` when required from package folder `from` ('' = the root), or undefined. */
function resolvePackage(root: string, from: string, name: string): string | undefined {
  const segs = from ? from.split('/') : [];
  for (let i = segs.length; i >= 0; i--) {
    if (i > 0 && segs[i - 1] === 'node_modules') continue;
    const candidate = [...segs.slice(0, i), 'node_modules', name].join('/');
    if (isDir(join(root, candidate))) return candidate;
  }
  return undefined;
}

/**
 * The folders (relative to `root`, e.g. `node_modules/@scope/pkg`, `node_modules/a/node_modules/b`) of the
 * production dependencies of `root/package.json`, sorted. A missing required dependency is BUILD_FAILED.
 */
export async function productionPackageDirs(root: string, slicer = new TimeSlicer(), manifests = new ManifestReader()): Promise<string[]> {
  const found = new Set<string>();
  const queue: string[] = [''];
  for (let next = 0; next < queue.length; next++) {
    await slicer.tick();
    const from = queue[next];
    const manifestPath = join(root, from, 'package.json');
    const m = manifests.read(manifestPath);
    if (!m) continue;
    const wanted: [string, boolean][] = [
      ...Object.keys(m.dependencies ?? {}).map((n): [string, boolean] => [n, true]),
      ...Object.keys(m.optionalDependencies ?? {}).map((n): [string, boolean] => [n, false]),
      // npm 7+ installs peers; take them when present, require the non-optional ones of dependencies.
      ...Object.keys(m.peerDependencies ?? {}).map((n): [string, boolean] => [n, from !== '' && !m.peerDependenciesMeta?.[n]?.optional]),
    ];
    for (const [name, required] of wanted) {
      const dir = resolvePackage(root, from, name);
      if (!dir) {
        if (!required) continue;
        throw new MissingDependencyError(name, manifestPath, root);
      }
      if (!found.has(dir)) {
        found.add(dir);
        queue.push(dir);
      }
    }
  }
  return [...found].sort();
}

/** The files of the production dependencies, named `<prefix><dir>/<file>`; nested node_modules excluded. */
export async function productionDependencyFiles(root: string, prefix = '', links?: SymlinkPolicy, slicer = new TimeSlicer(), memo?: WalkMemo): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const realPaths = new RealPaths(join(root));
  const skipDir = (rel: string): boolean => rel === 'node_modules';
  for (const dir of await productionPackageDirs(root, slicer, memo?.manifests)) {
    out.push(...(await walkFiles(join(root, dir), { prefix: `${prefix}${dir}/`, skipDir, links, slicer, realPaths, listings: memo?.listings })));
  }
  return out;
}
