// Integration: custom runtimes (provided.*) — a bootstrap we did not write (sh + curl) speaking the
// Runtime API, and Lambda's errors for missing, non-executable and failing bootstraps (§1.7).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixtures, json, startEngine, type TestEngine } from './helpers/engine';

describe('custom runtimes: a shell + curl bootstrap', () => {
  let e: TestEngine;
  before(() => {
    e = startEngine(join(fixtures, 'provided'));
  });
  after(() => e.dispose());

  test('success: the handler\'s output is the payload; its stderr is in the log', async () => {
    const r = await e.service.invoke('ShellEcho', '{"a":1}');
    assert.equal(r.functionError, undefined);
    assert.deepEqual(json(r.payload), { echo: { a: 1 }, runtime: 'shell' });
    const lines = e.linesOf(r.requestId);
    assert.equal(lines[0], `START RequestId: ${r.requestId} Version: $LATEST`);
    assert.ok(lines.includes('handling {"a":1}'), lines.join('\n'));
    assert.match(lines.at(-1)!, /^REPORT RequestId: /);
    const init = e.logs.filter((l) => l.functionName === 'ShellEcho' && l.requestId === undefined).map((l) => l.message);
    assert.match(init[0], /^INIT_START Runtime Version: provided:al2023\.v1\t/);
    assert.ok(init.some((l) => /^init: loaded function\.sh in .*\/packages\/[0-9a-f]{64}\/task$/.test(l)), 'cwd is the task root (the extracted package)');
  });

  test('warm reuse keeps the environment and its /tmp', async () => {
    const a = await e.service.invoke('ShellCounter', '{}');
    const b = await e.service.invoke('ShellCounter', '{}');
    assert.deepEqual([json(a.payload).count, json(b.payload).count], [1, 2]);
    assert.deepEqual([a.coldStart, b.coldStart], [true, false]);
  });

  test('an error posted to /error is the payload', async () => {
    const r = await e.service.invoke('ShellFail', '{}');
    assert.equal(r.functionError, 'Unhandled');
    assert.deepEqual(json(r.payload), { errorType: 'Function.Error', errorMessage: 'boom from shell' });
  });

  test('AWS_EXECUTION_ENV is not set for provided.*', async () => {
    const env = json((await e.service.invoke('ShellEnv', '{}')).payload);
    assert.equal(env.AWS_EXECUTION_ENV, 'unset');
    assert.equal(env._HANDLER, 'function.env_echo');
    assert.equal(env.PWD, env.LAMBDA_TASK_ROOT);
  });

  test('an init error posted by the runtime', async () => {
    const r = await e.service.invoke('ShellInitError', '{}');
    assert.deepEqual(json(r.payload), { errorType: 'Runtime.ImportModuleError', errorMessage: "Unable to import module 'missing.sh'" });
    assert.match(e.linesOf(r.requestId).at(-1)!, /Status: error\tError Type: Runtime\.ImportModuleError$/);
  });

  test('timeout kills the runtime and its children', async () => {
    const r = await e.service.invoke('ShellTimeout', '{}');
    assert.equal(r.status, 'timeout');
    assert.equal(json(r.payload).errorType, 'Sandbox.Timedout');
  });

  test('a runtime killed mid-invoke → Runtime.ExitError (signal: killed)', async () => {
    const r = await e.service.invoke('ShellCrash', '{}');
    assert.deepEqual(json(r.payload), { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${r.requestId} Error: Runtime exited with error: signal: killed` });
  });

  test('memory grown by a grandchild process counts: killed as out of memory', async () => {
    const r = await e.service.invoke('ShellHog', '{}');
    assert.equal(json(r.payload).errorType, 'Runtime.ExitError');
    assert.equal(r.maxMemoryUsedMB, 128);
    assert.match(e.linesOf(r.requestId).at(-1)!, /Error Type: Runtime\.OutOfMemory$/);
  });

  test('no bootstrap → Runtime.InvalidEntrypoint naming both places looked in', async () => {
    const r = await e.service.invoke('NoBootstrap', '{}');
    const p = json(r.payload);
    assert.equal(p.errorType, 'Runtime.InvalidEntrypoint');
    assert.match(p.errorMessage, new RegExp(`^RequestId: ${r.requestId} Error: Couldn't find valid bootstrap\\(s\\): \\[\\S+/task/bootstrap \\S+/opt/\\w+/bootstrap\\]$`));
  });

  test('a bootstrap without the execute bit → Runtime.InvalidEntrypoint', async () => {
    const r = await e.service.invoke('NotExecutable', '{}');
    assert.equal(json(r.payload).errorType, 'Runtime.InvalidEntrypoint');
    assert.match(json(r.payload).errorMessage, /permission denied$/);
  });

  test('a bootstrap that exits during init → Runtime.ExitError, with its output in the log', async () => {
    const before = e.logs.length;
    const r = await e.service.invoke('ExitsDuringInit', '{}');
    assert.deepEqual(json(r.payload), { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${r.requestId} Error: Runtime exited with error: exit status 7` });
    const lines = e.logs.slice(before).map((l) => l.message);
    assert.ok(lines.includes('bootstrap starting, then failing'));
    assert.ok(lines.some((l) => /^INIT_REPORT .*Phase: init\tStatus: error\tError Type: Runtime\.ExitError$/.test(l)));
  });
});
