// core/packaging: Lambda's package size limits (lambda-semantics.md §2.3): 50 MB zipped, 250 MB unzipped
// including layers. Errors name the biggest contributors so the user knows what to trim.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PackagingError } from './errors';
import { LAMBDA_SIZE_LIMITS, MB, type SizeLimits } from './types';

export interface Contributor {
  path: string;
  size: number;
}

export function formatBytes(n: number): string {
  if (n >= MB) return `${(n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

/** Groups a file path by what a user would remove: a package under node_modules, else its top folder. */
function contributorOf(name: string): string {
  const parts = name.split('/');
  const nm = parts.lastIndexOf('node_modules', parts.length - 2);
  if (nm >= 0) {
    const scoped = parts[nm + 1]?.startsWith('@') && parts.length > nm + 2;
    return parts.slice(0, nm + (scoped ? 3 : 2)).join('/');
  }
  // A layer's python/<pkg> or a function's top-level folder.
  const depth = (parts[0] === 'python' || parts[0] === 'nodejs') && parts.length > 2 ? 2 : 1;
  return parts.slice(0, Math.min(depth, parts.length)).join('/');
}

/** The `n` biggest contributors (grouped as contributorOf does), biggest first, ties by path. */
export function topContributors(files: Iterable<{ name: string; size: number }>, n = 5, prefix = ''): Contributor[] {
  const sums = new Map<string, number>();
  for (const f of files) {
    const key = prefix + contributorOf(f.name);
    sums.set(key, (sums.get(key) ?? 0) + f.size);
  }
  return [...sums]
    .map(([path, size]) => ({ path, size }))
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1))
    .slice(0, n);
}

function describe(top: Contributor[]): string {
  return top.map((c) => `"${c.path}" (${formatBytes(c.size)})`).join(', ');
}

/** Throws PACKAGE_TOO_LARGE when one package is over the zipped or unzipped limit. */
export function checkPackageSize(
  label: string,
  zippedBytes: number,
  files: readonly { name: string; size: number }[],
  limits: Partial<SizeLimits> = {},
): void {
  const { maxZippedBytes, maxUnzippedBytes } = { ...LAMBDA_SIZE_LIMITS, ...limits };
  const unzipped = files.reduce((s, f) => s + f.size, 0);
  const over =
    unzipped > maxUnzippedBytes
      ? `${formatBytes(unzipped)} unzipped, over the ${formatBytes(maxUnzippedBytes)} limit`
      : zippedBytes > maxZippedBytes
        ? `${formatBytes(zippedBytes)} zipped, over the ${formatBytes(maxZippedBytes)} limit`
        : undefined;
  if (over === undefined) return;
  throw new PackagingError(
    'PACKAGE_TOO_LARGE',
    `Deployment package of ${label} is ${over}. Biggest contributors: ${describe(topContributors(files))}. ` +
      'Exclude them with a .lambdaignore file, move them to a layer, or bundle with esbuild.',
  );
}

function walkSizes(root: string, rel: string, out: { name: string; size: number }[]): void {
  for (const ent of readdirSync(join(root, rel), { withFileTypes: true })) {
    const name = rel ? `${rel}/${ent.name}` : ent.name;
    if (ent.isDirectory()) walkSizes(root, name, out);
    else if (ent.isFile()) out.push({ name, size: lstatSync(join(root, name)).size });
  }
}

/** A part of what an environment runs: its folder, and its size when known (then the folder is walked only to name contributors). */
export interface SizedPart {
  label: string;
  dir: string;
  bytes?: number;
}

/**
 * Throws PACKAGE_TOO_LARGE when a function's staged package plus its layers' folders exceed the unzipped
 * limit (250 MB, lambda-semantics.md §2.3 and §7), naming the five biggest contributors.
 */
export function checkTotalUnzippedSize(parts: SizedPart[], limits: Partial<SizeLimits> = {}): void {
  const max = limits.maxUnzippedBytes ?? LAMBDA_SIZE_LIMITS.maxUnzippedBytes;
  const listed = new Map<SizedPart, { name: string; size: number }[]>();
  const filesOf = (part: SizedPart): { name: string; size: number }[] => {
    let files = listed.get(part);
    if (!files) {
      files = [];
      walkSizes(part.dir, '', files);
      listed.set(part, files);
    }
    return files;
  };
  const total = parts.reduce((s, p) => s + (p.bytes ?? filesOf(p).reduce((t, f) => t + f.size, 0)), 0);
  if (total <= max) return;
  const all = parts.flatMap((p) => topContributors(filesOf(p), 5, `${p.label}: `));
  const top = all.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1)).slice(0, 5);
  throw new PackagingError(
    'PACKAGE_TOO_LARGE',
    `Function and layers are ${formatBytes(total)} unzipped, over the ${formatBytes(max)} limit. ` +
      `Biggest contributors: ${describe(top)}. Remove unused dependencies or layers.`,
  );
}
