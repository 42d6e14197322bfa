// core/packaging: the one build pipeline every package goes through — hash the inputs, reuse the cached
// package when they are unchanged, else produce the files, write the ZIP, check its size and cache it.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { PackagingError } from './errors';
import { toSourceFile, type SourceFile } from './fileTree';
import { sha256Hex } from './fileHasher';
import type { PackageCache } from './packageCache';
import { checkPackageSize } from './sizeLimits';
import type { BuiltPackage, PackageFile, ProgressListener, SizeLimits } from './types';
import { writeZip } from './archiveWriter';

/** Bumped when the bytes a builder produces change for the same inputs. */
const BUILDER_VERSION = 2; // 2: archiver ZIPs, absolute source-map sources

export interface BuildOptions {
  cache: PackageCache;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  /** Size limits; Lambda's by default (tests pass small ones). */
  limits?: Partial<SizeLimits>;
  /** Python executable for pip (default: $LAMBDA_WORKBENCH_PYTHON, else python3). */
  python?: string;
  /** Non-fatal problems found while collecting the files (symlinks out of the code folder), one message each. */
  warn?: (message: string) => void;
}

/** What a build produces in its work folder. */
export interface Produced {
  /** The package's files (with `zipPath`: what that ZIP holds, for the size checks). */
  files?: PackageFile[];
  /** A finished ZIP to use as it is (a user's ZIP). */
  zipPath?: string;
  /** Files read besides the plan's inputs (esbuild's bundled node_modules, sources outside the folder). */
  extraInputs?: string[];
  handler?: string;
  environment?: Record<string, string>;
}

export interface BuildPlan {
  /** Names the thing in messages, e.g. `function "HelloFunction"`. */
  label: string;
  /** Everything besides file contents that changes the output (runtime, build properties, …). */
  settings: unknown;
  /** Files whose names and contents key the cache. */
  inputs: SourceFile[];
  produce(workDir: string): Promise<Produced>;
}

async function statAll(paths: readonly string[]): Promise<SourceFile[] | undefined> {
  try {
    return await Promise.all(paths.map(async (p) => toSourceFile(p, p, await fsp.stat(p))));
  } catch {
    return undefined; // an extra input vanished: rebuild
  }
}

async function hashOf(cache: PackageCache, files: SourceFile[]): Promise<string> {
  const hashes = await cache.hasher.hashAll(files);
  return sha256Hex(JSON.stringify(files.map((f, i) => [f.name, f.executable, hashes[i]])));
}

/** Runs a plan through the cache. */
export async function runPlan(plan: BuildPlan, opts: BuildOptions): Promise<BuiltPackage> {
  const { cache, onProgress } = opts;
  onProgress?.({ phase: 'hash', done: 0, total: plan.inputs.length, message: `hashing ${plan.inputs.length} files` });
  const key = sha256Hex(JSON.stringify({ v: BUILDER_VERSION, settings: plan.settings, files: await hashOf(cache, plan.inputs) }));
  const rec = await cache.lookup(key);
  if (rec) {
    const extras = rec.extraInputs ? await statAll(rec.extraInputs) : [];
    if (extras && (!rec.extraInputs || (await hashOf(cache, extras)) === rec.extraHash)) {
      onProgress?.({ phase: 'done', done: 1, total: 1, message: `${plan.label}: unchanged` });
      const built = cache.toBuilt(rec, true);
      await cache.pin(plan.label, built);
      return built;
    }
  }
  return cache.once(key, async () => {
    const work = await cache.workDir();
    try {
      const produced = await plan.produce(work);
      if (opts.signal?.aborted) throw new PackagingError('BUILD_FAILED', `Build of ${plan.label} was cancelled.`);
      let zipPath = produced.zipPath;
      const files = produced.files ?? [];
      if (!zipPath) {
        zipPath = join(work, 'package.zip');
        await writeZip(files, zipPath, { onProgress, signal: opts.signal });
      }
      checkPackageSize(plan.label, (await fsp.stat(zipPath)).size, files, opts.limits);
      const extras = produced.extraInputs ? await statAll([...new Set(produced.extraInputs)].sort()) : undefined;
      const built = await cache.store(key, zipPath, {
        unzippedSize: files.reduce((s, f) => s + f.size, 0),
        handler: produced.handler,
        environment: produced.environment,
        extraInputs: extras?.map((f) => f.source),
        extraHash: extras ? await hashOf(cache, extras) : undefined,
      }, plan.label);
      onProgress?.({ phase: 'done', done: 1, total: 1, message: `${plan.label}: ${built.codeSha256}` });
      return built;
    } finally {
      await fsp.rm(work, { recursive: true, force: true });
    }
  });
}
