// Integration: the engine runs the Node.js fixture zoo through real processes and the real Runtime API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, startEngine, type TestEngine } from './helpers/engine';

describe('Node.js handlers through the engine', () => {
  let e: TestEngine;
  before(() => {
    e = startEngine();
  });
  after(() => e.dispose());

  test('CommonJS handler returns its value', async () => {
    const r = await e.service.invoke('Cjs', '{"a":1}');
    assert.equal(r.functionError, undefined);
    assert.deepEqual(json(r.payload), { runtime: 'cjs', event: { a: 1 } });
    assert.equal(r.executedVersion, '$LATEST');
    assert.equal(r.statusCode, 200);
  });

  test('ESM .mjs handler', async () => {
    const r = await e.service.invoke('EsmMjs', '{}');
    assert.deepEqual(json(r.payload), { runtime: 'esm-mjs', loadedAt: 'init', event: {} });
  });

  test('ESM .js in a "type": "module" package', async () => {
    const r = await e.service.invoke('EsmTypeModule', '{}');
    assert.equal(json(r.payload).runtime, 'esm-type-module');
  });

  test('nested folder with a dotted export path', async () => {
    const r = await e.service.invoke('Nested', '{"x":2}');
    assert.deepEqual(json(r.payload), { nested: true, event: { x: 2 } });
  });

  test('inline code is written as index.js', async () => {
    const r = await e.service.invoke('Inline', '[1,2]');
    assert.deepEqual(json(r.payload), { inline: true, echo: [1, 2] });
  });

  test('callback handler waits for the event loop to drain', async () => {
    const r = await e.service.invoke('Callback', '{}');
    assert.deepEqual(json(r.payload), { steps: ['handler', 'timer-after-callback'] });
  });

  test('callback handler with callbackWaitsForEmptyEventLoop = false answers at once', async () => {
    const r = await e.service.invoke('CallbackNoWait', '{}');
    assert.equal(r.functionError, undefined);
    assert.ok(r.durationMs < 1000, `answered in ${r.durationMs} ms`);
  });

  test('context.fail() with no argument reports "handled"', async () => {
    const r = await e.service.invoke('LegacyFailNoArg', '{}');
    assert.equal(r.functionError, 'Unhandled');
    assert.deepEqual(json(r.payload), { errorType: 'string', errorMessage: 'handled', trace: [] });
  });

  test('a sync handler that never calls back returns null when the loop drains', async () => {
    const r = await e.service.invoke('SyncNoCallback', '{}');
    assert.equal(r.payload.toString(), 'null');
    assert.equal(r.functionError, undefined);
  });

  test('an async handler whose promise never settles → Runtime.NodeJsExit', async () => {
    const r = await e.service.invoke('NeverSettles', '{}');
    assert.equal(r.functionError, 'Unhandled');
    assert.equal(json(r.payload).errorType, 'Runtime.NodeJsExit');
  });

  test('context carries every field, with the configured memory and name', async () => {
    const r = await e.service.invoke('ContextFields', '{}');
    const c = json(r.payload);
    assert.equal(c.functionName, 'context-fields-fn');
    assert.equal(c.functionVersion, '$LATEST');
    assert.equal(c.invokedFunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:context-fields-fn');
    assert.equal(c.memoryLimitInMB, '256');
    assert.equal(c.awsRequestId, r.requestId);
    assert.equal(c.logGroupName, '/aws/lambda/context-fields-fn');
    assert.match(c.logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.equal(c.logStreamName, r.logStreamName);
    assert.ok(c.remaining > 6000 && c.remaining <= 7000, `remaining ${c.remaining}`);
    assert.deepEqual(c.legacy, ['function', 'function', 'function']);
    assert.equal(c.callbackWaitsForEmptyEventLoop, true);
    assert.equal(c.traceEnv, null);
  });

  test('client context and trace id reach the handler', async () => {
    const cc = { client: { app_title: 'demo' }, custom: { k: 'v' }, env: { platform: 'test' } };
    const traceId = 'Root=1-5e1b4151-5ac6c58f5b1b1d6e0e7f8a9b;Parent=53995c3f42cd8ad8;Sampled=1';
    const r = await e.service.invoke('ContextFields', '{}', { clientContext: Buffer.from(JSON.stringify(cc)).toString('base64'), traceId });
    const c = json(r.payload);
    assert.deepEqual(c.clientContext.custom, { k: 'v' });
    assert.equal(c.clientContext.client.app_title, 'demo');
    assert.equal(c.traceEnv, traceId);
  });

  test('a thrown Error comes back as {errorType, errorMessage, trace}', async () => {
    const r = await e.service.invoke('ThrowError', '{}');
    const p = json(r.payload);
    assert.equal(r.functionError, 'Unhandled');
    assert.equal(r.status, 'error');
    assert.deepEqual(Object.keys(p), ['errorType', 'errorMessage', 'trace']);
    assert.ok(Array.isArray(p.trace) && p.trace.length > 1);
    // A handler error is not a platform error: REPORT has no Status field.
    const report = e.linesOf(r.requestId).find((l) => l.startsWith('REPORT'))!;
    assert.doesNotMatch(report, /Status:/);
  });

  test('a thrown string comes back with errorType "string"', async () => {
    const r = await e.service.invoke('ThrowString', '{}');
    assert.deepEqual(json(r.payload), { errorType: 'string', errorMessage: 'boom', trace: [] });
  });

  test('an unhandled rejection → Runtime.UnhandledPromiseRejection, and the next invoke is cold', async () => {
    const r = await e.service.invoke('UnhandledRejection', '{}');
    assert.equal(json(r.payload).errorType, 'Runtime.UnhandledPromiseRejection');
    const again = await e.service.invoke('UnhandledRejection', '{}');
    assert.equal(again.coldStart, true);
  });

  test('an uncaught exception during the invoke is that invocation\'s error', async () => {
    const r = await e.service.invoke('UncaughtException', '{}');
    assert.equal(json(r.payload).errorMessage, 'uncaught boom');
    assert.equal(r.functionError, 'Unhandled');
  });

  test('invokeStream gives the streamed body as a Node stream', async () => {
    const { body, result } = e.service.invokeStream('Streaming', '{}');
    const seen: string[] = [];
    for await (const chunk of body) seen.push(String(chunk));
    const r = await result;
    assert.equal(r.streamed, true);
    assert.match(seen.join(''), /chunk-1[\s\S]*chunk-3/);
    assert.ok(seen.length >= 2, 'arrives in several chunks');
  });

  test('invokeStream of a buffered function yields its payload once', async () => {
    const { body, result } = e.service.invokeStream('Cjs', '{"b":2}');
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    await result;
    assert.deepEqual(JSON.parse(Buffer.concat(chunks).toString()), { runtime: 'cjs', event: { b: 2 } });
  });

  test('an error mid-stream arrives through the trailers as the function error', async () => {
    const chunks: string[] = [];
    const r = await e.service.invoke('StreamingFailing', '{}', { stream: { start: () => undefined, chunk: (c) => chunks.push(c.toString()) } });
    assert.equal(chunks.join(''), 'partial');
    assert.equal(r.functionError, 'Unhandled');
    assert.equal(r.status, 'error');
    const p = json(r.payload);
    assert.equal(p.errorType, 'Error');
    assert.equal(p.errorMessage, 'stream broke');
  });

  test('HttpResponseStream.from: JSON prelude, 8 NUL bytes, then the body', async () => {
    const chunks: Buffer[] = [];
    let contentType = '';
    await e.service.invoke('StreamingHttp', '{}', { stream: { start: (ct) => (contentType = ct), chunk: (c) => chunks.push(c) } });
    const all = Buffer.concat(chunks);
    const sep = all.indexOf(Buffer.alloc(8));
    assert.ok(sep > 0);
    assert.deepEqual(JSON.parse(all.subarray(0, sep).toString()), { statusCode: 201, headers: { 'x-fixture': 'yes' } });
    assert.equal(all.subarray(sep + 8).toString(), 'hello');
    assert.equal(contentType, 'application/vnd.awslambda.http-integration-response');
  });

  test('streamed responses arrive chunk by chunk', async () => {
    const chunks: string[] = [];
    let contentType = '';
    const r = await e.service.invoke('Streaming', '{}', { stream: { start: (ct) => (contentType = ct), chunk: (c) => chunks.push(c.toString()) } });
    assert.equal(r.streamed, true);
    assert.equal(r.functionError, undefined);
    assert.ok(chunks.length >= 2, `chunks: ${JSON.stringify(chunks)}`);
    assert.match(chunks.join(''), /chunk-1[\s\S]*chunk-2[\s\S]*chunk-3/);
    assert.ok(contentType.length > 0);
  });
});
