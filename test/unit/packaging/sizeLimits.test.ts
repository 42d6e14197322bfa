// Unit: size limit errors name the biggest contributors, grouped by package / top folder.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { checkTotalUnzippedSize, PackagingError } from '../../../src/core/packaging';
import { checkPackageSize, topContributors } from '../../../src/core/packaging/sizeLimits';
import { removeDir, tempDir, writeTree } from './helpers';

const root = tempDir();
after(() => removeDir(root));

test('topContributors groups node_modules packages (scoped too) and top folders', () => {
  const top = topContributors([
    { name: 'node_modules/big/a.js', size: 500 },
    { name: 'node_modules/big/b.js', size: 500 },
    { name: 'node_modules/@s/p/x.js', size: 700 },
    { name: 'node_modules/a/node_modules/c/i.js', size: 50 },
    { name: 'src/app.js', size: 10 },
    { name: 'index.js', size: 5 },
  ]);
  assert.deepEqual(top, [
    { path: 'node_modules/big', size: 1000 },
    { path: 'node_modules/@s/p', size: 700 },
    { path: 'node_modules/a/node_modules/c', size: 50 },
    { path: 'src', size: 10 },
    { path: 'index.js', size: 5 },
  ]);
});

test('checkPackageSize: zipped and unzipped limits', () => {
  const files = [{ name: 'a/x', size: 600 }, { name: 'b', size: 500 }];
  assert.doesNotThrow(() => checkPackageSize('function "F"', 100, files, { maxUnzippedBytes: 2000, maxZippedBytes: 200 }));
  assert.throws(
    () => checkPackageSize('function "F"', 100, files, { maxUnzippedBytes: 1000 }),
    (e: unknown) => e instanceof PackagingError && e.code === ('PACKAGE_TOO_LARGE' as string) && /"a" \(600 B\), "b" \(500 B\)/.test(e.message) && /1\.1 KB unzipped/.test(e.message),
  );
  assert.throws(() => checkPackageSize('function "F"', 300, files, { maxZippedBytes: 200 }), /300 B zipped, over the 200 B limit/);
});

test('checkTotalUnzippedSize names the biggest contributors across function and layers', () => {
  writeTree(root, {
    'fn/index.js': 'x'.repeat(100),
    'fn/node_modules/dep/i.js': 'x'.repeat(400),
    'layer/python/numpyish/core.py': 'x'.repeat(700),
    'layer/bin/tool': 'x'.repeat(50),
  });
  const parts = [{ label: 'function', dir: path.join(root, 'fn') }, { label: 'layer L', dir: path.join(root, 'layer') }];
  assert.doesNotThrow(() => checkTotalUnzippedSize(parts));
  assert.throws(
    () => checkTotalUnzippedSize(parts, { maxUnzippedBytes: 1000 }),
    (e: unknown) =>
      e instanceof PackagingError &&
      e.message.includes('1.2 KB unzipped, over the 1000 B limit') &&
      e.message.includes('"layer L: python/numpyish" (700 B), "function: node_modules/dep" (400 B), "function: index.js" (100 B), "layer L: bin" (50 B)'),
  );
});
