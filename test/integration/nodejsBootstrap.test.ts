// Integration tests for the in-environment Node.js bootstrap: the real bundle in a real child process, talking to a
// small fake Runtime API (the host's server is built separately) about real handlers from test/fixtures/node.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { startBootstrap, stopBootstraps, type BootstrapEnv } from './helpers/bootstrapEnv';
import type { Posted } from './helpers/fakeRuntimeApi';

const repoRoot = path.resolve(__dirname, '../../..');
const bootstrap = path.join(repoRoot, 'dist/runtimes/nodejs/bootstrap.js');
const fixtures = path.join(repoRoot, 'test/fixtures/node');
const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

type Env = BootstrapEnv;

after(stopBootstraps);

/** Starts the bootstrap with `fixture` as task root, as the host does (cwd = LAMBDA_TASK_ROOT). */
function startEnv(fixture: string, handler: string, extraEnv: Record<string, string> = {}): Promise<Env> {
  return startBootstrap({
    command: process.execPath,
    args: [bootstrap],
    taskRoot: path.join(fixtures, fixture),
    runtimeDir: path.dirname(bootstrap),
    handler,
    executionEnv: 'AWS_Lambda_nodejs20.x',
    env: extraEnv,
  });
}

/** One event in a fresh environment; returns the single POST. */
async function invokeOnce(fixture: string, handler: string, event: unknown = {}, extraEnv: Record<string, string> = {}): Promise<Posted & { env: Env }> {
  const env = await startEnv(fixture, handler, extraEnv);
  env.api.push('req-1', event);
  const [posted] = await env.api.waitForPosts(1);
  return { ...posted, env };
}

const json = (p: Posted): any => JSON.parse(p.body.toString());

void describe('nodejs bootstrap: success paths (§3.1, §3.2)', () => {
  void test('CommonJS async handler', async () => {
    const p = await invokeOnce('cjs', 'index.handler', { a: 1 });
    assert.equal(p.kind, 'response');
    assert.equal(p.requestId, 'req-1');
    assert.equal(p.headers['content-type'], 'application/json');
    assert.equal(p.body.toString(), '{"runtime":"cjs","event":{"a":1}}');
  });

  void test('ES module by .mjs, with top-level await', async () => {
    const p = await invokeOnce('esm-mjs', 'app.handler', 'e');
    assert.equal(p.body.toString(), '{"runtime":"esm-mjs","loadedAt":"init","event":"e"}');
  });

  void test('ES module by package.json "type": "module"', async () => {
    const p = await invokeOnce('esm-type-module', 'index.handler');
    assert.equal(p.body.toString(), '{"runtime":"esm-type-module","isEsm":true}');
  });

  void test('nested folder and dotted export path', async () => {
    const p = await invokeOnce('nested', 'src/handlers/deep/app.handlers.main', [1]);
    assert.equal(p.body.toString(), '{"nested":true,"event":[1]}');
  });

  void test('sync handler that never calls back: null once the loop drains', async () => {
    const p = await invokeOnce('sync-no-callback', 'index.handler');
    assert.equal(p.kind, 'response');
    assert.equal(p.body.toString(), 'null');
  });

  void test('module state survives three warm invokes', async () => {
    const env = await startEnv('warm-counter', 'index.handler');
    for (const id of ['a', 'b', 'c']) env.api.push(id, {});
    const posts = await env.api.waitForPosts(3);
    assert.deepEqual(posts.map((p) => [p.requestId, json(p).count]), [['a', 1], ['b', 2], ['c', 3]]);
    assert.equal(new Set(posts.map((p) => json(p).pid)).size, 1);
  });
});

void describe('nodejs bootstrap: callback model (§3.2)', () => {
  void test('callbackWaitsForEmptyEventLoop=true responds after the loop drains, and warns about callbacks', async () => {
    const p = await invokeOnce('callback', 'index.handler');
    assert.equal(p.body.toString(), '{"steps":["handler","timer-after-callback"]}');
    assert.ok(p.env.lines.some((l) => new RegExp(`^${ISO}\\tundefined\\tWARN\\tAWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24\\.`).test(l)), p.env.lines.join('\n'));
  });

  void test('callbackWaitsForEmptyEventLoop=false responds at once; the warning can be disabled', async () => {
    const p = await invokeOnce('callback', 'index.noWait', {}, { AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING: '1' });
    assert.equal(p.body.toString(), '{"steps":["handler"]}');
    assert.ok(!p.env.lines.some((l) => l.includes('callback-based')));
  });

  void test('only the first callback counts', async () => {
    const env = await startEnv('callback', 'index.twice');
    env.api.push('r1', {});
    env.api.push('r2', {});
    const posts = await env.api.waitForPosts(2);
    assert.deepEqual(posts.map((p) => [p.kind, p.requestId, p.body.toString()]), [['response', 'r1', '"first"'], ['response', 'r2', '"first"']]);
  });

  void test('legacy context.succeed / fail / fail() / done', async () => {
    const cases: [string, string, string][] = [
      ['succeed', 'response', '{"via":"succeed"}'],
      ['done', 'response', '{"via":"done"}'],
      ['failNoArg', 'error', '{"errorType":"string","errorMessage":"handled","trace":[]}'],
      ['doneError', 'error', '{"errorType":"string","errorMessage":"done-error","trace":[]}'],
    ];
    for (const [fn, kind, body] of cases) {
      const p = await invokeOnce('legacy-context', `index.${fn}`);
      assert.equal(p.kind, kind, fn);
      assert.equal(p.body.toString(), body, fn);
    }
    const failed = await invokeOnce('legacy-context', 'index.fail');
    assert.equal(json(failed).errorMessage, 'failed via context.fail');
    assert.equal(failed.headers['lambda-runtime-function-error-type'], 'Error');
  });

  void test('Node.js 24: callback handlers are an init error', async () => {
    const env = await startEnv('callback', 'index.handler', { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' });
    const [p] = await env.api.waitForPosts(1);
    assert.equal(p.kind, 'init-error');
    assert.equal(p.headers['lambda-runtime-function-error-type'], 'Runtime.CallbackHandlerDeprecated');
    assert.match(json(p).errorMessage, /^ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node\.js 24\./);
    assert.equal(await env.exit, 129);
  });

  void test('Node.js 24: a sync handler returning nothing answers null at once; no legacy context', async () => {
    const p = await invokeOnce('sync-no-callback', 'index.handler', {}, { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' });
    assert.equal(p.body.toString(), 'null');
    const c = await invokeOnce('context-fields', 'index.handler', {}, { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' });
    assert.deepEqual(json(c).legacy, ['undefined', 'undefined', 'undefined']);
  });
});

void describe('nodejs bootstrap: init errors (§3.1)', () => {
  const cases: [string, string, string, RegExp][] = [
    ['import-error', 'index.handler', 'Runtime.ImportModuleError', /^Error: Cannot find module 'not-installed-dependency'\nRequire stack:\n- .*import-error\/index\.js/],
    ['handler-not-found', 'index.handler', 'Runtime.HandlerNotFound', /^index\.handler is undefined or not exported$/],
    ['not-a-function', 'index.handler', 'Runtime.HandlerNotFound', /^index\.handler is not a function$/],
    ['syntax-error', 'index.handler', 'Runtime.UserCodeSyntaxError', /^SyntaxError: /],
    ['cjs', '../cjs/index.handler', 'Runtime.MalformedHandlerName', /^'\.\.\/cjs\/index\.handler' is not a valid handler name\. Use absolute paths when specifying root directories in handler names\.$/],
    ['cjs', 'index', 'Runtime.MalformedHandlerName', /^Bad handler$/],
    ['init-throws', 'index.handler', 'RangeError', /^bad configuration$/],
  ];
  for (const [fixture, handler, type, message] of cases) {
    void test(`${fixture} (${handler}) → ${type}, exit 129`, async () => {
      const env = await startEnv(fixture, handler);
      const [p] = await env.api.waitForPosts(1);
      assert.equal(p.kind, 'init-error');
      assert.equal(p.headers['lambda-runtime-function-error-type'], type);
      const body = json(p);
      assert.equal(body.errorType, type);
      assert.match(body.errorMessage, message);
      assert.ok(Array.isArray(body.trace));
      assert.equal(await env.exit, 129);
      const logged = env.lines.find((l) => l.includes('Uncaught Exception'));
      assert.match(logged ?? '', new RegExp(`^${ISO}\\tundefined\\tERROR\\tUncaught Exception \\t\\{"errorType":"${type.replace('.', '\\.')}","errorMessage":`));
    });
  }
});

void describe('nodejs bootstrap: invocation errors (§3.2)', () => {
  void test('thrown Error: type, message, trace and the Invoke Error log line', async () => {
    const p = await invokeOnce('throw-error', 'index.handler');
    assert.equal(p.kind, 'error');
    assert.equal(p.headers['lambda-runtime-function-error-type'], 'TypeError');
    const body = json(p);
    assert.deepEqual(Object.keys(body), ['errorType', 'errorMessage', 'trace']);
    assert.equal(body.errorType, 'TypeError');
    assert.equal(body.errorMessage, 'boom');
    assert.equal(body.trace[0], 'TypeError: boom');
    const line = p.env.lines.find((l) => l.includes('Invoke Error'));
    assert.match(line ?? '', new RegExp(`^${ISO}\\treq-1\\tERROR\\tInvoke Error \\t\\{"errorType":"TypeError","errorMessage":"boom","code":"E_BOOM","stack":\\["TypeError: boom",`));
  });

  void test('thrown string: {errorType: "string", errorMessage, trace: []}', async () => {
    const p = await invokeOnce('throw-string', 'index.handler');
    assert.equal(p.body.toString(), '{"errorType":"string","errorMessage":"boom","trace":[]}');
    assert.equal(p.headers['lambda-runtime-function-error-type'], 'string');
  });

  void test('callback(err)', async () => {
    const p = await invokeOnce('callback', 'index.error');
    assert.equal(json(p).errorMessage, 'callback error');
  });

  void test('unhandled rejection → Runtime.UnhandledPromiseRejection for that invocation, exit 128', async () => {
    const p = await invokeOnce('unhandled-rejection', 'index.handler');
    assert.equal(p.kind, 'error');
    assert.equal(p.requestId, 'req-1');
    const body = json(p);
    assert.equal(body.errorType, 'Runtime.UnhandledPromiseRejection');
    assert.equal(body.errorMessage, 'Error: yikes');
    assert.equal(body.trace[0], 'Runtime.UnhandledPromiseRejection: Error: yikes');
    assert.equal(await p.env.exit, 128);
    assert.ok(p.env.lines.some((l) => new RegExp(`^${ISO}\\treq-1\\tERROR\\tUnhandled Promise Rejection \\t\\{"errorType":"Runtime.UnhandledPromiseRejection"`).test(l)));
  });

  void test('uncaught exception during an invoke → that invocation errors, exit 129', async () => {
    const p = await invokeOnce('uncaught-exception', 'index.handler');
    assert.equal(p.kind, 'error');
    assert.deepEqual([json(p).errorType, json(p).errorMessage], ['Error', 'uncaught boom']);
    assert.equal(await p.env.exit, 129);
  });

  void test('async handler that never settles → Runtime.NodeJsExit when the loop drains', async () => {
    const p = await invokeOnce('never-settles', 'index.handler');
    assert.equal(p.kind, 'error');
    assert.equal(json(p).errorType, 'Runtime.NodeJsExit');
    assert.match(json(p).errorMessage, /^The Lambda runtime client detected an unexpected Node\.js exit code\. This is most commonly caused by a Promise that was never settled\./);
  });
});

void describe('nodejs bootstrap: context (§3.3, §1.3)', () => {
  void test('every field, remaining time, JSON shape and _X_AMZN_TRACE_ID per invoke', async () => {
    const env = await startEnv('context-fields', 'index.handler');
    const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    env.api.push('ctx-1', {}, {
      'Lambda-Runtime-Trace-Id': trace,
      'Lambda-Runtime-Client-Context': '{"client":{"app_title":"t"},"custom":{"k":"v"},"env":{"platform":"p"}}',
      'Lambda-Runtime-Cognito-Identity': '{"cognitoIdentityId":"id-1","cognitoIdentityPoolId":"pool-1"}',
      'Lambda-Runtime-Aws-Tenant-Id': 'tenant-7',
    });
    env.api.push('ctx-2', {});
    const [first, second] = (await env.api.waitForPosts(2)).map(json);
    assert.ok(first.remaining > 0 && first.remaining <= 3000, String(first.remaining));
    const { remaining: _r, json: asJson, ...fields } = first;
    assert.deepEqual(fields, {
      functionName: 'fixture-fn',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fixture-fn',
      memoryLimitInMB: '128',
      awsRequestId: 'ctx-1',
      logGroupName: '/aws/lambda/fixture-fn',
      logStreamName: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
      identity: { cognitoIdentityId: 'id-1', cognitoIdentityPoolId: 'pool-1' },
      clientContext: { client: { app_title: 't' }, custom: { k: 'v' }, env: { platform: 'p' } },
      tenantId: 'tenant-7',
      callbackWaitsForEmptyEventLoop: true,
      legacy: ['function', 'function', 'function'],
      traceEnv: trace,
    });
    assert.deepEqual(Object.keys(asJson), ['callbackWaitsForEmptyEventLoop', 'functionVersion', 'functionName', 'memoryLimitInMB', 'logGroupName', 'logStreamName', 'clientContext', 'identity', 'invokedFunctionArn', 'awsRequestId', 'tenantId']);
    assert.equal(second.traceEnv, null);
    assert.equal(second.identity, undefined);
    assert.equal(second.tenantId, undefined);
  });

  void test('malformed client context → the invocation fails with "Cannot parse ClientContext as json"', async () => {
    const env = await startEnv('context-fields', 'index.handler');
    env.api.push('bad', {}, { 'Lambda-Runtime-Client-Context': '{nope' });
    const [p] = await env.api.waitForPosts(1);
    assert.equal(p.kind, 'error');
    assert.match(json(p).errorMessage, /^Cannot parse ClientContext as json: SyntaxError: /);
  });
});

void describe('nodejs bootstrap: logging (§4.3, §4.4)', () => {
  void test('text format: one line per call, \\n → \\r, request id undefined during init', async () => {
    const p = await invokeOnce('logging', 'index.handler');
    assert.equal(p.body.toString(), '"logged"');
    const app = p.env.lines.filter((l) => new RegExp(`^${ISO}\\t`).test(l)).map((l) => l.replace(new RegExp(`^${ISO}`), 'T'));
    assert.deepEqual(app.map((l) => (l.includes('\tERROR\t') ? l.slice(0, l.indexOf('\r')) : l)), [
      'T\tundefined\tINFO\tinit line',
      'T\treq-1\tINFO\thello world',
      'T\treq-1\tINFO\tfirst\rsecond',
      'T\treq-1\tWARN\tcareful { a: 1 }',
      'T\treq-1\tERROR\tError: logged error',
      'T\treq-1\tDEBUG\tdebug detail',
      'T\treq-1\tTRACE\ttrace detail',
      'T\treq-1\tFATAL\tfatal detail',
    ]);
    assert.ok(p.env.lines.includes('raw stdout line'));
  });

  void test('JSON format with AWS_LAMBDA_LOG_LEVEL=WARN', async () => {
    const p = await invokeOnce('logging', 'index.handler', {}, { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'WARN' });
    const records = p.env.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    for (const r of records) assert.match(r.timestamp, new RegExp(`^${ISO}$`));
    const strip = records.map(({ timestamp: _t, ...r }) => r);
    assert.deepEqual(strip[0], { level: 'WARN', requestId: 'req-1', message: 'careful { a: 1 }' });
    assert.deepEqual([strip[1].level, strip[1].message.errorType, strip[1].message.errorMessage, strip[1].message.stackTrace[0]], ['ERROR', 'Error', 'logged error', 'Error: logged error']);
    assert.deepEqual(strip[2], { level: 'FATAL', requestId: 'req-1', message: 'fatal detail' });
    assert.equal(strip.length, 3);
  });
});

void describe('nodejs bootstrap: response streaming (§3.4, §1.4)', () => {
  void test('chunks arrive as written, with the streaming headers', async () => {
    const p = await invokeOnce('streaming', 'index.handler');
    assert.equal(p.kind, 'response');
    assert.equal(p.headers['lambda-runtime-function-response-mode'], 'streaming');
    assert.equal(p.headers['transfer-encoding'], 'chunked');
    assert.equal(p.headers['content-type'], 'text/plain');
    assert.equal(p.headers.trailer, 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body');
    assert.equal(p.body.toString(), 'chunk-1\nchunk-2\nchunk-3\n');
    assert.ok(p.chunks >= 3, `expected separate chunks, got ${p.chunks}`);
    assert.deepEqual(p.trailers, {});
  });

  void test('mid-stream error goes to trailers', async () => {
    const p = await invokeOnce('streaming', 'index.failing');
    assert.equal(p.body.toString(), 'partial');
    assert.equal(p.trailers['lambda-runtime-function-error-type'], 'Error');
    const err = JSON.parse(Buffer.from(p.trailers['lambda-runtime-function-error-body'] ?? '', 'base64').toString());
    assert.deepEqual([err.errorType, err.errorMessage, err.trace[0]], ['Error', 'stream broke', 'Error: stream broke']);
  });

  void test('HttpResponseStream.from: prelude, 8 NUL bytes, body', async () => {
    const p = await invokeOnce('streaming', 'index.http');
    assert.equal(p.headers['content-type'], 'application/vnd.awslambda.http-integration-response');
    assert.equal(p.body.toString('latin1'), '{"statusCode":201,"headers":{"x-fixture":"yes"}}' + '\0'.repeat(8) + 'hello');
  });

  void test('a second invoke in the same environment still streams', async () => {
    const env = await startEnv('streaming', 'index.handler');
    env.api.push('s1', {});
    env.api.push('s2', {});
    const posts = await env.api.waitForPosts(2);
    assert.deepEqual(posts.map((p) => [p.requestId, p.body.toString()]), [['s1', 'chunk-1\nchunk-2\nchunk-3\n'], ['s2', 'chunk-1\nchunk-2\nchunk-3\n']]);
  });
});
