// Benchmark cases for core/packaging (registered in cases.ts): packaging a function with a large
// node_modules against `zip -r -q -X` of the same folder (interleaved run by run), and the esbuild
// edit → rebuild loop.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FunctionConfig } from '../../src/core/model/functionConfig';
import { buildFunctionPackage, PackageCache } from '../../src/core/packaging';
import { LambdaService } from '../../src/core/service';
import { writeZipFile } from '../../src/core/packaging/archiveWriter';
import { walkFiles } from '../../src/core/packaging/fileTree';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { timeProcessRun } from './processes';
import { writeZipSync } from './syncZipWriter';
import { median, nowMs } from './stats';

const ZIP = '/usr/bin/zip';

function fn(dir: string, over: Partial<FunctionConfig> = {}): FunctionConfig {
  return {
    logicalId: 'BenchFunction', functionName: 'BenchFunction', templatePath: path.join(dir, 'template.yaml'),
    resourceType: 'AWS::Serverless::Function', handler: 'index.handler', runtime: 'nodejs20.x',
    code: { kind: 'directory', path: dir }, memorySize: 128, timeout: 3, ephemeralStorage: 512, architectures: ['x86_64'],
    environment: {}, logging: { logFormat: 'Text', logGroup: '/aws/lambda/BenchFunction' }, layers: [], events: [],
    ...over,
  };
}

/** A function whose node_modules holds `packages` production packages of `filesEach` JS files (~1.5 KB each). */
export function largeNodeApp(dir: string, packages: number, filesEach: number): number {
  const deps: Record<string, string> = {};
  let files = 0;
  for (let p = 0; p < packages; p++) {
    const name = p % 5 === 0 ? `@bench/pkg-${p}` : `pkg-${p}`;
    deps[name] = '1.0.0';
    const pkgDir = path.join(dir, 'node_modules', name);
    mkdirSync(path.join(pkgDir, 'lib'), { recursive: true });
    writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'lib/f0.js' }));
    for (let f = 0; f < filesEach; f++) {
      const body = Array.from({ length: 30 }, (_, i) => `exports.fn${i} = function fn${i}(a, b) { return a * ${p} + b * ${f} + ${i}; };`).join('\n');
      writeFileSync(path.join(pkgDir, 'lib', `f${f}.js`), `'use strict';\n// ${name} file ${f}\n${body}\n`);
    }
    files += filesEach + 1;
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-app', version: '1.0.0', dependencies: deps }));
  writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({ ok: true });\n');
  return files + 2;
}

/** The bench's large function (5,202 files; 1,302 with --quick) in `<root>/fn`, with `<root>/template.yaml`. */
export function largeNodeFunction(ctx: BenchContext, prefix: string): { root: string; app: string; files: number } {
  const root = mkdtempSync(path.join(ctx.tmpRoot, prefix));
  const app = path.join(root, 'fn');
  mkdirSync(app);
  const files = largeNodeApp(app, ctx.n(400, 100), 12);
  writeFileSync(
    path.join(root, 'template.yaml'),
    'Transform: AWS::Serverless-2016-10-31\nResources:\n  LargeFunction:\n    Type: AWS::Serverless::Function\n' +
      '    Properties: { CodeUri: fn/, Handler: index.handler, Runtime: nodejs20.x }\n',
  );
  return { root, app, files };
}

/** `package` as the CLI runs it: LambdaService.packageFunction on a fresh state directory, ZIP copied to `outDir`. */
async function packageOnce(ctx: BenchContext, root: string, outDir: string): Promise<number> {
  const svc = new LambdaService({ cwd: root, persistLogs: false, stateDir: mkdtempSync(path.join(ctx.tmpRoot, 'pkg-svc-')) });
  try {
    await svc.template();
    const t0 = nowMs();
    const info = await svc.packageFunction('LargeFunction', { outDir });
    const t = nowMs() - t0;
    assert.ok(!info.fromCache && info.size > 0);
    return t;
  } finally {
    await svc.dispose();
  }
}

async function largeNodeModules(ctx: BenchContext): Promise<Metrics> {
  const { root, app, files } = largeNodeFunction(ctx, 'large-app-');
  ctx.log(`packaging: generated ${files} files`);
  const runs = ctx.n(5, 2);
  const ours: number[] = [];
  const zipOnly: number[] = [];
  const zipR: number[] = [];
  const syncWriter: number[] = [];
  const hits: number[] = [];
  const packaged: number[] = [];
  let zipSize = 0;
  for (let i = -1; i < runs; i++) {
    // A fresh cache each run: walk, hash, zip, extract (what `package` and a cold invoke do).
    const cache = new PackageCache(mkdtempSync(path.join(ctx.tmpRoot, 'pkg-state-')));
    let t0 = nowMs();
    const built = await buildFunctionPackage(fn(app), { cache });
    const tOurs = nowMs() - t0;
    t0 = nowMs();
    const again = await buildFunctionPackage(fn(app), { cache });
    const tHit = nowMs() - t0;
    assert.ok(!built.fromCache && again.fromCache);
    zipSize = built.size;
    t0 = nowMs();
    const archived = await writeZipFile(await walkFiles(app), path.join(app, '..', `only-${i + 1}.zip`));
    const tZip = nowMs() - t0;
    // The same walk and ZIP without archiver's thread-pool round trips: what its per-entry cost is against.
    t0 = nowMs();
    const synced = writeZipSync(await walkFiles(app), path.join(app, '..', `sync-${i + 1}.zip`));
    const tSync = nowMs() - t0;
    assert.equal(synced.codeSha256, archived.codeSha256, 'the synchronous writer must write archiver\'s bytes');
    const tR = existsSync(ZIP) ? await timeProcessRun(ZIP, ['-r', '-q', '-X', path.join(app, '..', `zip-r-${i + 1}.zip`), '.'], app) : Number.NaN;
    const tPackage = await packageOnce(ctx, root, path.join(root, `out-${i + 1}`));
    if (i < 0) continue; // warm the page cache first
    ours.push(tOurs);
    hits.push(tHit);
    zipOnly.push(tZip);
    syncWriter.push(tSync);
    zipR.push(tR);
    packaged.push(tPackage);
  }
  if (!existsSync(ZIP)) ctx.log(`packaging: ${ZIP} not found, zip_r_same_folder_ms not measured`);
  return {
    package_large_node_modules_ms: { value: median(ours), unit: 'ms' },
    zip_r_same_folder_ms: { value: median(zipR), unit: 'ms' },
    package_large_node_modules_zip_only_ms: { value: median(zipOnly), unit: 'ms' },
    package_large_sync_writer_zip_ms: { value: median(syncWriter), unit: 'ms' },
    package_large_node_modules_cache_hit_ms: { value: median(hits), unit: 'ms' },
    package_large_node_modules_files: { value: files, unit: 'count' },
    package_large_node_modules_zip_bytes: { value: zipSize, unit: 'bytes' },
    package_large_ms: { value: median(packaged), unit: 'ms' },
    package_large_ratio_zip: { value: median(packaged) / median(zipR), unit: 'ratio' },
  };
}

async function esbuildRebuild(ctx: BenchContext): Promise<Metrics> {
  const dir = mkdtempSync(path.join(ctx.tmpRoot, 'esbuild-app-'));
  const write = (rel: string, text: string): void => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  write('package.json', JSON.stringify({ name: 'esb', version: '1.0.0', dependencies: { 'tiny-shout': '1.0.0' } }));
  write('node_modules/tiny-shout/package.json', JSON.stringify({ name: 'tiny-shout', version: '1.0.0', main: 'index.js' }));
  write('node_modules/tiny-shout/index.js', 'exports.shout = (s) => s.toUpperCase();\n');
  write('src/handlers/app.ts', "import { greet } from '../lib/greet';\nimport { shout } from 'tiny-shout';\nexport const handler = async () => shout(greet('x'));\n");
  for (let i = 0; i < 20; i++) write(`src/lib/m${i}.ts`, `export const v${i} = (n: number): number => n + ${i};\n`);
  const config = fn(dir, {
    handler: 'src/handlers/app.handler',
    metadata: { BuildMethod: 'esbuild', BuildProperties: { EntryPoints: ['src/handlers/app.ts'], Sourcemap: true, Minify: false } },
  });
  const cache = new PackageCache(path.join(dir, '.lambda-workbench'));
  const samples: number[] = [];
  const runs = ctx.n(30, 8);
  for (let i = -2; i < runs; i++) {
    write('src/lib/greet.ts', `export const greet = (n: string): string => \`hello ${i}, \${n}\`;\n`);
    const t0 = nowMs();
    const built = await buildFunctionPackage(config, { cache });
    const t = nowMs() - t0;
    assert.ok(!built.fromCache);
    if (i >= 0) samples.push(t);
  }
  return { esbuild_rebuild_after_edit_ms: { value: median(samples), unit: 'ms' } };
}

export const packagingCases: BenchCase[] = [
  {
    name: 'package_large_node_modules',
    description: 'buildFunctionPackage (fresh cache: walk, hash, zip, extract) and `package` (LambdaService.packageFunction, fresh state) of a function with thousands of node_modules files, vs zip -r -q -X and a synchronous ZIP writer of the same bytes (interleaved)',
    run: largeNodeModules,
  },
  {
    name: 'esbuild_rebuild_after_edit',
    description: 'esbuild function: edit one source file, then buildFunctionPackage (bundle + zip + extract into the cache)',
    run: esbuildRebuild,
  },
];
