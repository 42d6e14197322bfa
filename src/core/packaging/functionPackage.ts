// core/packaging: a function's deployment package — picks the plan from the code source, runtime and SAM
// Metadata (BuildMethod esbuild / makefile / runtime default), then runs it through the cache.
import { stat } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { FunctionConfig } from '../model/functionConfig';
import { stagePlan, zipPlan, type BuildOptions, type BuildPlan } from './buildPipeline';
import { bundle, localRunProperties } from './esbuildBundle';
import { PackagingError } from './errors';
import { sha256Hex } from './fileHasher';
import { folderFiles, folderPlan, nodePlan, pythonPlan, requireDir, userZipPlan } from './sourcePlans';
import { npmContextFor } from './npmInstall';
import type { WalkMemo } from './fileTree';
import { SymlinkPolicy } from './symlinkPolicy';
import type { BuiltPackage, PackageFile, StagedPackage } from './types';

export function buildMethodOf(metadata: Record<string, unknown> | undefined): { method: string; props: Record<string, unknown> } {
  const props = metadata?.BuildProperties;
  return {
    method: typeof metadata?.BuildMethod === 'string' ? metadata.BuildMethod.toLowerCase() : '',
    props: props && typeof props === 'object' ? (props as Record<string, unknown>) : {},
  };
}

/**
 * A resource `sam build` already built: its template is the build's (.aws-sam/build/template.yaml), or its
 * Metadata has the SamResourceId that `sam build` adds. Its folder is the artifact: packaged as it is, with no
 * second esbuild, npm or pip step (its node_modules and vendored packages are in it).
 */
export function isSamBuilt(templatePath: string, metadata: Record<string, unknown> | undefined): boolean {
  return /[\\/]\.aws-sam[\\/]build$/.test(dirname(templatePath)) || typeof metadata?.SamResourceId === 'string';
}

export function unsupportedMakefile(label: string): PackagingError {
  return new PackagingError(
    'BUILD_FAILED',
    `${label} uses BuildMethod makefile, which Lambda Workbench does not run — build it with \`sam build\` and point CodeUri at the output, or remove the Metadata.`,
  );
}

/** `src/handlers/app.handler` → `app.handler` when esbuild wrote `app.js` at the root (SAM's bundler.py rule). */
function esbuildHandler(handler: string | undefined, outputs: readonly string[]): string | undefined {
  if (!handler) return undefined;
  const p = posix.parse(handler);
  const file = posix.join(p.dir, `${p.name}.js`);
  return outputs.includes(file) ? undefined : posix.basename(handler);
}

async function esbuildPlan(fn: FunctionConfig, label: string, root: string, props: Record<string, unknown>, links: SymlinkPolicy, memo: WalkMemo, localRun: boolean): Promise<BuildPlan> {
  const inputs = await folderFiles(root, '', undefined, true, links, memo);
  const own = new Set(inputs.map((f) => f.source));
  // A local run gets a source map beside the bundle even when the ZIP has none (esbuildBundle.ts).
  const built = localRun ? localRunProperties(props) : props;
  return {
    label,
    settings: { kind: 'esbuild', runtime: fn.runtime, props: built, handler: fn.handler },
    inputs,
    async produce(work) {
      const out = join(work, 'out');
      const result = await bundle(root, out, built, label);
      const files: PackageFile[] = await Promise.all(
        result.outputs.map(async (name) => ({ name, source: join(out, name), size: (await stat(join(out, name))).size, executable: false })),
      );
      const sourcemap = props.Sourcemap === true || props.Sourcemap === 'true';
      const nodeOptions = fn.environment.NODE_OPTIONS ?? '';
      return {
        files,
        extraInputs: result.inputs.filter((i) => !own.has(i)),
        handler: esbuildHandler(fn.handler, result.outputs),
        environment:
          sourcemap && !nodeOptions.split(/\s+/).includes('--enable-source-maps')
            ? { NODE_OPTIONS: `${nodeOptions} --enable-source-maps`.trim() }
            : undefined,
      };
    },
  };
}

async function functionPlan(fn: FunctionConfig, opts: BuildOptions, links: SymlinkPolicy, localRun: boolean): Promise<BuildPlan> {
  const label = `function "${fn.logicalId}"`;
  const code = fn.code;
  if (code.kind === 'inline') {
    const name = fn.runtime.startsWith('python') ? 'index.py' : 'index.js';
    const source = Buffer.from(code.source, 'utf8');
    const files = [{ name, source, size: source.length, executable: false }];
    return { label, settings: { kind: 'inline', name, sha: sha256Hex(source) }, inputs: [], produce: async () => ({ files }), filesAreInputs: true };
  }
  if (code.kind === 'zip') return userZipPlan(label, code.path, { kind: 'zip' });
  await requireDir(code.path, label);
  const { method, props } = buildMethodOf(fn.metadata);
  const settings = { kind: 'directory', runtime: fn.runtime, architectures: fn.architectures, method, props };
  if (isSamBuilt(fn.templatePath, fn.metadata)) return folderPlan(label, code.path, { ...settings, method: 'sam-built' }, '', undefined, links, opts.cache.walkMemo);
  if (method === 'makefile') throw unsupportedMakefile(label);
  if (method === 'esbuild') return esbuildPlan(fn, label, code.path, props, links, opts.cache.walkMemo, localRun);
  const family = fn.runtime.replace(/[\d.]+(\.x)?$/, '');
  if (method !== '' && !method.startsWith(family)) {
    throw new PackagingError('BUILD_FAILED', `${label}: BuildMethod "${method}" is not supported for runtime "${fn.runtime}" — use esbuild, the runtime, or none.`);
  }
  const npm = npmContextFor(opts, fn.runtime);
  if (fn.runtime.startsWith('nodejs')) return nodePlan(label, code.path, settings, '', links, opts.cache.walkMemo, npm);
  if (fn.runtime.startsWith('python')) {
    const failures = { dir: join(npm.dir, 'failed'), retry: opts.retryFailedSteps };
    return pythonPlan(label, code.path, settings, { runtime: fn.runtime, architectures: fn.architectures, props, python: opts.python, signal: opts.signal, links, memo: opts.cache.walkMemo, failures });
  }
  return folderPlan(label, code.path, settings, '', undefined, links, opts.cache.walkMemo);
}

/** Makes the function's plan for each build attempt, giving the symlink warnings of the last one. */
async function withPlan<T>(fn: FunctionConfig, opts: BuildOptions, run: (makePlan: () => Promise<BuildPlan>) => Promise<T>, localRun = false): Promise<T> {
  let links: SymlinkPolicy | undefined;
  try {
    return await run(() => {
      links = SymlinkPolicy.forResource(fn.code.kind === 'inline' ? '' : fn.code.path, fn.templatePath, fn.metadata);
      return functionPlan(fn, opts, links, localRun);
    });
  } finally {
    for (const w of links?.warnings(`function "${fn.logicalId}"`) ?? []) opts.warn?.(w);
  }
}

/** Builds (or reuses from the cache) a function's deployment package: the ZIP a user uploads and its CodeSha256. */
export function buildFunctionPackage(fn: FunctionConfig, opts: BuildOptions): Promise<BuiltPackage> {
  return withPlan(fn, opts, (makePlan) => zipPlan(makePlan, opts));
}

/**
 * Stages (or reuses) the folder a function runs from: exactly the files of its deployment package, written
 * incrementally — an edit rewrites the files it changed, not the package ("what runs is what ships"). One
 * exception: an esbuild bundle built without Sourcemap runs with a source map beside it (localRunProperties).
 */
export function stageFunctionPackage(fn: FunctionConfig, opts: BuildOptions): Promise<StagedPackage> {
  return withPlan(fn, opts, (makePlan) => stagePlan(makePlan, opts), true);
}
