// Integration: the Runtime API over its abstract Unix socket (Linux), which our own runtimes use and which
// localHttp.ts parses by hand: split writes, pipelined requests, the size limit, and what it hands to
// node:http (a chunked body, a malformed request), spoken byte for byte over a real socket.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { RuntimeApiServer, type InvocationOutcome } from '../../src/core/runtime/runtimeApiServer';
import { waitFor } from './helpers/engine';

/** A raw connection to the local socket: what it received so far, as latin1 text. */
function localConnection(name: string): Promise<{ socket: Socket; text: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path: `\0${name.slice(1)}` }, () => {
      socket.removeListener('error', reject);
      resolve({ socket, text: () => Buffer.concat(received).toString('latin1'), closed });
    });
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    const closed = new Promise<void>((res) => socket.on('close', () => res()));
    socket.on('error', reject);
  });
}

const count = (text: string, what: string): number => text.split(what).length - 1;

describe('Runtime API over the local socket', { skip: process.platform !== 'linux' && 'abstract Unix sockets are Linux-only', timeout: 20_000 }, () => {
  let server: RuntimeApiServer;
  let base: string;
  let local: string;
  const outcomes: Array<[string, InvocationOutcome]> = [];
  let n = 0;

  // A server per test: each leaves its runtime in a state of its own.
  beforeEach(async () => {
    server = new RuntimeApiServer({ onNext: () => undefined, onDelivered: () => undefined, onInitError: () => undefined, onOutcome: (id, o) => outcomes.push([id, o]) });
    const addr = await server.listen();
    base = addr.slice(addr.indexOf('/'));
    local = server.localSocket!;
    assert.ok(local, 'the server has a local socket on Linux');
  });
  afterEach(() => server.close());

  const next = `GET /BASE/2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n`;
  const req = (text: string): string => text.replace('/BASE', base);
  /** Delivers an event and returns its id; the connection's pending /next gets it. */
  const deliver = (payload: string): string => {
    const requestId = `local-${++n}`;
    server.deliver({ requestId, payload: Buffer.from(payload), deadlineMs: 1, invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' });
    return requestId;
  };

  test('a response whose head and body arrive in several writes is read whole, then the pipelined /next gets the next event', async () => {
    const c = await localConnection(local);
    try {
      c.socket.write(req(next));
      const id = deliver('{"first":true}');
      assert.ok(await waitFor(() => c.text().includes('{"first":true}')), 'the /next got the event');
      assert.match(c.text(), new RegExp(`^HTTP/1\\.1 200 OK\\r\\n[\\s\\S]*Lambda-Runtime-Aws-Request-Id: ${id}\\r\\n[\\s\\S]*Content-Length: 14\\r\\n`));
      const body = '{"answer":"split across writes"}';
      const post = req(`POST /BASE/2018-06-01/runtime/invocation/${id}/response HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      for (const part of [post.slice(0, 9), post.slice(9, 60), post.slice(60), body.slice(0, 5), body.slice(5) + req(next)]) {
        c.socket.write(part);
        await new Promise((r) => setTimeout(r, 5));
      }
      assert.ok(await waitFor(() => c.text().includes('{"status":"OK"}')), 'the answer got its 202');
      assert.deepEqual(outcomes.at(-1), [id, { kind: 'response', body: Buffer.from(body), contentType: 'application/json' }]);
      const id2 = deliver('{"second":true}');
      assert.ok(await waitFor(() => c.text().includes('{"second":true}')), 'the pipelined /next got the next event');
      const text = c.text();
      assert.ok(text.indexOf('HTTP/1.1 202 Accepted') < text.indexOf(`Lambda-Runtime-Aws-Request-Id: ${id2}`), '202 first, then the next event');
      assert.equal(count(text, 'HTTP/1.1 '), 3);
    } finally {
      c.socket.destroy();
    }
  });

  test('a response over 6 MB + 100 bytes is refused (413) and fails the invocation', async () => {
    const c = await localConnection(local);
    try {
      c.socket.write(req(next));
      const id = deliver('{}');
      assert.ok(await waitFor(() => c.text().includes('\r\n\r\n{}')));
      const size = 6 * 1024 * 1024 + 101;
      c.socket.write(req(`POST /BASE/2018-06-01/runtime/invocation/${id}/response HTTP/1.1\r\nHost: x\r\nContent-Length: ${size}\r\n\r\n`));
      c.socket.write(Buffer.alloc(size, 0x61));
      assert.ok(await waitFor(() => c.text().includes('RequestEntityTooLarge')), 'the oversized answer got its 413');
      assert.match(c.text(), /HTTP\/1\.1 413 Payload Too Large\r\n/);
      assert.deepEqual(outcomes.at(-1), [id, { kind: 'responseTooLarge', size }]);
    } finally {
      c.socket.destroy();
    }
  });

  test('a chunked response is handed to node:http, which reads it whole (202)', async () => {
    const c = await localConnection(local);
    try {
      c.socket.write(req(next));
      const id = deliver('{}');
      assert.ok(await waitFor(() => c.text().includes('\r\n\r\n{}')));
      // A fresh connection for the chunked answer: the hand-over happens at a request boundary.
      const d = await localConnection(local);
      try {
        d.socket.write(req(`POST /BASE/2018-06-01/runtime/invocation/${id}/response HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n2\r\n1}\r\n0\r\n\r\n`));
        assert.ok(await waitFor(() => d.text().includes('{"status":"OK"}')), 'node:http answered the chunked request');
        assert.match(d.text(), /^HTTP\/1\.1 202 Accepted\r\n/);
        assert.equal((outcomes.at(-1)![1] as { body: Buffer }).body.toString(), '{"a":1}');
      } finally {
        d.socket.destroy();
      }
    } finally {
      c.socket.destroy();
    }
  });

  test('a malformed request gets node:http\'s 400 and the connection closes; the server serves the next one', async () => {
    const c = await localConnection(local);
    c.socket.write('NOT HTTP AT ALL\r\n\r\n');
    await c.closed;
    assert.match(c.text(), /^HTTP\/1\.1 400 Bad Request\r\n/);
    const d = await localConnection(local);
    try {
      d.socket.write(req(`GET /BASE/2018-06-01/ping HTTP/1.1\r\nHost: x\r\n\r\n`));
      assert.ok(await waitFor(() => d.text().endsWith('pong')), 'a later connection is served');
    } finally {
      d.socket.destroy();
    }
  });
});
