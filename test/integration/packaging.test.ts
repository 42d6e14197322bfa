// Integration: function packages from real folders — production node_modules only, exclusions and
// .lambdaignore, reproducible bytes and CodeSha256, executable bits, size limits, the cache, inline and ZIP
// code — and the staged trees functions run from, which hold exactly their ZIP's files, also after edits.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { buildFunctionPackage, codeSha256, PackageCache, PackagingError, stageFunctionPackage, type Progress } from '../../src/core/packaging';
import { craftZip, fnConfig, listZip, pkgJson, removeDir, tempDir, treeContents, writeTree, zipContents } from '../unit/packaging/helpers';

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
    // What runs is what ships: the staged tree holds exactly the ZIP's files, bytes and modes, nothing else,
    // and runs the handler with the nested dependency.
    const staged = await stageFunctionPackage(fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: app } }), { cache });
    assert.equal(staged.treeHash, built.treeHash);
    assert.deepEqual(treeContents(staged.dir), { files: await zipContents(built.zipPath), others: [] });
    const mod = (await import(path.join(staged.dir, 'index.js'))) as { handler: () => Promise<string> };
    assert.equal(await mod.handler(), 'c2+shared');
    assert.equal(built.unzippedSize, names.reduce((s, f) => s + statSync(path.join(staged.dir, f)).size, 0));
  });

  test('a production dependency npm cannot install is DEPENDENCIES_FAILED with what npm said', async () => {
    // Not installed, so it is installed as `sam build` does (npmInstall.ts); npm finds no version 1 of "missing".
    const { dir, cache } = fresh();
    writeTree(dir, { 'app/package.json': pkgJson('app', { missing: '1' }), 'app/index.js': '' });
    await assert.rejects(
      buildFunctionPackage(fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: path.join(dir, 'app') } }), { cache }),
      (e: unknown) => e instanceof PackagingError && e.code === ('DEPENDENCIES_FAILED' as string) && /^`npm install --omit=dev` failed for function "TestFunction" \(exit 1\)\..*npm said:\nnpm error code ETARGET$/ms.test(e.message),
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
    const fn = fnConfig({ runtime: 'provided.al2023', code: { kind: 'directory', path: path.join(dir, 'fn') } });
    const built = await buildFunctionPackage(fn, { cache });
    assert.deepEqual(
      (await listZip(built.zipPath)).map((e) => [e.name, e.mode.toString(8)]),
      [['bin/tool', '100755'], ['bootstrap', '100755'], ['data.txt', '100644'], ['not-a-bootstrap.sh', '100644']],
    );
    const staged = await stageFunctionPackage(fn, { cache });
    assert.deepEqual([...treeContents(staged.dir).files].map(([name, f]) => [name, f.mode.toString(8)]), [['bin/tool', '755'], ['bootstrap', '755'], ['data.txt', '644'], ['not-a-bootstrap.sh', '644']]);
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
    // One folder per file set, named by its tree hash: the ZIP now, the staged tree when something runs it.
    assert.equal(changed.zipPath, path.join(cache.root, changed.treeHash, 'package.zip'));
    assert.equal(existsSync(path.join(cache.root, changed.treeHash, 'task')), false, 'a ZIP-only build staged a tree');
    assert.equal((await stageFunctionPackage(fn, { cache })).dir, path.join(cache.root, changed.treeHash, 'task'));
    writeFileSync(path.join(app, 'README.md'), 'ignored by .lambdaignore');
    assert.equal((await buildFunctionPackage(fn, { cache })).fromCache, true);
  });
});

describe('inline code and user ZIPs', () => {
  test('inline code becomes index.js / index.py', async () => {
    const { cache } = fresh();
    const js = await buildFunctionPackage(fnConfig({ runtime: 'nodejs20.x', code: { kind: 'inline', source: 'exports.handler=1' } }), { cache });
    assert.deepEqual((await listZip(js.zipPath)).map((e) => e.name), ['index.js']);
    const py = await stageFunctionPackage(fnConfig({ runtime: 'python3.12', code: { kind: 'inline', source: 'def handler(e, c): pass' } }), { cache });
    assert.equal(readFileSync(path.join(py.dir, 'index.py'), 'utf8'), 'def handler(e, c): pass');
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

describe('staged trees: what runs is what ships', () => {
  const inode = (dir: string, f: string): number => statSync(path.join(dir, f)).ino;

  test('after each edit the staged tree holds exactly the new ZIP\'s files; unchanged files are not written again', async () => {
    const { dir, cache } = fresh();
    const app = nodeApp(dir);
    const fn = fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: app } });
    const s1 = await stageFunctionPackage(fn, { cache });
    const before = treeContents(s1.dir);

    // Edit: one file changed, one added, one removed, one made executable.
    writeFileSync(path.join(app, 'index.js'), "exports.handler = async () => 'edited ' + require('prod-a')();\n");
    writeTree(app, { 'lib/added.js': 'module.exports = 2;\n' });
    rmSync(path.join(app, 'lib/util.js'));
    chmodSync(path.join(app, 'lib/tests/keep.js'), 0o755);
    const s2 = await stageFunctionPackage(fn, { cache });
    assert.equal(s2.fromCache, false);
    assert.deepEqual(treeContents(s2.dir), { files: await zipContents((await buildFunctionPackage(fn, { cache })).zipPath), others: [] });
    // Unchanged files are hard links to the tree before; that tree, which a live environment may run, is untouched.
    assert.equal(inode(s2.dir, 'node_modules/prod-a/index.js'), inode(s1.dir, 'node_modules/prod-a/index.js'));
    assert.deepEqual(treeContents(s1.dir), before);

    // The first tree is now superseded: the next edit recycles it. Things a handler wrote into it since
    // (a stray file, a __pycache__ folder) do not survive, and neither does a file the edit removed.
    writeTree(s1.dir, { 'lib/written-by-handler.txt': 'x', '__pycache__/index.cpython-312.pyc': 'bytecode' });
    writeFileSync(path.join(app, 'index.js'), "exports.handler = async () => 'again ' + require('prod-a')();\n");
    const s3 = await stageFunctionPackage(fn, { cache });
    assert.equal(existsSync(s1.dir), false, 'the superseded tree was not recycled');
    assert.deepEqual(treeContents(s3.dir), { files: await zipContents((await buildFunctionPackage(fn, { cache })).zipPath), others: [] });
    assert.equal(inode(s3.dir, 'node_modules/prod-a/index.js'), inode(s2.dir, 'node_modules/prod-a/index.js'));
    const mod = (await import(path.join(s3.dir, 'index.js'))) as { handler: () => Promise<string> };
    assert.equal(await mod.handler(), 'again c2+shared');
    // The tree in between stays as it was.
    assert.equal(readFileSync(path.join(s2.dir, 'index.js'), 'utf8'), "exports.handler = async () => 'edited ' + require('prod-a')();\n");

    // Back to the second version: served from its tree, untouched.
    writeFileSync(path.join(app, 'index.js'), "exports.handler = async () => 'edited ' + require('prod-a')();\n");
    const back = await stageFunctionPackage(fn, { cache });
    assert.deepEqual([back.fromCache, back.dir], [true, s2.dir]);
  });

  test('what the walks remember (folder listings, package.json files) does not hide a change', async () => {
    const { dir, cache } = fresh();
    const app = nodeApp(dir);
    const fn = fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: app } });
    // Everything an hour old, so the listings and manifests are trusted on their stat from the second walk on.
    const old = new Date(Date.now() - 3600_000);
    const age = (p: string): void => {
      for (const e of readdirSync(p, { withFileTypes: true })) if (e.isDirectory()) age(path.join(p, e.name));
      utimesSync(p, old, old);
    };
    age(app);
    utimesSync(path.join(app, 'node_modules/prod-a/package.json'), old, old);
    for (let i = 0; i < 3; i++) await stageFunctionPackage(fn, { cache });
    // A file added to a dependency, and a dependency dropped from its package.json.
    writeFileSync(path.join(app, 'node_modules/prod-a/extra.js'), 'module.exports = 3;\n');
    writeFileSync(path.join(app, 'node_modules/prod-a/package.json'), pkgJson('prod-a', { 'nested-c': '2' }));
    const staged = await stageFunctionPackage(fn, { cache });
    const names = [...treeContents(staged.dir).files.keys()];
    assert.ok(names.includes('node_modules/prod-a/extra.js'), names.join());
    assert.ok(!names.some((n) => n.startsWith('node_modules/@scope/')), names.join());
    const fromScratch = await buildFunctionPackage(fn, { cache: new PackageCache(path.join(dir, 'scratch')) });
    assert.deepEqual(treeContents(staged.dir), { files: await zipContents(fromScratch.zipPath), others: [] });
  });

  test('a ZIP written from a staged tree that was written into is made from the sources instead', async () => {
    const { dir, cache } = fresh();
    const app = nodeApp(dir);
    const fn = fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: app } });
    const staged = await stageFunctionPackage(fn, { cache });
    writeFileSync(path.join(staged.dir, 'lib/util.js'), 'module.exports = "written by a handler";\n');
    const built = await buildFunctionPackage(fn, { cache });
    const zipped = await zipContents(built.zipPath);
    assert.equal(Buffer.from(zipped.get('lib/util.js')!.data, 'hex').toString(), 'module.exports = 1;\n');
    const fresher = await buildFunctionPackage(fn, { cache: new PackageCache(path.join(dir, 'other-state')) });
    assert.equal(built.codeSha256, fresher.codeSha256);
  });

  test('a source whose bytes change under the same size and mtime is read again, not staged stale', async () => {
    const { dir, cache } = fresh();
    const app = nodeApp(dir);
    const fn = fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: app } });
    // An old mtime, so the hash cache trusts the stat of this file from now on.
    const old = new Date(Date.now() - 3600_000);
    utimesSync(path.join(app, 'lib/util.js'), old, old);
    await buildFunctionPackage(fn, { cache });
    writeFileSync(path.join(app, 'lib/util.js'), 'module.exports = 9;\n'); // same length
    utimesSync(path.join(app, 'lib/util.js'), old, old);
    const staged = await stageFunctionPackage(fn, { cache });
    assert.equal(readFileSync(path.join(staged.dir, 'lib/util.js'), 'utf8'), 'module.exports = 9;\n');
    assert.deepEqual(treeContents(staged.dir), { files: await zipContents((await buildFunctionPackage(fn, { cache })).zipPath), others: [] });
  });
});
