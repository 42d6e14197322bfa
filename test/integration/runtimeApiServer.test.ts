// Integration: the Runtime API server's paths, headers, status codes and error bodies (§1.2–§1.5),
// driven over real HTTP the way a runtime client drives it.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { RuntimeApiServer, type InvocationOutcome } from '../../src/core/runtime/runtimeApiServer';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(addr: string, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  const [host, port] = addr.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ host, port: Number(port), method, path: `/2018-06-01${path}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Runtime API server', () => {
  let server: RuntimeApiServer;
  let addr: string;
  const outcomes: Array<[string, InvocationOutcome]> = [];
  const initErrors: Array<[string, string | undefined]> = [];
  let nexts = 0;

  before(async () => {
    server = new RuntimeApiServer({
      onNext: () => nexts++,
      onDelivered: () => undefined,
      onInitError: (b, t) => initErrors.push([b.toString(), t]),
      onOutcome: (id, o) => outcomes.push([id, o]),
    });
    addr = await server.listen();
  });
  after(() => server.close());

  test('listens on 127.0.0.1 only', () => {
    assert.match(addr, /^127\.0\.0\.1:\d+$/);
  });

  test('posting a response before /next is an invalid state transition (403)', async () => {
    const r = await call(addr, 'POST', '/runtime/invocation/nope/response', '{}');
    assert.equal(r.status, 403);
    assert.equal(JSON.parse(r.body).errorType, 'InvalidStateTransition');
    assert.match(JSON.parse(r.body).errorMessage, /^State transition from Init to Responded failed for runtime\. Error: /);
  });

  test('/next blocks until an event is delivered, then carries every header', async () => {
    const pending = call(addr, 'GET', '/runtime/invocation/next');
    await new Promise((r) => setTimeout(r, 30));
    server.deliver({
      requestId: 'req-1',
      payload: Buffer.from('{"k":1}'),
      deadlineMs: 1_900_000_000_000,
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
      traceId: 'Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0',
      clientContext: '{"custom":{}}',
    });
    const r = await pending;
    assert.equal(r.status, 200);
    assert.equal(r.body, '{"k":1}');
    assert.equal(r.headers['lambda-runtime-aws-request-id'], 'req-1');
    assert.equal(r.headers['lambda-runtime-deadline-ms'], '1900000000000');
    assert.equal(r.headers['lambda-runtime-invoked-function-arn'], 'arn:aws:lambda:us-east-1:123456789012:function:f');
    assert.equal(r.headers['lambda-runtime-trace-id'], 'Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0');
    assert.equal(r.headers['lambda-runtime-client-context'], '{"custom":{}}');
    assert.equal(r.headers['lambda-runtime-cognito-identity'], undefined, 'empty values are omitted');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(nexts, 1);
  });

  test('/init/error after init is refused (403)', async () => {
    const r = await call(addr, 'POST', '/runtime/init/error', '{}');
    assert.equal(r.status, 403);
    assert.equal(initErrors.length, 0);
  });

  test('a response for another request id is refused (400 InvalidRequestID)', async () => {
    const r = await call(addr, 'POST', '/runtime/invocation/other/response', '{}');
    assert.equal(r.status, 400);
    assert.deepEqual(JSON.parse(r.body), { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
  });

  test('the response is accepted once (202), a second time refused (400)', async () => {
    const ok = await call(addr, 'POST', '/runtime/invocation/req-1/response', '{"done":true}');
    assert.equal(ok.status, 202);
    assert.deepEqual(JSON.parse(ok.body), { status: 'OK' });
    assert.equal(outcomes.at(-1)![0], 'req-1');
    assert.equal((outcomes.at(-1)![1] as { body: Buffer }).body.toString(), '{"done":true}');
    const again = await call(addr, 'POST', '/runtime/invocation/req-1/error', '{}');
    assert.equal(again.status, 400);
    assert.equal(JSON.parse(again.body).errorType, 'InvalidRequestID');
  });

  test('an error post carries the error type header', async () => {
    const next = call(addr, 'GET', '/runtime/invocation/next');
    server.deliver({ requestId: 'req-2', payload: Buffer.from('{}'), deadlineMs: 1, invokedFunctionArn: 'arn' });
    await next;
    const r = await call(addr, 'POST', '/runtime/invocation/req-2/error', '{"errorType":"E","errorMessage":"m"}', { 'Lambda-Runtime-Function-Error-Type': 'Runtime.Custom' });
    assert.equal(r.status, 202);
    const o = outcomes.at(-1)![1];
    assert.equal(o.kind, 'error');
    assert.equal((o as { errorType: string }).errorType, 'Runtime.Custom');
  });

  test('a bad response mode header is refused (400) and fails the invocation', async () => {
    const next = call(addr, 'GET', '/runtime/invocation/next');
    server.deliver({ requestId: 'req-3', payload: Buffer.from('{}'), deadlineMs: 1, invokedFunctionArn: 'arn' });
    await next;
    const r = await call(addr, 'POST', '/runtime/invocation/req-3/response', '{}', { 'Lambda-Runtime-Function-Response-Mode': 'bogus' });
    assert.equal(r.status, 400);
    assert.deepEqual(JSON.parse(r.body), { errorMessage: 'Invalid function response mode', errorType: 'InvalidFunctionResponseMode' });
    assert.equal(outcomes.at(-1)![1].kind, 'invalidResponseMode');
  });

  test('a response over 6 MB + 100 bytes is refused (413)', async () => {
    const next = call(addr, 'GET', '/runtime/invocation/next');
    server.deliver({ requestId: 'req-4', payload: Buffer.from('{}'), deadlineMs: 1, invokedFunctionArn: 'arn' });
    await next;
    const r = await call(addr, 'POST', '/runtime/invocation/req-4/response', Buffer.alloc(6 * 1024 * 1024 + 101, 0x61));
    assert.equal(r.status, 413);
    assert.deepEqual(JSON.parse(r.body), { errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).', errorType: 'RequestEntityTooLarge' });
    assert.equal(outcomes.at(-1)![1].kind, 'responseTooLarge');
  });

  test('unknown paths are 404', async () => {
    const r = await call(addr, 'GET', '/runtime/whatever');
    assert.equal(r.status, 404);
  });
});

describe('Runtime API server during init', () => {
  test('an init error is accepted once (202) and reported', async () => {
    const errors: Array<[string, string | undefined]> = [];
    const s = new RuntimeApiServer({ onNext: () => undefined, onDelivered: () => undefined, onInitError: (b, t) => errors.push([b.toString(), t]), onOutcome: () => undefined });
    const a = await s.listen();
    try {
      const r = await call(a, 'POST', '/runtime/init/error', '{"errorType":"Runtime.ImportModuleError","errorMessage":"x"}', { 'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError' });
      assert.equal(r.status, 202);
      assert.deepEqual(errors, [['{"errorType":"Runtime.ImportModuleError","errorMessage":"x"}', 'Runtime.ImportModuleError']]);
      const again = await call(a, 'POST', '/runtime/init/error', '{}');
      assert.equal(again.status, 403);
    } finally {
      await s.close();
    }
  });
});
