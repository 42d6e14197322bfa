// Unit (plain node, no vscode): the vscode-free parts of debugging: entry/init breakpoint lines, the child
// attach configurations, launch configuration checks and events, and where debugpy is found.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { childDebugConfig, debugRuntimeOf, MissingDebuggerError, missingDebuggerMessage } from '../../../src/vscode/debug/childDebugConfig';
import { eventPayload, invalidReason, type LambdaLaunchConfig } from '../../../src/vscode/debug/debugConfig';
import { locateDebugpy } from '../../../src/vscode/debug/debugpyLocator';
import { handlerEntryLine, moduleFirstLine } from '../../../src/vscode/debug/entryLines';
import { tempDir } from '../../helpers/tempDirs';

const JS = ['// comment', "'use strict';", '', "const a = require('a');", '', 'exports.handler = async (event) => {', '  // why', '  const x = 1;', '  return x;', '};'].join('\n');
const PY = ['# comment', '', 'import json', '', '', 'def lambda_handler(event, context):  # the handler', '    """Doc."""', '    return 1'].join('\n');

test('handler entry is the first statement of the body, not the definition line', () => {
  assert.equal(handlerEntryLine(JS, 5, false), 7);
  assert.equal(handlerEntryLine(PY, 5, true), 6);
  assert.equal(handlerEntryLine('export const handler = async () => { return 1; };', 0, false), 0);
  assert.equal(handlerEntryLine('export async function handler(\n  event: E,\n): Promise<R> {\n  work();\n}', 0, false), 3);
});

test('the module\'s first line skips comments, blank lines, "use strict" and a shebang', () => {
  assert.equal(moduleFirstLine(JS, false), 3);
  assert.equal(moduleFirstLine(PY, true), 2);
  assert.equal(moduleFirstLine('#!/usr/bin/env node\n/*\n * block\n */\nrun();', false), 4);
});

test('the Node.js child attaches with continueOnAttach, source maps over the task root, our bootstrap skipped', () => {
  const c = childDebugConfig({ runtime: 'nodejs', type: 'pwa-node', name: 'Fn', port: 9229, codeDir: '/w/fn', taskRoot: '/w/.lambda-workbench/packages/abc/task', runtimesDir: '/ext/dist/runtimes' });
  assert.equal(c.request, 'attach');
  assert.equal(c.port, 9229);
  assert.equal(c.continueOnAttach, true);
  assert.equal(c.sourceMaps, true);
  assert.deepEqual(c.outFiles, ['/w/.lambda-workbench/packages/abc/task/**/*.{js,mjs,cjs}', '/w/fn/**/*.{js,mjs,cjs}', '!**/node_modules/**']);
  assert.deepEqual(c.resolveSourceMapLocations, ['/w/.lambda-workbench/packages/abc/task/**', '/w/fn/**', '!**/node_modules/**']);
  assert.deepEqual(c.skipFiles, ['/ext/dist/runtimes/**', '<node_internals>/**']);
});

test('the Python child attaches to debugpy and maps the task root to the source folder', () => {
  const c = childDebugConfig({ runtime: 'python', type: 'debugpy', name: 'Py', port: 5678, codeDir: '/w/py', taskRoot: '/w/.lambda-workbench/packages/h/task', runtimesDir: '/ext' });
  assert.deepEqual(c, { type: 'debugpy', request: 'attach', name: 'Py', connect: { host: '127.0.0.1', port: 5678 }, pathMappings: [{ localRoot: '/w/py', remoteRoot: '/w/.lambda-workbench/packages/h/task' }], justMyCode: true });
  assert.match(missingDebuggerMessage('python'), /\(ms-python\.debugpy\)/);
  assert.equal(new MissingDebuggerError('python').extensionId, 'ms-python.debugpy', 'the error names the extension its Install button installs');
  assert.deepEqual(['nodejs22.x', 'python3.13', 'provided.al2023'].map(debugRuntimeOf), ['nodejs', 'python', undefined]);
});

test('launch configurations are checked with messages that say what to fix', () => {
  const ok: Partial<LambdaLaunchConfig> = { type: 'lambda', request: 'launch', function: 'Fn', template: '/t.yaml' };
  assert.equal(invalidReason(ok), undefined);
  assert.match(invalidReason({ ...ok, function: undefined }) ?? '', /"function" is missing/);
  assert.match(invalidReason({ ...ok, env: { A: 1 as unknown as string } }) ?? '', /"env" must be an object of string values/);
  assert.match(invalidReason({ ...ok, port: 70000 }) ?? '', /"port" must be a TCP port number/);
});

test('events: inline JSON, a file relative to the folder, and a clear error for a bad file', async () => {
  const dir = tempDir('lwb-dbg-');
  writeFileSync(join(dir, 'e.json'), '{"a": 1}');
  writeFileSync(join(dir, 'bad.json'), '{oops');
  const base = { type: 'lambda', request: 'launch', name: 'n', function: 'F', template: 't' } as const;
  assert.deepEqual(await eventPayload({ ...base, event: { a: 2 } }, dir), { payload: '{"a":2}', source: 'inline event' });
  assert.deepEqual(await eventPayload({ ...base, event: 'e.json' }, dir), { payload: '{"a": 1}', source: join(dir, 'e.json') });
  assert.deepEqual(await eventPayload(base, dir), { payload: '{}', source: 'empty event {}' });
  await assert.rejects(eventPayload({ ...base, event: 'bad.json' }, dir), /is not valid JSON/);
  await assert.rejects(eventPayload({ ...base, event: 'none.json' }, dir), /Cannot read the event file ".*none\.json"/);
});

test('debugpy is found in the configured folder, the extension\'s bundled libs, then the system folder', () => {
  const home = tempDir('lwb-home-');
  const mk = (dir: string): string => {
    mkdirSync(join(dir, 'debugpy'), { recursive: true });
    writeFileSync(join(dir, 'debugpy', '__init__.py'), '');
    return dir;
  };
  const none = join(home, 'none');
  assert.equal(locateDebugpy({ home, systemDir: none }), undefined);
  const system = mk(join(home, 'system'));
  assert.equal(locateDebugpy({ home, systemDir: system }), system);
  mk(join(home, '.vscode-server', 'extensions', 'ms-python.debugpy-2024.2.0', 'bundled', 'libs'));
  const newer = mk(join(home, '.vscode-server', 'extensions', 'ms-python.debugpy-2024.10.0', 'bundled', 'libs'));
  assert.equal(locateDebugpy({ home, systemDir: system }), newer);
  const configured = mk(join(home, 'mine'));
  assert.equal(locateDebugpy({ home, systemDir: system, configured }), configured);
});
