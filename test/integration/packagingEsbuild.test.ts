// Integration: BuildMethod esbuild as `sam build` does it — a TypeScript handler importing a local module
// and a node_modules package, bundled to app.js (+ app.js.map), handler rewritten, rebuilt only on change.
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { buildFunctionPackage, PackageCache, PackagingError, stageFunctionPackage } from '../../src/core/packaging';
import { fixtures, fnConfig, listZip, pkgJson, removeDir, tempDir, treeContents, writeTree, zipContents } from '../unit/packaging/helpers';

const root = tempDir();
after(() => removeDir(root));
let n = 0;

function project(): string {
  const dir = path.join(root, `p${n++}`);
  cpSync(path.join(fixtures, 'esbuild-ts'), dir, { recursive: true });
  writeTree(dir, {
    'node_modules/tiny-shout/package.json': pkgJson('tiny-shout', {}, { main: 'index.js' }),
    'node_modules/tiny-shout/index.js': 'exports.shout = (s) => s.toUpperCase() + "!";\n',
  });
  return dir;
}

const esbuildFn = (dir: string, props: Record<string, unknown>, env: Record<string, string> = {}) =>
  fnConfig({
    runtime: 'nodejs20.x',
    handler: 'src/handlers/app.handler',
    environment: env,
    code: { kind: 'directory', path: dir },
    metadata: { BuildMethod: 'esbuild', BuildProperties: { EntryPoints: ['src/handlers/app.ts'], ...props } },
  });

describe('esbuild functions', () => {
  test('bundles to app.js with its source map, rewrites the handler, and the bundle runs', async () => {
    const dir = project();
    const cache = new PackageCache(path.join(dir, '.lambda-workbench'));
    const fn = esbuildFn(dir, { Minify: false, Sourcemap: true, Target: 'es2022' });
    const built = await buildFunctionPackage(fn, { cache });
    assert.deepEqual((await listZip(built.zipPath)).map((e) => e.name), ['app.js', 'app.js.map']);
    assert.equal(built.handler, 'app.handler');
    assert.deepEqual(built.environment, { NODE_OPTIONS: '--enable-source-maps' });
    // Staged after the ZIP (from it, not bundled again): the same files, and the same rewritten handler.
    const staged = await stageFunctionPackage(fn, { cache });
    assert.deepEqual([staged.treeHash, staged.handler, staged.environment], [built.treeHash, 'app.handler', { NODE_OPTIONS: '--enable-source-maps' }]);
    assert.deepEqual(treeContents(staged.dir), { files: await zipContents(built.zipPath), others: [] });
    const code = readFileSync(path.join(staged.dir, 'app.js'), 'utf8');
    assert.match(code, /sourceMappingURL=app\.js\.map/);
    assert.match(code, /hello, \$\{name\}/, 'not minified');
    const map = JSON.parse(readFileSync(path.join(staged.dir, 'app.js.map'), 'utf8')) as { sources: string[] };
    assert.ok(map.sources.some((s) => s.endsWith('src/handlers/app.ts')), map.sources.join());
    const mod = (await import(path.join(staged.dir, 'app.js'))) as { handler: (e: unknown) => Promise<unknown> };
    assert.deepEqual(await mod.handler({ name: 'sam' }), { message: 'HELLO, SAM!' });
  });

  test("SAM's defaults: minified cjs, no map in the ZIP, NODE_OPTIONS kept; External leaves a module out", async () => {
    const dir = project();
    const cache = new PackageCache(path.join(dir, '.lambda-workbench'));
    const fn = esbuildFn(dir, { External: ['tiny-shout'] }, { NODE_OPTIONS: '--max-old-space-size=100' });
    const built = await buildFunctionPackage(fn, { cache });
    assert.deepEqual((await listZip(built.zipPath)).map((e) => e.name), ['app.js']);
    const zipped = Buffer.from((await zipContents(built.zipPath)).get('app.js')!.data, 'hex').toString('utf8');
    assert.doesNotMatch(zipped, /sourceMappingURL/);
    assert.equal(built.environment, undefined);
    // The local run (what invoke and debug use) has a map beside the same code, with absolute sources.
    const staged = await stageFunctionPackage(fn, { cache });
    assert.deepEqual(readdirSync(staged.dir).sort(), ['app.js', 'app.js.map']);
    assert.equal(staged.environment, undefined, 'no NODE_OPTIONS added: the function sees what Lambda would give it');
    const code = readFileSync(path.join(staged.dir, 'app.js'), 'utf8');
    assert.equal(code, `${zipped}//# sourceMappingURL=app.js.map\n`, 'the same code plus the map comment');
    assert.match(code, /require\("tiny-shout"\)/);
    assert.doesNotMatch(code, /toUpperCase/);
    assert.ok(code.split('\n').length <= 3, 'minified');
    const map = JSON.parse(readFileSync(path.join(staged.dir, 'app.js.map'), 'utf8')) as { sources: string[] };
    assert.ok(map.sources.includes(path.join(dir, 'src/handlers/app.ts')), map.sources.join());
  });

  test('format esm with OutExtension .mjs', async () => {
    const dir = project();
    const cache = new PackageCache(path.join(dir, '.lambda-workbench'));
    const fn = esbuildFn(dir, { Format: 'esm', OutExtension: ['.js=.mjs'], Minify: false });
    const staged = await stageFunctionPackage(fn, { cache });
    assert.match(readFileSync(path.join(staged.dir, 'app.mjs'), 'utf8'), /export \{/);
    // Zipped after staging: as configured (no map), while the staged tree has one beside the bundle.
    const built = await buildFunctionPackage(fn, { cache });
    assert.deepEqual((await listZip(built.zipPath)).map((e) => e.name), ['app.mjs']);
    assert.deepEqual(readdirSync(staged.dir).sort(), ['app.mjs', 'app.mjs.map']);
    // With Sourcemap on, the staged tree is the ZIP's, file for file (the first test).
    const mapped = { ...fn, metadata: { BuildMethod: 'esbuild', BuildProperties: { EntryPoints: ['src/handlers/app.ts'], Format: 'esm', OutExtension: ['.js=.mjs'], Minify: false, Sourcemap: true } } };
    const stagedMapped = await stageFunctionPackage(mapped, { cache });
    assert.deepEqual(treeContents(stagedMapped.dir), { files: await zipContents((await buildFunctionPackage(mapped, { cache })).zipPath), others: [] });
  });

  test('unchanged → cache hit; a source edit or a bundled node_modules edit → rebuild', async () => {
    const dir = project();
    const cache = new PackageCache(path.join(dir, '.lambda-workbench'));
    const fn = esbuildFn(dir, { Minify: false });
    const first = await buildFunctionPackage(fn, { cache });
    assert.equal((await buildFunctionPackage(fn, { cache })).fromCache, true);
    writeFileSync(path.join(dir, 'src/lib/greet.ts'), 'export const greet = (n: string): string => `hi, ${n}`;\n');
    const edited = await buildFunctionPackage(fn, { cache });
    assert.equal(edited.fromCache, false);
    assert.notEqual(edited.codeSha256, first.codeSha256);
    writeFileSync(path.join(dir, 'node_modules/tiny-shout/index.js'), 'exports.shout = (s) => s + "?";\n');
    const dep = await buildFunctionPackage(fn, { cache });
    assert.equal(dep.fromCache, false);
    const mod = (await import(path.join((await stageFunctionPackage(fn, { cache })).dir, 'app.js'))) as { handler: (e: unknown) => Promise<unknown> };
    assert.deepEqual(await mod.handler({ name: 'x' }), { message: 'hi, x?' });
    assert.equal((await buildFunctionPackage(fn, { cache })).fromCache, true);
  });

  test('a type error is not a build error (as esbuild), a syntax error is BUILD_FAILED with its location', async () => {
    const dir = project();
    const cache = new PackageCache(path.join(dir, '.lambda-workbench'));
    writeFileSync(path.join(dir, 'src/lib/greet.ts'), 'export function greet(name: string): string {\n  return `hello, ${name}`\n');
    await assert.rejects(buildFunctionPackage(esbuildFn(dir, {}), { cache }), (e: unknown) => {
      assert.ok(e instanceof PackagingError);
      assert.equal(e.code, 'BUILD_FAILED');
      assert.match(e.message, /esbuild failed for function "TestFunction": src\/lib\/greet\.ts:3:0: /);
      return true;
    });
  });

  test('a missing entry point and BuildMethod makefile are coded errors', async () => {
    const dir = project();
    const cache = new PackageCache(path.join(dir, '.lambda-workbench'));
    const fn = esbuildFn(dir, { EntryPoints: ['src/nope'] });
    await assert.rejects(buildFunctionPackage(fn, { cache }), /Entry point "src\/nope" of function "TestFunction" does not exist/);
    await assert.rejects(
      buildFunctionPackage({ ...fn, metadata: { BuildMethod: 'makefile' } }, { cache }),
      (e: unknown) => e instanceof PackagingError && e.code === ('BUILD_FAILED' as string) && /makefile/.test(e.message),
    );
  });
});
