// core/packaging: bundles a Node.js function with esbuild exactly as `sam build` does for
// `Metadata: { BuildMethod: esbuild, BuildProperties }` (aws-lambda-builders nodejs_npm_esbuild).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve } from 'node:path';
import type * as Esbuild from 'esbuild';
import { PackagingError } from './errors';

export type EsbuildProperties = Record<string, unknown>;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : String(v).split(','));
const bool = (v: unknown): boolean | undefined => (v === undefined ? undefined : v === true || v === 'true');
/** `['.js=.mjs', 'js=…']` → `{ '.js': '.mjs' }`, as lambda-builders passes `--out-extension:.js=.mjs`. */
const pairs = (v: unknown): Record<string, string> =>
  Object.fromEntries(list(v).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));

/** esbuild from the function's own project when it has one (as SAM prefers), else ours. */
function loadEsbuild(srcDir: string): typeof Esbuild {
  for (const base of [join(srcDir, 'package.json'), __filename]) {
    try {
      const load = createRequire(base);
      return load(load.resolve('esbuild')) as typeof Esbuild;
    } catch {
      // try the next
    }
  }
  throw new PackagingError('BUILD_FAILED', 'Cannot find esbuild — add it to the project (`npm install -D esbuild`) to use BuildMethod: esbuild.');
}

/** `app` → `app.ts` or `app.js`, as lambda-builders resolves entry points without an extension. */
function entryPoint(srcDir: string, entry: string, label: string): string {
  if (extname(entry)) {
    if (existsSync(join(srcDir, entry))) return entry;
  } else {
    for (const ext of ['.ts', '.js']) if (existsSync(join(srcDir, entry + ext))) return entry + ext;
  }
  throw new PackagingError('BUILD_FAILED', `Entry point "${entry}" of ${label} does not exist in "${srcDir}" — check Metadata.BuildProperties.EntryPoints.`);
}

/** The esbuild options `sam build` would use: bundle, platform node, target es2020, format cjs, minify on. */
export function esbuildOptions(srcDir: string, outDir: string, props: EsbuildProperties, label: string): Esbuild.BuildOptions {
  const entries = list(props.EntryPoints);
  if (entries.length === 0) throw new PackagingError('BUILD_FAILED', `${label} uses BuildMethod esbuild without Metadata.BuildProperties.EntryPoints.`);
  const o: Esbuild.BuildOptions = {
    absWorkingDir: srcDir,
    entryPoints: entries.map((e) => entryPoint(srcDir, e, label)),
    bundle: true,
    platform: (props.Platform as Esbuild.Platform | undefined) ?? 'node',
    outdir: outDir,
    target: props.Target === undefined ? 'es2020' : list(props.Target),
    format: (props.Format as Esbuild.Format | undefined) ?? 'cjs',
    minify: bool(props.Minify) ?? true,
    sourcemap: bool(props.Sourcemap) ?? false,
    external: list(props.External),
    metafile: true,
    write: true,
    logLevel: 'silent',
  };
  if (props.MainFields !== undefined) o.mainFields = list(props.MainFields);
  if (props.Loader !== undefined) o.loader = pairs(props.Loader) as Record<string, Esbuild.Loader>;
  if (props.OutExtension !== undefined) o.outExtension = pairs(props.OutExtension);
  if (props.Banner !== undefined) o.banner = pairs(props.Banner);
  if (props.SourcesContent !== undefined) o.sourcesContent = bool(props.SourcesContent);
  return o;
}

/**
 * The properties a local run (the task root an invoke or a debug session runs from) is bundled with: the
 * user's, plus a source map beside the bundle when they did not ask for one, so that stack traces, the
 * output channel and breakpoints name the original `src/*.ts` lines. The ZIP that `package` writes and a
 * published version keep the user's properties exactly (no map unless Sourcemap is on).
 */
export function localRunProperties(props: EsbuildProperties): EsbuildProperties {
  return bool(props.Sourcemap) ? props : { ...props, Sourcemap: true };
}

/**
 * esbuild writes `sources` relative to the build folder, which is not where the package runs from: make
 * them absolute so Node's --enable-source-maps and debuggers find the original .ts files from the task root.
 */
function absolutizeSources(mapFile: string): void {
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources?: string[]; sourceRoot?: string };
  const base = dirname(mapFile);
  map.sources = (map.sources ?? []).map((s) => (/^[a-z]+:/i.test(s) ? s : resolve(base, map.sourceRoot ?? '', s)));
  delete map.sourceRoot;
  writeFileSync(mapFile, JSON.stringify(map));
}

/** Runs esbuild; returns the outputs (relative to `outDir`) and every input it read (absolute). */
export async function bundle(srcDir: string, outDir: string, props: EsbuildProperties, label: string): Promise<{ outputs: string[]; inputs: string[] }> {
  const esbuild = loadEsbuild(srcDir);
  let result: Esbuild.BuildResult<{ metafile: true }>;
  try {
    result = (await esbuild.build(esbuildOptions(srcDir, outDir, props, label))) as Esbuild.BuildResult<{ metafile: true }>;
  } catch (cause) {
    const errors = (cause as { errors?: Esbuild.Message[] }).errors ?? [];
    const first = errors[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
    throw new PackagingError('BUILD_FAILED', `esbuild failed for ${label}: ${where}${first?.text ?? (cause as Error).message}`, {
      cause,
      file: first?.location ? join(srcDir, first.location.file) : undefined,
    });
  }
  const cwd = srcDir;
  const outputs = Object.keys(result.metafile.outputs).map((o) => join(cwd, o));
  for (const map of outputs.filter((o) => o.endsWith('.map'))) absolutizeSources(map);
  return {
    outputs: outputs.map((o) => relative(outDir, o).split('\\').join('/')),
    inputs: Object.keys(result.metafile.inputs).filter((i) => !i.includes(':')).map((i) => join(cwd, i)),
  };
}
