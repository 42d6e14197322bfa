// Integration: layer archives — a folder as it is (becomes /opt), BuildMethod nodejsNN.x (under nodejs/ with
// production node_modules) and pythonX.Y (under python/ with pip), makefile refused, layers in the size total.
import assert from 'node:assert/strict';
import { cpSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { buildLayerPackage, checkTotalUnzippedSize, PackageCache, PackagingError, stageFunctionPackage, stageLayerPackage } from '../../src/core/packaging';
import { fixtures, fnConfig, layerConfig, listZip, pkgJson, removeDir, tempDir, treeContents, writeTree, zipContents } from '../unit/packaging/helpers';

const root = tempDir();
after(() => removeDir(root));
const cache = new PackageCache(path.join(root, 'state'));
const python = process.env.LAMBDA_WORKBENCH_TEST_PYTHON ?? 'python3';

describe('layer packages', () => {
  test('a folder as it is: bin/ keeps its x bit, tests/ are not dropped', async () => {
    const dir = path.join(root, 'plain');
    cpSync(path.join(fixtures, 'layer-plain'), dir, { recursive: true });
    writeTree(dir, { 'tests/readme.txt': 'layers are taken as they are', '.git/HEAD': 'x' });
    const layer = layerConfig({ content: { kind: 'directory', path: dir } });
    const built = await buildLayerPackage(layer, { cache });
    assert.deepEqual(
      (await listZip(built.zipPath)).map((e) => [e.name, e.mode.toString(8)]),
      [['bin/hello', '100755'], ['nodejs/lib/shared.js', '100644'], ['tests/readme.txt', '100644']],
    );
    const staged = await stageLayerPackage(layer, { cache });
    assert.equal(statSync(path.join(staged.dir, 'bin/hello')).mode & 0o777, 0o755);
    assert.deepEqual(treeContents(staged.dir), { files: await zipContents(built.zipPath), others: [] });
  });

  test('BuildMethod nodejs20.x: the folder under nodejs/ with production node_modules only', async () => {
    const dir = path.join(root, 'nodelayer');
    writeTree(dir, {
      'package.json': JSON.stringify({ name: 'l', dependencies: { dep: '1' }, devDependencies: { dev: '1' } }),
      'node_modules/dep/package.json': pkgJson('dep'),
      'node_modules/dep/index.js': 'module.exports = 1;',
      'node_modules/dev/package.json': pkgJson('dev'),
    });
    const built = await buildLayerPackage(layerConfig({ content: { kind: 'directory', path: dir }, metadata: { BuildMethod: 'nodejs20.x' } }), { cache });
    assert.deepEqual((await listZip(built.zipPath)).map((e) => e.name), ['nodejs/node_modules/dep/index.js', 'nodejs/node_modules/dep/package.json', 'nodejs/package.json']);
  });

  test('BuildMethod python3.12: the folder and its requirements under python/', async () => {
    const dir = path.join(root, 'pylayer');
    writeTree(dir, { 'requirements.txt': 'tinydep\n', 'helpers.py': 'X = 1\n' });
    const layer = layerConfig({
      content: { kind: 'directory', path: dir },
      metadata: { BuildMethod: 'python3.12', BuildProperties: { PipArgs: ['--no-index', '--find-links', path.join(fixtures, 'wheels')] } },
    });
    const names = (await listZip((await buildLayerPackage(layer, { cache, python })).zipPath)).map((e) => e.name);
    assert.ok(names.includes('python/helpers.py') && names.includes('python/tinydep/__init__.py'), names.join());
    assert.ok(names.every((f) => f.startsWith('python/')));
  });

  test('BuildMethod makefile and inline content are coded errors', async () => {
    const dir = path.join(root, 'mk');
    writeTree(dir, { Makefile: 'build-L:\n\ttrue\n' });
    await assert.rejects(
      buildLayerPackage(layerConfig({ content: { kind: 'directory', path: dir }, metadata: { BuildMethod: 'makefile' } }), { cache }),
      (e: unknown) => e instanceof PackagingError && e.code === ('BUILD_FAILED' as string) && /makefile/.test(e.message),
    );
    await assert.rejects(buildLayerPackage(layerConfig({ content: { kind: 'inline', source: 'x' } }), { cache }), /inline content/);
  });

  test('function plus layers over the unzipped limit names the biggest contributors', async () => {
    const fnDir = path.join(root, 'fn');
    const layerDir = path.join(root, 'biglayer');
    writeTree(fnDir, { 'index.js': 'x'.repeat(100) });
    writeTree(layerDir, { 'python/heavy/core.py': 'x'.repeat(3000), 'bin/tool': 'x'.repeat(10) });
    const fn = await stageFunctionPackage(fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: fnDir } }), { cache });
    const layer = await stageLayerPackage(layerConfig({ content: { kind: 'directory', path: layerDir } }), { cache });
    const message = /3\.0 KB unzipped.*"layer "Big": python\/heavy" \(2\.9 KB\), "function: index\.js" \(100 B\), "layer "Big": bin" \(10 B\)/;
    // Sizes walked from the folders, or taken as the builds recorded them (contributors still walked).
    const walked = [{ label: 'function', dir: fn.dir }, { label: 'layer "Big"', dir: layer.dir }];
    const recorded = [{ label: 'function', dir: fn.dir, bytes: fn.unzippedSize }, { label: 'layer "Big"', dir: layer.dir, bytes: layer.unzippedSize }];
    assert.equal(fn.unzippedSize + layer.unzippedSize, 3110);
    for (const parts of [walked, recorded]) {
      assert.throws(() => checkTotalUnzippedSize(parts, { maxUnzippedBytes: 2000 }), message);
      assert.doesNotThrow(() => checkTotalUnzippedSize(parts));
    }
  });
});
