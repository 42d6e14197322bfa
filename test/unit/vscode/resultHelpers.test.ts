// Unit (plain node, no vscode): the failing-line finder and the handler locator used by results and CodeLens.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findExportLine, locateHandler } from '../../../src/vscode/codelens/handlerLocator';
import { findFailingFrame, parseErrorPayload } from '../../../src/vscode/results/errorLocation';
import { tempDir } from '../../helpers/tempDirs';

test('the first Node frame inside the task root wins; runtime frames are skipped', () => {
  const p = parseErrorPayload(JSON.stringify({ errorType: 'TypeError', errorMessage: 'x', trace: ['TypeError: x', '    at Runtime.handle (/ext/dist/runtimes/nodejs/bootstrap.js:1:2)', '    at validate (/ws/fails/app.js:5:11)', '    at exports.handler (/ws/fails/app.js:10:3)'] }));
  assert.deepEqual(findFailingFrame(p!, '/ws/fails'), { file: '/ws/fails/app.js', line: 5, column: 11 });
});

test('file:// URLs (ESM) and /var/task paths map into the task root; Python frames too', () => {
  assert.deepEqual(findFailingFrame({ trace: ['    at handler (file:///ws/esm/app.mjs:3:9)'] }, '/ws/esm'), { file: '/ws/esm/app.mjs', line: 3, column: 9 });
  assert.deepEqual(findFailingFrame({ trace: ['    at handler (/var/task/src/a.js:7:1)'] }, '/ws/fn'), { file: '/ws/fn/src/a.js', line: 7, column: 1 });
  assert.deepEqual(findFailingFrame({ stackTrace: ['  File "/ws/py/app.py", line 4, in lambda_handler\n    raise ValueError("x")\n'] }, '/ws/py'), { file: '/ws/py/app.py', line: 4, column: 1 });
  assert.equal(findFailingFrame({ trace: ['    at x (/ws/fn/node_modules/lib/i.js:1:1)'] }, '/ws/fn'), undefined);
  assert.equal(parseErrorPayload('"just a string"'), undefined);
});

test("a syntax error's first trace line (file:line:column, no frame) is the failing line", () => {
  const trace = ['file:///ws/esm/lib/values.mjs:3:26', 'export const total = [a, ;', '                         ^', '', "SyntaxError: Unexpected token ';'", '    at compileSourceTextModule (node:internal/modules/esm/utils:346:16)'];
  assert.deepEqual(findFailingFrame({ errorType: 'Runtime.UserCodeSyntaxError', trace }, '/ws/esm'), { file: '/ws/esm/lib/values.mjs', line: 3, column: 26 });
  assert.deepEqual(findFailingFrame({ trace: ['/ws/cjs/index.js:3:18', '  const answer = ;'] }, '/ws/cjs'), { file: '/ws/cjs/index.js', line: 3, column: 18 });
});

test('locateHandler finds Node and Python handler files; findExportLine finds the export', () => {
  const dir = tempDir('lwb-handler-');
  writeFileSync(join(dir, 'app.mjs'), '// x\n\nexport const handler = async () => 1;\n');
  writeFileSync(join(dir, 'mod.py'), 'import os\n\n\nasync def main(event, context):\n    pass\n');
  const base = { code: { kind: 'directory', path: dir } } as any;
  assert.deepEqual(locateHandler({ ...base, runtime: 'nodejs20.x', handler: 'app.handler' }), { file: join(dir, 'app.mjs'), exportName: 'handler' });
  assert.deepEqual(locateHandler({ ...base, runtime: 'python3.12', handler: 'mod.main' }), { file: join(dir, 'mod.py'), exportName: 'main' });
  assert.equal(locateHandler({ ...base, runtime: 'nodejs20.x', handler: 'missing.handler' }), undefined);
  assert.equal(findExportLine('// x\n\nexport const handler = async () => 1;\n', 'handler', false), 2);
  assert.equal(findExportLine('a\nexports.handler = async () => {}', 'handler', false), 1);
  assert.equal(findExportLine('import os\n\n\nasync def main(event, context):\n', 'main', true), 3);
});

test('frames in the extracted package the function ran from map back to the source folder', () => {
  const trace = ['Error: boom', '    at handler (/ws/.lambda-workbench/packages/ab12/task/lib/app.js:5:11)'];
  assert.deepEqual(findFailingFrame({ trace }, '/ws/fails', '/ws/.lambda-workbench/packages/ab12/task'), { file: '/ws/fails/lib/app.js', line: 5, column: 11 });
  assert.equal(findFailingFrame({ trace }, '/ws/fails'), undefined);
});
