// Integration: function packages from real folders — production node_modules only, exclusions and
// .lambdaignore, reproducible bytes and CodeSha256, executable bits, size limits, the cache, inline and ZIP code.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { buildFunctionPackage, codeSha256, PackageCache, PackagingError, type Progress } from '../../src/core/packaging';
import { craftZip, fnConfig, listZip, pkgJson, removeDir, tempDir, writeTree } from '../unit/packaging/helpers';

const root = tempDir();
after(() => removeDir(root));
let n = 0;
const fresh = (): { dir: string; cache: PackageCache } => {
  const dir = path.join(root, `case-${n++}`);
  return { dir, cache: new PackageCache(path.join(dir, 'state')) };
};

/** A Node.js function with a prod dep (with a nested and a scoped dep), a devDep, tests and an ignore file. */
function nodeApp(dir: string): string {
  const app = path.join(dir, 'app');
  writeTree(app, {
    'package.json': JSON.stringify({ name: 'app', dependencies: { 'prod-a': '1' }, devDependencies: { 'dev-b': '1' } }),
    'index.js': "exports.handler = async () => require('prod-a')();\n",
    'lib/util.js': 'module.exports = 1;\n',
    'README.md': '# docs\n',
    'tests/handler.test.js': 'test\n',
    'lib/tests/keep.js': 'kept: only root-level test folders are excluded\n',
    '.lambdaignore': '*.md\n',
    '.git/HEAD': 'ref\n',
    'node_modules/.package-lock.json': '{}',
    'node_modules/.bin/prod-a': 'bin',
    'node_modules/prod-a/package.json': pkgJson('prod-a', { 'nested-c': '2', '@scope/shared': '1' }),
    'node_modules/prod-a/index.js': "module.exports = () => require('nested-c') + require('@scope/shared');\n",
    'node_modules/prod-a/node_modules/nested-c/package.json': pkgJson('nested-c'),
    'node_modules/prod-a/node_modules/nested-c/index.js': 'module.exports = "c2";\n',
    'node_modules/nested-c/package.json': pkgJson('nested-c', {}, { version: '1.0.0-unused' }),
    'node_modules/nested-c/index.js': 'module.exports = "c1";\n',
    'node_modules/@scope/shared/package.json': pkgJson('@scope/shared'),
    'node_modules/@scope/shared/index.js': 'module.exports = "+shared";\n',
    'node_modules/dev-b/package.json': pkgJson('dev-b'),
    'node_modules/dev-b/index.js': 'dev only\n',
  });
  return app;
}

describe('Node.js function packages', () => {
  test('production dependencies only, nested and scoped; defaults and .lambdaignore applied', async () => {
    const { dir, cache } = fresh();
    const app = nodeApp(dir);
    const progress: Progress[] = [];
    const built = await buildFunctionPackage(fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: app } }), {
      cache,
      onProgress: (p) => progress.push(p),
    });
    const names = (await listZip(built.zipPath)).map((e) => e.name);
    assert.deepEqual(names, [
      'index.js',
      'lib/tests/keep.js',
      'lib/util.js',
      'node_modules/@scope/shared/index.js',
      'node_modules/@scope/shared/package.json',
      'node_modules/prod-a/index.js',
      'node_modules/prod-a/node_modules/nested-c/index.js',
      'node_modules/prod-a/node_modules/nested-c/package.json',
      'node_modules/prod-a/package.json',
      'package.json',
    ]);
    assert.equal(built.fromCache, false);
    assert.ok(progress.some((p) => p.phase === 'zip') && progress.at(-1)?.phase === 'done');
    // What runs is what ships: the extracted folder runs the handler with the nested dependency.
    const mod = (await import(path.join(built.extractedDir, 'index.js'))) as { handler: () => Promise<string> };
    assert.equal(await mod.handler(), 'c2+shared');
    assert.equal(built.unzippedSize, names.reduce((s, f) => s + statSync(path.join(built.extractedDir, f)).size, 0));
  });

  test('a missing production dependency is a coded error that says to run npm install', async () => {
    const { dir, cache } = fresh();
    writeTree(dir, { 'app/package.json': pkgJson('app', { missing: '1' }), 'app/index.js': '' });
    await assert.rejects(
      buildFunctionPackage(fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: path.join(dir, 'app') } }), { cache }),
      (e: unknown) => e instanceof PackagingError && e.code === ('BUILD_FAILED' as string) && /"missing".*npm install/.test(e.message),
    );
  });
});

describe('reproducible packages', () => {
  test('two builds give identical bytes and CodeSha256, also after touching mtimes', async () => {
    const { dir } = fresh();
    const app = nodeApp(dir);
    const fn = fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: app } });
    const a = await buildFunctionPackage(fn, { cache: new PackageCache(path.join(dir, 's1')) });
    const later = new Date(Date.now() + 3600_000);
    for (const f of ['index.js', 'lib/util.js', 'node_modules/prod-a/index.js']) utimesSync(path.join(app, f), later, later);
    const b = await buildFunctionPackage(fn, { cache: new PackageCache(path.join(dir, 's2')) });
    assert.equal(b.fromCache, false);
    assert.deepEqual(readFileSync(a.zipPath), readFileSync(b.zipPath));
    assert.equal(a.codeSha256, b.codeSha256);
    // CodeSha256 = base64(raw sha256) as `openssl dgst -sha256 -binary | base64` prints it.
    assert.equal(a.codeSha256, createHash('sha256').update(readFileSync(a.zipPath)).digest('base64'));
    assert.equal(await codeSha256(a.zipPath), a.codeSha256);
    assert.equal(a.codeSha256.length, 44);
    for (const e of await listZip(a.zipPath)) {
      assert.equal(e.mtime, '1980-01-01T00:00:00.000Z', e.name);
      assert.equal(e.mode, 0o100644, e.name);
    }
  });

  test('files with an x bit (bootstrap included) are 0755, others 0644: the bit is kept, never added', async () => {
    const { dir, cache } = fresh();
    writeTree(dir, {
      'fn/bootstrap': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
      'fn/not-a-bootstrap.sh': { content: '#!/bin/sh\n', mode: 0o644 },
      'fn/bin/tool': { content: '#!/bin/sh\n', mode: 0o700 },
      'fn/data.txt': { content: 'x', mode: 0o600 },
    });
    const built = await buildFunctionPackage(fnConfig({ runtime: 'provided.al2023', code: { kind: 'directory', path: path.join(dir, 'fn') } }), { cache });
    assert.deepEqual(
      (await listZip(built.zipPath)).map((e) => [e.name, e.mode.toString(8)]),
      [['bin/tool', '100755'], ['bootstrap', '100755'], ['data.txt', '100644'], ['not-a-bootstrap.sh', '100644']],
    );
    assert.equal(statSync(path.join(built.extractedDir, 'bootstrap')).mode & 0o777, 0o755);
  });
});

describe('size limits', () => {
  test('an oversized package names its biggest contributors', async () => {
    const { dir, cache } = fresh();
    writeTree(dir, {
      'fn/index.js': 'x',
      'fn/assets/big.bin': 'b'.repeat(3000),
      'fn/node_modules/heavy/package.json': pkgJson('heavy'),
      'fn/node_modules/heavy/data.js': 'h'.repeat(2000),
      'fn/package.json': pkgJson('fn', { heavy: '1' }),
    });
    await assert.rejects(
      buildFunctionPackage(fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: path.join(dir, 'fn') } }), { cache, limits: { maxUnzippedBytes: 4000 } }),
      (e: unknown) =>
        e instanceof PackagingError &&
        e.code === ('PACKAGE_TOO_LARGE' as string) &&
        /Biggest contributors: "assets" \(2\.9 KB\), "node_modules\/heavy" \(2\.0 KB\), "package\.json"/.test(e.message),
    );
  });
});

describe('the package cache', () => {
  test('unchanged inputs are a cache hit; a change rebuilds', async () => {
    const { dir, cache } = fresh();
    const app = nodeApp(dir);
    const fn = fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: app } });
    const first = await buildFunctionPackage(fn, { cache });
    const again = await buildFunctionPackage(fn, { cache: new PackageCache(path.join(dir, 'state')) });
    assert.equal(again.fromCache, true);
    assert.equal(again.zipPath, first.zipPath);
    assert.equal(again.codeSha256, first.codeSha256);
    writeFileSync(path.join(app, 'node_modules/prod-a/node_modules/nested-c/index.js'), 'module.exports = "c3";\n');
    const changed = await buildFunctionPackage(fn, { cache });
    assert.equal(changed.fromCache, false);
    assert.notEqual(changed.codeSha256, first.codeSha256);
    assert.match(changed.extractedDir, new RegExp(`${Buffer.from(changed.codeSha256, 'base64').toString('hex')}/task$`));
    writeFileSync(path.join(app, 'README.md'), 'ignored by .lambdaignore');
    assert.equal((await buildFunctionPackage(fn, { cache })).fromCache, true);
  });
});

describe('inline code and user ZIPs', () => {
  test('inline code becomes index.js / index.py', async () => {
    const { cache } = fresh();
    const js = await buildFunctionPackage(fnConfig({ runtime: 'nodejs20.x', code: { kind: 'inline', source: 'exports.handler=1' } }), { cache });
    assert.deepEqual((await listZip(js.zipPath)).map((e) => e.name), ['index.js']);
    const py = await buildFunctionPackage(fnConfig({ runtime: 'python3.12', code: { kind: 'inline', source: 'def handler(e, c): pass' } }), { cache });
    assert.equal(readFileSync(path.join(py.extractedDir, 'index.py'), 'utf8'), 'def handler(e, c): pass');
  });

  test("a user's ZIP is the package as it is; a hostile one is refused", async () => {
    const { dir, cache } = fresh();
    mkdirSync(dir, { recursive: true });
    const good = path.join(dir, 'good.zip');
    writeFileSync(good, craftZip([{ name: 'index.js', data: 'exports.handler = 1;' }]));
    const built = await buildFunctionPackage(fnConfig({ runtime: 'nodejs20.x', code: { kind: 'zip', path: good } }), { cache });
    assert.deepEqual(readFileSync(built.zipPath), readFileSync(good));
    assert.equal(built.unzippedSize, 20);
    const bad = path.join(dir, 'bad.zip');
    writeFileSync(bad, craftZip([{ name: '../evil.js', data: 'x' }]));
    await assert.rejects(
      buildFunctionPackage(fnConfig({ runtime: 'nodejs20.x', code: { kind: 'zip', path: bad } }), { cache }),
      (e: unknown) => e instanceof PackagingError && e.reason === 'PATH_TRAVERSAL',
    );
  });
});
