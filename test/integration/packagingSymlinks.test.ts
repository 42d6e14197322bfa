// Integration: symlinks in a function's code folder — followed silently inside it, packaged with one warning
// when they lead elsewhere in the workspace, left out (and named) when they lead out of it unless the
// function's Metadata sets FollowSymlinksOutsideWorkspace; through the engine, the warning comes once.
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { buildFunctionPackage, PackageCache } from '../../src/core/packaging';
import { fnConfig, listZip, pkgJson, removeDir, tempDir, writeTree } from '../unit/packaging/helpers';
import { json, startEngine } from './helpers/engine';

const root = realpathSync(tempDir('lw-links-'));
after(() => removeDir(root));
let n = 0;

/** ws/template.yaml with ws/app (the code) linking to ws/app/lib/inner.js, ws/shared and <case>/outside. */
function project(): { ws: string; app: string; outside: string; cache: PackageCache } {
  const dir = path.join(root, `case-${n++}`);
  const ws = path.join(dir, 'ws');
  const app = path.join(ws, 'app');
  const outside = path.join(dir, 'outside');
  writeTree(ws, {
    'template.yaml': 'Resources: {}\n',
    'app/index.js': "exports.handler = async () => require('./shared/value.js');\n",
    'app/lib/inner.js': 'inner\n',
    'shared/value.js': "module.exports = 'shared';\n",
  });
  writeTree(outside, { 'credentials': 'secret\n' });
  symlinkSync('lib/inner.js', path.join(app, 'alias.js'));
  symlinkSync('../shared', path.join(app, 'shared'));
  symlinkSync(outside, path.join(app, 'home'));
  return { ws, app, outside, cache: new PackageCache(path.join(dir, 'state')) };
}

async function build(ws: string, app: string, cache: PackageCache, metadata?: Record<string, unknown>) {
  const warnings: string[] = [];
  const fn = fnConfig({ runtime: 'provided.al2023', handler: undefined, code: { kind: 'directory', path: app }, templatePath: path.join(ws, 'template.yaml'), metadata });
  const built = await buildFunctionPackage(fn, { cache, warn: (m) => warnings.push(m) });
  return { names: (await listZip(built.zipPath)).map((e) => e.name), warnings };
}

describe('symlinks in a code folder', () => {
  test('inside: silent; elsewhere in the workspace: packaged with a warning; outside it: left out and named', async () => {
    const { ws, app, outside, cache } = project();
    const r = await build(ws, app, cache);
    assert.deepEqual(r.names, ['alias.js', 'index.js', 'lib/inner.js', 'shared/value.js']);
    assert.deepEqual(r.warnings, [
      `function "TestFunction": symlinks lead outside its code folder ${app} and what they point to is packaged: "shared" → ${ws}/shared. Lambda gets only what the ZIP holds; if that is not intended, remove the links or add them to .lambdaignore.`,
      `function "TestFunction": symlinks lead outside the workspace ${ws} and are not packaged: "home" → ${outside}. Copy the files into the code folder, or set Metadata: FollowSymlinksOutsideWorkspace: true on the resource to package them.`,
    ]);
  });

  test('Metadata FollowSymlinksOutsideWorkspace: true packages links out of the workspace, still with a warning', async () => {
    const { ws, app, outside, cache } = project();
    const r = await build(ws, app, cache, { FollowSymlinksOutsideWorkspace: true });
    assert.deepEqual(r.names, ['alias.js', 'home/credentials', 'index.js', 'lib/inner.js', 'shared/value.js']);
    assert.deepEqual(r.warnings, [
      `function "TestFunction": symlinks lead outside its code folder ${app} and what they point to is packaged: "home" → ${outside}, "shared" → ${ws}/shared. Lambda gets only what the ZIP holds; if that is not intended, remove the links or add them to .lambdaignore.`,
    ]);
  });

  test('the repository around the template is the workspace: a linked workspace package is packaged, named', async () => {
    const dir = path.join(root, `case-${n++}`);
    const repo = path.join(dir, 'repo');
    const api = path.join(repo, 'services', 'api');
    writeTree(repo, {
      '.git/HEAD': 'ref\n',
      'services/api/template.yaml': 'Resources: {}\n',
      'services/api/src/package.json': pkgJson('api', { '@org/lib': '1' }),
      'services/api/src/index.js': "exports.handler = async () => require('@org/lib');\n",
      'packages/lib/package.json': pkgJson('@org/lib'),
      'packages/lib/index.js': "module.exports = 'lib';\n",
    });
    mkdirSync(path.join(api, 'src', 'node_modules', '@org'), { recursive: true });
    symlinkSync('../../../../../packages/lib', path.join(api, 'src', 'node_modules', '@org', 'lib'));
    const warnings: string[] = [];
    const fn = fnConfig({ runtime: 'nodejs20.x', code: { kind: 'directory', path: path.join(api, 'src') }, templatePath: path.join(api, 'template.yaml') });
    const built = await buildFunctionPackage(fn, { cache: new PackageCache(path.join(dir, 'state')), warn: (m) => warnings.push(m) });
    assert.deepEqual((await listZip(built.zipPath)).map((e) => e.name), ['index.js', 'node_modules/@org/lib/index.js', 'node_modules/@org/lib/package.json', 'package.json']);
    assert.deepEqual(warnings, [
      `function "TestFunction": symlinks lead outside its code folder ${api}/src and what they point to is packaged: "node_modules/@org/lib" → ${repo}/packages/lib. Lambda gets only what the ZIP holds; if that is not intended, remove the links or add them to .lambdaignore.`,
    ]);
  });

  test('through the engine the warning comes once per function, however often its files are walked', { timeout: 60_000 }, async () => {
    const { ws, app, outside } = project();
    writeTree(ws, { 'template.yaml': `Resources:\n  Linked:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: ${path.relative(ws, app)}, Handler: index.handler, Runtime: nodejs20.x }\n` });
    const e = startEngine(ws);
    try {
      const first = await e.service.invoke('Linked', '{}');
      // An edited file is rebuilt on the next invoke: the files are walked again, and a new environment starts.
      writeTree(app, { 'index.js': "exports.handler = async () => 'edited ' + require('./shared/value.js');\n" });
      // The file watcher's event arrives asynchronously: invoke until the new code answers.
      let second = await e.service.invoke('Linked', '{}');
      for (let i = 0; i < 100 && json(second.payload) !== 'edited shared'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        second = await e.service.invoke('Linked', '{}');
      }
      assert.deepEqual([json(first.payload), first.coldStart, json(second.payload), second.coldStart], ['shared', true, 'edited shared', true]);
      assert.deepEqual(e.warnings.filter((w) => w.includes('symlinks')), [
        `function "Linked": symlinks lead outside its code folder ${app} and what they point to is packaged: "shared" → ${ws}/shared. Lambda gets only what the ZIP holds; if that is not intended, remove the links or add them to .lambdaignore.`,
        `function "Linked": symlinks lead outside the workspace ${ws} and are not packaged: "home" → ${outside}. Copy the files into the code folder, or set Metadata: FollowSymlinksOutsideWorkspace: true on the resource to package them.`,
      ]);
    } finally {
      await e.dispose();
    }
  });
});
