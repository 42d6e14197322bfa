// Integration: the Runtime API server's paths, headers, status codes and error bodies (§1.2–§1.5),
// driven over real HTTP the way a runtime client drives it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { availableParallelism } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { eventsOut, SPIN_WINDOW_MS } from '../../src/core/runtime/answerSpin';
import { RuntimeApiServer, type InvocationOutcome } from '../../src/core/runtime/runtimeApiServer';
import { waitFor } from './helpers/engine';
import { refused } from './helpers/runtimeApiRefusal';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** `addr` is AWS_LAMBDA_RUNTIME_API: host:port, optionally followed by a base path (the environment's secret). */
function call(addr: string, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  const { host, port, base } = splitAddress(addr);
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method, path: `${base}/2018-06-01${path}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function splitAddress(addr: string): { host: string; port: number; base: string } {
  const slash = addr.indexOf('/');
  const hostPort = slash < 0 ? addr : addr.slice(0, slash);
  const colon = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, colon), port: Number(hostPort.slice(colon + 1)), base: slash < 0 ? '' : addr.slice(slash) };
}

/** host:port of an address, without its secret: what another local process can find out (e.g. by scanning ports). */
function withoutSecret(addr: string): string {
  const { host, port } = splitAddress(addr);
  return `${host}:${port}`;
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

  test('listens on 127.0.0.1 only, at an address with a secret path segment', () => {
    assert.match(addr, /^127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}$/);
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
    // With a core spare, the runtime may wait for its next event awake for a moment (answerSpin.ts); not on one core.
    assert.equal(r.headers['lambda-workbench-spin-us'], availableParallelism() > 1 ? String(SPIN_WINDOW_MS * 1000) : undefined);
    assert.equal(eventsOut(), 1, 'the event is out until it is answered');
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
    assert.equal(eventsOut(), 0, 'answered: no longer out');
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

  test('a response and the next GET /next in one write (pipelined) are served in order: 202, then the next event', async () => {
    const next = call(addr, 'GET', '/runtime/invocation/next');
    server.deliver({ requestId: 'req-5', payload: Buffer.from('{}'), deadlineMs: 1, invokedFunctionArn: 'arn' });
    await next;
    const { host, port, base } = splitAddress(addr);
    const socket = connect({ host, port });
    const body = '{"pipelined":true}';
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    const text = () => Buffer.concat(received).toString();
    try {
      socket.write(
        `POST ${base}/2018-06-01/runtime/invocation/req-5/response HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
          `GET ${base}/2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n`,
      );
      assert.ok(await waitFor(() => text().includes('{"status":"OK"}')), 'the answer got its 202');
      assert.equal(outcomes.at(-1)![0], 'req-5');
      assert.equal((outcomes.at(-1)![1] as { body: Buffer }).body.toString(), body);
      assert.match(text(), /^HTTP\/1\.1 202 /, 'no 403 for the /next that arrived while the answer was read');
      server.deliver({ requestId: 'req-6', payload: Buffer.from('{"n":6}'), deadlineMs: 1, invokedFunctionArn: 'arn' });
      assert.ok(await waitFor(() => text().includes('{"n":6}')), 'the pipelined /next got the next event');
      assert.match(text(), /HTTP\/1\.1 200 OK[\s\S]*Lambda-Runtime-Aws-Request-Id: req-6/i);
      const r = await call(addr, 'POST', '/runtime/invocation/req-6/response', '{}');
      assert.equal(r.status, 202);
    } finally {
      socket.destroy();
    }
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


/** One kept-alive HTTP/1.1 connection, spoken by hand so the test sees exactly when the server closes it. */
/** A raw connection to `addr`, or with `localSocket` ("@name") to the server's abstract Unix socket. */
function rawConnection(addr: string, localSocket?: string): Promise<{ send(method: string, path: string): Promise<string>; closed: Promise<void>; received: () => string }> {
  const { host, port } = splitAddress(addr);
  return new Promise((resolve, reject) => {
    const socket = connect(localSocket ? { path: `\0${localSocket.slice(1)}` } : { host, port }, () => {
      let received = '';
      let waiter: ((text: string) => void) | undefined;
      socket.on('data', (d: Buffer) => {
        received += d.toString('latin1');
        const end = received.indexOf('\r\n\r\n');
        const length = /content-length: (\d+)/i.exec(received)?.[1];
        if (waiter && end >= 0 && length !== undefined && received.length >= end + 4 + Number(length)) {
          const w = waiter;
          waiter = undefined;
          const text = received;
          received = '';
          w(text);
        }
      });
      const closed = new Promise<void>((res) => socket.on('close', () => res()));
      socket.on('error', () => undefined);
      resolve({
        send: (method, path) =>
          new Promise((res) => {
            waiter = res;
            socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`);
          }),
        closed,
        received: () => received,
      });
    });
    socket.on('error', reject);
  });
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);
}

describe('Runtime API secret and generations', () => {
  // On a server that accepts what it should refuse, a /next would wait for an event forever.
  const limit = { timeout: 10_000 };
  const event = { requestId: 'req-s', payload: Buffer.from('{"s":1}'), deadlineMs: 1, invokedFunctionArn: 'arn' };

  function newServer(): { s: RuntimeApiServer; seen: string[] } {
    const seen: string[] = [];
    const s = new RuntimeApiServer({
      onNext: () => seen.push('next'),
      onDelivered: (id) => seen.push(`delivered ${id}`),
      onInitError: () => seen.push('init error'),
      onOutcome: (id, o) => seen.push(`outcome ${id} ${o.kind}`),
      onDebuggerState: (st) => seen.push(`debugger ${JSON.stringify(st)}`),
    });
    return { s, seen };
  }

  test('a request without the secret, or with a wrong one, is refused (403) and changes nothing', limit, async () => {
    const { s, seen } = newServer();
    const addr = await s.listen();
    try {
      const bare = withoutSecret(addr);
      const wrong = `${bare}/${'A'.repeat(32)}`;
      const attempts: Array<[string, string, string, string | undefined]> = [
        [bare, 'GET', '/runtime/invocation/next', undefined],
        [bare, 'POST', '/runtime/init/error', '{"errorType":"X","errorMessage":"spoofed"}'],
        [bare, 'POST', '/runtime/invocation/req-s/response', '"spoofed"'],
        [bare, 'POST', '/workbench/debugger', '{"attached":true}'],
        [bare, 'GET', '/ping', undefined],
        [wrong, 'GET', '/runtime/invocation/next', undefined],
        [wrong, 'POST', '/runtime/init/error', '{}'],
      ];
      for (const [a, method, path, body] of attempts) {
        const r = await call(a, method, path, body);
        const url = `${splitAddress(a).base}/2018-06-01${path}`;
        assert.equal(r.status, 403, `${method} ${url}`);
        assert.equal(r.headers['content-type'], 'application/json');
        assert.deepEqual(JSON.parse(r.body), refused(method, url));
      }
      assert.deepEqual(seen, []);
      // Still in Init: the runtime's own /next is the first and takes the event.
      const next = call(addr, 'GET', '/runtime/invocation/next');
      await new Promise((r) => setTimeout(r, 20));
      s.deliver(event);
      assert.equal((await next).status, 200);
      const spoofed = await call(bare, 'POST', '/runtime/invocation/req-s/response', '"spoofed"');
      assert.equal(spoofed.status, 403);
      assert.deepEqual(JSON.parse(spoofed.body), refused('POST', '/2018-06-01/runtime/invocation/req-s/response'));
      const real = await call(addr, 'POST', '/runtime/invocation/req-s/response', '"real"');
      assert.equal(real.status, 202);
      assert.deepEqual(seen, ['next', 'delivered req-s', 'outcome req-s response']);
    } finally {
      await s.close();
    }
  });

  test('each reset makes a new secret; the previous one is refused', limit, async () => {
    const { s } = newServer();
    const first = await s.listen();
    try {
      assert.equal(s.address, first);
      s.reset();
      const second = s.address;
      assert.notEqual(second, first);
      assert.equal(withoutSecret(second), withoutSecret(first));
      assert.match(second, /^127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}$/);
      const old = await call(first, 'GET', '/ping');
      assert.equal(old.status, 403);
      assert.deepEqual(JSON.parse(old.body), refused('GET', `${splitAddress(first).base}/2018-06-01/ping`));
      const now = await call(second, 'GET', '/ping');
      assert.deepEqual([now.status, now.body], [200, 'pong']);
    } finally {
      await s.close();
    }
  });

  test('a reset closes the previous runtime\'s connections, unused, idle and waiting on /next; its event goes to the new runtime', limit, async () => {
    const { s, seen } = newServer();
    const addr = await s.listen();
    try {
      const base = splitAddress(addr).base;
      const unused = await rawConnection(addr);
      const idle = await rawConnection(addr);
      assert.match(await idle.send('GET', `${base}/2018-06-01/ping`), /^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\npong$/);
      const waiting = await rawConnection(addr);
      void waiting.send('GET', `${base}/2018-06-01/runtime/invocation/next`);
      assert.ok(await waitFor(() => seen.includes('next')), 'the /next reached the server');
      s.reset();
      await within(unused.closed, 1000, 'a connection of the previous runtime that sent nothing yet is closed');
      await within(idle.closed, 1000, 'the idle keep-alive connection of the previous runtime is closed');
      await within(waiting.closed, 1000, 'the previous runtime\'s pending /next is closed');
      assert.equal(waiting.received(), '');
      s.deliver(event);
      const next = await call(s.address, 'GET', '/runtime/invocation/next');
      assert.equal(next.status, 200);
      assert.equal(next.headers['lambda-runtime-aws-request-id'], 'req-s');
      assert.deepEqual(seen, ['next', 'delivered req-s', 'next']);
    } finally {
      await s.close();
    }
  });

  test('our runtimes\' local socket (Linux) serves the same API: the secret is required, a reset closes its connections', { ...limit, skip: process.platform !== 'linux' && 'abstract Unix sockets are Linux-only' }, async () => {
    const { s, seen } = newServer();
    const addr = await s.listen();
    try {
      const local = s.localSocket;
      assert.match(local ?? '', /^@lambda-workbench-rapi-\d+-[A-Za-z0-9_-]+$/);
      const base = splitAddress(addr).base;
      const stranger = await rawConnection(addr, local);
      assert.match(await stranger.send('GET', '/2018-06-01/runtime/invocation/next'), /^HTTP\/1\.1 403 /);
      assert.equal(seen.length, 0, 'a request without the secret changes nothing');
      const own = await rawConnection(addr, local);
      const next = own.send('GET', `${base}/2018-06-01/runtime/invocation/next`);
      assert.ok(await waitFor(() => seen.includes('next')), 'the /next over the local socket reached the server');
      s.deliver(event);
      const reply = await next;
      assert.match(reply, /^HTTP\/1\.1 200 OK\r\n/);
      assert.match(reply, /lambda-runtime-aws-request-id: req-s\r\n/i);
      assert.ok(reply.endsWith('{"s":1}'));
      s.reset();
      await within(own.closed, 1000, 'the previous runtime\'s local connection is closed by a reset');
      await within(stranger.closed, 1000, 'every local connection is closed by a reset');
    } finally {
      await s.close();
    }
  });

  test('a runtime whose client drops the path (host:port only) is known by its socket; other processes are not', limit, async () => {
    const { s, seen } = newServer();
    const addr = await s.listen();
    try {
      const bare = withoutSecret(addr);
      // A stand-in for clients such as aws-lambda-ric 4.x, which accept only host:port in AWS_LAMBDA_RUNTIME_API.
      const script = `require('node:http').get('http://${bare}/2018-06-01/runtime/invocation/next', (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => process.stdout.write(JSON.stringify({ status: res.statusCode, id: res.headers['lambda-runtime-aws-request-id'], body: b }))); });`;
      const runtime = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      s.runtimeStarted(runtime.pid);
      const stranger = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      const output = (c: typeof runtime) => new Promise<string>((res) => {
        let out = '';
        c.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        c.on('close', () => res(out));
      });
      const [fromRuntime, fromStranger] = [output(runtime), output(stranger)];
      assert.deepEqual(JSON.parse(await fromStranger), { status: 403, body: JSON.stringify(refused('GET', '/2018-06-01/runtime/invocation/next')) });
      assert.ok(await waitFor(() => seen.includes('next'), 10_000), 'the runtime\'s /next reached the server');
      s.deliver(event);
      assert.deepEqual(JSON.parse(await fromRuntime), { status: 200, id: 'req-s', body: '{"s":1}' });
      assert.deepEqual(seen, ['next', 'delivered req-s']);
    } finally {
      await s.close();
    }
  });
});
