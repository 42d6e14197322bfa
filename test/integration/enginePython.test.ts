// Integration: the Python runtime through the engine — the same zoo as Node.js (success, each error
// kind, timeout, crash, memory, warm reuse, /tmp, env vars, logging formats), real python processes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PythonHost } from '../../src/core/runtimes/python/pythonHost';
import { fixtures, json, startEngine, type TestEngine } from './helpers/engine';

describe('Python functions through the engine', () => {
  let e: TestEngine;
  before(() => {
    e = startEngine(join(fixtures, 'engine-python'));
  });
  after(() => e.dispose());

  test('success', async () => {
    const r = await e.service.invoke('Success', '{"a":1}');
    assert.equal(r.functionError, undefined);
    assert.deepEqual(json(r.payload), { runtime: 'python', event: { a: 1 }, requestId: r.requestId });
    const init = e.logs.find((l) => l.functionName === 'Success' && l.message.startsWith('INIT_START'))!;
    assert.match(init.message, /^INIT_START Runtime Version: python:3\.11\.v1\t/);
  });

  test('nested modules in both handler forms', async () => {
    assert.deepEqual(json((await e.service.invoke('NestedSlash', '{}')).payload).module, 'pkg.sub.app');
    assert.deepEqual(json((await e.service.invoke('NestedDots', '{}')).payload).module, 'pkg.sub.app');
  });

  test('inline code is written as index.py', async () => {
    assert.deepEqual(json((await e.service.invoke('Inline', '[1]')).payload), { inline: true, echo: [1] });
  });

  test('context fields', async () => {
    const r = await e.service.invoke('ContextFields', '{}');
    const c = json(r.payload);
    assert.equal(c.aws_request_id, r.requestId);
    assert.equal(c.function_name, 'py-context');
    assert.equal(c.function_version, '$LATEST');
    assert.equal(c.invoked_function_arn, 'arn:aws:lambda:us-east-1:123456789012:function:py-context');
    assert.equal(c.memory_limit_in_mb, '256');
    assert.equal(c.log_group_name, '/aws/lambda/py-context');
    assert.equal(c.log_stream_name, r.logStreamName);
    assert.deepEqual(c.identity, { cognito_identity_id: null, cognito_identity_pool_id: null });
    assert.ok(c.remaining > 6000 && c.remaining <= 7000, String(c.remaining));
  });

  const initCases: Array<[string, string, RegExp]> = [
    ['ImportError', 'Runtime.ImportModuleError', /^Unable to import module 'app': No module named 'not_installed_dependency'$/],
    ['MissingModule', 'Runtime.ImportModuleError', /^Unable to import module 'nosuchmodule': No module named 'nosuchmodule'$/],
    ['HandlerNotFound', 'Runtime.HandlerNotFound', /^Handler 'handler' missing on module 'app'$/],
    ['SyntaxError', 'Runtime.UserCodeSyntaxError', /^Syntax error in module 'app': /],
    ['InitThrows', 'ValueError', /bad configuration/],
  ];
  for (const [fn, type, message] of initCases) {
    test(`init error ${fn} → ${type}`, async () => {
      const r = await e.service.invoke(fn, '{}');
      const p = json(r.payload);
      assert.equal(r.functionError, 'Unhandled');
      assert.equal(p.errorType, type);
      assert.match(p.errorMessage, message);
      assert.equal(p.requestId, '');
      assert.ok(Array.isArray(p.stackTrace));
      assert.match(e.linesOf(r.requestId).at(-1)!, new RegExp(`Status: error\\tError Type: ${type.replace('.', '\\.')}$`));
    });
  }

  test('a raised exception → {errorMessage, errorType, requestId, stackTrace}', async () => {
    const r = await e.service.invoke('ThrowError', '{}');
    const p = json(r.payload);
    assert.deepEqual(Object.keys(p).sort(), ['errorMessage', 'errorType', 'requestId', 'stackTrace']);
    assert.equal(p.errorType, 'ValueError');
    assert.equal(p.errorMessage, 'boom: handler');
    assert.equal(p.requestId, r.requestId);
    assert.match(p.stackTrace.join(''), /File ".*\/task\/app\.py", line \d+, in _fail/);
  });

  test('an unserialisable result → Runtime.MarshalError', async () => {
    const p = json((await e.service.invoke('Unserialisable', '{}')).payload);
    assert.equal(p.errorType, 'Runtime.MarshalError');
    assert.match(p.errorMessage, /^Unable to marshal response: /);
  });

  test('Decimal results are numbers', async () => {
    const text = (await e.service.invoke('DecimalResult', '{}')).payload.toString();
    assert.match(text, /"price": 19\.90/);
  });

  for (const fn of ['Timeout', 'BusyLoop']) {
    test(`${fn}: Sandbox.Timedout and a cold start after`, async () => {
      const r = await e.service.invoke(fn, '{}');
      assert.equal(r.status, 'timeout');
      assert.equal(json(r.payload).errorMessage, `RequestId: ${r.requestId} Error: Task timed out after 1.00 seconds`);
      assert.equal((await e.service.invoke(fn, '{}')).coldStart, true);
    });
  }

  test('os._exit → Runtime.ExitError', async () => {
    const r = await e.service.invoke('Crash', '{}');
    assert.equal(json(r.payload).errorMessage, `RequestId: ${r.requestId} Error: Runtime exited with error: exit status 3`);
  });

  test('memory over the limit → killed, Runtime.OutOfMemory in REPORT', async () => {
    const r = await e.service.invoke('Memory', '{}');
    assert.equal(json(r.payload).errorType, 'Runtime.ExitError');
    assert.equal(r.maxMemoryUsedMB, 128);
    assert.match(e.linesOf(r.requestId).at(-1)!, /Error Type: Runtime\.OutOfMemory$/);
  });

  test('a response over 6 MB → Function.ResponseSizeTooLarge', async () => {
    assert.equal(json((await e.service.invoke('BigResponse', '{}')).payload).errorType, 'Function.ResponseSizeTooLarge');
  });

  test('warm reuse and private /tmp', async () => {
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push(json((await e.service.invoke('WarmCounter', '{}')).payload).count);
    assert.deepEqual(counts, [1, 2, 3]);
    const [a, b] = await Promise.all([e.service.invoke('TmpWriter', '{"note":"a"}'), e.service.invoke('TmpWriter', '{"note":"b"}')]);
    if (e.service.environments()[0].isolation === 'namespaces') assert.equal(json(a.payload).tmpdir, '/tmp');
    else assert.notEqual(json(a.payload).tmpdir, json(b.payload).tmpdir);
    assert.equal(json(a.payload).found.length, 1);
    assert.equal(json(b.payload).found.length, 1);
  });

  test('environment variables and sys.path as Lambda sets them', async () => {
    const p = json((await e.service.invoke('EnvEcho', '{}')).payload);
    assert.equal(p.env.AWS_EXECUTION_ENV, 'AWS_Lambda_python3.11');
    assert.equal(p.env.TABLE_NAME, 'py-table');
    assert.ok(p.env.PYTHONPATH.endsWith('/runtimes/python'), p.env.PYTHONPATH);
    assert.equal(p.sys_path[0], p.env.LAMBDA_TASK_ROOT);
  });

  test('text logging: print passes through, records get Lambda\'s format, multi-line stays one event', async () => {
    const r = await e.service.invoke('Logging', '{}');
    const lines = e.linesOf(r.requestId);
    assert.ok(lines.includes('plain print'));
    assert.ok(lines.includes(`[WARNING]\t${lines.find((l) => l.startsWith('[WARNING]'))!.split('\t')[1]}\t${r.requestId}\tfirst\rsecond`), lines.join('\n'));
    const exc = lines.find((l) => l.includes('caught it'))!;
    assert.match(exc, /^\[ERROR\]\t\S+Z\t\S+\tcaught it\rTraceback \(most recent call last\):\r/);
    assert.ok(!lines.some((l) => l.includes('debug detail')), 'DEBUG is below the default level');
  });

  test('JSON logging with ApplicationLogLevel DEBUG', async () => {
    const r = await e.service.invoke('LoggingJson', '{}');
    const records = e.linesOf(r.requestId).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const debug = records.find((x) => x.message === 'debug detail');
    assert.equal(debug.level, 'DEBUG');
    assert.equal(debug.requestId, r.requestId);
    assert.equal(records.find((x) => x.type === 'platform.report').record.status, 'success');
  });

  test('an interpreter of another version runs the function, with a warning naming both', async () => {
    // Point python3.13 at the machine's python3.11 (CI machines may have every version via pyenv).
    const py311 = spawnSync('python3.11', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
    const e2 = startEngine(join(fixtures, 'engine-python'), { interpreters: { 'python3.13': py311 } });
    try {
      const r = await e2.service.invoke('OtherVersion', '{}');
      assert.equal(r.functionError, undefined);
      assert.ok(e2.warnings.some((w) => /uses python3\.13 but no python3\.13 was found; running on .* \(Python 3\.11\)/.test(w)), e2.warnings.join('\n'));
    } finally {
      await e2.dispose();
    }
  });

  test('no Python at all is a clear coded error, not a hang', async () => {
    const host = new PythonHost({ python: '/nonexistent/python3' }, { pathEnv: '/nonexistent-bin', pyenvRoot: '/nonexistent-pyenv' });
    await assert.rejects(
      host.prepareLaunch({ fn: { runtime: 'python3.12', environment: {}, logicalId: 'F' } as never, taskRoot: '/t', optDir: '/o', env: {}, runtimesDir: '/r', warn: () => undefined }),
      (err: { code?: string; message: string }) => err.code === 'RUNTIME_NOT_FOUND' && /No Python interpreter found for python3\.12/.test(err.message),
    );
  });
});
