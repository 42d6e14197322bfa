// Integration: Python packages with the local pip — a local wheel via --no-index --find-links (no PyPI here),
// a vendored folder, and the coded errors for a missing Python, a missing pip and an unreachable index.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { buildFunctionPackage, PackageCache, PackagingError, stageFunctionPackage } from '../../src/core/packaging';
import { fixtures, fnConfig, listZip, removeDir, tempDir, treeContents, writeTree, zipContents } from '../unit/packaging/helpers';

const root = tempDir();
after(() => removeDir(root));
const python = process.env.LAMBDA_WORKBENCH_TEST_PYTHON ?? 'python3';
const wheels = path.join(fixtures, 'wheels');
let n = 0;

function copyFixture(name: string): string {
  const dir = path.join(root, `p${n++}`);
  cpSync(path.join(fixtures, name), dir, { recursive: true });
  return dir;
}

const pyFn = (dir: string, props: Record<string, unknown>) =>
  fnConfig({ runtime: 'python3.12', handler: 'app.handler', code: { kind: 'directory', path: dir }, metadata: { BuildProperties: props } });

function runHandler(dir: string): unknown {
  const r = spawnSync(python, ['-c', 'import json, app; print(json.dumps(app.handler({}, None)))'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function dependenciesFailed(pattern: RegExp) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof PackagingError, String(e));
    assert.equal(e.code, 'DEPENDENCIES_FAILED');
    assert.match(e.message, pattern);
    return true;
  };
}

describe('Python function packages', () => {
  test('requirements from a local wheel (--no-index --find-links), installed at the package root', async () => {
    const dir = copyFixture('python-app');
    const cache = new PackageCache(path.join(root, `state${n}`));
    const built = await buildFunctionPackage(pyFn(dir, { PipArgs: ['--no-index', '--find-links', wheels] }), { cache, python });
    const names = (await listZip(built.zipPath)).map((e) => e.name);
    assert.ok(names.includes('app.py') && names.includes('requirements.txt') && names.includes('tinydep/__init__.py'), names.join());
    assert.ok(names.includes('tinydep-1.0.0.dist-info/METADATA'));
    assert.ok(!names.some((f) => f.endsWith('.pyc') || f.includes('__pycache__')));
    // Staged after the ZIP (extracted from it, pip does not run again): the same files.
    const staged = await stageFunctionPackage(pyFn(dir, { PipArgs: ['--no-index', '--find-links', wheels] }), { cache, python });
    assert.equal(staged.fromCache, false);
    assert.deepEqual(treeContents(staged.dir), { files: await zipContents(built.zipPath), others: [] });
    assert.deepEqual(runHandler(staged.dir), { value: 42, greeting: 'hello from tinydep' });
    // Reproducible across builds (pip runs again into a fresh folder).
    const again = await buildFunctionPackage(pyFn(dir, { PipArgs: ['--no-index', '--find-links', wheels] }), { cache: new PackageCache(path.join(root, `state${n}b`)), python });
    assert.equal(again.codeSha256, built.codeSha256);
    assert.equal((await buildFunctionPackage(pyFn(dir, { PipArgs: ['--no-index', '--find-links', wheels] }), { cache, python })).fromCache, true);
  });

  test('Platform asks pip for manylinux wheels of the function architecture (a pure wheel qualifies)', async () => {
    const dir = copyFixture('python-app');
    const cache = new PackageCache(path.join(root, `state${n}`));
    const fn = { ...pyFn(dir, { Platform: 'lambda', PipArgs: '--no-index --find-links ' + wheels }), architectures: ['arm64' as const] };
    // Staged straight from pip's output (moved into place), then zipped from the staged tree.
    const staged = await stageFunctionPackage(fn, { cache, python });
    assert.ok(readFileSync(path.join(staged.dir, 'tinydep/__init__.py'), 'utf8').includes('VALUE = 42'));
    const built = await buildFunctionPackage(fn, { cache, python });
    assert.deepEqual(treeContents(staged.dir), { files: await zipContents(built.zipPath), others: [] });
  });

  test('a vendored folder (no requirements.txt) is packaged as it is', async () => {
    const dir = copyFixture('python-vendored');
    writeTree(dir, { 'vendored_pkg/__pycache__/x.cpython-312.pyc': 'bytecode', 'tests/test_app.py': 'def test(): pass' });
    const cache = new PackageCache(path.join(root, `state${n}`));
    const built = await buildFunctionPackage(pyFn(dir, {}), { cache, python: '/nonexistent/python3' });
    assert.deepEqual((await listZip(built.zipPath)).map((e) => e.name), ['app.py', 'vendored_pkg/__init__.py']);
    assert.deepEqual(runHandler((await stageFunctionPackage(pyFn(dir, {}), { cache, python: '/nonexistent/python3' })).dir), { answer: 42 });
  });

  test('PipInstall: false keeps requirements.txt but skips pip (packages vendored next to it)', async () => {
    const dir = copyFixture('python-app');
    writeTree(dir, { 'tinydep/__init__.py': 'VALUE = 42\ndef hello():\n    return "vendored"\n' });
    const staged = await stageFunctionPackage(pyFn(dir, { PipInstall: false }), { cache: new PackageCache(path.join(root, `state${n}`)), python: '/nonexistent/python3' });
    assert.deepEqual(runHandler(staged.dir), { value: 42, greeting: 'vendored' });
  });

  test('Python not found → DEPENDENCIES_FAILED, nothing cached', async () => {
    const dir = copyFixture('python-app');
    const cache = new PackageCache(path.join(root, `state${n}`));
    await assert.rejects(buildFunctionPackage(pyFn(dir, {}), { cache, python: path.join(root, 'no-such-python') }), dependenciesFailed(/Python ".*no-such-python" was not found/));
  });

  test('pip missing → DEPENDENCIES_FAILED naming pip', async () => {
    const dir = copyFixture('python-app');
    // A Python whose site-packages (where pip lives) is not on the path.
    const noPip = path.join(root, 'python-without-pip');
    writeTree(root, { 'python-without-pip': { content: `#!/bin/sh\nexec ${python} -S -I "$@"\n`, mode: 0o755 } });
    await assert.rejects(buildFunctionPackage(pyFn(dir, {}), { cache: new PackageCache(path.join(root, `state${n}`)), python: noPip }), dependenciesFailed(/pip is not installed/));
  });

  test('unreachable index → DEPENDENCIES_FAILED with the offline hint', async () => {
    const dir = copyFixture('python-app');
    const props = { PipArgs: ['--index-url', 'http://127.0.0.1:9/simple', '--retries', '0', '--timeout', '2'] };
    await assert.rejects(
      buildFunctionPackage(pyFn(dir, props), { cache: new PackageCache(path.join(root, `state${n}`)), python }),
      dependenciesFailed(/pip could not install the requirements of function "TestFunction" \(exit 1\)\. Is the package index reachable\?.*--find-links/s),
    );
  });
});
