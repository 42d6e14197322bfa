// core/packaging: the production dependency closure of a Node.js package, read from the installed
// node_modules tree (dependencies + optionalDependencies, never devDependencies), resolved as Node does.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { PackagingError } from './errors';
import { walkFiles, type SourceFile } from './fileTree';
import type { SymlinkPolicy } from './symlinkPolicy';

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

async function readManifest(file: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await fsp.readFile(file, 'utf8')) as Manifest;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PackagingError('BUILD_FAILED', `Cannot read "${file}": ${(e as Error).message}`, { cause: e, file });
  }
}

async function isDir(p: string): Promise<boolean> {
  return fsp.stat(p).then((s) => s.isDirectory(), () => false);
}

/** Where Node would find `name` when required from package folder `from` ('' = the root), or undefined. */
async function resolvePackage(root: string, from: string, name: string): Promise<string | undefined> {
  const segs = from ? from.split('/') : [];
  for (let i = segs.length; i >= 0; i--) {
    if (i > 0 && segs[i - 1] === 'node_modules') continue;
    const candidate = [...segs.slice(0, i), 'node_modules', name].join('/');
    if (await isDir(join(root, candidate))) return candidate;
  }
  return undefined;
}

/**
 * The folders (relative to `root`, e.g. `node_modules/@scope/pkg`, `node_modules/a/node_modules/b`) of the
 * production dependencies of `root/package.json`, sorted. A missing required dependency is BUILD_FAILED.
 */
export async function productionPackageDirs(root: string): Promise<string[]> {
  const found = new Set<string>();
  const queue: string[] = [''];
  while (queue.length > 0) {
    const from = queue.shift()!;
    const manifestPath = join(root, from, 'package.json');
    const m = await readManifest(manifestPath);
    if (!m) continue;
    const wanted: [string, boolean][] = [
      ...Object.keys(m.dependencies ?? {}).map((n): [string, boolean] => [n, true]),
      ...Object.keys(m.optionalDependencies ?? {}).map((n): [string, boolean] => [n, false]),
      // npm 7+ installs peers; take them when present, require the non-optional ones of dependencies.
      ...Object.keys(m.peerDependencies ?? {}).map((n): [string, boolean] => [n, from !== '' && !m.peerDependenciesMeta?.[n]?.optional]),
    ];
    for (const [name, required] of wanted) {
      const dir = await resolvePackage(root, from, name);
      if (!dir) {
        if (!required) continue;
        throw new PackagingError(
          'BUILD_FAILED',
          `Production dependency "${name}" of "${manifestPath}" is not installed — run \`npm install\` in "${root}" first.`,
          { file: manifestPath },
        );
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
export async function productionDependencyFiles(root: string, prefix = '', links?: SymlinkPolicy): Promise<SourceFile[]> {
  const dirs = await productionPackageDirs(root);
  const lists = await Promise.all(
    dirs.map((dir) => walkFiles(join(root, dir), { prefix: `${prefix}${dir}/`, skipDir: (rel) => rel === 'node_modules', links })),
  );
  return lists.flat();
}
