// Integration tests for the in-environment Python runtime: the real bootstrap.py under a real python3, talking to a
// small fake Runtime API (the host's server is tested separately) about real handlers from test/fixtures/python.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { startBootstrap, stopBootstraps, type BootstrapEnv } from './helpers/bootstrapEnv';
import type { Posted } from './helpers/fakeRuntimeApi';

const repoRoot = path.resolve(__dirname, '../../..');
const bootstrap = path.join(repoRoot, 'dist/runtimes/python/bootstrap.py');
const fixtures = path.join(repoRoot, 'test/fixtures/python');
const python = process.env.LAMBDA_WORKBENCH_TEST_PYTHON ?? 'python3';
const ISO_MS = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
const NBSP = '\u00a0';

type Env = BootstrapEnv;

after(stopBootstraps);

/** Starts the bootstrap with `fixture` as task root, as the host does (cwd = LAMBDA_TASK_ROOT, §2.5 variables). */
function startEnv(fixture: string, handler: string, extraEnv: Record<string, string> = {}): Promise<Env> {
  return startBootstrap({
    command: python,
    args: ['-u', bootstrap],
    taskRoot: path.join(fixtures, fixture),
    runtimeDir: path.dirname(bootstrap),
    handler,
    executionEnv: 'AWS_Lambda_python3.11',
    env: { PYTHONPATH: path.dirname(bootstrap), ...extraEnv },
  });
}

/** One event in a fresh environment; returns the single POST. */
async function invokeOnce(fixture: string, handler: string, event: unknown = {}, extraEnv: Record<string, string> = {}): Promise<Posted & { env: Env }> {
  const env = await startEnv(fixture, handler, extraEnv);
  env.api.push('req-1', event);
  const [posted] = await env.api.waitForPosts(1);
  return { ...posted, env };
}

/** Log lines with the timestamp replaced by T, so they can be compared whole. */
const stamped = (lines: string[], iso = ISO_MS): string[] => lines.map((l) => l.replace(new RegExp(`\\t${iso}\\t`), '\tT\t'));

/** Waits briefly for the child's stdout to catch up with what it posted. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 100));

const json = (p: Posted): any => JSON.parse(p.body.toString());

/** What Python's json.dumps writes for plain values (", " and ": " separators), to compare payloads exactly. */
function pyJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}
const warningLine = '[WARNING]\tT\t\tLAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare cases, a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, runtime updates can be triggered by a function change, or can be applied automatically. To determine if the runtime has been updated, check the runtime version in the INIT_START log entry. If this error correlates with a change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the previous runtime version. For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html';

void describe('python bootstrap: success paths (§3.5)', () => {
  void test('dict result, JSON-encoded with Python separators', async () => {
    const p = await invokeOnce('success', 'app.handler', { a: 1 });
    assert.equal(p.kind, 'response');
    assert.equal(p.requestId, 'req-1');
    assert.equal(p.headers['content-type'], 'application/json');
    assert.equal(p.body.toString(), '{"runtime": "python", "event": {"a": 1}, "requestId": "req-1"}');
  });

  for (const handler of ['pkg/sub/app.handler', 'pkg.sub.app.handler']) {
    void test(`nested module as ${handler}`, async () => {
      const p = await invokeOnce('nested', handler, [1]);
      assert.equal(p.body.toString(), '{"nested": true, "module": "pkg.sub.app", "event": [1]}');
    });
  }

  void test('module state survives three warm invokes in one process', async () => {
    const env = await startEnv('warm-counter', 'app.handler');
    for (const id of ['a', 'b', 'c']) env.api.push(id, {});
    const posts = await env.api.waitForPosts(3);
    assert.deepEqual(posts.map((p) => [p.requestId, json(p).count]), [['a', 1], ['b', 2], ['c', 3]]);
    assert.equal(new Set(posts.map((p) => json(p).pid)).size, 1);
  });

  void test('a Runtime API that closes every connection: the runtime reconnects', async () => {
    const env = await startEnv('warm-counter', 'app.handler');
    env.api.closeConnections = true;
    for (const id of ['a', 'b', 'c']) env.api.push(id, {});
    const posts = await env.api.waitForPosts(3);
    assert.deepEqual(posts.map((p) => [p.requestId, json(p).count]), [['a', 1], ['b', 2], ['c', 3]]);
  });

  void test('files in TMPDIR accumulate within one environment', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-tmp-'));
    try {
      const env = await startEnv('tmp-writer', 'app.handler', { TMPDIR: tmp });
      env.api.push('t1', { note: 'one' });
      env.api.push('t2', { note: 'two' });
      const [, second] = (await env.api.waitForPosts(2)).map(json);
      assert.deepEqual(second, { tmpdir: tmp, found: ['wb-t1.txt', 'wb-t2.txt'], content: 'two' });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  void test('Decimal is written as its exact number text, Decimal NaN as NaN', async () => {
    const p = await invokeOnce('decimal', 'app.handler');
    assert.equal(p.body.toString(), '{"price": 19.90, "big": 1E+3, "list": [-0.5, 1.5], "nan": NaN}');
  });

  void test('bytes are posted raw as application/unknown; a non-JSON event arrives as bytes', async () => {
    const p = await invokeOnce('bytes-response', 'app.handler');
    assert.equal(p.headers['content-type'], 'application/unknown');
    assert.deepEqual(p.body, Buffer.from('\x00\x01raw bytes', 'latin1'));
    const env = await startEnv('bytes-response', 'app.handler');
    env.api.push('txt', 'not json', { 'Content-Type': 'text/plain' }, true);
    const [q] = await env.api.waitForPosts(1);
    assert.equal(q.body.toString(), 'raw:not json');
  });

  void test('sys.path: task root, then the layer dirs under LAMBDA_WORKBENCH_OPT_DIR, then PYTHONPATH (§2.5)', async () => {
    const optDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-opt-'));
    const p = await invokeOnce('env-echo', 'app.handler', {}, { LAMBDA_WORKBENCH_OPT_DIR: optDir, MY_VAR: 'x' }).finally(() => fs.rmSync(optDir, { recursive: true, force: true }));
    const { env, sys_path: sysPath } = json(p);
    const pythonVersion = (/\/python\/lib\/(python3\.\d+)\/site-packages$/.exec(sysPath[1]) ?? [])[1];
    assert.ok(pythonVersion, sysPath[1]);
    assert.deepEqual(sysPath.slice(0, 3), [p.env.taskRoot, path.join(optDir, 'python/lib', pythonVersion, 'site-packages'), path.join(optDir, 'python')]);
    assert.ok(sysPath.indexOf(path.dirname(bootstrap)) > 2);
    assert.equal(env.MY_VAR, 'x');
    assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'fixture-fn');
  });
});

void describe('python bootstrap: context (§3.5, §1.3)', () => {
  void test('every field, remaining time and _X_AMZN_TRACE_ID set then removed', async () => {
    const env = await startEnv('context-fields', 'app.handler');
    const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    env.api.push('ctx-1', {}, {
      'Lambda-Runtime-Trace-Id': trace,
      'Lambda-Runtime-Client-Context': '{"client":{"app_title":"t","installation_id":"i-1"},"custom":{"k":"v"},"env":{"platform":"p"}}',
      'Lambda-Runtime-Cognito-Identity': '{"cognitoIdentityId":"id-1","cognitoIdentityPoolId":"pool-1"}',
      'Lambda-Runtime-Aws-Tenant-Id': 'tenant-7',
    });
    env.api.push('ctx-2', {});
    const [first, second] = (await env.api.waitForPosts(2)).map(json);
    assert.ok(first.remaining > 2000 && first.remaining <= 3000, String(first.remaining));
    const { remaining: _r, ...fields } = first;
    assert.deepEqual(fields, {
      aws_request_id: 'ctx-1',
      function_name: 'fixture-fn',
      function_version: '$LATEST',
      invoked_function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:fixture-fn',
      memory_limit_in_mb: '128',
      log_group_name: '/aws/lambda/fixture-fn',
      log_stream_name: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
      identity: { cognito_identity_id: 'id-1', cognito_identity_pool_id: 'pool-1' },
      client_context: {
        client: { installation_id: 'i-1', app_title: 't', app_version_name: null, app_version_code: null, app_package_name: null },
        custom: { k: 'v' },
        env: { platform: 'p' },
      },
      tenant_id: 'tenant-7',
      trace_env: trace,
    });
    assert.equal(second.trace_env, null);
    assert.equal(second.tenant_id, null);
    assert.equal(second.client_context, null);
    assert.deepEqual(second.identity, { cognito_identity_id: null, cognito_identity_pool_id: null });
  });

  void test('a past deadline reads as 0 remaining', async () => {
    const env = await startEnv('context-fields', 'app.handler');
    env.api.push('late', {}, { 'Lambda-Runtime-Deadline-Ms': String(Date.now() - 5000) });
    const [p] = await env.api.waitForPosts(1);
    assert.equal(json(p).remaining, 0);
  });

  void test('malformed client context → Runtime.LambdaContextUnmarshalError for that invoke', async () => {
    const env = await startEnv('context-fields', 'app.handler');
    env.api.push('bad-cc', {}, { 'Lambda-Runtime-Client-Context': '{nope' });
    const [p] = await env.api.waitForPosts(1);
    assert.equal(p.kind, 'error');
    assert.equal(p.body.toString(), '{"errorMessage": "Unable to parse Client Context JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)", "errorType": "Runtime.LambdaContextUnmarshalError", "requestId": "bad-cc", "stackTrace": []}');
  });
});

void describe('python bootstrap: init errors (§3.5) → /init/error, exit 1', () => {
  const cases: [string, string, string, string][] = [
    ['success', 'app', 'Runtime.MalformedHandlerName', "Bad handler 'app': not enough values to unpack (expected 2, got 1)"],
    ['builtin-conflict', 'sys.handler', 'Runtime.BuiltInModuleConflict', 'Cannot use built-in module sys as a handler module'],
    ['import-error', 'app.handler', 'Runtime.ImportModuleError', "Unable to import module 'app': No module named 'not_installed_dependency'"],
    ['success', 'missing/app.handler', 'Runtime.ImportModuleError', "Unable to import module 'missing/app': No module named 'missing'"],
    ['handler-not-found', 'app.handler', 'Runtime.HandlerNotFound', "Handler 'handler' missing on module 'app'"],
  ];
  for (const [fixture, handler, type, message] of cases) {
    void test(`${fixture} (${handler}) → ${type}`, async () => {
      const env = await startEnv(fixture, handler);
      const [p] = await env.api.waitForPosts(1);
      assert.equal(p.kind, 'init-error');
      assert.equal(p.headers['lambda-runtime-function-error-type'], type);
      assert.equal(p.body.toString(), pyJson({ errorMessage: message, errorType: type, requestId: '', stackTrace: [] }));
      assert.equal(await env.exit, 1);
      assert.deepEqual(stamped(env.lines), [warningLine, `[ERROR] ${type}: ${message}\rTraceback (most recent call last):`]);
    });
  }

  void test('syntax error → Runtime.UserCodeSyntaxError with the RIC\'s one-frame trace', async () => {
    const env = await startEnv('syntax-error', 'app.handler');
    const [p] = await env.api.waitForPosts(1);
    const body = json(p);
    assert.equal(body.errorType, 'Runtime.UserCodeSyntaxError');
    assert.match(body.errorMessage, /^Syntax error in module 'app': .+ \(app\.py, line 2\)$/);
    assert.deepEqual(body.stackTrace, [`  File "${env.taskRoot}/app.py" Line 2\n    def handler(event, context:\n`]);
    assert.equal(await env.exit, 1);
    assert.equal(stamped(env.lines)[1], `[ERROR] Runtime.UserCodeSyntaxError: ${body.errorMessage}\rTraceback (most recent call last):\r${NBSP.repeat(2)}File "${env.taskRoot}/app.py" Line 2\r${NBSP.repeat(4)}def handler(event, context:`);
  });

  void test('an exception at import keeps its own type; the trace starts below the bootstrap', async () => {
    const env = await startEnv('init-throws', 'app.handler');
    const [p] = await env.api.waitForPosts(1);
    const body = json(p);
    assert.equal(p.headers['lambda-runtime-function-error-type'], 'ValueError');
    assert.deepEqual([body.errorType, body.errorMessage, body.requestId], ['ValueError', 'bad configuration', '']);
    assert.ok(!body.stackTrace.some((f: string) => f.includes('/bootstrap.py"')), body.stackTrace.join(''));
    assert.equal(body.stackTrace.at(-1), `  File "${env.taskRoot}/app.py", line 2, in <module>\n    raise ValueError("bad configuration")\n`);
    assert.equal(await env.exit, 1);
  });
});

void describe('python bootstrap: invocation errors (§3.5, §4.3)', () => {
  void test('raised exception: payload, headers and the [ERROR] log line', async () => {
    const p = await invokeOnce('throw-error', 'app.handler');
    assert.equal(p.kind, 'error');
    assert.equal(p.headers['lambda-runtime-function-error-type'], 'ValueError');
    const file = `${p.env.taskRoot}/app.py`;
    const frames = [`  File "${file}", line 7, in handler\n    _fail("handler")\n`, `  File "${file}", line 3, in _fail\n    raise ValueError("boom: " + what)\n`];
    assert.equal(p.body.toString(), pyJson({ errorMessage: 'boom: handler', errorType: 'ValueError', requestId: 'req-1', stackTrace: frames }));
    const cause = JSON.parse(String(p.headers['lambda-runtime-function-xray-error-cause']));
    assert.deepEqual(cause, {
      working_directory: p.env.taskRoot,
      exceptions: [{ message: 'boom: handler', type: 'ValueError', stack: [{ label: 'handler', path: file, line: 7 }, { label: '_fail', path: file, line: 3 }] }],
      paths: [file],
    });
    await settle();
    const n2 = NBSP.repeat(2);
    const n4 = NBSP.repeat(4);
    assert.deepEqual(p.env.lines, [
      `[ERROR] ValueError: boom: handler\rTraceback (most recent call last):\r${n2}File "${file}", line 7, in handler\r${n4}_fail("handler")\r${n2}File "${file}", line 3, in _fail\r${n4}raise ValueError("boom: " + what)`,
    ]);
  });

  void test('invalid JSON event → Runtime.UnmarshalError', async () => {
    const env = await startEnv('success', 'app.handler');
    env.api.push('bad-json', '{nope', {}, true);
    const [p] = await env.api.waitForPosts(1);
    assert.equal(p.headers['lambda-runtime-function-error-type'], 'Runtime.UnmarshalError');
    assert.equal(p.body.toString(), '{"errorMessage": "Unable to unmarshal input: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)", "errorType": "Runtime.UnmarshalError", "requestId": "bad-json", "stackTrace": []}');
    assert.deepEqual(JSON.parse(String(p.headers['lambda-runtime-function-xray-error-cause'])).exceptions[0].type, 'LambdaValidationError');
  });

  void test('unserialisable result → Runtime.MarshalError, and the environment serves the next event', async () => {
    const env = await startEnv('unserialisable', 'app.handler');
    env.api.push('m1', {});
    env.api.push('m2', {});
    const posts = await env.api.waitForPosts(2);
    assert.equal(posts[0].body.toString(), '{"errorMessage": "Unable to marshal response: Object of type set is not JSON serializable", "errorType": "Runtime.MarshalError", "requestId": "m1", "stackTrace": []}');
    assert.equal(posts[1].requestId, 'm2');
    await settle();
    assert.equal(env.lines[0], '[ERROR] Runtime.MarshalError: Unable to marshal response: Object of type set is not JSON serializable\rTraceback (most recent call last):');
  });

  void test('a rejected response (413) stops the runtime, as the RIC does (§1.4)', async () => {
    const env = await startEnv('big-response', 'app.handler');
    env.api.responseStatus = 413;
    env.api.push('big', {});
    const [p] = await env.api.waitForPosts(1);
    assert.equal(p.body.length, 7 * 1024 * 1024 + 2);
    assert.equal(await env.exit, 1);
    assert.match(env.stderr(), /RuntimeError: Failed to post invocation response/);
  });

  void test('os._exit in the handler ends the process with that status', async () => {
    const env = await startEnv('crash', 'app.handler');
    env.api.push('c', {});
    assert.equal(await env.exit, 3);
    assert.equal(env.api.posted.length, 0);
  });
});

void describe('python bootstrap: logging (§4.3, §4.4)', () => {
  const file = path.join(fixtures, 'logging/app.py');
  const traceback = `Traceback (most recent call last):\r  File "${file}", line 16, in handler\r    raise KeyError("missing")\rKeyError: 'missing'`;

  void test('text format, default level WARNING: one line per record, \\n → \\r, print untouched', async () => {
    const p = await invokeOnce('logging', 'app.handler');
    assert.equal(p.body.toString(), '"logged"');
    await settle();
    assert.deepEqual(stamped(p.env.lines), [
      '[WARNING]\tT\t\tinit record',
      'plain print',
      '[WARNING]\tT\treq-1\tfirst\rsecond',
      '[ERROR]\tT\treq-1\tchild error',
      `[ERROR]\tT\treq-1\tcaught it\r${traceback}`,
      '[CRITICAL]\tT\treq-1\tcritical detail',
      'context log line',
    ]);
  });

  void test('text format with AWS_LAMBDA_LOG_LEVEL=TRACE (read as DEBUG) shows every level', async () => {
    const p = await invokeOnce('logging', 'app.handler', {}, { AWS_LAMBDA_LOG_LEVEL: 'TRACE' });
    await settle();
    const levels = p.env.lines.map((l) => /^\[(\w+)\]\t/.exec(l)?.[1] ?? l);
    assert.deepEqual(levels, ['WARNING', 'plain print', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'ERROR', 'CRITICAL', 'context log line']);
  });

  void test('JSON format at INFO: records with logger, extras and exception fields', async () => {
    const p = await invokeOnce('logging', 'app.handler', {}, { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'INFO' });
    await settle();
    const records = p.env.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    for (const r of records) assert.match(r.timestamp, new RegExp(`^${ISO_MS}$`));
    const strip = records.map(({ timestamp: _t, ...r }) => r);
    assert.deepEqual(strip, [
      { level: 'WARNING', message: 'init record', logger: 'root', requestId: '' },
      { level: 'INFO', message: 'info detail', logger: 'root', requestId: 'req-1' },
      { level: 'WARNING', message: 'first\nsecond', logger: 'root', requestId: 'req-1' },
      { level: 'ERROR', message: 'child error', logger: 'child', requestId: 'req-1', orderId: 42 },
      {
        level: 'ERROR',
        message: 'caught it',
        logger: 'root',
        stackTrace: [`  File "${file}", line 16, in handler\n    raise KeyError("missing")\n`],
        errorType: 'KeyError',
        errorMessage: "'missing'",
        requestId: 'req-1',
        location: `${file}:handler:18`,
      },
      { level: 'CRITICAL', message: 'critical detail', logger: 'root', requestId: 'req-1' },
    ]);
    assert.deepEqual(Object.keys(records[0]), ['timestamp', 'level', 'message', 'logger', 'requestId']);
    assert.deepEqual(p.env.lines.filter((l) => !l.startsWith('{')), ['plain print', 'context log line']);
  });

  void test('JSON format: the runtime\'s own error record for an unhandled exception', async () => {
    const p = await invokeOnce('throw-error', 'app.handler', {}, { AWS_LAMBDA_LOG_FORMAT: 'JSON' });
    await settle();
    assert.equal(p.env.lines.length, 1);
    const record = JSON.parse(p.env.lines[0]);
    assert.deepEqual(Object.keys(record), ['timestamp', 'level', 'errorMessage', 'errorType', 'requestId', 'stackTrace']);
    assert.match(record.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.deepEqual([record.level, record.errorType, record.requestId, record.stackTrace.length], ['ERROR', 'ValueError', 'req-1', 2]);
  });

  void test('JSON format with AWS_LAMBDA_LOG_LEVEL=ERROR drops the init warning of an init error', async () => {
    const env = await startEnv('import-error', 'app.handler', { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'ERROR' });
    assert.equal(await env.exit, 1);
    await settle();
    assert.equal(env.lines.length, 1);
    assert.deepEqual(Object.keys(JSON.parse(env.lines[0])), ['timestamp', 'level', 'errorMessage', 'errorType', 'requestId', 'stackTrace']);
  });
});
