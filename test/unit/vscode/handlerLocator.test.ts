// Unit (plain node, no vscode): where Open Handler and CodeLens find a handler's source, including the usual
// esbuild layout (the handler names the bundle's output, the source is an entry point in a subfolder).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { locateHandler } from '../../../src/vscode/codelens/handlerLocator';
import { mapTaskPaths } from '../../../src/vscode/results/sourcePaths';
import type { FunctionConfig } from '../../../src/core/model/functionConfig';
import { tempDir } from '../../helpers/tempDirs';

const fnAt = (root: string, handler: string, metadata?: Record<string, unknown>): FunctionConfig =>
  ({ logicalId: 'Fn', runtime: 'nodejs20.x', handler, code: { kind: 'directory', path: root }, metadata }) as unknown as FunctionConfig;

test('esbuild layout: Handler app.handler with EntryPoints [src/app.ts] is src/app.ts', () => {
  const root = tempDir('lwb-locator-');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'app.ts'), 'export const handler = async () => 1;\n');
  const esbuild = { BuildMethod: 'esbuild', BuildProperties: { EntryPoints: ['src/app.ts'] } };
  assert.deepEqual(locateHandler(fnAt(root, 'app.handler', esbuild)), { file: join(root, 'src', 'app.ts'), exportName: 'handler' });
  // Without esbuild metadata the handler names a file that does not exist.
  assert.equal(locateHandler(fnAt(root, 'app.handler')), undefined);
});

test('esbuild layout with several entry points keeps their paths below the common folder', () => {
  const root = tempDir('lwb-locator-');
  mkdirSync(join(root, 'src', 'a'), { recursive: true });
  mkdirSync(join(root, 'src', 'b'), { recursive: true });
  writeFileSync(join(root, 'src', 'a', 'app.ts'), '');
  writeFileSync(join(root, 'src', 'b', 'app.ts'), '');
  const esbuild = { BuildMethod: 'esbuild', BuildProperties: { EntryPoints: 'src/a/app.ts,src/b/app' } };
  assert.equal(locateHandler(fnAt(root, 'b/app.handler', esbuild))?.file, join(root, 'src', 'b', 'app.ts'));
  assert.equal(locateHandler(fnAt(root, 'a/app.handler', esbuild))?.file, join(root, 'src', 'a', 'app.ts'));
});

test('a handler file that exists wins over the entry points', () => {
  const root = tempDir('lwb-locator-');
  writeFileSync(join(root, 'index.js'), '');
  assert.equal(locateHandler(fnAt(root, 'index.handler', { BuildMethod: 'esbuild', BuildProperties: { EntryPoints: ['index.js'] } }))?.file, join(root, 'index.js'));
});

test('package paths in stack traces map back to the source folder; a bundle output without a source stays', () => {
  const code = tempDir('lwb-source-');
  mkdirSync(join(code, 'lib'));
  writeFileSync(join(code, 'lib', 'app.js'), '');
  const pkg = '/w/.lambda-workbench/packages/3f2a9c/task';
  const trace = `TypeError: boom\n    at validate (${pkg}/lib/app.js:5:11)\n    at file://${pkg}/lib/app.js:9:3\n    at Runtime (/var/task/lib/app.js:1:1)\n    at bundle (${pkg}/app.js:1:200)`;
  assert.equal(
    mapTaskPaths(trace, code),
    `TypeError: boom\n    at validate (${code}/lib/app.js:5:11)\n    at ${code}/lib/app.js:9:3\n    at Runtime (${code}/lib/app.js:1:1)\n    at bundle (${pkg}/app.js:1:200)`,
  );
  assert.equal(mapTaskPaths('no paths here', code), 'no paths here');
  assert.equal(mapTaskPaths(`${pkg}/../../etc/passwd`, code), `${pkg}/../../etc/passwd`);
});
