// Unit: the Node.js bootstrap's ES-module resolution fallback (bootstrap/runtimeModulePaths.ts): which
// specifiers may fall back to the layers and the runtime SDK, and which handlers load as ES modules (§3.1).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { handlerIsEsModule, isBareSpecifier, parentUrlsOf, resolveWithFallback } from '../../../src/core/runtimes/nodejs/bootstrap/runtimeModulePaths';
import { tempDir } from '../../helpers/tempDirs';

test('only package names fall back: not paths, URLs, builtins or import-map entries', () => {
  for (const s of ['@aws-sdk/client-lambda', 'greet', 'lodash/fp', '@scope/pkg/sub/path.js']) assert.equal(isBareSpecifier(s), true, s);
  for (const s of ['./x.mjs', '../y', '/abs/z.js', 'file:///a.mjs', 'node:fs', 'data:text/javascript,1', '#internal']) assert.equal(isBareSpecifier(s), false, s);
});

test('a folder list becomes parent URLs whose walk starts in that folder', () => {
  assert.deepEqual(parentUrlsOf(['/opt/nodejs/node_modules']), [pathToFileURL('/opt/nodejs/lambda-workbench-resolve.mjs').href]);
});

test('handlers loaded with import(): .mjs, or .js under "type": "module"; a file without extension or .cjs is required', () => {
  const root = tempDir('lwb-esm-handler-');
  writeFileSync(join(root, 'a.mjs'), '');
  writeFileSync(join(root, 'b.js'), '');
  writeFileSync(join(root, 'c.cjs'), '');
  mkdirSync(join(root, 'esm', 'src'), { recursive: true });
  writeFileSync(join(root, 'esm', 'package.json'), '{"type":"module"}');
  writeFileSync(join(root, 'esm', 'src', 'app.js'), '');
  assert.equal(handlerIsEsModule(root, 'a.handler'), true);
  assert.equal(handlerIsEsModule(root, 'b.handler'), false);
  assert.equal(handlerIsEsModule(root, 'c.handler'), false);
  assert.equal(handlerIsEsModule(root, 'esm/src/app.handlers.main'), true);
  assert.equal(handlerIsEsModule(root, 'missing.handler'), false);
  assert.equal(handlerIsEsModule(root, 'nodot'), false);
});

test('the fallback tries each folder in order after the normal walk, and only for "not found"', async () => {
  const notFound = Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' });
  const tried: (string | undefined)[] = [];
  const next = (specifier: string, context?: { parentURL?: string }) => {
    tried.push(context?.parentURL);
    if (context?.parentURL === 'file:///second/x.mjs') return { url: `file:///second/node_modules/${specifier}/index.js` };
    throw notFound;
  };
  const out = await resolveWithFallback(['file:///first/x.mjs', 'file:///second/x.mjs', 'file:///third/x.mjs'], 'pkg', { parentURL: 'file:///task/index.mjs' }, next);
  assert.equal(out.url, 'file:///second/node_modules/pkg/index.js');
  assert.deepEqual(tried, ['file:///task/index.mjs', 'file:///first/x.mjs', 'file:///second/x.mjs']);
  await assert.rejects(resolveWithFallback(['file:///second/x.mjs'], './rel.mjs', {}, next), notFound);
  const broken = Object.assign(new Error('bad exports'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
  await assert.rejects(resolveWithFallback(['file:///second/x.mjs'], 'pkg', {}, () => { throw broken; }), broken);
});
