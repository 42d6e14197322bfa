// core/packaging: the deployment package a user asks for (`package`, the Package command): the same bytes
// invocations run, optionally copied out as <LogicalId>.zip without leaving a half-written file behind.
import { copyFile, mkdir, rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FunctionConfig } from '../model/functionConfig';
import { sweepTemps, tempPathFor } from '../store/tempFiles';
import { buildFunctionPackage } from './functionPackage';
import type { PackageCache } from './packageCache';
import type { ProgressListener } from './types';

export interface PackageInfo {
  logicalId: string;
  zipPath: string;
  size: number;
  codeSha256: string;
  unzippedSize: number;
  fromCache: boolean;
  /** esbuild: the handler inside the package, when the build moved it (what `--output-template`/`deploy` write). */
  handler?: string;
  /** Environment additions of the build (esbuild Sourcemap: NODE_OPTIONS). */
  environment?: Record<string, string>;
}

export async function packageForUser(fn: FunctionConfig, cache: PackageCache, options: { onProgress?: ProgressListener; outDir?: string; warn(message: string): void }): Promise<PackageInfo> {
  const pkg = await buildFunctionPackage(fn, { cache, onProgress: options.onProgress, warn: options.warn, retryFailedSteps: true });
  const zipPath = options.outDir ? await copyInto(pkg.zipPath, options.outDir, `${fn.logicalId}.zip`) : pkg.zipPath;
  return { logicalId: fn.logicalId, zipPath, size: pkg.size, codeSha256: pkg.codeSha256, unzippedSize: pkg.unzippedSize, fromCache: pkg.fromCache, ...(pkg.handler ? { handler: pkg.handler } : {}), ...(pkg.environment ? { environment: pkg.environment } : {}) };
}

/** Copies `file` to `dir/name` through a temporary file, so a reader never sees half of it. */
export async function copyInto(file: string, dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = resolve(dir, name);
  await sweepTemps([dir], Date.now(), (n) => n.startsWith(`${name}.`)); // what a killed earlier copy left
  const tmp = tempPathFor(target);
  await copyFile(file, tmp);
  await rename(tmp, target);
  return target;
}
